// A unit's goals of a cycle (Art 8–10): the unit drafts them against its category's plan in force,
// its leader submits the set, the bureau approves it or returns goals with a reason each. Rules in
// domain/goals.ts; storage in data/goals.ts.
import { goalCounts, goalFields, goalRecord, goalSetRecord, goalStatus } from '../model/goal.ts';
import { planMethod } from '../model/plan.ts';
import { BUREAU_ROLES } from '../domain/roles.ts';
import { bureau, only } from './access.ts';
import { list, route } from './define.ts';
import { t } from './lang.ts';
import { cyclePath, cycleUnitPath, goalPath } from './paths.ts';
import { text, z } from './zod.ts';

/** A goal as saved: its fields and the version read (0 for a goal not saved yet). */
export const saveGoalBody = goalFields.extend({ version: z.number().int().min(0) });
export type SaveGoalBody = z.infer<typeof saveGoalBody>;

/** The version of the goal as read. */
export const removeGoalBody = z.object({ version: z.number().int().min(1) });

/** The set's version as read: the leader submits, the bureau reviews, exactly what they saw. */
const setVersion = z.number().int().min(1);
export const submitGoalsBody = z.object({ version: setVersion });

export const returnedGoal = z.object({
  indicatorId: goalPath.shape.indicatorId,
  reason: text({ min: 1, max: 500, multiline: true }),
});
/** Approve the whole set, or return goals with a reason each (the other submitted goals are accepted). */
export const reviewGoalsBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), version: setVersion }),
  z.object({
    decision: z.literal('return'),
    version: setVersion,
    returns: z
      .array(returnedGoal)
      .min(1, { error: () => t('请至少退回一项目标并说明理由', 'Return at least one goal, with its reason') })
      .max(100),
  }),
]);
export type ReviewGoalsBody = z.infer<typeof reviewGoalsBody>;

/** A leaf of the plan a goal covers, as the unit reads it (the scoring rule is the plan's criteria). */
export const goalLeaf = z.object({
  indicatorId: z.string(),
  name: z.string(),
  /** Names of the indicators above it, top first. */
  parents: z.array(z.string()),
  points: z.number(),
  method: planMethod.optional(),
  criteria: z.string().optional(),
  /** The unit may refine the scoring rule (scoringNote) in its goal. */
  refinable: z.boolean().optional(),
  assessorUnitId: z.string().optional(),
  common: z.boolean().optional(),
});

export const goalView = goalRecord.omit({ regionId: true }).extend({
  /** A goal fixed after a return: the fields changed since (target, milestones, …), for the unit and the bureau. */
  changed: z.array(z.string()).optional(),
});
export type GoalView = z.infer<typeof goalView>;

export const coverageProblem = z.object({ indicatorId: z.string(), code: z.string(), path: z.string(), message: z.string() });

/** A unit's goals with the plan leaves they cover and what is still missing or wrong. */
export const unitGoalsView = z.object({
  cycleId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  /** The plan version in force, which new saves record. */
  planVersion: z.number().int().min(1),
  stage: z.number().int().min(1),
  set: z.object({
    /** 'draft' with version 0 when nothing is saved yet. */
    status: goalStatus,
    version: z.number().int().min(0),
    counts: goalCounts,
    submittedAt: z.string().optional(),
    submittedBy: z.string().optional(),
    reviewedAt: z.string().optional(),
    approvedAt: z.string().optional(),
  }),
  /** The unit may save goals now (set with the unit, cycle in goal setting). */
  editable: z.boolean(),
  leaves: z.array(goalLeaf),
  goals: z.array(goalView),
  /** Coverage: empty when the set may be submitted. */
  problems: z.array(coverageProblem),
});
export type UnitGoalsView = z.infer<typeof unitGoalsView>;

/** A unit in the bureau's queue; 'missing' when it has saved nothing yet. */
export const goalSetRow = goalSetRecord.pick({ unitId: true, categoryId: true, submittedAt: true, reviewedAt: true, approvedAt: true }).extend({
  unitName: z.string(),
  categoryName: z.string(),
  status: z.union([goalStatus, z.literal('missing')]),
  version: z.number().int().min(0),
  counts: goalCounts,
});
export const goalSetsView = list(goalSetRow).extend({
  /** Units by set status. */
  totals: z.object({ missing: z.number(), draft: z.number(), submitted: z.number(), returned: z.number(), approved: z.number() }),
});
export type GoalSetsView = z.infer<typeof goalSetsView>;

/** The unit's own people and the bureau read a unit's goals (assessor units: a later slice). */
const goalReaders = only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit');
const goalDrafters = only(['unit_staff', 'unit_leader'], 'ownUnit');
const goalSubmitters = only(['unit_leader'], 'ownUnit');

const unitGoals = '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/goals';

export const goalRoutes = {
  getUnitGoals: route({ method: 'GET', path: unitGoals, group: 'goals', access: goalReaders, params: cycleUnitPath, output: unitGoalsView, summary: '单位的绩效目标、覆盖的方案指标及缺漏' }),
  saveGoal: route({ method: 'PUT', path: `${unitGoals}/{indicatorId}`, group: 'goals', access: goalDrafters, params: goalPath, body: saveGoalBody, output: goalView, summary: '保存一项目标草稿' }),
  removeGoal: route({ method: 'DELETE', path: `${unitGoals}/{indicatorId}`, group: 'goals', access: goalDrafters, params: goalPath, body: removeGoalBody, output: unitGoalsView, summary: '删除一项目标草稿（如现行方案已无该指标）' }),
  submitGoals: route({ method: 'POST', path: `${unitGoals}/submit`, group: 'goals', access: goalSubmitters, params: cycleUnitPath, body: submitGoalsBody, output: unitGoalsView, summary: '单位负责人审核并报送目标' }),
  reviewGoals: route({ method: 'POST', path: `${unitGoals}/review`, group: 'goals', access: bureau, params: cycleUnitPath, body: reviewGoalsBody, output: unitGoalsView, summary: '绩效办审定目标或逐项退回' }),
  listGoalSets: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/goal-sets', group: 'goals', access: bureau, params: cyclePath, output: goalSetsView, summary: '绩效办的目标审核队列' }),
};
