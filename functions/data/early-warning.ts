// Early-warning statuses and the dashboard's counters (Art 12). A goal's status sits right after
// the goal (keys.goalWarning), in its assessor unit's list (gsi2, keys.warningAssessor) and, while
// the date alone may still change it, in the daily job's list (gsi1, keys.warningDue). The counters
// (keys.dashboard: per unit, per category, and each month's net change for the trend) move in the
// same transaction as the statuses they count, by the difference each status makes, so they always
// equal a recount; a status written concurrently is refused by its version and the refresh re-read.
import { isDeepStrictEqual } from 'node:util';
import { t } from '../contracts/lang.ts';
import { beijingDate } from '../domain/dates.ts';
import { nextChange, ruleOf, warningOf } from '../domain/early-warning.ts';
import { ConflictError } from '../domain/errors.ts';
import { isLeaf, type PlanNode } from '../domain/plan.ts';
import { dashboardCounter, goalWarningRecord, noWarningCounts, type DashboardCounter, type GoalWarningRecord, type WarningCounts } from '../model/early-warning.ts';
import type { GoalRecord } from '../model/goal.ts';
import { getCategorySet } from './categories.ts';
import { tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { goalTaskEntity } from './goal-tasks.ts';
import { goalEntity, goalSetEntity, listGoalSets } from './goals.ts';
import { keys } from './keys.ts';
import { getCurrentPlan } from './plans.ts';
import { queryAll } from './query.ts';
import { periodsForGoal, readUnitProgress } from './warning-inputs.ts';

export const goalWarningEntity = entity('goalWarning', goalWarningRecord, (w) => keys.goalWarning(w.regionId, w.cycleId, w.unitId, w.indicatorId));
const SCOPE_KEY = { unit: 'UNIT', category: 'CAT', month: 'MONTH' } as const;
export const dashboardEntity = entity('dashboardCounter', dashboardCounter, (c) => keys.dashboard(c.regionId, c.cycleId, SCOPE_KEY[c.scope], c.key));

/** The status with its places in the assessor's list and the daily job's. */
export const warningItem = (w: GoalWarningRecord, next: string | undefined) =>
  goalWarningEntity.item(w, {
    ...(w.assessorUnitId ? keys.warningAssessor(w.regionId, w.cycleId, w.assessorUnitId, w.unitId, w.indicatorId) : {}),
    ...(next ? keys.warningDue(w.regionId, next, w.cycleId, w.unitId, w.indicatorId) : {}),
  });

/** What one status adds to the colour counts (reports are counted per unit: reportCounts). */
function countsOf(w: Pick<GoalWarningRecord, 'level'> | undefined): WarningCounts {
  const c = noWarningCounts();
  if (w) c[w.level] = 1;
  return c;
}

/**
 * A unit's missed and late reports: a report covers every goal of its period, so the unit's count is
 * its goals' largest (a goal approved later owes fewer periods), not their sum.
 */
export function reportCounts(list: readonly Pick<GoalWarningRecord, 'missing' | 'late'>[]): Pick<WarningCounts, 'missing' | 'late'> {
  return { missing: Math.max(0, ...list.map((w) => w.missing)), late: Math.max(0, ...list.map((w) => w.late)) };
}

const minus = (a: WarningCounts, b: WarningCounts): WarningCounts => ({ green: a.green - b.green, yellow: a.yellow - b.yellow, red: a.red - b.red, missing: a.missing - b.missing, late: a.late - b.late });
const plus = (a: WarningCounts, b: WarningCounts): WarningCounts => minus(a, minus(noWarningCounts(), b));
const isZero = (c: WarningCounts) => Object.values(c).every((v) => v === 0);

/** A counter moved by `delta`, its descriptive fields set (the item is made by the first move). */
function counterMove(regionId: string, cycleId: string, scope: DashboardCounter['scope'], key: string, name: string, categoryId: string, delta: WarningCounts): TransactItem {
  const names = { '#e': 'entity', '#r': 'regionId', '#c': 'cycleId', '#s': 'scope', '#k': 'key', '#n': 'name', '#cat': 'categoryId', '#g': 'green', '#y': 'yellow', '#rd': 'red', '#m': 'missing', '#l': 'late' };
  return {
    Update: {
      TableName: tableName(),
      Key: keys.dashboard(regionId, cycleId, SCOPE_KEY[scope], key),
      UpdateExpression: 'SET #e = :e, #r = :r, #c = :c, #s = :s, #k = :k, #n = :n, #cat = :cat ADD #g :g, #y :y, #rd :rd, #m :m, #l :l',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':e': dashboardEntity.name, ':r': regionId, ':c': cycleId, ':s': scope, ':k': key, ':n': name, ':cat': categoryId, ':g': delta.green, ':y': delta.yellow, ':rd': delta.red, ':m': delta.missing, ':l': delta.late },
    },
  };
}

