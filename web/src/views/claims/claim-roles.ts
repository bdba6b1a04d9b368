import { BUREAU_ROLES, type Role } from '@shared/domain/roles.ts';

/** 加减分（本单位）: the unit's filer and leader. */
export const CLAIM_UNIT_ROLES: readonly Role[] = ['unit_staff', 'unit_leader'];
/** 扣分登记: assessor units and the bureau raise deductions (Art 20). */
export const DEDUCTION_RAISER_ROLES: readonly Role[] = ['assessor_staff', ...BUREAU_ROLES];
