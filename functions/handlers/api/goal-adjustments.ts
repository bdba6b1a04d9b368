// Adjusting an approved goal (Art 11): the unit or the goal's assessor unit requests, the bureau
// leader decides; an approval makes the goal's next revision and keeps the one it replaces. Spread
// into the 'goals' handler. Rules: domain/goal-adjustments.ts; storage: data/goal-adjustments.ts.
import { randomUUID } from 'node:crypto';
import { nowIso } from '../../config/clock.ts';
import { goalAdjustmentRoutes, QUEUE_STATUSES, type AdjustmentQueueView, type AssessedGoalsView } from '../../contracts/goal-adjustments.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle } from '../../data/cycles.ts';
import { refreshWarnings } from '../../data/early-warning.ts';
import { listAdjustments, listAssessedApproved, readAdjustments, storeApproval, storeMove, storeRequest } from '../../data/goal-adjustments.ts';
import { readUnitGoals } from '../../data/goals.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getCurrentPlan, getPlanVersion } from '../../data/plans.ts';
import { getRegion, getUnits } from '../../data/regions.ts';
import { ADJUSTMENT_STAGES, adjustedGoal, adjustmentMove, initialStatus, proposalProblems, reasonName, requestRefusal, type AdjustmentAction } from '../../domain/goal-adjustments.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../domain/errors.ts';
import { goalFieldsOf } from '../../domain/goals.ts';
import { leaves } from '../../domain/plan.ts';
import { BUREAU_ROLES, type Caller } from '../../domain/roles.ts';
import type { AdjustmentRecord, RequesterKind } from '../../model/goal-adjustment.ts';
import type { GoalFields } from '../../model/goal.ts';
import { ops } from '../../http/chain.ts';
import { logger } from '../../observability/logger.ts';

interface GoalParams {
  regionId: string;
  cycleId: string;
  unitId: string;
  indicatorId: string;
}
interface RequestInput {
  reason: AdjustmentRecord['reason'];
  explanation: string;
  proposed: GoalFields;
  goalVersion: number;
}

const notFoundGoal = (id: string) => new NotFoundError(t(`本单位没有指标 ${id} 的目标`, `This unit has no goal for indicator ${id}`));
const stale = () => new ConflictError(t('目标或调整申请已被他人修改，请刷新后重试', 'The goal or the request was changed by someone else; please refresh and try again'));

/** A new request by the unit or the goal's assessor unit (the route's scope checked which). */
async function request(caller: Caller, params: GoalParams, body: RequestInput, kind: RequesterKind, submit: boolean): Promise<AdjustmentRecord> {
  const { regionId, cycleId, unitId, indicatorId } = params;
  // Only the units the proposal names are read (BatchGet), not the region's whole list.
  const named = [...new Set([...(body.proposed.leadUnitId ? [body.proposed.leadUnitId] : []), ...body.proposed.coUnitIds])];
  const [cycle, categories, { set, goals }, history, units] = await Promise.all([
    getCycle(regionId, cycleId),
    getCategorySet(regionId, cycleId),
    readUnitGoals(regionId, cycleId, unitId),
    readAdjustments(regionId, cycleId, unitId, indicatorId),
    named.length ? getUnits(regionId, named) : [],
  ]);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  const unit = categories?.categories.flatMap((c) => c.units).find((u) => u.unitId === unitId);
  const goal = goals.find((g) => g.indicatorId === indicatorId);
  if (!unit || !goal) throw notFoundGoal(indicatorId);
  const refusal = requestRefusal(cycle.currentStage, set?.status, goal);
  if (refusal) throw new ConflictError(refusal);
  if (goal.version !== body.goalVersion) throw stale();
  const open = history.requests.find((r) => r.status === 'draft' || r.status === 'pending');
  if (open) throw new ConflictError(t('该目标已有未办结的调整申请，请待其审批或撤回后再申请', 'This goal already has an open adjustment request; wait for its decision or withdraw it first'));
  const start = initialStatus(caller.role, submit);
  if (!start.ok) throw new ForbiddenError(start.message);
  const plan = await getPlanVersion(regionId, cycleId, goal.categoryId, goal.planVersion);
  const leaf = plan && leaves(plan.plan.tree).find((w) => w.node.id === indicatorId)?.node;
  if (!leaf) throw new NotFoundError(t(`方案中没有指标 ${indicatorId}`, `The plan has no indicator ${indicatorId}`));
  const problems: FieldProblem[] = proposalProblems(leaf, goalFieldsOf(goal), body.proposed, Number(cycle.cycleId));
  const active = new Set(units.filter((u) => u.status === 'active').map((u) => u.unitId));
  if (body.proposed.leadUnitId && !active.has(body.proposed.leadUnitId)) problems.push({ path: 'body.proposed.leadUnitId', message: t('牵头单位不是本区域的在用单位', 'The lead unit is not an active unit of this region') });
  body.proposed.coUnitIds.forEach((u, i) => !active.has(u) && problems.push({ path: `body.proposed.coUnitIds.${i}`, message: t('配合单位不是本区域的在用单位', 'A co-operating unit is not an active unit of this region') }));
  if (problems.length) throw new ValidationError(t('调整申请有误', 'The adjustment request has problems'), problems);
  const at = nowIso();
  const record: AdjustmentRecord = {
    regionId,
    cycleId,
    unitId,
    indicatorId,
    categoryId: goal.categoryId,
    adjustmentId: randomUUID(),
    unitName: unit.name,
    indicatorName: leaf.name,
    status: start.status,
    reason: body.reason,
    explanation: body.explanation,
    current: goalFieldsOf(goal),
    proposed: body.proposed,
    goalRevision: goal.revision ?? 1,
    goalVersion: goal.version,
    requesterKind: kind,
    requesterUnitId: caller.unitId,
    requestedAt: at,
    requestedBy: caller.username,
    ...(start.status === 'pending' ? { submittedAt: at, submittedBy: caller.username } : {}),
    version: 1,
    updatedAt: at,
    updatedBy: caller.username,
  };
  const notices = start.status === 'pending' ? [await toBureau(record, cycle.name)] : [];
  await storeRequest(caller, record, goal, ADJUSTMENT_STAGES, notices);
  return record;
}

