// The plan of each category of a cycle (Art 9, 19–22): everyone of the region reads it and its
// versions, the bureau saves it or imports its indicator tree from a sheet. The shape is checked
// here; amounts, method parameters, sums and units by domain/plan.ts (paths name the field).
import { categoryPlan, planRecord, planVersionInfo } from '../model/plan.ts';
import { planProposalRecord } from '../model/plan-proposal.ts';
import { unitRecord } from '../model/unit.ts';
import { bureau, everyone } from './access.ts';
import { list, route } from './define.ts';
import { t } from './lang.ts';
import { categoryPath } from './paths.ts';
import { text, z } from './zod.ts';

/** The revision read (0 when the category had no plan yet); a reason once the cycle is past its plan stage. */
const writeFields = {
  revision: z.number().int().min(0),
  reason: text({ max: 200 }).optional(),
};

export const savePlanBody = z.object({ ...writeFields, plan: categoryPlan });
export type SavePlanBody = z.infer<typeof savePlanBody>;

/** Sheet rows as cell texts, row 1 first (the header is found by its 一级指标 cell). */
export const importPlanBody = z.object({
  ...writeFields,
  rows: z
    .array(z.array(z.string().max(1000)).max(20))
    .min(1, { error: () => t('表格为空', 'The sheet is empty') })
    .max(500),
});
export type ImportPlanBody = z.infer<typeof importPlanBody>;

export const planQuery = z.object({
  /** A version to read instead of the newest. */
  version: z
    .string()
    .regex(/^\d{1,4}$/, { error: () => t('版本号应为正整数', 'A version is a positive whole number') })
    .transform(Number)
    .optional(),
});
export type PlanQuery = z.infer<typeof planQuery>;

/** A unit that may score a leaf: an assessor unit, the bureau or a third party. */
export const assessorOption = unitRecord.pick({ unitId: true, name: true, shortName: true, type: true });
export type AssessorOption = z.infer<typeof assessorOption>;

const fieldProblem = z.object({ path: z.string(), message: z.string() });

/** The scoring engine's total rules as the plan gives them (domain/scoring TotalRules). */
const totalRules = z.object({
  bonusCap: z.number(),
  bonusCaps: z.record(z.string(), z.number()).optional(),
  deductionCaps: z.record(z.string(), z.number()).optional(),
  deductionCap: z.number().nullable().optional(),
  satisfaction: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number(), common: z.boolean().optional() })),
});

/** A proposed version as the bureau reads it, with what it changes against the version it was based on (indicator codes). */
export const planProposalView = planProposalRecord.omit({ regionId: true, cycleId: true, categoryId: true, version: true });
export type PlanProposalView = z.infer<typeof planProposalView>;

/** A category's plan as read: the version (0: none saved yet, the default plan), what may be done with it and what is unfinished. */
export const planView = planRecord.pick({ cycleId: true, categoryId: true, reason: true, plan: true, balanced: true, approvedAt: true, approvedBy: true }).extend({
  categoryName: z.string(),
  version: z.number().int().min(0),
  latestVersion: z.number().int().min(0),
  revision: z.number().int().min(0),
  /** The newest version. */
  current: z.boolean(),
  /** Open cycle and the newest version: the bureau may save. */
  editable: z.boolean(),
  /** Past the plan stage a save needs a reason and proposes a new version, which the bureau leader approves. */
  reasonRequired: z.boolean(),
  /** The bureau only: the latest proposal (awaiting the leader when its status is 'proposed'). */
  proposal: planProposalView.optional(),
  /** The cycle's current stage. */
  stage: z.number().int().min(1),
  /** What is not finished yet (sums, leaves without method or assessor): saved, but flagged. */
  problems: z.array(fieldProblem),
  totalRules,
  createdAt: z.string().optional(),
  createdBy: z.string().optional(),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
  assessors: z.array(assessorOption),
  /** An approval with new warning thresholds: the background recolour of the category it started (contracts/warning-runs.ts). */
  warningRunId: z.string().optional(),
});
export type PlanView = z.infer<typeof planView>;

export const planRoutes = {
  getPlan: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/plan/{categoryId}', group: 'plan', access: everyone('region'), params: categoryPath, query: planQuery, output: planView, summary: '某类别的考评方案（当前或指定版本）' }),
  savePlan: route({ method: 'PUT', path: '/regions/{regionId}/cycles/{cycleId}/plan/{categoryId}', group: 'plan', access: bureau, params: categoryPath, body: savePlanBody, output: planView, summary: '保存某类别的考评方案' }),
  listPlanVersions: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/plan/{categoryId}/versions', group: 'plan', access: everyone('region'), params: categoryPath, output: list(planVersionInfo), summary: '某类别方案的版本记录' }),
  importPlan: route({ method: 'POST', path: '/regions/{regionId}/cycles/{cycleId}/plan/{categoryId}/import', group: 'plan', access: bureau, params: categoryPath, body: importPlanBody, output: planView, summary: '从表格导入某类别的指标体系' }),
};
