// Input schemas of the plan routes: the shape only. Amounts are checked as integer hundredths,
// method parameters, sums and units by domain/plan.ts and the scoring engine (paths name the field).
import * as z from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

z.config(zhCN());

/** An amount in hundredths; whether it is a whole number in range is the engine's check. */
const amount = z.number();
const id = z.string().trim().max(20);
const name = z.string().trim().max(80);

const method = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('completion'), capPercent: amount.optional(), lowerIsBetter: z.boolean().optional() }),
  z.object({
    kind: z.literal('ranking'),
    scale: z.enum(['bands', 'linear']),
    bands: z.array(z.object({ upToRank: z.number(), percent: amount })).max(20).optional(),
    otherwisePercent: amount.optional(),
    lastPercent: amount.optional(),
  }),
  z.object({ kind: z.literal('deduction'), perOccurrence: amount, floor: amount.optional() }),
  z.object({
    kind: z.literal('qualitative'),
    percents: z.object({ excellent: amount.optional(), good: amount.optional(), fair: amount.optional(), poor: amount.optional() }).optional(),
  }),
  z.object({ kind: z.literal('direct') }),
  z.object({ kind: z.literal('satisfaction') }),
]);

const nodeFields = {
  id,
  name,
  points: amount,
  assessorUnitId: z.string().trim().max(40).optional(),
  common: z.boolean().optional(),
  method: method.optional(),
  criteria: z.string().trim().max(1000).optional(),
};
// Three levels spelled out: deeper trees are refused by the shape itself.
const level3 = z.object(nodeFields);
const level2 = z.object({ ...nodeFields, children: z.array(level3).max(60).optional() });
const level1 = z.object({ ...nodeFields, children: z.array(level2).max(60).optional() });

const flags = { needsApproval: z.boolean().default(true) };

export const planBody = z.object({
  totalPoints: amount.default(10_000),
  tree: z.array(level1).max(30),
  bonuses: z.array(z.object({ id, name, points: amount, cap: amount.optional(), ...flags })).max(50).default([]),
  deductions: z.array(z.object({ id, name, points: amount, cap: amount.optional(), severe: z.boolean().default(false), ...flags })).max(50).default([]),
  vetoes: z.array(z.object({ id, name })).max(50).default([]),
  totals: z.object({ bonusCap: amount.default(500), deductionCap: amount.nullable().default(null) }).default({ bonusCap: 500, deductionCap: null }),
  grading: z.object({
    failLine: amount,
    allocation: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('proportion'), firstPercent: amount, secondPercent: amount }),
      z.object({ mode: z.literal('threshold'), firstFrom: amount, secondFrom: amount }),
    ]),
    ties: z.enum(['shareRank', 'commonScoreThenShare']),
    quotaTie: z.enum(['higher', 'lower']),
    severeLowering: z.enum(['once', 'perDeduction']),
  }),
  reviewWindowDays: z.number().default(5),
});

/** The revision read (0 when the category had no plan yet); a reason once the cycle is past its plan stage. */
const writeFields = {
  revision: z.number().int().min(0),
  reason: z.string().trim().max(200).optional(),
};

export const savePlanBody = z.object({ ...writeFields, plan: planBody });
export type SavePlanBody = z.infer<typeof savePlanBody>;

/** Sheet rows as cell texts, row 1 first (the header is found by its 一级指标 cell). */
export const importPlanBody = z.object({
  ...writeFields,
  rows: z.array(z.array(z.string().max(1000)).max(20)).min(1, '表格为空').max(500),
});
export type ImportPlanBody = z.infer<typeof importPlanBody>;

export const planQuery = z.object({ version: z.string().regex(/^\d{1,4}$/, '版本号应为正整数').transform(Number).optional() });
export type PlanQuery = z.infer<typeof planQuery>;