/** Each leaf's name and whether the plan scores it lower-is-better. */
function leavesOf(tree: readonly PlanNode[]): Map<string, PlanNode> {
  const out = new Map<string, PlanNode>();
  const visit = (nodes: readonly PlanNode[]) => nodes.forEach((n) => (isLeaf(n) ? out.set(n.id, n) : visit(n.children ?? [])));
  visit(tree);
  return out;
}

/** Status items per transaction: the counters' three and the audit's two stay well inside DynamoDB's 100. */
const CHUNK = 80;
const ATTEMPTS = 3;

/** Whether a stored status says the same as a new one (version and times aside). */
const same = (a: GoalWarningRecord, b: GoalWarningRecord, aNext: string | undefined, bNext: string | undefined) =>
  aNext === bNext && isDeepStrictEqual({ ...a, version: 0, since: '', updatedAt: '', countedIn: '' }, { ...b, version: 0, since: '', updatedAt: '', countedIn: '' });

export interface RefreshResult {
  changed: { indicatorId: string; from?: string; to?: string }[];
}

/**
 * Works out the colour of every approved goal of the unit at `at` and writes those that changed,
 * with the counters, in as few transactions as the item limit allows (each one consistent on its
 * own: its statuses and the counters' move by them). A status no longer backed by an approved goal
 * is removed. Called by the leader's approval of a progress report and by the daily job.
 */
export async function refreshWarnings(regionId: string, cycleId: string, unitId: string, at: string, actor?: Actor): Promise<RefreshResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await refreshOnce(regionId, cycleId, unitId, at, actor ?? { username: 'system:warning', role: 'system', regionId });
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt === ATTEMPTS) throw e;
    }
  }
}

