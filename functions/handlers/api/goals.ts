// A unit's goals of a cycle (Art 8–10): the unit drafts each leaf indicator of its category's plan in
// force, its leader submits the set once coverage is complete, the bureau approves the set or returns
// goals with a reason each, and the unit fixes and resubmits. Rules: domain/goals.ts.
import { nowIso } from '../../config/clock.ts';
import type { GoalSetsView, UnitGoalsView } from '../../contracts/goals.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle, type Cycle } from '../../data/cycles.ts';
import { readSettledGoals, storeMove } from '../../data/goal-moves.ts';
import { listGoalSets, readUnitGoals, removeGoal, storeGoal } from '../../data/goals.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getCurrentPlan, type PlanRecord } from '../../data/plans.ts';
import { getRegion, getUnits } from '../../data/regions.ts';
import { ConflictError, DomainError, NotFoundError, ValidationError, type FieldProblem } from '../../domain/errors.ts';
import { changedFields, checkReturns, countByStatus, coverage, goalEditable, goalWorkOpen, goalWorkStages, goalFieldsOf, goalLeaves, nextGoalStatus, notRefinableMessage, setMove, type SetAction } from '../../domain/goals.ts';
import { isLeaf, type PlanNode } from '../../domain/plan.ts';
import type { Caller } from '../../domain/roles.ts';
import { isAtStage } from '../../domain/stages.ts';
import type { GoalRecord, GoalSetRecord } from '../../model/goal.ts';
import { noCounts } from '../../model/goal.ts';
import { apiHandler } from '../../http/chain.ts';
import { submissionGuards } from './duty-lock.ts';
import { assessorGoalOps, refuseAssessorLeaf } from './assessor-goals.ts';
import { goalAdjustmentOps } from './goal-adjustments.ts';
import { goalTaskOps } from './goal-tasks.ts';

interface UnitContext {
  regionId: string;
  cycle: Cycle;
  unitId: string;
  unitName: string;
  categoryId: string;
  categoryName: string;
  plan: PlanRecord;
}

