// `npm run bench` (dashboard): a region of 300 units × 50 approved goals × 12 months of approved
// progress reports on the local stack. The statuses are what refreshWarnings writes at each month's
// end, worked out by the same rule (domain/early-warning.ts) and written in bulk with the counters
// as their recount — 3,600 refreshes one by one would take DynamoDB Local the better part of an
// hour, and test/integration/early-warning.test.ts proves the refresh keeps the counters equal to a
// recount; a sample of real refreshes is timed too. The bureau's dashboard and a unit's warnings are
// timed as ratios to a bare DynamoDB Local Query of the same size in the same process, with the
// DynamoDB requests each view makes (the target: one Query per view).
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_PASSWORD } from '../../cdk/local/demo-data.ts';
import { cycleItems } from '../../cdk/local/seed.ts';
import { demoPlan } from '../../cdk/local/seed-plan.ts';
import { startLocalStack } from '../../cdk/local/stack.ts';
import { categorySetItem } from '../../functions/data/categories.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { dashboardEntity, refreshWarnings, reportCounts, warningItem } from '../../functions/data/early-warning.ts';
import { nextChange, warningOf, type PeriodReport } from '../../functions/domain/early-warning.ts';
import { noWarningCounts, type GoalWarningRecord, type WarningCounts } from '../../functions/model/early-warning.ts';
import { goalItem, goalSetItem } from '../../functions/data/goals.ts';
import { keys } from '../../functions/data/keys.ts';
import { planItem } from '../../functions/data/plans.ts';
import { regionItem, unitItem } from '../../functions/data/regions.ts';
import { userItem } from '../../functions/data/users.ts';
import { deadlineInstant, shiftIsoDate } from '../../functions/domain/dates.ts';
import type { PlanNode } from '../../functions/domain/plan.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { hashPassword } from '../../functions/identity/password.ts';
import type { GoalRecord } from '../../functions/model/goal.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { measure, printRatios } from './measure.ts';
import { storedByKind } from './capacity.ts';
import { printPerRequest } from './per-request.ts';
import { queryAll } from '../../functions/data/query.ts';

const N = Number(process.env.BENCH_N ?? 200);
const UNITS = 300;
const GOALS = 50;
const MONTHS = Number(process.env.BENCH_MONTHS ?? 12);
const R = '459902';
const C = '2026';
const AT = '2026-01-15T02:00:00.000Z';
const unitIds = Array.from({ length: UNITS }, (_, i) => `u${String(i + 1).padStart(3, '0')}`);
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Five groups of ten completion leaves (2 points each); a third of them scored by an assessor unit. */
const tree: PlanNode[] = Array.from({ length: GOALS / 10 }, (_, g) => ({
  id: String(g + 1),
  name: `一级指标 ${g + 1}`,
  points: 2_000,
  children: Array.from({ length: 10 }, (_, l) => ({ id: `${g + 1}.${l + 1}`, name: `二级指标 ${g + 1}.${l + 1}`, points: 200, method: { kind: 'completion' as const }, ...(l % 3 === 0 ? { assessorUnitId: 'tjj' } : {}) })),
}));
const leaves = tree.flatMap((g) => g.children!);

async function writeAll(items: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  // A few batches in flight: DynamoDB Local takes them one by one anyway, this only hides the round trips.
  for (let i = 0; i < batches.length; i += 8) {
    await Promise.all(batches.slice(i, i + 8).map((b) => documentClient().send(new BatchWriteCommand({ RequestItems: { [tableName()]: b.map((Item) => ({ PutRequest: { Item } })) } }))));
  }
}

/** Quarterly milestones rising to 100 by the year's end. */
const goalOf = (unitId: string, leaf: PlanNode, categoryId: string): GoalRecord => ({
  regionId: R, cycleId: C, unitId, indicatorId: leaf.id, categoryId, planVersion: 1, assessorUnitId: leaf.assessorUnitId ?? '', status: 'approved',
  target: 100, unitOfMeasure: '%', milestones: [3, 6, 9, 12].map((m) => ({ date: `2026-${pad2(m)}-${m === 6 || m === 9 ? 30 : m === 3 || m === 12 ? 31 : 30}`, expected: m * 8 + 4 })), coUnitIds: [], responsible: '张三',
  version: 2, updatedAt: AT, updatedBy: 'bench',
});

