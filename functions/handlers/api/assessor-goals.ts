// Goals an assessor unit sets (Art 8–9) and goals imported from a sheet: the assessor's common
// indicators each with a table of per-unit targets, saved row by row (each row the unit's goal,
// version-checked, in the unit's set) or whole (every row checked first, then as few transactions as
// the item limit allows), imported from its sheet; and a unit's own goals imported from its sheet.
// Rules: domain/assessor-goals.ts, domain/goal-rows.ts; routes: contracts/assessor-goals.ts.
import { nowIso } from '../../config/clock.ts';
import { assessorGoalRoutes, type CommonGoalsView, type CommonIndicatorView, type CommonRow } from '../../contracts/assessor-goals.ts';
import { t } from '../../contracts/lang.ts';
import { listAssessorGoals, readGoalsOf, storeUnitWrites, type UnitWrite } from '../../data/assessor-goals.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle, type Cycle } from '../../data/cycles.ts';
import { listGoalSets, readUnitGoals, storeGoal } from '../../data/goals.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { getUnit } from '../../data/regions.ts';
import { commonIndicators, commonRowProblems, setByAssessor, type CommonIndicator, type CommonRowFields } from '../../domain/assessor-goals.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../domain/errors.ts';
import { goalRowErrors, readCommonTargetRows, readUnitGoalRows, targetKey, type RowFields } from '../../domain/goal-rows.ts';
import { countByStatus, goalEditable, goalLeaves, goalWorkOpen, goalWorkStages } from '../../domain/goals.ts';
import { importRefusal } from '../../domain/import-report.ts';
import type { StageCode } from '../../domain/stages.ts';
import { noCounts, type GoalRecord, type GoalSetRecord } from '../../model/goal.ts';
import { ops } from '../../http/chain.ts';

interface CommonContext {
  regionId: string;
  cycle: Cycle;
  assessorUnitId: string;
  assessorName: string;
  indicators: CommonIndicator[];
  /** The plan version in force of each category, which the goals record. */
  planVersions: Map<string, number>;
}

const year = (c: Cycle) => Number(c.cycleId);

/** The cycle, its categories with their plans in force (one Query each), and the common indicators the assessor unit sets. */
async function commonContext(params: { regionId: string; cycleId: string; unitId: string }): Promise<CommonContext> {
  const { regionId, cycleId, unitId } = params;
  const [cycle, set, assessor] = await Promise.all([getCycle(regionId, cycleId), getCategorySet(regionId, cycleId), getUnit(regionId, unitId)]);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  const plans = await Promise.all((set?.categories ?? []).map(async (c) => ({ c, plan: await getCurrentPlan(regionId, cycleId, c.categoryId) })));
  const categories = plans.map(({ c, plan }) => ({ categoryId: c.categoryId, name: c.name, units: c.units, ...(plan ? { tree: plan.plan.tree } : {}) }));
  return {
    regionId,
    cycle,
    assessorUnitId: unitId,
    assessorName: assessor?.name ?? unitId,
    indicators: commonIndicators(categories, unitId),
    planVersions: new Map(plans.flatMap(({ c, plan }) => (plan ? [[c.categoryId, plan.version] as const] : []))),
  };
}

function indicatorOf(ctx: CommonContext, indicatorId: string): CommonIndicator {
  const ind = ctx.indicators.find((i) => i.indicatorId === indicatorId);
  if (!ind) throw new NotFoundError(t(`指标 ${indicatorId} 不是本考评单位负责制定目标的共性指标`, `Indicator ${indicatorId} is not a common indicator this assessor unit sets goals for`));
  return ind;
}

const hasTarget = (g: Pick<GoalRecord, 'target' | 'unitOfMeasure'> | undefined) => g?.target !== undefined && !!g.unitOfMeasure?.trim();

