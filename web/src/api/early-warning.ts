// Monitoring and early warning (Art 12), called by their contracts.
import { earlyWarningRoutes } from '@shared/contracts/early-warning.ts';
import { call } from './call';

export type { AssessorWarningsView, DashboardView, UnitWarningsView, WarningView } from '@shared/contracts/early-warning.ts';
export type { WarningCounts, WarningLevel, WarningReason } from '@shared/model/early-warning.ts';

/** 绩效办监测看板 */
export const getDashboardApi = (regionId: string, cycleId: string) => call(earlyWarningRoutes.getDashboard, { params: { regionId, cycleId } });

/** 考评单位：所考评指标的预警 */
export const getAssessorWarningsApi = (regionId: string, cycleId: string, unitId: string) => call(earlyWarningRoutes.getAssessorWarnings, { params: { regionId, cycleId, unitId } });

/** 本单位目标预警及分解任务 */
export const getUnitWarningsApi = (regionId: string, cycleId: string, unitId: string) => call(earlyWarningRoutes.getUnitWarnings, { params: { regionId, cycleId, unitId } });