async function seedRegion() {
  const categories = [0, 1, 2].map((c) => ({
    categoryId: `c${c + 1}`, name: `类别 ${c + 1}`, order: c + 1,
    units: unitIds.slice(c * 100, c * 100 + 100).map((unitId) => ({ unitId, name: `单位 ${unitId}`, type: 'department' as const })),
  }));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const items: Record<string, unknown>[] = [
    regionItem({ regionId: R, name: '基准市', bureauUnitId: 'jxb' }),
    unitItem({ regionId: R, unitId: 'jxb', name: '基准市绩效办', type: 'bureau' }),
    ...unitIds.map((unitId) => unitItem({ regionId: R, unitId, name: `单位 ${unitId}`, type: 'department' })),
    userItem({ username: 'bench_dash', name: '基准', role: 'bureau_staff', regionId: R, unitId: 'jxb', passwordHash, status: 'active', version: 1 }),
    userItem({ username: 'bench_u001', name: '填报', role: 'unit_staff', regionId: R, unitId: 'u001', passwordHash, status: 'active', version: 1 }),
    ...cycleItems(R, 2026, stageNumber('execution'), 'bench_dash'),
    categorySetItem({ regionId: R, cycleId: C, categories, nextNo: 4, version: 1, updatedAt: AT, updatedBy: 'bench' }),
    ...categories.map((c) => planItem({ regionId: R, cycleId: C, categoryId: c.categoryId, version: 1, revision: 1, plan: demoPlan(tree), balanced: true, stage: 1, createdAt: AT, createdBy: 'bench', updatedAt: AT, updatedBy: 'bench' })),
  ];
  for (const c of categories) {
    for (const { unitId } of c.units) {
      items.push(
        goalSetItem({ regionId: R, cycleId: C, unitId, categoryId: c.categoryId, status: 'approved', counts: { draft: 0, submitted: 0, returned: 0, approved: GOALS }, version: GOALS + 2, approvedAt: AT, approvedBy: 'bench', updatedAt: AT, updatedBy: 'bench' }, AT),
        ...leaves.map((l) => goalItem(goalOf(unitId, l, c.categoryId))),
      );
    }
  }
  await writeAll(items);
  return categories;
}

const monthEnd = (m: number) => `2026-${pad2(m)}-${m === 2 ? 28 : [4, 6, 9, 11].includes(m) ? 30 : 31}`;
/** Noon Beijing of a date. */
const noon = (date: string) => new Date(deadlineInstant(date) - 12 * 3600_000).toISOString();
/** Each goal's value in month m: 70 %–109 % of the milestones' pace, by unit and goal. */
const valueOf = (ui: number, li: number, m: number) => Math.round(m * 8 * (0.7 + ((ui * 7 + li * 13) % 40) / 100) * 10) / 10;
/** Now and then a month unreported, and some units late. */
const reported = (ui: number, m: number) => !(ui % 37 === 5 && m % 4 === 0);
const lateUnit = (ui: number) => ui % 23 === 1;
const dueOf = (m: number) => (m === 12 ? '2027-01-05' : `2026-${pad2(m + 1)}-05`);

/** Every unit's approved reports of the year: one per period, one item per goal. */
async function reportYear(categories: { categoryId: string; units: { unitId: string }[] }[]) {
  for (let m = 1; m <= MONTHS; m++) {
    const period = `2026-${pad2(m)}`;
    const items: Record<string, unknown>[] = [];
    for (const c of categories) {
      for (const { unitId } of c.units) {
        const ui = unitIds.indexOf(unitId);
        if (!reported(ui, m)) continue;
        const base = { regionId: R, cycleId: C, unitId, period, categoryId: c.categoryId, status: 'approved', late: lateUnit(ui), version: 3, updatedAt: AT, updatedBy: 'bench' };
        items.push({ ...keys.progressReport(R, C, unitId, period), entity: 'progressReport', ...base, dueDate: dueOf(m), counts: { filled: GOALS, nothingToReport: 0 } });
        for (const [li, l] of leaves.entries()) items.push({ ...keys.progressItem(R, C, unitId, period, l.id), entity: 'progressItem', ...base, indicatorId: l.id, assessorUnitId: l.assessorUnitId ?? '', evidence: [], nothingToReport: false, value: valueOf(ui, li, m) });
      }
    }
    await writeAll(items);
  }
}