async function refreshOnce(regionId: string, cycleId: string, unitId: string, at: string, actor: Actor): Promise<RefreshResult> {
  const [items, categories, progress] = await Promise.all([
    queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('GOAL', unitId) },
      ConsistentRead: true,
    }),
    getCategorySet(regionId, cycleId),
    readUnitProgress(regionId, cycleId, unitId),
  ]);
  const setItem = items.find(goalSetEntity.is);
  const set = setItem && goalSetEntity.parse(setItem);
  const goals: GoalRecord[] = set?.status === 'approved' ? items.filter(goalEntity.is).map(goalEntity.parse) : [];
  const stored = new Map(items.filter(goalWarningEntity.is).map((i) => [String(i.indicatorId), { record: goalWarningEntity.parse(i), next: i.gsi1sk ? String(i.gsi1sk).slice(0, 10) : undefined }]));
  const reportsBefore = reportCounts([...stored.values()].map((s) => s.record));
  const kept: GoalWarningRecord[] = [];
  const category = categories?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
  const unitName = category?.units.find((u) => u.unitId === unitId)?.name ?? unitId;
  const categoryId = category?.categoryId ?? set?.categoryId ?? '';
  const plan = categoryId ? await getCurrentPlan(regionId, cycleId, categoryId) : undefined;
  const rule = ruleOf(plan?.plan);
  const leaves = leavesOf(plan?.plan.tree ?? []);
  const today = beijingDate(Date.parse(at));
  const approvedOn = set?.approvedAt ? beijingDate(Date.parse(set.approvedAt)) : today;
  const year = Number(cycleId);
  // A change counts in the month it is made; one worked out for an earlier moment than a status it replaces (a
  // backfill, or two writers' clocks apart) counts in that status's month, so no month of the trend goes below zero.
  const month = [today.slice(0, 7), ...[...stored.values()].map((x) => x.record.countedIn ?? beijingDate(Date.parse(x.record.updatedAt)).slice(0, 7))].sort().at(-1)!;

  type Write = { indicatorId: string; before?: GoalWarningRecord; after?: GoalWarningRecord; next?: string | undefined };
  const writes: Write[] = [];
  for (const g of goals) {
    const leaf = leaves.get(g.indicatorId);
    const lowerIsBetter = leaf?.method?.kind === 'completion' && leaf.method.lowerIsBetter === true;
    const periods = periodsForGoal(progress, year, g.indicatorId, approvedOn);
    const goalIn = { target: g.target, unitOfMeasure: g.unitOfMeasure, milestones: g.milestones, lowerIsBetter };
    const outcome = warningOf(goalIn, periods, today, rule);
    const next = nextChange(goalIn, periods, today, rule);
    const before = stored.get(g.indicatorId);
    const after: GoalWarningRecord = {
      regionId,
      cycleId,
      unitId,
      unitName,
      indicatorId: g.indicatorId,
      categoryId: g.categoryId,
      assessorUnitId: g.assessorUnitId,
      name: leaf?.name ?? g.indicatorId,
      ...(g.unitOfMeasure !== undefined ? { unitOfMeasure: g.unitOfMeasure } : {}),
      ...(g.target !== undefined ? { target: g.target } : {}),
      ...outcome,
      since: before && before.record.level === outcome.level ? before.record.since : at,
      countedIn: month,
      version: (before?.record.version ?? 0) + 1,
      updatedAt: at,
    };
    stored.delete(g.indicatorId);
    kept.push(after);
    if (before && same(before.record, after, before.next, next)) continue;
    writes.push({ indicatorId: g.indicatorId, ...(before ? { before: before.record } : {}), after, next });
  }
  for (const [indicatorId, left] of stored) writes.push({ indicatorId, before: left.record });
  if (!writes.length) return { changed: [] };

  const reportsAfter = reportCounts(kept);
  for (let i = 0; i < writes.length; i += CHUNK) {
    const chunk = writes.slice(i, i + CHUNK);
    const delta = chunk.reduce((d, w) => plus(d, minus(countsOf(w.after), countsOf(w.before))), noWarningCounts());
    // The unit's report counts move once, with the first transaction.
    if (i === 0) Object.assign(delta, { missing: reportsAfter.missing - reportsBefore.missing, late: reportsAfter.late - reportsBefore.late });
    const txItems: TransactItem[] = chunk.map((w) => {
      const condition = w.before ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': w.before.version } } : { ConditionExpression: 'attribute_not_exists(pk)' };
      return w.after
        ? { Put: { TableName: tableName(), Item: warningItem(w.after, w.next), ...condition } }
        : { Delete: { TableName: tableName(), Key: keys.goalWarning(regionId, cycleId, unitId, w.indicatorId), ...condition } };
    });
    if (!isZero(delta) || chunk.some((w) => !w.before)) {
      txItems.push(counterMove(regionId, cycleId, 'unit', unitId, unitName, categoryId, delta));
      txItems.push(counterMove(regionId, cycleId, 'category', categoryId, category?.name ?? categoryId, categoryId, delta));
      txItems.push(counterMove(regionId, cycleId, 'month', month, month, '', delta));
    }
    await commit(
      actor,
      {
        action: 'warning.refresh',
        target: `warning:${regionId}/${cycleId}/${unitId}`,
        after: chunk.map((w) => ({ indicatorId: w.indicatorId, from: w.before?.level, to: w.after?.level, reason: w.after?.reasons[0]?.code })),
      },
      txItems,
      at,
      t('预警状态已被同时更新，请重试', 'The warning status was updated at the same time; please try again'),
    );
  }
  return { changed: writes.map((w) => ({ indicatorId: w.indicatorId, ...(w.before ? { from: w.before.level } : {}), ...(w.after ? { to: w.after.level } : {}) })) };
}

