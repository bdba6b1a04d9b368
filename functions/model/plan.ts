// The plan of a category of a cycle as stored (Art 9, 19–22): the indicator tree, bonus and
// deduction rules, veto items, totals and grading rules, and the record of each plan version.
// Declared once here; domain/plan.ts re-exports the types under the names its importers use.
// Amounts are numbers in hundredths: whether each is a whole number in range, and whether method
// parameters, sums and units fit, is checked by domain/plan.ts and the scoring engine (naming the field).
import { ids, text, version, z } from '../contracts/zod.ts';
import { DEFAULT_REVIEW_DAYS, DEFAULT_TOTAL_POINTS, MAX_DEPTH, tooDeep } from '../domain/plan.ts';
import { DEFAULT_BONUS_CAP } from '../domain/scoring/total.ts';
import { warningRule } from './early-warning.ts';

/** An amount in hundredths; whether it is a whole number in range is the engine's check. */
const amount = z.number();
/** 编号 of an indicator or rule; its exact form (1–20 letters, digits, dots, dashes) is checked by domain/plan.ts. */
const code = text({ max: 20 });
const name = text({ max: 80 });

export const rankBand = z.object({ upToRank: z.number(), percent: amount });

/** A leaf's scoring method (domain/scoring), or a satisfaction survey (Art 18). */
export const planMethod = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('completion'),
    /** Highest completion ratio that counts, at most 100 % (default). */
    capPercent: amount.optional(),
    lowerIsBetter: z.boolean().optional(),
  }),
  z.discriminatedUnion('scale', [
    z.object({ kind: z.literal('ranking'), scale: z.literal('bands'), bands: z.array(rankBand).max(20), otherwisePercent: amount }),
    z.object({ kind: z.literal('ranking'), scale: z.literal('linear'), /** Percent for the last rank, default 0. */ lastPercent: amount.optional() }),
  ]),
  z.object({ kind: z.literal('deduction'), perOccurrence: amount, floor: amount.optional() }),
  z.object({
    kind: z.literal('qualitative'),
    percents: z.object({ excellent: amount.optional(), good: amount.optional(), fair: amount.optional(), poor: amount.optional() }).optional(),
  }),
  z.object({ kind: z.literal('direct') }),
  /** Scored by a satisfaction survey: the leaf's points are the part's weight in the total. */
  z.object({ kind: z.literal('satisfaction') }),
]);

/**
 * An indicator. Its children nest below it; the tree is at most MAX_DEPTH deep, which `planTree`
 * checks before walking a tree taken in (a deeper one is refused, not cut off).
 */
export const planNode = z.object({
  /** Code shown as 编号 (e.g. `1.2`); stable, so goals and scores can refer to it. */
  id: code,
  name,
  points: amount,
  /** Leaves only: the unit that scores it (an assessor unit, the bureau or a third party); '' is none. */
  assessorUnitId: z.union([ids.unit, z.literal('')]).optional(),
  /** Leaves only: 共性 (true) or 个性 indicator; common scores order ties (Art 22). */
  common: z.boolean().optional(),
  method: planMethod.optional(),
  /** 评分标准 as the unit reads it. */
  criteria: text({ max: 1000, multiline: true }).optional(),
  /** Leaves only: the unit may refine the scoring rule in its goal (评分细化, Art 9); otherwise the criteria apply as written. */
  refinable: z.boolean().optional(),
  get children(): z.ZodOptional<z.ZodArray<typeof planNode>> {
    return z.array(planNode).max(60).optional();
  },
});

/** How deep `tree` nests, counted without recursion (a hostile payload may nest thousands deep). */
function depthOf(tree: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[tree, 1]];
  while (stack.length) {
    const [nodes, depth] = stack.pop()!;
    if (!Array.isArray(nodes)) continue;
    for (const n of nodes) {
      if (!n || typeof n !== 'object') continue;
      deepest = Math.max(deepest, depth);
      if (deepest > MAX_DEPTH) return deepest;
      stack.push([(n as { children?: unknown }).children, depth + 1]);
    }
  }
  return deepest;
}

