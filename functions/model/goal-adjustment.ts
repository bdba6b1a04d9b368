// A request to adjust an approved goal (Art 11): the unit or the goal's assessor unit asks, with a
// reason class the regulation allows and an explanation, for new goal fields; the bureau leader
// approves (the goal gets a new revision, the old one is kept as keys.goalRevision) or rejects.
import { ids, text, version, z } from '../contracts/zod.ts';
import { adjustmentReason, goalFields, goalRecord } from './goal.ts';

/** draft: a unit filer's, until the leader submits; pending: with the bureau leader; withdrawn: by the unit before a decision. */
export const ADJUSTMENT_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'withdrawn'] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];
export const adjustmentStatus = z.enum(ADJUSTMENT_STATUSES);

/** Who asked: the responsible unit itself, or the goal's assessor unit. */
export const requesterKind = z.enum(['unit', 'assessor']);
export type RequesterKind = z.infer<typeof requesterKind>;

export const adjustmentRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  /** The unit whose goal it is. */
  unitId: ids.unit,
  indicatorId: z.string(),
  categoryId: ids.category,
  adjustmentId: z.string(),
  /** Names as they were when the request was made, so the bureau's queue is one Query. */
  unitName: z.string(),
  indicatorName: z.string(),
  status: adjustmentStatus,
  reason: adjustmentReason,
  explanation: z.string(),
  /** The goal in force when the request was made, and as it would be after the adjustment. */
  current: goalFields,
  proposed: goalFields,
  /** The goal's revision and version the request was made against (a decision on a goal changed since is refused). */
  goalRevision: version,
  goalVersion: version,
  requesterKind,
  requesterUnitId: ids.unit,
  requestedAt: z.string(),
  requestedBy: z.string(),
  submittedAt: z.string().optional(),
  submittedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
  opinion: z.string().optional(),
  /** The revision an approval made. */
  newRevision: version.optional(),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type AdjustmentRecord = z.infer<typeof adjustmentRecord>;

/** A goal as it was before an approved adjustment replaced it (keys.goalRevision). */
export const goalRevisionRecord = goalRecord.extend({ revision: version, replacedAt: z.string(), replacedBy: z.string() });
export type GoalRevisionRecord = z.infer<typeof goalRevisionRecord>;

/** The one open (draft or pending) request of a goal (keys.goalAdjustmentOpen): a second one is refused. */
export const openAdjustmentRecord = z.object({ regionId: ids.region, cycleId: ids.cycle, unitId: ids.unit, indicatorId: z.string(), adjustmentId: z.string() });
export type OpenAdjustmentRecord = z.infer<typeof openAdjustmentRecord>;

/** The explanation and opinion as the requester and the leader write them. */
export const explanationText = text({ min: 1, max: 2000, multiline: true });
export const opinionText = text({ min: 1, max: 1000, multiline: true });
