// Adjusting an approved goal (Art 11): the unit (its filer drafts, its leader submits) or the goal's
// assessor unit requests it with a reason class and an explanation; the bureau leader approves (the
// goal's next revision) or rejects with an opinion. Rules: domain/goal-adjustments.ts; storage:
// data/goal-adjustments.ts.
import { adjustmentRecord, explanationText, goalRevisionRecord, opinionText } from '../model/goal-adjustment.ts';
import { adjustmentReason, goalFields } from '../model/goal.ts';
import { BUREAU_ROLES } from '../domain/roles.ts';
import { goalView } from './goals.ts';
import { bureau, bureauLeader, only } from './access.ts';
import { route } from './define.ts';
import { cycleUnitPath, cyclePath, goalAdjustmentPath, goalPath } from './paths.ts';
import { z } from './zod.ts';

const goalVersion = z.number().int().min(1);
/** A request as the unit or the assessor unit makes it, against the goal's version as read. */
export const requestAdjustmentBody = z.object({
  reason: adjustmentReason,
  explanation: explanationText,
  proposed: goalFields,
  goalVersion,
});
/** The unit's request: its leader may send it on at once (`submit`); its filer saves a draft for the leader. */
export const requestUnitAdjustmentBody = requestAdjustmentBody.extend({ submit: z.boolean().default(false) });
export type RequestUnitAdjustmentBody = z.input<typeof requestUnitAdjustmentBody>;

const requestVersion = z.number().int().min(1);
export const adjustmentVersionBody = z.object({ version: requestVersion });
export const decideAdjustmentBody = z.object({ decision: z.enum(['approve', 'reject']), opinion: opinionText, version: requestVersion });
export type DecideAdjustmentBody = z.infer<typeof decideAdjustmentBody>;

export const adjustmentView = adjustmentRecord.omit({ regionId: true });
export type AdjustmentView = z.infer<typeof adjustmentView>;
export const goalRevisionView = goalRevisionRecord.omit({ regionId: true, returnedAs: true });
export type GoalRevisionView = z.infer<typeof goalRevisionView>;

/** A unit's requests (all statuses) and the revisions approvals replaced: the history of its goals. */
export const unitAdjustmentsView = z.object({ requests: z.array(adjustmentView), revisions: z.array(goalRevisionView) });
export type UnitAdjustmentsView = z.infer<typeof unitAdjustmentsView>;

/** The bureau sees what was sent to it, never a unit's draft. */
export const QUEUE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const adjustmentQueueQuery = z.object({
  status: z.enum(QUEUE_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const adjustmentQueueView = z.object({
  items: z.array(adjustmentView),
  /** Requests of the status asked for (all statuses when none), before paging. */
  total: z.number().int().min(0),
  totals: z.object({ pending: z.number(), approved: z.number(), rejected: z.number(), withdrawn: z.number() }),
});
export type AdjustmentQueueView = z.infer<typeof adjustmentQueueView>;

/** An approved goal an assessor unit assesses, with its open request if any (a unit's or its own). */
export const assessedGoal = z.object({
  unitName: z.string(),
  categoryName: z.string(),
  indicatorName: z.string(),
  goal: goalView,
  open: adjustmentView.pick({ adjustmentId: true, status: true, requesterKind: true }).optional(),
});
/** The approved goals the caller's assessor unit assesses, and the requests it made. */
export const assessedGoalsView = z.object({ items: z.array(assessedGoal), requests: z.array(adjustmentView) });
export type AssessedGoalsView = z.infer<typeof assessedGoalsView>;

const unitAdjusters = only(['unit_staff', 'unit_leader'], 'ownUnit');
const adjustmentReaders = only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit');
const adjustments = '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/goals/{indicatorId}/adjustments';

export const goalAdjustmentRoutes = {
  requestGoalAdjustment: route({ method: 'POST', path: adjustments, group: 'goals', access: unitAdjusters, params: goalPath, body: requestUnitAdjustmentBody, output: adjustmentView, summary: '单位申请调整已审定的目标（填报员起草，负责人报送）' }),
  requestAssessedGoalAdjustment: route({
    method: 'POST',
    path: '/regions/{regionId}/cycles/{cycleId}/assessed/{unitId}/goals/{indicatorId}/adjustments',
    group: 'goals',
    access: only(['assessor_staff'], 'assessorOf'),
    params: goalPath,
    body: requestAdjustmentBody,
    output: adjustmentView,
    summary: '考评单位申请调整其考评指标的目标',
  }),
  submitGoalAdjustment: route({ method: 'POST', path: `${adjustments}/{adjustmentId}/submit`, group: 'goals', access: only(['unit_leader'], 'ownUnit'), params: goalAdjustmentPath, body: adjustmentVersionBody, output: adjustmentView, summary: '单位负责人报送目标调整申请' }),
  withdrawAssessedGoalAdjustment: route({
    method: 'POST',
    path: '/regions/{regionId}/cycles/{cycleId}/assessed/{unitId}/goals/{indicatorId}/adjustments/{adjustmentId}/withdraw',
    group: 'goals',
    access: only(['assessor_staff'], 'assessorOf'),
    params: goalAdjustmentPath,
    body: adjustmentVersionBody,
    output: adjustmentView,
    summary: '考评单位撤回本单位提出、尚未审批的目标调整申请',
  }),
  withdrawGoalAdjustment: route({ method: 'POST', path: `${adjustments}/{adjustmentId}/withdraw`, group: 'goals', access: unitAdjusters, params: goalAdjustmentPath, body: adjustmentVersionBody, output: adjustmentView, summary: '单位撤回尚未审批的目标调整申请' }),
  decideGoalAdjustment: route({ method: 'POST', path: `${adjustments}/{adjustmentId}/decision`, group: 'goals', access: bureauLeader, params: goalAdjustmentPath, body: decideAdjustmentBody, output: adjustmentView, summary: '绩效办领导审批目标调整申请' }),
  listUnitGoalAdjustments: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/goal-adjustments', group: 'goals', access: adjustmentReaders, params: cycleUnitPath, output: unitAdjustmentsView, summary: '单位的目标调整申请与目标历史版本' }),
  listAssessedGoals: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/assessed-goals', group: 'goals', access: only(['assessor_staff'], 'assessorOf'), params: cyclePath, output: assessedGoalsView, summary: '考评单位所考评的已审定目标及其调整申请' }),
  listGoalAdjustments: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/goal-adjustments', group: 'goals', access: bureau, params: cyclePath, query: adjustmentQueueQuery, output: adjustmentQueueView, summary: '绩效办的目标调整申请队列' }),
};
