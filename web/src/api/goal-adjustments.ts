// Adjusting approved goals (Art 11): the unit's and the assessor unit's requests, the bureau leader's decision.
import { goalAdjustmentRoutes, type DecideAdjustmentBody, type RequestUnitAdjustmentBody } from '@shared/contracts/goal-adjustments.ts';
import { call } from './call';

export type { AdjustmentView, AdjustmentQueueView, AssessedGoalsView, GoalRevisionView, UnitAdjustmentsView, DecideAdjustmentBody, RequestUnitAdjustmentBody } from '@shared/contracts/goal-adjustments.ts';
export type { AdjustmentReason } from '@shared/model/goal.ts';
export type { AdjustmentStatus } from '@shared/model/goal-adjustment.ts';
export { ADJUSTMENT_REASONS } from '@shared/model/goal.ts';

const goal = (regionId: string, cycleId: string, unitId: string, indicatorId: string) => ({ regionId, cycleId, unitId, indicatorId });

/** 单位申请调整目标（填报员起草，负责人可直接报送；错误由对话框显示） */
export const requestAdjustmentApi = (regionId: string, cycleId: string, unitId: string, indicatorId: string, body: RequestUnitAdjustmentBody) =>
  call(goalAdjustmentRoutes.requestGoalAdjustment, { params: goal(regionId, cycleId, unitId, indicatorId), body }, { silent: true });

/** 考评单位申请调整其考评指标的目标（直接报送；错误由对话框显示） */
export const requestAssessedAdjustmentApi = (regionId: string, cycleId: string, unitId: string, indicatorId: string, body: RequestUnitAdjustmentBody) => {
  const { submit: _submit, ...rest } = body;
  return call(goalAdjustmentRoutes.requestAssessedGoalAdjustment, { params: goal(regionId, cycleId, unitId, indicatorId), body: rest }, { silent: true });
};

/** 考评单位所考评的已审定目标及其调整申请 */
export const listAssessedGoalsApi = (regionId: string, cycleId: string) => call(goalAdjustmentRoutes.listAssessedGoals, { params: { regionId, cycleId } });

/** 单位负责人报送调整申请 */
export const submitAdjustmentApi = (regionId: string, cycleId: string, unitId: string, indicatorId: string, adjustmentId: string, version: number) =>
  call(goalAdjustmentRoutes.submitGoalAdjustment, { params: { ...goal(regionId, cycleId, unitId, indicatorId), adjustmentId }, body: { version } });

/** 撤回尚未审批的调整申请 */
export const withdrawAdjustmentApi = (regionId: string, cycleId: string, unitId: string, indicatorId: string, adjustmentId: string, version: number) =>
  call(goalAdjustmentRoutes.withdrawGoalAdjustment, { params: { ...goal(regionId, cycleId, unitId, indicatorId), adjustmentId }, body: { version } });

/** 绩效办领导审批调整申请 */
export const decideAdjustmentApi = (regionId: string, cycleId: string, unitId: string, indicatorId: string, adjustmentId: string, body: DecideAdjustmentBody) =>
  call(goalAdjustmentRoutes.decideGoalAdjustment, { params: { ...goal(regionId, cycleId, unitId, indicatorId), adjustmentId }, body }, { silent: true });

/** 单位的调整申请与目标历史版本 */
export const listUnitAdjustmentsApi = (regionId: string, cycleId: string, unitId: string) => call(goalAdjustmentRoutes.listUnitGoalAdjustments, { params: { regionId, cycleId, unitId } });

/** 绩效办的调整申请队列 */
export const withdrawAssessedAdjustmentApi = (regionId: string, cycleId: string, unitId: string, indicatorId: string, adjustmentId: string, version: number) =>
  call(goalAdjustmentRoutes.withdrawAssessedGoalAdjustment, { params: { ...goal(regionId, cycleId, unitId, indicatorId), adjustmentId }, body: { version } });
export const listAdjustmentsApi = (regionId: string, cycleId: string, query: { status?: 'pending' | 'approved' | 'rejected' | 'withdrawn'; page: number; limit: number }) =>
  call(goalAdjustmentRoutes.listGoalAdjustments, { params: { regionId, cycleId }, query });