/** The cycle, the unit's category in it and that category's plan in force. */
async function unitContext(params: { regionId: string; cycleId: string; unitId: string }): Promise<UnitContext> {
  const { regionId, cycleId, unitId } = params;
  const [cycle, set] = await Promise.all([getCycle(regionId, cycleId), getCategorySet(regionId, cycleId)]);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  const category = set?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
  const unit = category?.units.find((u) => u.unitId === unitId);
  if (!category || !unit) throw new NotFoundError(t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle'));
  const plan = await getCurrentPlan(regionId, cycleId, category.categoryId);
  if (!plan) throw new NotFoundError(t(`「${category.name}」尚无考评方案`, `“${category.name}” has no plan yet`));
  return { regionId, cycle, unitId, unitName: unit.name, categoryId: category.categoryId, categoryName: category.name, plan };
}

/** Goal leaves with the names of the indicators above them. */
function leafViews(tree: PlanNode[]) {
  const wanted = new Set(goalLeaves({ tree }).map((l) => l.id));
  const out: UnitGoalsView['leaves'] = [];
  const visit = (nodes: readonly PlanNode[], parents: string[]) => {
    for (const n of nodes) {
      if (!isLeaf(n)) visit(n.children ?? [], [...parents, n.name]);
      else if (wanted.has(n.id)) {
        out.push({ indicatorId: n.id, name: n.name, parents, points: n.points, method: n.method, criteria: n.criteria, refinable: n.refinable, assessorUnitId: n.assessorUnitId, common: n.common });
      }
    }
  };
  visit(tree, []);
  return out;
}

const year = (c: Cycle) => Number(c.cycleId);
const withUnit = (set: GoalSetRecord | undefined) => set?.status ?? 'draft';

/** A goal fixed after a return (draft or submitted again) with what changed since the bureau returned it. */
const withChanges = (g: GoalRecord) => (g.returnedAs && (g.status === 'draft' || g.status === 'submitted') ? { ...g, changed: changedFields(g.returnedAs, g) } : g);

function view(ctx: UnitContext, set: GoalSetRecord | undefined, goals: GoalRecord[]): UnitGoalsView {
  return {
    cycleId: ctx.cycle.cycleId,
    unitId: ctx.unitId,
    unitName: ctx.unitName,
    categoryId: ctx.categoryId,
    categoryName: ctx.categoryName,
    planVersion: ctx.plan.version,
    stage: ctx.cycle.currentStage,
    set: set
      ? { status: set.status, version: set.version, counts: set.counts, submittedAt: set.submittedAt, submittedBy: set.submittedBy, reviewedAt: set.reviewedAt, approvedAt: set.approvedAt }
      : { status: 'draft', version: 0, counts: noCounts() },
    editable: goalWorkOpen(ctx.cycle.currentStage, set?.status) && ['draft', 'returned'].includes(withUnit(set)),
    leaves: leafViews(ctx.plan.plan.tree),
    goals: goals.map(withChanges),
    problems: coverage(ctx.plan.plan, goals, year(ctx.cycle)),
  };
}

function refuseMove(action: SetAction, set: GoalSetRecord | undefined, caller: Caller) {
  const move = setMove(action, set?.status, caller.role);
  if (!move.ok) throw new ConflictError(move.message);
  return move.to;
}

const notGoalSetting = () =>
  new ConflictError(t('周期不在「目标制定」阶段（目标审定阶段只能修改被退回的目标），目标不能修改或报送', 'The cycle is not in goal setting (in goal review only returned goals may be fixed): goals cannot be changed or submitted'));
const staleSet = () => new ConflictError(t('目标已被他人修改，请刷新后重试', 'Someone else changed these goals; please refresh and try again'));

export const handler = apiHandler('goals', {
  ...assessorGoalOps,
  ...goalAdjustmentOps,
  ...goalTaskOps,
  getUnitGoals: async ({ params }) => {
    const [ctx, { set, goals }] = await Promise.all([unitContext(params), readUnitGoals(params.regionId, params.cycleId, params.unitId)]);
    return view(ctx, set, goals);
  },

  saveGoal: async ({ caller, params, body }) => {
    // Only the units the goal names are read (a BatchGet), not the region's whole list.
    const named = [...(body.leadUnitId ? [body.leadUnitId] : []), ...body.coUnitIds];
    const [ctx, { set, goals }, units] = await Promise.all([unitContext(params), readSettledGoals(caller, params.regionId, params.cycleId, params.unitId), named.length ? getUnits(params.regionId, named) : []]);
    const leaf = goalLeaves(ctx.plan.plan).find((l) => l.id === params.indicatorId);
    if (!leaf) throw new NotFoundError(t(`指标 ${params.indicatorId} 不在本单位现行方案中，或不需制定目标`, `Indicator ${params.indicatorId} is not a goal indicator of this unit's plan in force`));
    refuseAssessorLeaf(leaf);
    refuseMove('edit', set, caller);
    if (!goalWorkOpen(ctx.cycle.currentStage, set?.status)) throw notGoalSetting();
    const before = goals.find((g) => g.indicatorId === leaf.id);
    if ((before?.version ?? 0) !== body.version) throw staleSet();
    if (!goalEditable(before?.status)) throw new ConflictError(t('该目标已审定，不能修改', 'This goal is approved and can no longer be changed'));
    const active = new Set(units.filter((u) => u.status === 'active').map((u) => u.unitId));
    const problems: FieldProblem[] = [];
    if (body.leadUnitId && !active.has(body.leadUnitId)) problems.push({ path: 'body.leadUnitId', message: t('牵头单位不是本区域的在用单位', 'The lead unit is not an active unit of this region') });
    body.coUnitIds.forEach((u, i) => !active.has(u) && problems.push({ path: `body.coUnitIds.${i}`, message: t('配合单位不是本区域的在用单位', 'A co-operating unit is not an active unit of this region') }));
    if (body.scoringNote?.trim() && !leaf.refinable) problems.push({ path: 'body.scoringNote', message: notRefinableMessage(leaf) });
    if (problems.length) throw new ValidationError(t('目标有误', 'The goal has problems'), problems);
    const at = nowIso();
    const { version, ...fields } = body;
    const goal: GoalRecord = {
      ...fields,
      regionId: ctx.regionId,
      cycleId: ctx.cycle.cycleId,
      unitId: ctx.unitId,
      indicatorId: leaf.id,
      categoryId: ctx.categoryId,
      planVersion: ctx.plan.version,
      assessorUnitId: leaf.assessorUnitId ?? '',
      status: 'draft',
      // The bureau's last reason stays with the goal, so the unit sees it while fixing.
      ...(before?.returnReason ? { returnReason: before.returnReason, returnedAt: before.returnedAt, returnedAs: before.returnedAs } : {}),
      version: version + 1,
      updatedAt: at,
      updatedBy: caller.username,
    };
    const newSet: GoalSetRecord = { regionId: ctx.regionId, cycleId: ctx.cycle.cycleId, unitId: ctx.unitId, categoryId: ctx.categoryId, status: 'draft', counts: { ...noCounts(), draft: 1 }, version: 1, updatedAt: at, updatedBy: caller.username };
    await storeGoal(caller, goal, before, set, newSet, at, goalWorkStages(set?.status));
    return withChanges(goal);
  },

  /** Any goal still with the unit, also one for an indicator the plan in force no longer has (which would block the submission). */
  removeGoal: async ({ caller, params, body }) => {
    const [ctx, { set, goals }] = await Promise.all([unitContext(params), readSettledGoals(caller, params.regionId, params.cycleId, params.unitId)]);
    refuseMove('edit', set, caller);
    if (!goalWorkOpen(ctx.cycle.currentStage, set?.status)) throw notGoalSetting();
    refuseAssessorLeaf(goalLeaves(ctx.plan.plan).find((l) => l.id === params.indicatorId));
    const goal = goals.find((g) => g.indicatorId === params.indicatorId);
    if (!goal) throw new NotFoundError(t(`本单位没有指标 ${params.indicatorId} 的目标`, `This unit has no goal for indicator ${params.indicatorId}`));
    if (goal.version !== body.version) throw staleSet();
    if (!goalEditable(goal.status)) throw new ConflictError(t('该目标已审定，不能删除', 'This goal is approved and cannot be removed'));
    const at = nowIso();
    await removeGoal(caller, goal, at, goalWorkStages(set?.status));
    const after = set && { ...set, version: set.version + 1, counts: { ...set.counts, [goal.status]: set.counts[goal.status] - 1 }, updatedAt: at, updatedBy: caller.username };
    return view(ctx, after, goals.filter((g) => g !== goal));
  },

  submitGoals: async ({ caller, params, body }) => {
    const [ctx, { set, goals }, region] = await Promise.all([unitContext(params), readSettledGoals(caller, params.regionId, params.cycleId, params.unitId), getRegion(params.regionId)]);
    refuseMove('submit', set, caller);
    if (!goalWorkOpen(ctx.cycle.currentStage, set?.status)) throw notGoalSetting();
    const problems = coverage(ctx.plan.plan, goals, year(ctx.cycle));
    if (problems.length || !set) {
      throw new DomainError(422, 'GOALS_INCOMPLETE', t(`目标尚不完整（${problems.length} 处），不能报送`, `The goals are not complete (${problems.length} problems) and cannot be submitted`), problems);
    }
    if (set.version !== body.version) throw staleSet();
    const at = nowIso();
    const moved = goals.map((g) => ({ before: g, after: { ...g, status: nextGoalStatus('submit', g.status, new Set(), g.indicatorId) } }));
    const changed = moved.filter((m) => m.after.status !== m.before.status).map((m) => ({ before: m.before, after: { ...m.after, version: m.before.version + 1, updatedAt: at, updatedBy: caller.username } }));
    const after: GoalSetRecord = { ...set, status: 'submitted', counts: countByStatus(moved.map((m) => m.after)), version: set.version + 1, submittedAt: at, submittedBy: caller.username, updatedAt: at, updatedBy: caller.username };
    if (!region) throw new NotFoundError(t('该行政区域不存在', 'This region does not exist'));
    const resubmitted = set.status === 'returned';
    const notice = noticeItem({
      regionId: ctx.regionId,
      unitId: region.bureauUnitId,
      at,
      kind: 'goals.submitted',
      title: `【目标${resubmitted ? '重新' : ''}报送】${ctx.unitName} ${ctx.cycle.name}`,
      body: `${ctx.unitName}${resubmitted ? '修改后重新' : ''}报送了 ${ctx.cycle.name} 的绩效目标（${goals.length} 项），请审核。`,
      link: `/cycles/${ctx.cycle.cycleId}/goal-sets`,
    });
    // Stage duties: past the unit's deadline (the stage's, or its extension's) the submission is locked, re-checked in the transaction.
    const guards = await submissionGuards(ctx.cycle, ctx.unitId, Date.parse(at));
    await storeMove(caller, resubmitted ? 'goals.resubmit' : 'goals.submit', { before: set, after }, changed, goalWorkStages(set.status), notice, at, undefined, guards);
    const byId = new Map(changed.map((c) => [c.after.indicatorId, c.after]));
    return view(ctx, after, goals.map((g) => byId.get(g.indicatorId) ?? g));
  },

  reviewGoals: async ({ caller, params, body }) => {
    const [ctx, { set, goals }] = await Promise.all([unitContext(params), readSettledGoals(caller, params.regionId, params.cycleId, params.unitId)]);
    if (!set) throw new ConflictError(t('该单位尚未报送目标', 'This unit has not submitted its goals'));
    const action = body.decision === 'approve' ? 'approve' : 'return';
    const to = refuseMove(action, set, caller);
    if (!isAtStage(ctx.cycle, 'goal_setting') && !isAtStage(ctx.cycle, 'goal_review')) {
      throw new ConflictError(t('周期不在目标制定或审定阶段', 'The cycle is neither in goal setting nor in goal review'));
    }
    if (set.version !== body.version) throw staleSet();
    const returns = body.decision === 'return' ? body.returns : [];
    if (body.decision === 'return') {
      const problems = checkReturns(goals, returns);
      if (problems.length) throw new ValidationError(t('退回有误', 'The return has problems'), problems);
    }
    const at = nowIso();
    const reasons = new Map(returns.map((r) => [r.indicatorId, r.reason]));
    const returned = new Set(reasons.keys());
    const moved = goals.map((g) => {
      const status = nextGoalStatus(action, g.status, returned, g.indicatorId);
      const reason = reasons.get(g.indicatorId);
      return { before: g, after: { ...g, status, ...(reason !== undefined ? { returnReason: reason, returnedAt: at, returnedAs: goalFieldsOf(g) } : {}) } };
    });
    const changed = moved.filter((m) => m.after.status !== m.before.status).map((m) => ({ before: m.before, after: { ...m.after, version: m.before.version + 1, updatedAt: at, updatedBy: caller.username } }));
    const after: GoalSetRecord = {
      ...set,
      status: to,
      counts: countByStatus(moved.map((m) => m.after)),
      version: set.version + 1,
      reviewedAt: at,
      reviewedBy: caller.username,
      ...(to === 'approved' ? { approvedAt: at, approvedBy: caller.username } : {}),
      updatedAt: at,
      updatedBy: caller.username,
    };
    const notice = noticeItem({
      regionId: ctx.regionId,
      unitId: ctx.unitId,
      at,
      kind: to === 'approved' ? 'goals.approved' : 'goals.returned',
      title: to === 'approved' ? `【目标已审定】${ctx.cycle.name}` : `【目标退回】${ctx.cycle.name}：${returns.length} 项需修改`,
      body:
        to === 'approved'
          ? `本单位 ${ctx.cycle.name} 的绩效目标已由绩效办审定。`
          : `绩效办退回了 ${returns.length} 项目标，请按理由修改后重新报送：${returns.map((r) => `${r.indicatorId}（${r.reason}）`).join('；')}`,
      link: `/cycles/${ctx.cycle.cycleId}/goals`,
    });
    await storeMove(caller, `goals.${action}`, { before: set, after }, changed, ['goal_setting', 'goal_review'], notice, at, returns.length ? { returns } : undefined);
    const byId = new Map(changed.map((c) => [c.after.indicatorId, c.after]));
    return view(ctx, after, goals.map((g) => byId.get(g.indicatorId) ?? g));
  },

  /** Every unit of the cycle's categories with its set: one GetItem of the categories, one Query of the queue (gsi3). */
  listGoalSets: async ({ params }): Promise<GoalSetsView> => {
    const { regionId, cycleId } = params;
    const [categories, sets] = await Promise.all([getCategorySet(regionId, cycleId), listGoalSets(regionId, cycleId)]);
    if (!categories) throw new NotFoundError(t('该周期尚无考评类别', 'This cycle has no categories'));
    const byUnit = new Map(sets.map((s) => [s.unitId, s]));
    const totals = { missing: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
    const items: GoalSetsView['items'] = [];
    for (const c of [...categories.categories].sort((a, b) => a.order - b.order)) {
      for (const u of c.units) {
        const s = byUnit.get(u.unitId);
        totals[s?.status ?? 'missing'] += 1;
        items.push({
          unitId: u.unitId,
          unitName: u.name,
          categoryId: c.categoryId,
          categoryName: c.name,
          status: s?.status ?? 'missing',
          version: s?.version ?? 0,
          counts: s?.counts ?? noCounts(),
          ...(s ? { submittedAt: s.submittedAt, reviewedAt: s.reviewedAt, approvedAt: s.approvedAt } : {}),
        });
      }
    }
    return { items, totals };
  },
});
