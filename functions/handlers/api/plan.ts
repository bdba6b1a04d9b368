// The plan of each category of a cycle (Art 9, 19–22): everyone of the region reads it, the
// bureau writes it. In the plan stage a save edits the plan in place; later it needs a reason and
// makes a new version, the earlier ones staying readable.
import { nowIso } from '../../config/clock.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle, type Cycle } from '../../data/cycles.ts';
import { getCurrentPlan, getPlanVersion, listPlanVersions, savePlan, type PlanRecord } from '../../data/plans.ts';
import { getRegion } from '../../data/regions.ts';
import { readUnits, type UnitRecord } from '../../data/units.ts';
import type { Actor } from '../../data/commit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { importRows } from '../../domain/plan-rows.ts';
import { checkPlan, defaultPlan, normalisePlan, planProblems, sumProblems, totalRulesOf, type CategoryPlan, type PlanContext } from '../../domain/plan.ts';
import { STAGE_NAMES, stageAt } from '../../domain/stages.ts';
import { legacyApiHandler as apiHandler, type LegacyOpInput as OpInput } from '../../http/chain.ts';
import type { ImportPlanBody, PlanQuery, SavePlanBody } from '../../http/plan-schemas.ts';

interface Scope {
  regionId: string;
  cycle: Cycle;
  categoryId: string;
  categoryName: string;
}

async function loadScope(params: Record<string, string>): Promise<Scope> {
  const regionId = params.regionId!;
  const [cycle, set] = await Promise.all([getCycle(regionId, params.cycleId!), getCategorySet(regionId, params.cycleId!)]);
  if (!cycle) throw new NotFoundError('该考评周期不存在');
  const category = set?.categories.find((c) => c.categoryId === params.categoryId);
  if (!category) throw new NotFoundError('该周期没有这个考评类别');
  return { regionId, cycle, categoryId: category.categoryId, categoryName: category.name };
}

/** Units that may score a leaf: designated assessor units, the bureau, third parties (surveys). */
async function assessorsOf(regionId: string): Promise<UnitRecord[]> {
  const [region, { units }] = await Promise.all([getRegion(regionId), readUnits(regionId)]);
  return units.filter((u) => u.status === 'active' && (u.assessor || u.unitId === region?.bureauUnitId || u.type === 'third_party'));
}

const context = (assessors: UnitRecord[]): PlanContext => ({ assessors: new Map(assessors.map((u) => [u.unitId, u.name])) });

function view(s: Scope, rec: PlanRecord | undefined, latest: number, assessors: UnitRecord[]) {
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
    /** Open cycle and the newest version: the bureau may save. */
    editable: s.cycle.status === 'open' && version === latest,
    /** Past the plan stage a save needs a reason and makes a new version. */
    reasonRequired: s.cycle.currentStage > 1,
    stage: s.cycle.currentStage,
    plan,
    balanced: sumProblems(plan).length === 0,
    problems: planProblems(plan),
    totalRules: totalRulesOf(plan),
    ...(rec ? { reason: rec.reason, createdAt: rec.createdAt, createdBy: rec.createdBy, updatedAt: rec.updatedAt, updatedBy: rec.updatedBy } : {}),
    assessors: assessors.map((u) => ({ unitId: u.unitId, name: u.name, shortName: u.shortName, type: u.type })),
  };
}

/** Checks the write against the state read and stores it: in place in stage 1, else as a new version. */
async function store(caller: Actor, s: Scope, input: { revision: number; reason?: string }, plan: CategoryPlan, before: PlanRecord | undefined) {
  const { cycle } = s;
  if (cycle.status !== 'open') throw new ConflictError('该考评周期已结束，方案不能再修改');
  if ((before?.revision ?? 0) !== input.revision) throw new ConflictError('方案已被他人修改，请刷新后重试');
  const versioned = cycle.currentStage > 1;
  if (versioned && !input.reason?.trim()) {
    const where = STAGE_NAMES[stageAt(cycle.currentStage)];
    throw new ValidationError('需要说明修改原因', [{ path: 'body.reason', message: `周期已进入「${where}」阶段，修改方案须说明原因，并生成新版本` }]);
  }
  const at = nowIso();
  const inPlace = !versioned && before !== undefined;
  const next: PlanRecord = {
    regionId: s.regionId,
    cycleId: cycle.cycleId,
    categoryId: s.categoryId,
    version: inPlace ? before.version : (before?.version ?? 0) + 1,
    revision: input.revision + 1,
    plan,
    balanced: sumProblems(plan).length === 0,
    stage: cycle.currentStage,
    ...(versioned ? { reason: input.reason!.trim() } : inPlace && before.reason ? { reason: before.reason } : {}),
    createdAt: inPlace ? before.createdAt : at,
    createdBy: inPlace ? before.createdBy : caller.username,
    updatedAt: at,
    updatedBy: caller.username,
  };
  await savePlan(caller, next, before, at);
  return next;
}

const withPrefix = (prefix: string, problems: { path: string; message: string }[]) => problems.map((p) => ({ ...p, path: `${prefix}${p.path}` }));

export const handler = apiHandler('plan', {
  getPlan: async ({ params, query }: OpInput<unknown, PlanQuery>) => {
    const s = await loadScope(params);
    const [current, assessors] = await Promise.all([getCurrentPlan(s.regionId, s.cycle.cycleId, s.categoryId), assessorsOf(s.regionId)]);
    const latest = current?.version ?? 0;
    if (query.version === undefined || query.version === latest) return view(s, current, latest, assessors);
    const rec = await getPlanVersion(s.regionId, s.cycle.cycleId, s.categoryId, query.version);
    if (!rec) throw new NotFoundError(`该类别方案没有第 ${query.version} 版`);
    return view(s, rec, latest, assessors);
  },

  listPlanVersions: async ({ params }) => {
    const s = await loadScope(params);
    return { items: await listPlanVersions(s.regionId, s.cycle.cycleId, s.categoryId) };
  },

  savePlan: async ({ caller, params, body }: OpInput<SavePlanBody>) => {
    const s = await loadScope(params);
    const [before, assessors] = await Promise.all([getCurrentPlan(s.regionId, s.cycle.cycleId, s.categoryId), assessorsOf(s.regionId)]);
    const plan = normalisePlan(body.plan as CategoryPlan);
    const problems = checkPlan(plan, context(assessors));
    if (problems.length) throw new ValidationError('方案有误', withPrefix('body.plan.', problems));
    const next = await store(caller!, s, body, plan, before);
    return view(s, next, next.version, assessors);
  },

  /** Replaces the indicator tree from sheet rows; any bad row and nothing is imported. */
  importPlan: async ({ caller, params, body }: OpInput<ImportPlanBody>) => {
    const s = await loadScope(params);
    const [before, assessors] = await Promise.all([getCurrentPlan(s.regionId, s.cycle.cycleId, s.categoryId), assessorsOf(s.regionId)]);
    const { plan, errors } = importRows(body.rows, before?.plan ?? defaultPlan(), context(assessors), assessors);
    if (errors.length) {
      const details = errors.map((e) => ({ path: `body.rows.${Math.max(0, e.row - 1)}`, message: `第 ${e.row} 行「${e.column}」：${e.message}`, row: e.row, column: e.column, reason: e.message }));
      throw new ValidationError(`表格有 ${errors.length} 处错误，未导入任何数据`, details);
    }
    const next = await store(caller!, s, body, plan, before);
    return view(s, next, next.version, assessors);
  },
});
