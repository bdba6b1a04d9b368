// Art 23 decisions and the confirmation of a category's results (等次评定, Art 22–23), in the cycle's
// work partition (data/keys.ts, kind RESULT):
//   - an Art 23 decision (keys.gradeDecision, sk RESULT#u##ART23#id): the bureau staff propose raising or
//     lowering a unit's grade or its rank by a number of steps with a reason; the bureau leader approves
//     with the approval's document number (文号) or rejects with a reason. Approved ones feed the engine;
//   - a category's freeze state (keys.categoryFreeze): confirmed (frozen: nothing that changes its results
//     is written) or reopened by an approved correction, with the version confirmed last;
//   - a confirmation snapshot per version (keys.confirmation): the results as the leader confirmed them,
//     kept for history and read by reports and the public notice;
//   - a reopen proposal (keys.reopen): the staff's reasoned correction of a confirmed version, decided by
//     the leader.
import { ids, text, version, z } from '../contracts/zod.ts';
import { t } from '../contracts/lang.ts';
import { DOCUMENT_NUMBER } from '../domain/confirmation.ts';
import { GRADES } from '../domain/scoring/grading-rules.ts';

// Not model/result.ts's gradeCode: result.ts imports appliedDecision from here.
const gradeCode = z.enum(GRADES);

export const DECISION_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export const decisionStatus = z.enum(DECISION_STATUSES);
export const adjustTarget = z.enum(['grade', 'rank']);
export const adjustDirection = z.enum(['raise', 'lower']);
export const decisionReason = text({ min: 1, max: 2000, multiline: true });
/** An approval's document number, e.g. 玉绩办〔2026〕3号 (issuer, year in brackets, number 号). */
export const documentNumber = text({ min: 1, max: 60 }).refine((s) => DOCUMENT_NUMBER.test(s), {
  error: () => t('文号格式应如「玉绩办〔2026〕3号」：机关代字、〔年份〕、序号加「号」', 'A document number reads like 玉绩办〔2026〕3号: issuer, year in 〔〕, number and 号'),
});

export const gradeDecisionRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  id: z.string(),
  unitName: z.string(),
  categoryId: ids.category,
  target: adjustTarget,
  direction: adjustDirection,
  steps: z.number().int().min(1).max(100),
  reason: z.string(),
  status: decisionStatus,
  proposedAt: z.string(),
  proposedBy: z.string(),
  decision: z.object({ by: z.string(), at: z.string(), documentNumber: z.string().optional(), reason: z.string().optional() }).optional(),
  version,
});
export type GradeDecisionRecord = z.infer<typeof gradeDecisionRecord>;

/** An approved decision as the result carries it, apart from the score. */
export const appliedDecision = z.object({ id: z.string(), target: adjustTarget, direction: adjustDirection, steps: z.number().int(), reason: z.string(), documentNumber: z.string(), approvedAt: z.string() });
export type AppliedDecision = z.infer<typeof appliedDecision>;

export const FREEZE_STATUSES = ['confirmed', 'reopened'] as const;
export const categoryFreezeRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  categoryId: ids.category,
  status: z.enum(FREEZE_STATUSES),
  /** The version confirmed last (1 for the first confirmation). */
  confirmedVersion: z.number().int().min(1),
  confirmedAt: z.string(),
  confirmedBy: z.string(),
  /** A reopen proposal waiting for the leader (the category stays frozen meanwhile). */
  pendingReopenId: z.string().optional(),
  version,
});
export type CategoryFreezeRecord = z.infer<typeof categoryFreezeRecord>;

/** One unit as confirmed: compact (no breakdown) so a 300-unit category fits one item. */
export const confirmedUnit = z.object({
  unitId: z.string(),
  unitName: z.string(),
  total: z.number().int(),
  grade: gradeCode,
  gradeName: z.string(),
  rankInGrade: z.number().int(),
  position: z.number().int(),
  order: z.number().int(),
  tied: z.boolean(),
  vetoed: z.boolean(),
  resultVersion: z.number().int(),
  gradeDecisions: z.array(appliedDecision.pick({ target: true, direction: true, steps: true, documentNumber: true })),
});
export type ConfirmedUnit = z.infer<typeof confirmedUnit>;

export const confirmationRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  categoryId: ids.category,
  categoryName: z.string(),
  version: z.number().int().min(1),
  confirmedAt: z.string(),
  confirmedBy: z.string(),
  /** The approved correction this version follows (none for the first). */
  reopen: z.object({ id: z.string(), reason: z.string(), proposedBy: z.string(), approvedBy: z.string(), approvedAt: z.string() }).optional(),
  counts: z.record(gradeCode, z.number().int()),
  units: z.array(confirmedUnit),
});
export type ConfirmationRecord = z.infer<typeof confirmationRecord>;

export const reopenRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  categoryId: ids.category,
  id: z.string(),
  /** The confirmed version it corrects. */
  fromVersion: z.number().int().min(1),
  reason: z.string(),
  status: decisionStatus,
  proposedAt: z.string(),
  proposedBy: z.string(),
  decision: z.object({ by: z.string(), at: z.string(), reason: z.string() }).optional(),
  version,
});
export type ReopenRecord = z.infer<typeof reopenRecord>;