function indicatorView(ctx: CommonContext, ind: CommonIndicator, goals: ReadonlyMap<string, GoalRecord>, sets: ReadonlyMap<string, Pick<GoalSetRecord, 'status'>>): CommonIndicatorView {
  const rows = ind.units.map((u) => {
    const g = goals.get(targetKey(ind.indicatorId, u.unitId));
    const setStatus = sets.get(u.unitId)?.status ?? 'draft';
    const editable = ['draft', 'returned'].includes(setStatus) && goalWorkOpen(ctx.cycle.currentStage, sets.get(u.unitId)?.status) && goalEditable(g?.status);
    return {
      unitId: u.unitId,
      unitName: u.unitName,
      categoryId: u.categoryId,
      categoryName: u.categoryName,
      setStatus,
      editable,
      ...(g
        ? { goal: { target: g.target, unitOfMeasure: g.unitOfMeasure, milestones: g.milestones, responsible: g.responsible, status: g.status, version: g.version, updatedAt: g.updatedAt, updatedBy: g.updatedBy, returnReason: g.returnReason } }
        : {}),
    };
  });
  return { indicatorId: ind.indicatorId, name: ind.name, categories: ind.categories, rows, withTarget: rows.filter((r) => hasTarget(r.goal)).length };
}

/** The assessor's goals (gsi2) and every set of the cycle (gsi3), with `fresh` goals just written laid over them. */
async function readTables(ctx: CommonContext, fresh: readonly GoalRecord[] = []) {
  const [goals, sets] = await Promise.all([listAssessorGoals(ctx.regionId, ctx.cycle.cycleId, ctx.assessorUnitId), listGoalSets(ctx.regionId, ctx.cycle.cycleId)]);
  const byKey = new Map([...goals, ...fresh].map((g) => [targetKey(g.indicatorId, g.unitId), g]));
  return { goals: byKey, sets: new Map(sets.map((s) => [s.unitId, s])) };
}

/** The unit's goal after a row: the row's fields over what it had (its lead units and note stay), a draft again. */
function goalAfter(
  base: { regionId: string; cycleId: string; unitId: string; indicatorId: string; categoryId: string; planVersion: number; assessorUnitId: string },
  before: GoalRecord | undefined,
  fields: RowFields,
  by: string,
  at: string,
): GoalRecord {
  return {
    coUnitIds: [],
    ...(before ?? {}),
    ...base,
    target: fields.target,
    unitOfMeasure: fields.unitOfMeasure,
    milestones: fields.milestones,
    responsible: fields.responsible,
    ...(fields.scoringNote !== undefined ? { scoringNote: fields.scoringNote } : {}),
    status: 'draft',
    version: (before?.version ?? 0) + 1,
    updatedAt: at,
    updatedBy: by,
  };
}

const newSet = (regionId: string, cycleId: string, unitId: string, categoryId: string, by: string, at: string): GoalSetRecord => ({
  regionId,
  cycleId,
  unitId,
  categoryId,
  status: 'draft',
  counts: noCounts(),
  version: 0,
  updatedAt: at,
  updatedBy: by,
});

/** Each unit's set with its goals after the writes: counts recomputed, the version moved on once. */
function unitWrites(
  targets: readonly { unitId: string; categoryId: string; before?: GoalRecord; after: GoalRecord }[],
  sets: ReadonlyMap<string, GoalSetRecord>,
  unitGoals: (unitId: string) => readonly GoalRecord[] | undefined,
  ctx: { regionId: string; cycleId: string },
  by: string,
  at: string,
): UnitWrite[] {
  const byUnit = new Map<string, typeof targets>();
  for (const x of targets) byUnit.set(x.unitId, [...(byUnit.get(x.unitId) ?? []), x]);
  return [...byUnit].map(([unitId, list]) => {
    const before = sets.get(unitId);
    const base = before ?? newSet(ctx.regionId, ctx.cycleId, unitId, list[0]!.categoryId, by, at);
    // Counts: the set's own, each written goal moved from its old status (if any) to draft.
    const counts = { ...(unitGoals(unitId) ? countByStatus(unitGoals(unitId)!) : base.counts) };
    if (!unitGoals(unitId)) for (const x of list) {
      if (x.before) counts[x.before.status] -= 1;
      counts.draft += 1;
    }
    return {
      set: { ...(before ? { before } : {}), after: { ...base, counts, version: base.version + 1, updatedAt: at, updatedBy: by } },
      goals: list.map((x) => ({ ...(x.before ? { before: x.before } : {}), after: x.after })),
    };
  });
}

