// A unit's goals of a cycle (drafting, submission) and the bureau's review, called by their contracts.
import { goalRoutes, type ReviewGoalsBody, type SaveGoalBody } from '@shared/contracts/goals.ts';
import type { CallOutput } from '@shared/contracts/define.ts';
import { call } from './call';

export type { GoalView, ReviewGoalsBody, SaveGoalBody, UnitGoalsView } from '@shared/contracts/goals.ts';
export type { GoalStatus, Milestone } from '@shared/model/goal.ts';
export type GoalLeaf = CallOutput<typeof goalRoutes.getUnitGoals>['leaves'][number];
export type CoverageProblem = CallOutput<typeof goalRoutes.getUnitGoals>['problems'][number];
export type GoalSetRow = CallOutput<typeof goalRoutes.listGoalSets>['items'][number];

const at = (regionId: string, cycleId: string, unitId: string) => ({ regionId, cycleId, unitId });

/** 单位的目标、所覆盖的方案指标及缺漏 */
export const getUnitGoalsApi = (regionId: string, cycleId: string, unitId: string) => call(goalRoutes.getUnitGoals, { params: at(regionId, cycleId, unitId) });

/** 保存一项目标草稿（错误由编辑框显示） */
export const saveGoalApi = (regionId: string, cycleId: string, unitId: string, indicatorId: string, body: SaveGoalBody) =>
  call(goalRoutes.saveGoal, { params: { ...at(regionId, cycleId, unitId), indicatorId }, body }, { silent: true });

/** 删除一项目标草稿（现行方案已无该指标时） */
export const removeGoalApi = (regionId: string, cycleId: string, unitId: string, indicatorId: string, version: number) =>
  call(goalRoutes.removeGoal, { params: { ...at(regionId, cycleId, unitId), indicatorId }, body: { version } });

/** 报送目标（不完整时的问题由页面列出） */
export const submitGoalsApi = (regionId: string, cycleId: string, unitId: string, version: number) =>
  call(goalRoutes.submitGoals, { params: at(regionId, cycleId, unitId), body: { version } }, { silent: true });

/** 审定目标或逐项退回 */
export const reviewGoalsApi = (regionId: string, cycleId: string, unitId: string, body: ReviewGoalsBody) =>
  call(goalRoutes.reviewGoals, { params: at(regionId, cycleId, unitId), body }, { silent: true });

/** 目标审核队列 */
export const listGoalSetsApi = (regionId: string, cycleId: string) => call(goalRoutes.listGoalSets, { params: { regionId, cycleId } });