const add = (a: WarningCounts, b: WarningCounts, sign = 1): WarningCounts => ({ green: a.green + sign * b.green, yellow: a.yellow + sign * b.yellow, red: a.red + sign * b.red, missing: a.missing + sign * b.missing, late: a.late + sign * b.late });

/** The statuses as refreshed at each month's end, and the counters: per unit and category the last month's, per month the net change. */
async function statusYear(categories: { categoryId: string; name: string; units: { unitId: string; name: string }[] }[]) {
  const items: Record<string, unknown>[] = [];
  const months = new Map<string, WarningCounts>();
  for (const c of categories) {
    let category = noWarningCounts();
    for (const { unitId, name } of c.units) {
      const ui = unitIds.indexOf(unitId);
      let previous = noWarningCounts();
      let last: GoalWarningRecord[] = [];
      for (let m = 1; m <= MONTHS; m++) {
        const today = shiftIsoDate(monthEnd(m), 0);
        const statuses = leaves.map((l, li): GoalWarningRecord => {
          const periods: PeriodReport[] = Array.from({ length: 12 }, (_, k) => k + 1)
            .filter((p) => dueOf(p) >= '2026-01-15')
            .map((p) => ({ period: `2026-${pad2(p)}`, due: dueOf(p), ...(p <= m && reported(ui, p) ? { report: { kind: 'value' as const, value: valueOf(ui, li, p), late: lateUnit(ui) } } : {}) }));
          const goal = goalOf(unitId, l, c.categoryId);
          const o = warningOf(goal, periods, today);
          return { regionId: R, cycleId: C, unitId, unitName: name, indicatorId: l.id, categoryId: c.categoryId, assessorUnitId: goal.assessorUnitId, name: l.name, unitOfMeasure: '%', target: 100, ...o, since: noon(today), version: m, updatedAt: noon(today) };
        });
        const now = { ...noWarningCounts(), ...reportCounts(statuses) };
        for (const w of statuses) now[w.level]++;
        months.set(`2026-${pad2(m)}`, add(months.get(`2026-${pad2(m)}`) ?? noWarningCounts(), add(now, previous, -1)));
        previous = now;
        last = statuses;
      }
      for (const w of last) {
        const goal = goalOf(unitId, leaves.find((l) => l.id === w.indicatorId)!, c.categoryId);
        items.push(warningItem(w, nextChange(goal, [], monthEnd(MONTHS))));
      }
      items.push(dashboardEntity.item({ regionId: R, cycleId: C, scope: 'unit', key: unitId, name, categoryId: c.categoryId, ...previous }));
      category = add(category, previous);
    }
    items.push(dashboardEntity.item({ regionId: R, cycleId: C, scope: 'category', key: c.categoryId, name: c.name, categoryId: c.categoryId, ...category }));
  }
  for (const [month, delta] of months) items.push(dashboardEntity.item({ regionId: R, cycleId: C, scope: 'month', key: month, name: month, categoryId: '', ...delta }));
  await writeAll(items);
}

/** The DynamoDB requests `run` makes, beyond the caller's session and profile (USER# items). */
async function requestsOf(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const stack = documentClient().middlewareStack;
  stack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: { pk?: string }; IndexName?: string; ExpressionAttributeValues?: Record<string, unknown> };
      const pk = String(input.Key?.pk ?? input.ExpressionAttributeValues?.[':pk'] ?? '');
      if (!pk.startsWith('USER#') && !pk.startsWith('SESSION#')) seen.push(`${context.commandName}${input.IndexName ? `(${input.IndexName})` : ''} ${pk.replace(/#.*/, '#')}`);
      return next(args);
    },
    { step: 'initialize', name: 'benchCount' },
  );
  try {
    await run();
  } finally {
    stack.remove('benchCount');
  }
  return seen.sort();
}

