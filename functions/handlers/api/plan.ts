// The plan of each category of a cycle (Art 9, 19–22): everyone of the region reads it, the
// bureau writes it. In the plan stage a save edits the plan in place; later it needs a reason and
// makes a new version, the earlier ones staying readable (domain/plan.ts planWrite decides which).
import { nowIso } from '../../config/clock.ts';
import type { AssessorOption, ImportPlanBody, PlanView, SavePlanBody } from '../../contracts/plan.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle, type Cycle } from '../../data/cycles.ts';
import { getCurrentPlan, getPlanVersion, listPlanVersions, savePlan, type PlanRecord } from '../../data/plans.ts';
import { getRegion } from '../../data/regions.ts';
import { readUnits } from '../../data/units.ts';
import type { Actor } from '../../data/commit.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { importRefusal } from '../../domain/import-report.ts';
import { importRows } from '../../domain/plan-rows.ts';
import {
  checkPlan,
  defaultPlan,
  leaves,
  normalisePlan,
  planAssessors,
  planProblems,
  planVersioned,
  planWrite,
  sumProblems,
  totalRulesOf,
  type CategoryPlan,
  type PlanContext,
} from '../../domain/plan.ts';
import { apiHandler } from '../../http/chain.ts';
import { businessEvent } from '../../observability/metrics.ts';

interface Scope {
  regionId: string;
  cycle: Cycle;
  categoryId: string;
  categoryName: string;
}

async function loadScope(params: { regionId: string; cycleId: string; categoryId: string }): Promise<Scope> {
  const { regionId, cycleId, categoryId } = params;
  const [cycle, set] = await Promise.all([getCycle(regionId, cycleId), getCategorySet(regionId, cycleId)]);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  const category = set?.categories.find((c) => c.categoryId === categoryId);
  if (!category) throw new NotFoundError(t('该周期没有这个考评类别', 'This cycle has no such category'));
  return { regionId, cycle, categoryId: category.categoryId, categoryName: category.name };
}

/** Units that may score a leaf, as the plan page offers them. */
async function assessorsOf(regionId: string): Promise<AssessorOption[]> {
  const [region, { units }] = await Promise.all([getRegion(regionId), readUnits(regionId)]);
  return planAssessors(units, region?.bureauUnitId).map((u) => ({ unitId: u.unitId, name: u.name, shortName: u.shortName, type: u.type }));
}

const context = (assessors: AssessorOption[]): PlanContext => ({ assessors: new Map(assessors.map((u) => [u.unitId, u.name])) });

function view(s: Scope, rec: PlanRecord | undefined, latest: number, assessors: AssessorOption[]): PlanView {
  const plan = rec?.plan ?? defaultPlan();
  const version = rec?.version ?? 0;
  return {
    cycleId: s.cycle.cycleId,
    categoryId: s.categoryId,
    categoryName: s.categoryName,
    version,
    latestVersion: latest,
    revision: rec?.revision ?? 0,
    current: version === latest,
    editable: s.cycle.status === 'open' && version === latest,
    reasonRequired: planVersioned(s.cycle),
    stage: s.cycle.currentStage,
    plan,
    balanced: sumProblems(plan).length === 0,
    problems: planProblems(plan),
    totalRules: totalRulesOf(plan),
    ...(rec ? { reason: rec.reason, createdAt: rec.createdAt, createdBy: rec.createdBy, updatedAt: rec.updatedAt, updatedBy: rec.updatedBy } : {}),
    assessors,
  };
}

/** Stores the write the domain allows: in place during the plan stage, else as a new version. */
async function store(caller: Actor, s: Scope, input: SavePlanBody | ImportPlanBody, plan: CategoryPlan, before: PlanRecord | undefined): Promise<PlanRecord> {
  const write = planWrite(s.cycle, before, input);
  if ('refusal' in write) throw write.refusal;
  const at = nowIso();
  const kept = write.inPlace ? before : undefined;
  const next: PlanRecord = {
    regionId: s.regionId,
    cycleId: s.cycle.cycleId,
    categoryId: s.categoryId,
    version: write.version,
    revision: input.revision + 1,
    plan,
    balanced: sumProblems(plan).length === 0,
    stage: s.cycle.currentStage,
    ...(write.reason ? { reason: write.reason } : {}),
    createdAt: kept?.createdAt ?? at,
    createdBy: kept?.createdBy ?? caller.username,
    updatedAt: at,
    updatedBy: caller.username,
  };
  await savePlan(caller, next, before, at);
  return next;
}

const withPrefix = (prefix: string, problems: { path: string; message: string }[]) => problems.map((p) => ({ ...p, path: `${prefix}${p.path}` }));

export const handler = apiHandler('plan', {
  getPlan: async ({ params, query }) => {
    const s = await loadScope(params);
    const [current, assessors] = await Promise.all([getCurrentPlan(s.regionId, s.cycle.cycleId, s.categoryId), assessorsOf(s.regionId)]);
    const latest = current?.version ?? 0;
    if (query.version === undefined || query.version === latest) return view(s, current, latest, assessors);
    const rec = await getPlanVersion(s.regionId, s.cycle.cycleId, s.categoryId, query.version);
    if (!rec) throw new NotFoundError(t(`该类别方案没有第 ${query.version} 版`, `This category's plan has no version ${query.version}`));
    return view(s, rec, latest, assessors);
  },

  listPlanVersions: async ({ params }) => {
    const s = await loadScope(params);
    return { items: await listPlanVersions(s.regionId, s.cycle.cycleId, s.categoryId) };
  },

  savePlan: async ({ caller, params, body }) => {
    const s = await loadScope(params);
    const [before, assessors] = await Promise.all([getCurrentPlan(s.regionId, s.cycle.cycleId, s.categoryId), assessorsOf(s.regionId)]);
    const plan = normalisePlan(body.plan);
    const problems = checkPlan(plan, context(assessors));
    if (problems.length) throw new ValidationError(t('方案有误', 'The plan has problems'), withPrefix('body.plan.', problems));
    const next = await store(caller, s, body, plan, before);
    return view(s, next, next.version, assessors);
  },

  /** Replaces the indicator tree from sheet rows; any bad row and nothing is imported. */
  importPlan: async ({ caller, params, body }) => {
    const s = await loadScope(params);
    const [before, assessors] = await Promise.all([getCurrentPlan(s.regionId, s.cycle.cycleId, s.categoryId), assessorsOf(s.regionId)]);
    const { plan, errors } = importRows(body.rows, before?.plan ?? defaultPlan(), context(assessors), assessors);
    if (errors.length) throw importRefusal(errors, { zh: '未导入任何数据', en: 'nothing was imported' });
    const next = await store(caller, s, body, plan, before);
    businessEvent('ImportRows', leaves(plan.tree).length, { sheet: 'plan' });
    return view(s, next, next.version, assessors);
  },
});
