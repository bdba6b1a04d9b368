// Annual reports (Art 24): a unit's report from the confirmed results, and the region report for the bureau.
import { reportRoutes } from '@shared/contracts/reports.ts';
import { call } from './call';

export type { BandView, MissedView, RegionCategoryView, RegionReportView, ReportGroupView, StatsView, UnitReportView } from '@shared/contracts/reports.ts';

type Cycle = { regionId: string; cycleId: string };

/** 单位年度报告（silent：未确认时页面自行说明） */
export const getUnitReportApi = (p: Cycle & { unitId: string }) => call(reportRoutes.getUnitReport, { params: p }, { silent: true });
export const getRegionReportApi = (p: Cycle) => call(reportRoutes.getRegionReport, { params: p });