process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const stack = await startLocalStack({});
try {
  const t0 = performance.now();
  const categories = await seedRegion();
  await reportYear(categories);
  await statusYear(categories);
  console.log(`bench region ${R}: ${UNITS} units × ${GOALS} goals × ${MONTHS} months of reports, with their statuses and counters, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const bureau = await ApiClient.login(stack.url, 'bench_dash');
  const base = `/regions/${R}/cycles/${C}`;
  let i = 0;
  const nextUnit = () => unitIds[i++ % UNITS]!;
  const counters = await documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.dashboardPartition(R, C) } }));
  const DASH_BASE = `bare Query: the dashboard's counters (${counters.Count} items)`;
  const stats = await measure(
    {
      [DASH_BASE]: () => documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.dashboardPartition(R, C) } })),
      'GET …/dashboard': () => bureau.get(`${base}/dashboard`),
      'bare Query: one unit’s GOAL# items (goals + statuses)': () =>
        documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(R, C), ':sk': keys.workPrefix('GOAL', nextUnit()) } })),
      'GET …/units/{unitId}/warnings': () => bureau.get(`${base}/units/${nextUnit()}/warnings`),
    },
    N,
    20,
  );
  printRatios(`bench dashboard: ${N} sequential calls each, local stack, ratios to the bare Query of the dashboard's counters`, stats, DASH_BASE);
  const res = await bureau.get(`${base}/dashboard`);
  const body = res.body as { totals: Record<string, number>; months: unknown[] };
  console.log(`\ndashboard totals ${JSON.stringify(body.totals)}, ${body.months.length} months of trend`);

  // A sample of real refreshes (the write path): each unit's goals worked out again a day later.
  const REFRESH_BASE = 'bare Query: one unit’s GOAL# items (consistent)';
  let r = 0;
  const refreshes = await measure(
    {
      [REFRESH_BASE]: () =>
        documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(R, C), ':sk': keys.workPrefix('GOAL', unitIds[r % UNITS]!) }, ConsistentRead: true })),
      'refreshWarnings (one unit, 50 goals, a day on)': () => refreshWarnings(R, C, unitIds[r++ % UNITS]!, noon('2027-01-01')),
    },
    Math.min(N, 40),
    5,
  );
  printRatios('bench dashboard: refreshWarnings, ratios to the bare consistent Query of the unit’s GOAL# items', refreshes, REFRESH_BASE);

  console.log('\nDynamoDB requests per view (beyond the caller’s session):');
  for (const [view, run] of [
    ['GET …/dashboard', () => bureau.get(`${base}/dashboard`)],
    ['GET …/units/{unitId}/warnings', () => bureau.get(`${base}/units/u001/warnings`)],
    ['GET …/assessors/{unitId}/warnings', () => bureau.get(`${base}/assessors/tjj/warnings`)],
  ] as const) {
    const requests = await requestsOf(run);
    console.log(`| ${view} | ${requests.length} requests | ${requests.filter((r) => r.startsWith('Query')).length} Query | ${requests.join(', ')} |`);
  }
  await printPerRequest('per request (docs/cost.md):', [
    ['GET …/dashboard', () => bureau.get(`${base}/dashboard`)],
    ['GET …/units/{unitId}/warnings', () => bureau.get(`${base}/units/u002/warnings`)],
    ['GET …/assessors/{unitId}/warnings', () => bureau.get(`${base}/assessors/tjj/warnings`)],
  ]);
  // A unit's year of goals, statuses and reports, and the region's counters, per kind (docs/cost.md's storage
  // model; the whole partition, ~215,000 items, takes DynamoDB Local many minutes to read back).
  const unitItems = (kind: 'GOAL' | 'WARN' | 'PROGRESS') => queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(R, C), ':sk': keys.workPrefix(kind, 'u002') } });
  const work = [...(await unitItems('GOAL')), ...(await unitItems('WARN')), ...(await unitItems('PROGRESS')), ...(await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.dashboardPartition(R, C) } }))];
  console.log(`\nstored: one unit's GOAL#, WARN# and PROGRESS# items (× ${UNITS} units) and the counters, ${work.length} items per kind (bytes by DynamoDB's rules, without the 100-byte overhead; index copies (projection ALL) apart)`);
  console.log('| kind | items | KB | bytes per item | index copies KB |\n|---|---|---|---|---|');
  for (const [kind, k] of [...storedByKind(work)].sort((x, y) => y[1].bytes - x[1].bytes)) console.log(`| ${kind} | ${k.items} | ${(k.bytes / 1024).toFixed(0)} | ${(k.bytes / k.items).toFixed(0)} | ${(k.indexBytes / 1024).toFixed(0)} |`);
} finally {
  await stack.stop();
}
