import { BUREAU_ROLES, type Role } from '@shared/domain/roles.ts';

/** 年度报告 / 全区报告: the bureau reads every unit's report and the region report. */
export const REPORT_BUREAU_ROLES: readonly Role[] = BUREAU_ROLES;
/** 我的年度报告: a unit's filer and leader read their own (assessor units and the third party none). */
export const REPORT_UNIT_ROLES: readonly Role[] = ['unit_staff', 'unit_leader'];
/** The stages a report belongs to: the cycle a report page opens by default. */
export const REPORT_STAGES = ['report', 'rectification', 'closed'] as const;
