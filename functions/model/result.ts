// Preliminary results and grading (汇总反馈 Art 21, 等次评定 Art 22), in the cycle's work partition
// (data/keys.ts, kind RESULT):
//   - one result per unit (keys.result, sk RESULT#u##TOTAL): the engine's total with its full breakdown,
//     the grade and rank from the category's grading, or — while any of its plan's leaves is not scored
//     and submitted — `complete: false` with what is missing (never a silent 0). Versioned: a later run,
//     a 复核 adjustment or Art 23 decision (later slice) makes the next version only when something changed;
//   - a veto (一票否决) recorded against a unit (keys.veto, sk RESULT#u##VETO#id): the bureau staff propose
//     with the facts, the bureau leader approves; an approved veto is never lifted;
//   - a run of the computation (keys.resultRun, sk RESULT##RUN#startedAt#id) with its progress;
//   - a category's publication to its units (keys.resultPublication, sk RESULT##PUBLISH#category) with the
//     end of the review window (复核).
import { ids, text, version, z } from '../contracts/zod.ts';
import { appliedDecision } from './grade-decision.ts';

const hundredths = z.number().int().min(0).max(100_000_000);
export const GRADE_CODES = ['first', 'second', 'third', 'fail'] as const;
export const gradeCode = z.enum(GRADE_CODES);

/** A plan leaf the unit's total still waits for, and why. */
export const missingScore = z.object({ indicatorId: z.string(), name: z.string(), reason: z.string() });
export type MissingScore = z.infer<typeof missingScore>;

/** scoring/total.ts TotalBreakdown, as stored. */
export const totalBreakdown = z.object({
  goalSum: z.number().int(),
  bonusRaw: z.number().int(),
  bonus: z.number().int(),
  deductionRaw: z.number().int(),
  deduction: z.number().int(),
  satisfaction: z.number().int(),
  commonScore: z.number().int(),
  severeDeductions: z.number().int(),
  total: z.number().int(),
  lines: z.array(z.string()),
});

/** Where a unit stands in its category's grading (scoring/grading.ts GradedUnit, without the repeats). */
export const gradePlace = z.object({
  allocatedGrade: gradeCode,
  grade: gradeCode,
  gradeName: z.string(),
  rankInGrade: z.number().int().min(1),
  position: z.number().int().min(1),
  order: z.number().int().min(1),
  tied: z.boolean(),
  explanation: z.array(z.string()),
});
export type GradePlace = z.infer<typeof gradePlace>;

/** What a computation decides for a unit: compared with the stored result, so an unchanged one is not rewritten. */
export const resultContent = z.object({
  unitName: z.string(),
  categoryId: ids.category,
  categoryName: z.string(),
  planVersion: z.number().int().min(1),
  complete: z.boolean(),
  missing: z.array(missingScore),
  breakdown: totalBreakdown.nullable(),
  total: hundredths.nullable(),
  /** Null until every unit of the category is complete: quotas and ranks depend on all of them. */
  place: gradePlace.nullable(),
  /** The approved vetoes' names and facts (一票否决). */
  vetoes: z.array(z.string()),
  /** Approved Art 23 decisions that moved the place (not the total), with their 文号; absent when none. */
  gradeDecisions: z.array(appliedDecision).optional(),
});
export type ResultContent = z.infer<typeof resultContent>;

export const resultRecord = resultContent.extend({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  runId: z.string(),
  computedAt: z.string(),
  version,
});
export type ResultRecord = z.infer<typeof resultRecord>;

export const RUN_STATUSES = ['running', 'done', 'failed'] as const;
export const runStatus = z.enum(RUN_STATUSES);
export const resultRunRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  id: z.string(),
  startedAt: z.string(),
  startedBy: z.string(),
  status: runStatus,
  categoriesTotal: z.number().int().min(0),
  categoriesDone: z.number().int().min(0),
  unitsTotal: z.number().int().min(0),
  unitsDone: z.number().int().min(0),
  /** Results written with a new version (the rest were unchanged). */
  changed: z.number().int().min(0),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
});
export type ResultRunRecord = z.infer<typeof resultRunRecord>;

export const resultPublicationRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  categoryId: ids.category,
  publishedAt: z.string(),
  publishedBy: z.string(),
  /** Beijing date the review window ends (24:00): N working days after publication, that day not counted. */
  reviewUntil: z.string(),
  reviewDays: z.number().int().min(1),
  version,
});
export type ResultPublicationRecord = z.infer<typeof resultPublicationRecord>;

export const VETO_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export const vetoStatus = z.enum(VETO_STATUSES);
export const vetoFacts = text({ min: 1, max: 2000, multiline: true });
export const vetoRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  id: z.string(),
  unitName: z.string(),
  categoryId: ids.category,
  /** The plan's veto item (plan.vetoes) and its name. */
  vetoId: z.string(),
  name: z.string(),
  facts: z.string(),
  status: vetoStatus,
  proposedAt: z.string(),
  proposedBy: z.string(),
  decision: z.object({ by: z.string(), at: z.string(), reason: z.string() }).optional(),
  version,
});
export type VetoRecord = z.infer<typeof vetoRecord>;
