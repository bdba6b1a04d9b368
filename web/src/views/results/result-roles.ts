import { BUREAU_ROLES, type Role } from '@shared/domain/roles.ts';

/** 成绩汇总: the bureau computes, reads every unit's result and publishes. */
export const RESULT_BUREAU_ROLES: readonly Role[] = BUREAU_ROLES;
/** 初步结果: a unit's filer and leader read their own once published (assessor units and the third party read no totals). */
export const RESULT_UNIT_ROLES: readonly Role[] = ['unit_staff', 'unit_leader'];
