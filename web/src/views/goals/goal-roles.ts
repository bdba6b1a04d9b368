import type { Role } from '@shared/domain/roles.ts';

/** The roles of a responsible unit that draft (staff) and submit (leader) its goals. */
export const UNIT_GOAL_ROLES: readonly Role[] = ['unit_staff', 'unit_leader'];
