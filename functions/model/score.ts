// Assessor scoring (考核评分, Art 17–18), stage 6 of the cycle, in the cycle's work partition (data/keys.ts):
//   - one item per unit and plan leaf an assessor unit scores (keys.score, sk SCORE#unit#indicator), the
//     satisfaction leaves the third party's survey rates included: the inputs the method needs, each
//     correction of an input (never of the score) with its reason, and the engine's score with its lines
//     (domain/scoring). `score` is null while it cannot be computed (a ranking waits for every unit of the
//     category). Listed in the assessor unit's worklist (gsi2 ASSESS#r#c#assessor, gsi2sk status#u#indicator);
//   - one tally per assessor unit (keys.scoreTally, sk SCORE##ASSESSOR#assessor — no unit id is empty, so it
//     is never a unit's item): counters per indicator kept on every write, and whether the assessor unit has
//     submitted all its indicators (its stage duty), in the bureau's queue (gsi3 QUEUE#r#c#SCORE).
// The results (issue 13, preliminary totals) read the items: { goalId: indicatorId, points, score, common }
// for the method leaves and `inputs.rate` for the satisfaction leaves (scoring/total.ts UnitScoreInput).
import { ids, version, z } from '../contracts/zod.ts';

export const SCORE_STATUSES = ['draft', 'submitted'] as const;
export type ScoreStatus = (typeof SCORE_STATUSES)[number];
export const scoreStatus = z.enum(SCORE_STATUSES);

export const SCORE_KINDS = ['completion', 'ranking', 'deduction', 'qualitative', 'direct', 'satisfaction'] as const;
export type ScoreKind = (typeof SCORE_KINDS)[number];
export const scoreKind = z.enum(SCORE_KINDS);

/** Hundredths (scoring/points.ts): a whole number, never a float. */
const hundredths = z.number().int().min(0).max(100_000_000);
/** A measured value kept as its decimal text, so no figure passes through a float (scoring/measure.ts). */
const measure = z.string().regex(/^-?\d{1,30}(\.\d{1,12})?$/);

/** What the assessor enters, by method: one field each (SCORE_FIELDS). */
export const scoreInputs = z.object({
  /** completion: the goal's approved target (copied from the goal, not the assessor's to change). */
  target: measure.optional(),
  /** completion: the value achieved. */
  actual: measure.optional(),
  /** ranking: the value ranked among the units of the category (higher ranks first). */
  value: measure.optional(),
  occurrences: z.number().int().min(0).max(1_000_000).optional(),
  level: z.enum(['excellent', 'good', 'fair', 'poor']).optional(),
  /** direct: the score itself, in hundredths. */
  score: hundredths.optional(),
  /** satisfaction: the rate in hundredths of a percent (87.50 % = 8750). */
  rate: z.number().int().min(0).max(10_000).optional(),
  /** ranking, computed: the rank and how many units were ranked. */
  rank: z.number().int().min(1).optional(),
  count: z.number().int().min(1).optional(),
});
export type ScoreInputs = z.infer<typeof scoreInputs>;

/** A change of an input the unit reported (or the assessor entered before), with its reason. */
export const scoreCorrection = z.object({ field: z.string(), from: z.string(), to: z.string(), reason: z.string(), by: z.string(), at: z.string() });
export type ScoreCorrection = z.infer<typeof scoreCorrection>;

/** One unit's score of one leaf (keys.score). */
export const scoreRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  indicatorId: z.string(),
  categoryId: ids.category,
  assessorUnitId: ids.unit,
  /** The leaf's points (its weight, for a satisfaction leaf) and 共性 flag, from the plan in force. */
  points: hundredths,
  common: z.boolean(),
  methodKind: scoreKind,
  planVersion: version,
  inputs: scoreInputs,
  corrections: z.array(scoreCorrection).max(200).default([]),
  score: hundredths.nullable(),
  /** The engine's lines (or why there is no score yet). */
  explanation: z.array(z.string()).default([]),
  status: scoreStatus,
  submittedAt: z.string().optional(),
  submittedBy: z.string().optional(),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ScoreRecord = z.infer<typeof scoreRecord>;

/** An indicator's counters in a tally: items saved, and of those submitted. */
export const scoreCounts = z.object({ scored: z.number().int().min(0), submitted: z.number().int().min(0), submittedAt: z.string().optional() });
export type ScoreCounts = z.infer<typeof scoreCounts>;

/** An assessor unit's tally of a cycle (keys.scoreTally). */
export const scoreTallyRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  /** The assessor unit (named unitId: the stage duty reads whose it is). */
  unitId: ids.unit,
  /** 'submitted' once every indicator it scores is submitted: its stage duty delivered. */
  status: z.enum(['open', 'submitted']),
  indicators: z.record(z.string(), scoreCounts),
  submittedAt: z.string().optional(),
  version,
  updatedAt: z.string(),
});
export type ScoreTallyRecord = z.infer<typeof scoreTallyRecord>;
