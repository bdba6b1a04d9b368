// A unit's goals of a cycle (Art 8–10): each leaf indicator of its category's plan in force, made
// concrete (target, unit of measure, milestones, who leads and who answers for it), and the unit's
// goal set, whose status moves from draft to submitted to returned or approved (domain/goals.ts).
import { ids, isoDate, text, version, z } from '../contracts/zod.ts';

export const GOAL_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const goalStatus = z.enum(GOAL_STATUSES);

/** A target or expected value: any figure an indicator is measured in (a GDP in yuan included), bounded. */
const figure = z.number().min(-1e15).max(1e15);

/** A dated step on the way to the target: the value expected by that date. */
export const milestone = z.object({
  date: isoDate,
  expected: figure,
});
export type Milestone = z.infer<typeof milestone>;

/** What a unit fills in for one goal; every field may still be empty in a draft (coverage names what is missing). */
export const goalFields = z.object({
  /** The target value, in `unitOfMeasure`. */
  target: figure.optional(),
  unitOfMeasure: text({ max: 20 }).optional(),
  /** The unit's refinement of the indicator's scoring rule (the rule itself is the plan's). */
  scoringNote: text({ max: 1000, multiline: true }).optional(),
  milestones: z.array(milestone).max(24).default([]),
  /** The lead unit (牵头单位); the unit itself when not given. */
  leadUnitId: ids.unit.optional(),
  /** Co-operating units (配合单位). */
  coUnitIds: z.array(ids.unit).max(20).default([]),
  /** The person responsible (责任人). */
  responsible: text({ max: 40 }).optional(),
});
export type GoalFields = z.infer<typeof goalFields>;

/** Why an approved goal may be adjusted (Art 11: 重大决策调整、机构调整、不可抗力因素). */
export const ADJUSTMENT_REASONS = ['major_decision', 'institutional', 'force_majeure'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];
export const adjustmentReason = z.enum(ADJUSTMENT_REASONS);

/** An approved adjustment as the goal carries it (public: its revision, date and reason class, never who or why in words). */
export const adjustmentFact = z.object({ revision: version, decidedAt: z.string(), reason: adjustmentReason });
export type AdjustmentFact = z.infer<typeof adjustmentFact>;

/** One goal as stored (keys.goal). */
export const goalRecord = goalFields.extend({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  indicatorId: z.string(),
  categoryId: ids.category,
  /** The plan version the goal was drafted (last saved) under. */
  planVersion: version,
  /** The leaf's assessor unit when the goal was saved ('' none): its worklist (gsi2) lists the goal. */
  assessorUnitId: z.string().default(''),
  status: goalStatus,
  /** Why the bureau last returned the goal, and when (kept after a fix, so the unit and the bureau see what it was returned for). */
  returnReason: z.string().optional(),
  returnedAt: z.string().optional(),
  /** The goal as it was when the bureau last returned it: a resubmission shows what changed since. */
  returnedAs: goalFields.optional(),
  /** The goal's revision: 1 as approved, one more per approved adjustment (Art 11; older ones: keys.goalRevision). */
  revision: version.optional(),
  /** The approved adjustments that made the later revisions, oldest first. */
  adjustments: z.array(adjustmentFact).max(100).optional(),
  /** The staged set move (data/goal-moves.ts) that last wrote the goal: a chunk written twice changes nothing. */
  moveToken: z.string().optional(),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type GoalRecord = z.infer<typeof goalRecord>;

export const goalCounts = z.object({
  draft: z.number().int().min(0),
  submitted: z.number().int().min(0),
  returned: z.number().int().min(0),
  approved: z.number().int().min(0),
});
export type GoalCounts = z.infer<typeof goalCounts>;
export const noCounts = (): GoalCounts => ({ draft: 0, submitted: 0, returned: 0, approved: 0 });

/** A unit's goal set of a cycle (keys.goalSet): its status, its goals counted by status, and who moved it. */
const goalSetFields = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  categoryId: ids.category,
  status: goalStatus,
  counts: goalCounts,
  /** Bumped by every change of the set or one of its goals: the leader submits, the bureau reviews, what it read. */
  version,
  submittedAt: z.string().optional(),
  submittedBy: z.string().optional(),
  reviewedAt: z.string().optional(),
  reviewedBy: z.string().optional(),
  approvedAt: z.string().optional(),
  approvedBy: z.string().optional(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

/** A set move too large for one transaction, recorded on the set until it is done (data/goal-moves.ts). */
export const setMoving = z.object({
  token: z.string(),
  action: z.string(),
  at: z.string(),
  by: z.string(),
  /** The set as it will be. */
  after: goalSetFields,
  /** Each goal's change: its status and return bookkeeping, from the version read. */
  goals: z.array(
    z.object({
      indicatorId: z.string(),
      fromVersion: version,
      status: goalStatus,
      returnReason: z.string().optional(),
      returnedAt: z.string().optional(),
      returnedAs: goalFields.optional(),
    }),
  ),
  notice: z.record(z.string(), z.unknown()),
  detail: z.unknown().optional(),
});
export type SetMoving = z.infer<typeof setMoving>;

export const goalSetRecord = goalSetFields.extend({
  /** Present while a staged move is under way: the set takes no other change until it is finished. */
  moving: setMoving.optional(),
});
export type GoalSetRecord = z.infer<typeof goalSetRecord>;
