import { BUREAU_ROLES, type Role } from '@shared/domain/roles.ts';

/** The roles of a responsible unit that draft (staff) and submit (leader) its goals. */
export const UNIT_GOAL_ROLES: readonly Role[] = ['unit_staff', 'unit_leader'];

/** Who sets an assessor unit's common-indicator targets: its staff, and the bureau on its behalf. */
export const COMMON_GOAL_ROLES: readonly Role[] = ['assessor_staff', ...BUREAU_ROLES];