async function toBureau(a: AdjustmentRecord, cycleName: string) {
  const region = await getRegion(a.regionId);
  if (!region) throw new NotFoundError(t('该行政区域不存在', 'This region does not exist'));
  return noticeItem({
    regionId: a.regionId,
    unitId: region.bureauUnitId,
    at: a.updatedAt,
    kind: 'goal.adjustment.requested',
    title: `【目标调整申请】${a.unitName} ${a.indicatorName}`,
    body: `${a.unitName} ${cycleName}「${a.indicatorId} ${a.indicatorName}」申请调整目标（${reasonName(a.reason)}），请绩效办领导审批。`,
    link: `/goal-adjustment-review/${a.cycleId}`,
  });
}

/** The request named by the path, of the goal named by the path. */
async function findRequest(params: GoalParams & { adjustmentId: string }) {
  const { requests } = await readAdjustments(params.regionId, params.cycleId, params.unitId, params.indicatorId);
  const found = requests.find((r) => r.adjustmentId === params.adjustmentId);
  if (!found) throw new NotFoundError(t('该调整申请不存在', 'This adjustment request does not exist'));
  return found;
}

function move(action: AdjustmentAction, a: AdjustmentRecord, caller: Caller, version: number) {
  const m = adjustmentMove(action, a.status, caller.role, a.requesterKind);
  if (!m.ok) throw m.reason === 'role' ? new ForbiddenError(m.message) : new ConflictError(m.message);
  if (a.version !== version) throw stale();
  return m.to;
}

const next = (a: AdjustmentRecord, caller: Caller, status: AdjustmentRecord['status'], extra: Partial<AdjustmentRecord> = {}): AdjustmentRecord => {
  const at = nowIso();
  return { ...a, ...extra, status, version: a.version + 1, updatedAt: at, updatedBy: caller.username };
};

const pageOf = <T>(items: T[], page: number, limit: number) => items.slice((page - 1) * limit, page * limit);

async function withdraw(caller: Caller, params: GoalParams & { adjustmentId: string }, version: number) {
  const a = await findRequest(params);
  // An assessor unit's staff reach the unit's goal by the plan; only the requesting assessor unit withdraws.
  if (a.requesterKind === 'assessor' && caller.role === 'assessor_staff' && a.requesterUnitId !== caller.unitId) {
    throw new ForbiddenError(t('只能撤回本单位提出的申请', 'Only the unit that made a request may withdraw it'));
  }
  const after = next(a, caller, move('withdraw', a, caller, version));
  await storeMove(caller, 'goal.adjustment.withdraw', a, after, undefined, []);
  return after;
}

