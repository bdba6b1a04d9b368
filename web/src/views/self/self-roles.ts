import { BUREAU_ROLES, type Role } from '@shared/domain/roles.ts';

/** Who fills in 单位自评: the unit's filer and leader (the leader alone submits). */
export const SELF_UNIT_ROLES: readonly Role[] = ['unit_staff', 'unit_leader'];
/** Who lists every unit's self-assessment, confirms or returns it: the bureau. */
export const SELF_BUREAU_ROLES: readonly Role[] = BUREAU_ROLES;
/** Who reads the submitted self-assessments of the indicators it assesses. */
export const SELF_ASSESSOR_ROLES: readonly Role[] = ['assessor_staff'];