/** The indicator tree: refused whole when deeper than MAX_DEPTH, before its nodes are parsed. */
export const planTree = z
  .custom<z.input<typeof planNode>[]>((tree) => depthOf(tree) <= MAX_DEPTH, { error: tooDeep })
  .pipe(z.array(planNode).max(30));

const approval = {
  /** Needs the bureau leader's approval (报批). */
  needsApproval: z.boolean().default(true),
};

export const bonusRule = z.object({
  id: code,
  name,
  /** Points per item. */
  points: amount,
  /** Cap for this rule, if any (the category's bonus cap applies on top). */
  cap: amount.optional(),
  ...approval,
});

export const deductionRule = z.object({
  id: code,
  name,
  /** Points per occurrence. */
  points: amount,
  cap: amount.optional(),
  ...approval,
  /** 情节严重 (Art 20): lowers the grade by one. */
  severe: z.boolean().default(false),
});

export const vetoItem = z.object({ id: code, name });

/** Grading rules of the category (Art 22); see domain/scoring/grading-rules.ts. */
export const gradingRules = z.object({
  /** Below this total a unit is 不合格; exactly on it passes. */
  failLine: amount,
  allocation: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('proportion'), firstPercent: amount, secondPercent: amount }),
    z.object({ mode: z.literal('threshold'), firstFrom: amount, secondFrom: amount }),
  ]),
  ties: z.enum(['shareRank', 'commonScoreThenShare']),
  quotaTie: z.enum(['higher', 'lower']),
  severeLowering: z.enum(['once', 'perDeduction']),
});

export const categoryPlan = z.object({
  /** What the top-level indicators must add up to (default 100.00). */
  totalPoints: amount.default(DEFAULT_TOTAL_POINTS),
  tree: planTree,
  bonuses: z.array(bonusRule).max(50).default([]),
  deductions: z.array(deductionRule).max(50).default([]),
  vetoes: z.array(vetoItem).max(50).default([]),
  /** The engine's TotalRules without the parts derived from the tree and the deduction rules. */
  totals: z.object({ bonusCap: amount.default(DEFAULT_BONUS_CAP), deductionCap: amount.nullable().default(null) }).default({ bonusCap: DEFAULT_BONUS_CAP, deductionCap: null }),
  grading: gradingRules,
  /** Art 21 review window in working days (default 5). */
  reviewWindowDays: z.number().default(DEFAULT_REVIEW_DAYS),
  /** Art 12 early-warning thresholds (model/early-warning.ts; its defaults when absent). */
  warning: warningRule.optional(),
  /** Art 28 grassroots weighting factor (基层单位系数) in hundredths, 120 = 1.20; 1.00 when absent (domain/results-use.ts). */
  grassrootsFactor: amount.optional(),
});

/** One version of a category's plan (keys.plan). */
export const planRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  categoryId: ids.category,
  /** Plan version: v1, v2, …; a new one after the plan stage. */
  version,
  /** Counts every save of the category's plan, across versions: the edit check. */
  revision: z.number().int().min(1),
  plan: categoryPlan,
  balanced: z.boolean(),
  /** Cycle stage the version was made in. */
  stage: z.number().int().min(1),
  /** Why this version was made (required after the plan stage). */
  reason: z.string().optional(),
  /** A version made after the plan stage: the bureau leader who approved it, and when (it was published then). */
  approvedBy: z.string().optional(),
  approvedAt: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

/** A version as the version list shows it: everything but the plan and where it belongs. */
export const planVersionInfo = planRecord.omit({ plan: true, regionId: true, cycleId: true, categoryId: true });

export type PlanMethod = z.infer<typeof planMethod>;
export type PlanNode = z.infer<typeof planNode>;
export type BonusRule = z.infer<typeof bonusRule>;
export type DeductionRule = z.infer<typeof deductionRule>;
export type VetoItem = z.infer<typeof vetoItem>;
export type CategoryPlan = z.infer<typeof categoryPlan>;
export type PlanRecord = z.infer<typeof planRecord>;
export type PlanVersionInfo = z.infer<typeof planVersionInfo>;
