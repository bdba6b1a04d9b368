import { BUREAU_ROLES, type Role } from '@shared/domain/roles.ts';

/** Who fills in 进度填报: the unit's filer and leader (the leader also approves). */
export const PROGRESS_UNIT_ROLES: readonly Role[] = ['unit_staff', 'unit_leader'];
/** Who reads every unit's reports: the bureau. */
export const PROGRESS_BUREAU_ROLES: readonly Role[] = BUREAU_ROLES;
/** Who reads the approved reports of the indicators it assesses. */
export const PROGRESS_ASSESSOR_ROLES: readonly Role[] = ['assessor_staff'];