/** The stages a batch may be written in: goal setting, and goal review too if a set in it was returned. */
const batchStages = (sets: Iterable<GoalSetRecord | undefined>): StageCode[] => ([...sets].some((s) => s?.status === 'returned') ? goalWorkStages('returned') : goalWorkStages('draft'));

function checkRows(ctx: CommonContext, ind: CommonIndicator, rows: readonly (CommonRowFields & { unitId: string; version?: number })[], state: Awaited<ReturnType<typeof readGoalsOf>>, at: (i: number) => string): FieldProblem[] {
  const seen = new Set<string>();
  return rows.flatMap((row, i) => {
    const unit = ind.units.find((u) => u.unitId === row.unitId);
    const dup = seen.has(row.unitId) ? [{ path: `${at(i)}.unitId`, message: t('同一单位出现了两次', 'The same unit appears twice') }] : [];
    seen.add(row.unitId);
    const goal = state.goals.get(`${row.unitId}|${ind.indicatorId}`);
    return [...dup, ...commonRowProblems(unit, row, { setStatus: state.sets.get(row.unitId)?.status, goal }, { stage: ctx.cycle.currentStage, year: year(ctx.cycle) }, at(i))];
  });
}

/** The written records of one indicator's rows, checked already. */
function rowTargets(ctx: CommonContext, ind: CommonIndicator, rows: readonly (RowFields & { unitId: string })[], state: Awaited<ReturnType<typeof readGoalsOf>>, by: string, at: string) {
  return rows.map((row) => {
    const unit = ind.units.find((u) => u.unitId === row.unitId)!;
    const before = state.goals.get(`${row.unitId}|${ind.indicatorId}`);
    const after = goalAfter(
      { regionId: ctx.regionId, cycleId: ctx.cycle.cycleId, unitId: row.unitId, indicatorId: ind.indicatorId, categoryId: unit.categoryId, planVersion: ctx.planVersions.get(unit.categoryId) ?? 1, assessorUnitId: ctx.assessorUnitId },
      before,
      row,
      by,
      at,
    );
    return { unitId: row.unitId, categoryId: unit.categoryId, ...(before ? { before } : {}), after };
  });
}

const pairsOf = (rows: readonly { unitId: string; indicatorId: string }[]) => rows.map((r) => ({ unitId: r.unitId, indicatorId: r.indicatorId }));
const fieldsOf = (row: CommonRow): RowFields => ({ target: row.target, unitOfMeasure: row.unitOfMeasure, milestones: row.milestones, responsible: row.responsible });

