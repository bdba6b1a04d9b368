// An assessor unit's common-indicator targets (the table of per-unit targets, saved row by row or
// whole) and the goal sheet imports, called by their contracts.
import { assessorGoalRoutes, type CommonRow } from '@shared/contracts/assessor-goals.ts';
import { call } from './call';

export type { CommonGoalRow, CommonGoalsView, CommonIndicatorView, CommonRow } from '@shared/contracts/assessor-goals.ts';

const at = (regionId: string, cycleId: string, unitId: string) => ({ regionId, cycleId, unitId });

/** 考评单位负责制定目标的共性指标及各单位目标 */
export const getCommonGoalsApi = (regionId: string, cycleId: string, assessorUnitId: string) => call(assessorGoalRoutes.getCommonGoals, { params: at(regionId, cycleId, assessorUnitId) });

/** 保存一行（错误由表格行显示） */
export const saveCommonGoalApi = (regionId: string, cycleId: string, assessorUnitId: string, indicatorId: string, body: CommonRow) =>
  call(assessorGoalRoutes.saveCommonGoal, { params: { ...at(regionId, cycleId, assessorUnitId), indicatorId }, body }, { silent: true });

/** 整表保存（任一行有误则全部不保存，错误由表格行显示） */
export const saveCommonGoalsApi = (regionId: string, cycleId: string, assessorUnitId: string, indicatorId: string, rows: CommonRow[]) =>
  call(assessorGoalRoutes.saveCommonGoals, { params: { ...at(regionId, cycleId, assessorUnitId), indicatorId }, body: { rows } }, { silent: true });

/** 从表格导入共性指标目标（dryRun：只检查） */
export const importCommonGoalsApi = (regionId: string, cycleId: string, assessorUnitId: string, rows: string[][], dryRun: boolean) =>
  call(assessorGoalRoutes.importCommonGoals, { params: at(regionId, cycleId, assessorUnitId), body: { rows, dryRun } }, { silent: true });

/** 从表格导入本单位目标（dryRun：只检查） */
export const importUnitGoalsApi = (regionId: string, cycleId: string, unitId: string, rows: string[][], dryRun: boolean) =>
  call(assessorGoalRoutes.importUnitGoals, { params: at(regionId, cycleId, unitId), body: { rows, dryRun } }, { silent: true });