/** How many units a recolour refreshes at a time (DynamoDB takes them in parallel; each is its own transactions). */
export const RECOLOUR_CONCURRENCY = 8;

/**
 * The units a change of a category's warning thresholds recolours: those of the category (as the
 * cycle assigns them) whose goal set is approved — one GetItem and one Query. The background run
 * (handlers/workflow/recolour-warnings.ts) refreshes each as refreshWarnings does, its statuses and the
 * counters in its own transactions: the category's 300 × 50 statuses are far beyond one transaction.
 */
export async function unitsToRecolour(regionId: string, cycleId: string, categoryId: string): Promise<string[]> {
  const [categories, sets] = await Promise.all([getCategorySet(regionId, cycleId), listGoalSets(regionId, cycleId)]);
  const members = new Set(categories?.categories.find((c) => c.categoryId === categoryId)?.units.map((u) => u.unitId) ?? []);
  return sets.filter((s) => s.status === 'approved' && members.has(s.unitId)).map((s) => s.unitId);
}

/** The dashboard's counters of a cycle: one Query of its partition (units, categories, months). */
export async function readDashboard(regionId: string, cycleId: string): Promise<DashboardCounter[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.dashboardPartition(regionId, cycleId) } });
  return items.map(dashboardEntity.parse);
}

/** A cycle's month counters alone (last year's trend beside this year's): one Query of its MONTH# items. */
export async function readMonthCounters(regionId: string, cycleId: string): Promise<DashboardCounter[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.dashboardPartition(regionId, cycleId), ':sk': `${SCOPE_KEY.month}#` } });
  return items.map(dashboardEntity.parse);
}

/** The statuses of the goals an assessor unit scores, across the units: one Query of gsi2. */
export async function readAssessorWarnings(regionId: string, cycleId: string, assessorUnitId: string): Promise<GoalWarningRecord[]> {
  const items = await queryAll({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.warningAssessorPartition(regionId, cycleId, assessorUnitId) } });
  return items.map(goalWarningEntity.parse);
}

/** The (cycle, unit) pairs with a goal whose colour may change by `date`: one Query of gsi1. */
export async function unitsDueForRefresh(regionId: string, date: string): Promise<{ cycleId: string; unitId: string }[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :to',
    ExpressionAttributeValues: { ':pk': keys.warningDuePartition(regionId), ':to': keys.dueUntil(date) },
    ProjectionExpression: 'cycleId, unitId',
  });
  const seen = new Map<string, { cycleId: string; unitId: string }>();
  for (const i of items) seen.set(`${String(i.cycleId)}#${String(i.unitId)}`, { cycleId: String(i.cycleId), unitId: String(i.unitId) });
  return [...seen.values()];
}

/** A unit's set, goals, their statuses and their tasks: the one Query of its GOAL# items. */
export async function readUnitWarnings(regionId: string, cycleId: string, unitId: string) {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('GOAL', unitId) },
  });
  const set = items.find(goalSetEntity.is);
  return {
    set: set && goalSetEntity.parse(set),
    goals: items.filter(goalEntity.is).map(goalEntity.parse),
    warnings: items.filter(goalWarningEntity.is).map(goalWarningEntity.parse),
    tasks: items.filter(goalTaskEntity.is).map(goalTaskEntity.parse),
  };
}