export const goalAdjustmentOps = ops(goalAdjustmentRoutes, {
  requestGoalAdjustment: async ({ caller, params, body }) => request(caller, params, body, 'unit', body.submit),
  requestAssessedGoalAdjustment: async ({ caller, params, body }) => request(caller, params, body, 'assessor', true),

  submitGoalAdjustment: async ({ caller, params, body }) => {
    const [a, cycle] = await Promise.all([findRequest(params), getCycle(params.regionId, params.cycleId)]);
    const to = move('submit', a, caller, body.version);
    const after = next(a, caller, to);
    after.submittedAt = after.updatedAt;
    after.submittedBy = caller.username;
    await storeMove(caller, 'goal.adjustment.submit', a, after, ADJUSTMENT_STAGES, [await toBureau(after, cycle?.name ?? a.cycleId)]);
    return after;
  },

  withdrawGoalAdjustment: async ({ caller, params, body }) => withdraw(caller, params, body.version),
  withdrawAssessedGoalAdjustment: async ({ caller, params, body }) => withdraw(caller, params, body.version),

  decideGoalAdjustment: async ({ caller, params, body }) => {
    const [a, cycle, { goals }] = await Promise.all([findRequest(params), getCycle(params.regionId, params.cycleId), readUnitGoals(params.regionId, params.cycleId, params.unitId)]);
    if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
    const to = move(body.decision, a, caller, body.version);
    const after = next(a, caller, to, { decidedBy: caller.username, opinion: body.opinion });
    after.decidedAt = after.updatedAt;
    const goal = goals.find((g) => g.indicatorId === a.indicatorId);
    if (!goal) throw notFoundGoal(a.indicatorId);
    const approved = to === 'approved';
    // The goal's unit, and the goal's assessor unit (which may be the one that asked), hear of the decision.
    const told = [...new Set([a.unitId, a.requesterUnitId, goal.assessorUnitId].filter((u): u is string => !!u))];
    const notices = told.map((unitId) =>
      noticeItem({
        regionId: a.regionId,
        unitId,
        at: after.updatedAt,
        kind: approved ? 'goal.adjustment.approved' : 'goal.adjustment.rejected',
        title: `【目标调整${approved ? '已批准' : '未批准'}】${a.unitName} ${a.indicatorName}`,
        body: `${a.unitName}「${a.indicatorId} ${a.indicatorName}」的目标调整申请（${reasonName(a.reason)}）${approved ? '已批准，调整后的目标已公布' : '未获批准，目标不变'}。审批意见：${body.opinion}`,
        // The goal's unit reads it on 目标调整, an assessor unit on 考评目标调整.
        link: unitId === a.unitId ? `/goal-adjustments/${a.cycleId}` : `/assessed-goal-adjustments/${a.cycleId}`,
      }),
    );
    if (!approved) {
      await storeMove(caller, 'goal.adjustment.reject', a, after, undefined, notices);
      return after;
    }
    if (goal.version !== a.goalVersion) throw stale();
    const newGoal = adjustedGoal(goal, a, after.updatedAt, caller.username);
    after.newRevision = newGoal.revision;
    await storeApproval(caller, a, after, { before: goal, after: newGoal }, ADJUSTMENT_STAGES, notices);
    // Early warning (Art 12): the revised target and milestones colour the goal at once (data/early-warning.ts);
    // a failure leaves the approval standing and is logged (the daily job or the next report approval refreshes it).
    await refreshWarnings(a.regionId, a.cycleId, a.unitId, after.updatedAt, caller).catch((e: unknown) => logger.warn('early warning not refreshed after a goal adjustment', { regionId: a.regionId, unitId: a.unitId, error: (e as Error).message }));
    return after;
  },

  listUnitGoalAdjustments: async ({ caller, params }) => {
    const { requests, revisions } = await readAdjustments(params.regionId, params.cycleId, params.unitId);
    // A filer's draft is the unit's own until its leader sends it.
    const shown = BUREAU_ROLES.includes(caller.role) ? requests.filter((r) => r.status !== 'draft') : requests;
    return { requests: shown.sort((x, y) => y.requestedAt.localeCompare(x.requestedAt)), revisions };
  },

  /** One Query of the assessor unit's worklist (approved goals), one of the requests, the categories and the plans for names. */
  listAssessedGoals: async ({ caller, params }): Promise<AssessedGoalsView> => {
    const { regionId, cycleId } = params;
    const [goals, categories, requests] = await Promise.all([listAssessedApproved(regionId, cycleId, caller.unitId), getCategorySet(regionId, cycleId), listAdjustments(regionId, cycleId)]);
    const cats = (categories?.categories ?? []).filter((c) => goals.some((g) => g.categoryId === c.categoryId));
    const plans = new Map(await Promise.all(cats.map(async (c) => [c.categoryId, leaves((await getCurrentPlan(regionId, cycleId, c.categoryId))?.plan.tree ?? [])] as const)));
    const items = goals.map((g) => {
      const category = cats.find((c) => c.categoryId === g.categoryId);
      const open = requests.find((r) => r.unitId === g.unitId && r.indicatorId === g.indicatorId && (r.status === 'draft' || r.status === 'pending'));
      return {
        unitName: category?.units.find((u) => u.unitId === g.unitId)?.name ?? g.unitId,
        categoryName: category?.name ?? '',
        indicatorName: plans.get(g.categoryId)?.find((w) => w.node.id === g.indicatorId)?.node.name ?? g.indicatorId,
        goal: g,
        ...(open ? { open } : {}),
      };
    });
    items.sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh') || a.goal.indicatorId.localeCompare(b.goal.indicatorId, undefined, { numeric: true }));
    const mine = requests.filter((r) => r.requesterUnitId === caller.unitId).sort((x, y) => y.requestedAt.localeCompare(x.requestedAt));
    return { items, requests: mine };
  },

  listGoalAdjustments: async ({ params, query }): Promise<AdjustmentQueueView> => {
    const sent = (await listAdjustments(params.regionId, params.cycleId)).filter((a) => a.status !== 'draft');
    const totals = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, sent.filter((a) => a.status === s).length])) as AdjustmentQueueView['totals'];
    const wanted = (query.status ? sent.filter((a) => a.status === query.status) : sent).sort((x, y) => (y.submittedAt ?? y.requestedAt).localeCompare(x.submittedAt ?? x.requestedAt));
    return { items: pageOf(wanted, query.page, query.limit), total: wanted.length, totals };
  },
});
