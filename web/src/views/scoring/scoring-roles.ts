import { BUREAU_ROLES, type Role } from '@shared/domain/roles.ts';

/** Who scores (考核评分): assessor units' staff, the third party (its surveys), the bureau (the indicators it scores itself). */
export const SCORING_ROLES: readonly Role[] = ['assessor_staff', 'third_party', ...BUREAU_ROLES];
/** Who follows every assessor unit's progress: the bureau. */
export const SCORING_PROGRESS_ROLES: readonly Role[] = BUREAU_ROLES;