export const assessorGoalOps = ops(assessorGoalRoutes, {
  getCommonGoals: async ({ params }): Promise<CommonGoalsView> => {
    const ctx = await commonContext(params);
    const { goals, sets } = await readTables(ctx);
    return {
      cycleId: ctx.cycle.cycleId,
      assessorUnitId: ctx.assessorUnitId,
      assessorName: ctx.assessorName,
      stage: ctx.cycle.currentStage,
      year: year(ctx.cycle),
      indicators: ctx.indicators.map((ind) => indicatorView(ctx, ind, goals, sets)),
    };
  },

  /** One row, as the assessor types: the unit's goal, version-checked, in the unit's set (storeGoal, as the unit's own save). */
  saveCommonGoal: async ({ caller, params, body }) => {
    const ctx = await commonContext(params);
    const ind = indicatorOf(ctx, params.indicatorId);
    const { set, goals } = await readUnitGoals(ctx.regionId, ctx.cycle.cycleId, body.unitId);
    const before = goals.find((g) => g.indicatorId === ind.indicatorId);
    const state = { sets: new Map(set ? [[body.unitId, set]] : []), goals: new Map(before ? [[`${body.unitId}|${ind.indicatorId}`, before]] : []) };
    const problems = checkRows(ctx, ind, [body], state, () => 'body');
    if (problems.some((p) => p.path === 'body.version')) throw new ConflictError(problems.find((p) => p.path === 'body.version')!.message);
    if (problems.some((p) => p.path === 'body.unitId')) {
      const p = problems.find((x) => x.path === 'body.unitId')!;
      throw ind.units.some((u) => u.unitId === body.unitId) ? new ConflictError(p.message) : new NotFoundError(p.message);
    }
    if (problems.length) throw new ValidationError(t('目标有误', 'The goal has problems'), problems);
    const at = nowIso();
    const [x] = rowTargets(ctx, ind, [{ ...fieldsOf(body), unitId: body.unitId }], state, caller.username, at);
    const created = newSet(ctx.regionId, ctx.cycle.cycleId, body.unitId, x!.categoryId, caller.username, at);
    await storeGoal(caller, x!.after, before, set, { ...created, counts: { ...noCounts(), draft: 1 }, version: 1 }, at, goalWorkStages(set?.status));
    return x!.after;
  },

  /** The whole table: every row checked first (nothing is written if one is wrong), then written in as few transactions as possible. */
  saveCommonGoals: async ({ caller, params, body }) => {
    const ctx = await commonContext(params);
    const ind = indicatorOf(ctx, params.indicatorId);
    const state = await readGoalsOf(ctx.regionId, ctx.cycle.cycleId, body.rows.map((r) => ({ unitId: r.unitId, indicatorId: ind.indicatorId })));
    const problems = checkRows(ctx, ind, body.rows, state, (i) => `body.rows.${i}`);
    if (problems.length) throw new ValidationError(t(`表中有 ${problems.length} 处问题，未保存任何一行`, `The table has ${problems.length} problem(s); no row was saved`), problems);
    const at = nowIso();
    const targets = rowTargets(ctx, ind, body.rows.map((r) => ({ ...fieldsOf(r), unitId: r.unitId })), state, caller.username, at);
    const writes = unitWrites(targets, state.sets, () => undefined, { regionId: ctx.regionId, cycleId: ctx.cycle.cycleId }, caller.username, at);
    await storeUnitWrites(caller, 'goal.saveCommon', `common-goals:${ctx.regionId}/${ctx.cycle.cycleId}/${ctx.assessorUnitId}/${ind.indicatorId}`, writes, batchStages(state.sets.values()), at);
    const { goals, sets } = await readTables(ctx, targets.map((x) => x.after));
    for (const w of writes) sets.set(w.set.after.unitId, w.set.after);
    return indicatorView(ctx, ind, goals, sets);
  },

  importCommonGoals: async ({ caller, params, body }) => {
    const ctx = await commonContext(params);
    const nothing = { zh: '未导入任何目标', en: 'nothing was imported' };
    const { targets, errors } = readCommonTargetRows(body.rows, ctx.indicators, year(ctx.cycle));
    if (errors.length) throw importRefusal(errors, nothing);
    const state = await readGoalsOf(ctx.regionId, ctx.cycle.cycleId, pairsOf(targets));
    const stateErrors = targets.flatMap((x) => {
      const ind = indicatorOf(ctx, x.indicatorId);
      return goalRowErrors(x.row, checkRows(ctx, ind, [{ ...x.fields, unitId: x.unitId }], state, () => 'row'));
    });
    if (stateErrors.length) throw importRefusal(stateErrors, nothing);
    if (body.dryRun) return { count: targets.length, dryRun: true };
    const at = nowIso();
    const written = targets.flatMap((x) => rowTargets(ctx, indicatorOf(ctx, x.indicatorId), [{ ...x.fields, unitId: x.unitId }], state, caller.username, at));
    const writes = unitWrites(written, state.sets, () => undefined, { regionId: ctx.regionId, cycleId: ctx.cycle.cycleId }, caller.username, at);
    if (writes.length) await storeUnitWrites(caller, 'goal.importCommon', `common-goals:${ctx.regionId}/${ctx.cycle.cycleId}/${ctx.assessorUnitId}`, writes, batchStages(state.sets.values()), at);
    return { count: targets.length, dryRun: false };
  },

  /** A unit's own goals from its sheet: every row checked, then the goals and the set in one transaction (two past 96 goals). */
  importUnitGoals: async ({ caller, params, body }) => {
    const { regionId, cycleId, unitId } = params;
    const [cycle, categories, { set, goals }] = await Promise.all([getCycle(regionId, cycleId), getCategorySet(regionId, cycleId), readUnitGoals(regionId, cycleId, unitId)]);
    if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
    const category = categories?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
    if (!category) throw new NotFoundError(t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle'));
    const plan = await getCurrentPlan(regionId, cycleId, category.categoryId);
    if (!plan) throw new NotFoundError(t(`「${category.name}」尚无考评方案`, `“${category.name}” has no plan yet`));
    const leaves = goalLeaves(plan.plan);
    const byId = new Map(goals.map((g) => [g.indicatorId, g]));
    const nothing = { zh: '未导入任何目标', en: 'nothing was imported' };
    const read = readUnitGoalRows(body.rows, leaves, byId, Number(cycleId));
    const errors = [
      ...read.errors,
      ...read.goals
        .filter((x) => !goalEditable(byId.get(x.indicatorId)?.status))
        .map((x) => ({ row: x.row, column: '指标编号', message: t('该目标已审定，不能修改', 'This goal is approved and can no longer be changed') })),
    ];
    if (errors.length) throw importRefusal(errors, nothing);
    // The sheet is checked first, so its own problems are named even when nothing may be imported now.
    if (!['draft', 'returned'].includes(set?.status ?? 'draft') || !goalWorkOpen(cycle.currentStage, set?.status)) {
      throw new ConflictError(t('本单位目标已报送，或周期不在目标制定阶段，不能导入', 'Your goals are submitted or the cycle is not in goal setting: nothing can be imported'));
    }
    if (body.dryRun || !read.goals.length) return { count: read.goals.length, dryRun: body.dryRun };
    const at = nowIso();
    const leafOf = new Map(leaves.map((l) => [l.id, l]));
    const written = read.goals.map((x) => {
      const before = byId.get(x.indicatorId);
      const base = { regionId, cycleId, unitId, indicatorId: x.indicatorId, categoryId: category.categoryId, planVersion: plan.version, assessorUnitId: leafOf.get(x.indicatorId)!.assessorUnitId ?? '' };
      return { unitId, categoryId: category.categoryId, ...(before ? { before } : {}), after: goalAfter(base, before, x.fields, caller.username, at) };
    });
    const after = new Map(goals.map((g) => [g.indicatorId, g]));
    for (const w of written) after.set(w.after.indicatorId, w.after);
    const writes = unitWrites(written, new Map(set ? [[unitId, set]] : []), () => [...after.values()], { regionId, cycleId }, caller.username, at);
    await storeUnitWrites(caller, 'goal.import', `goals:${regionId}/${cycleId}/${unitId}`, writes, goalWorkStages(set?.status), at);
    return { count: read.goals.length, dryRun: false };
  },
});

/** The unit may not save or remove a goal its assessor unit sets (the goals handler asks before its own save). */
export const refuseAssessorLeaf = (leaf: { common?: boolean | undefined; assessorUnitId?: string | undefined; name: string } | undefined) => {
  if (leaf && setByAssessor(leaf)) {
    throw new ConflictError(t(`「${leaf.name}」是共性指标，目标由考评单位制定，本单位不能修改`, `“${leaf.name}” is a common indicator whose goal the assessor unit sets; your unit cannot change it`));
  }
};
