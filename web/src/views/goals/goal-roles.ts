import { BUREAU_ROLES, type Role } from '@shared/domain/roles.ts';

/** The roles of a responsible unit that draft (staff) and submit (leader) its goals. */
export const UNIT_GOAL_ROLES: readonly Role[] = ['unit_staff', 'unit_leader'];

/** Who opens 目标分解: the unit keeps its decomposition, the bureau reads any unit's. */
export const GOAL_TASK_ROLES: readonly Role[] = [...UNIT_GOAL_ROLES, ...BUREAU_ROLES];

/** Who sets an assessor unit's common-indicator targets: its staff, and the bureau on its behalf. */
export const COMMON_GOAL_ROLES: readonly Role[] = ['assessor_staff', ...BUREAU_ROLES];
