// Early warning on DynamoDB Local: the statuses refreshWarnings writes for approved goals as the
// date moves and reports are approved, and the dashboard's counters, which after any sequence of
// changes (concurrent refreshes included) equal a recount of the statuses.
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { goalWarningEntity, readDashboard, refreshWarnings, reportCounts, unitsDueForRefresh } from '../../functions/data/early-warning.ts';
import { goalSetItem, readUnitGoals } from '../../functions/data/goals.ts';
import { keys } from '../../functions/data/keys.ts';
import { deadlineInstant } from '../../functions/domain/dates.ts';
import { noWarningCounts, type GoalWarningRecord, type WarningCounts } from '../../functions/model/early-warning.ts';
import type { GoalRecord } from '../../functions/model/goal.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { earlyWarningOps } from '../../functions/handlers/api/early-warning.ts';
import { progressReportOps } from '../../functions/handlers/api/progress-reports.ts';
import { goalAdjustmentOps } from '../../functions/handlers/api/goal-adjustments.ts';
import { handler as planHandler } from '../../functions/handlers/api/plan.ts';
import { recolourRun } from '../../functions/handlers/workflow/recolour-warnings.ts';
import { recolourInProcess } from '../../functions/data/warning-runner.ts';
import { getWarningRun } from '../../functions/data/warning-runs.ts';
import { progressItem, reportItem } from '../../functions/data/progress-reports.ts';
import { tableHandler } from '../../functions/http/chain.ts';
import { routes } from '../../functions/http/routes.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2026';
const UNITS = ['yl-yuzhou', 'yl-jyj', 'yl-fumian'];
const goals = new Map<string, GoalRecord[]>();
/** Noon Beijing of a date, as an instant. */
const noon = (date: string) => new Date(deadlineInstant(date) - 12 * 3600_000).toISOString();

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
  for (const u of UNITS) {
    goals.set(u, await approveGoalsDirectly(YL, C, u));
    // Approved in January, so every monthly report from January's is owed.
    const { set } = await readUnitGoals(YL, C, u);
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: goalSetItem({ ...set!, approvedAt: '2026-01-20T02:00:00.000Z' }, '2026-01-20T02:00:00.000Z') }));
  }
}, 90_000);

/** An approved report of a unit's period with a value for each goal (`value(i)`, undefined: nothing to report). */
async function approveReport(unitId: string, period: string, value: (index: number) => number | undefined, late = false) {
  const list = goals.get(unitId)!;
  const categoryId = list[0]!.categoryId;
  const due = `${period.slice(0, 5)}${String(Number(period.slice(5)) + 1).padStart(2, '0')}-05`;
  const base = { regionId: YL, cycleId: C, unitId, period, categoryId, status: 'approved', late, version: 2, updatedAt: noon(due), updatedBy: 'test' };
  await documentClient().send(new PutCommand({ TableName: tableName(), Item: { ...keys.progressReport(YL, C, unitId, period), entity: 'progressReport', ...base, dueDate: due, counts: { filled: list.length, nothingToReport: 0 } } }));
  for (const [i, g] of list.entries()) {
    const v = value(i);
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.progressItem(YL, C, unitId, period, g.indicatorId), entity: 'progressItem', ...base, indicatorId: g.indicatorId, assessorUnitId: g.assessorUnitId, evidence: [], ...(v === undefined ? { nothingToReport: true, nothingReason: '本月无进展' } : { value: v, nothingToReport: false }) },
      }),
    );
  }
}

/** Every status of the cycle, read back and counted by unit and category (the recount). */
async function recount(): Promise<{ units: Map<string, WarningCounts>; categories: Map<string, WarningCounts>; all: GoalWarningRecord[] }> {
  const items = (await documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(YL, C), ':sk': 'GOAL#' }, ConsistentRead: true }))).Items ?? [];
  const all = items.filter(goalWarningEntity.is).map(goalWarningEntity.parse);
  const units = new Map<string, WarningCounts>();
  const categories = new Map<string, WarningCounts>();
  for (const unitId of new Set(all.map((w) => w.unitId))) {
    const mine = all.filter((w) => w.unitId === unitId);
    const c = { ...noWarningCounts(), ...reportCounts(mine) };
    for (const w of mine) c[w.level]++;
    units.set(unitId, c);
    const cat = categories.get(mine[0]!.categoryId) ?? noWarningCounts();
    categories.set(mine[0]!.categoryId, { green: cat.green + c.green, yellow: cat.yellow + c.yellow, red: cat.red + c.red, missing: cat.missing + c.missing, late: cat.late + c.late });
  }
  return { units, categories, all };
}

const countsOnly = (c: WarningCounts) => ({ green: c.green, yellow: c.yellow, red: c.red, missing: c.missing, late: c.late });

async function expectCountersEqualRecount() {
  const { units, categories } = await recount();
  const counters = await readDashboard(YL, C);
  const byScope = (scope: string) => new Map(counters.filter((c) => c.scope === scope).map((c) => [c.key, countsOnly(c)]));
  const zeroless = (m: Map<string, WarningCounts>) => new Map([...m].map(([k, v]) => [k, countsOnly(v)]));
  const nonEmpty = (m: Map<string, ReturnType<typeof countsOnly>>) => new Map([...m].filter(([, v]) => Object.values(v).some((x) => x !== 0)));
  expect(nonEmpty(byScope('unit'))).toEqual(zeroless(units));
  expect(nonEmpty(byScope('category'))).toEqual(zeroless(categories));
  // The months' net changes add up to the counts now.
  const months = counters.filter((c) => c.scope === 'month').reduce((sum, c) => ({ green: sum.green + c.green, yellow: sum.yellow + c.yellow, red: sum.red + c.red, missing: sum.missing + c.missing, late: sum.late + c.late }), noWarningCounts());
  const total = [...units.values()].reduce((sum, c) => ({ green: sum.green + c.green, yellow: sum.yellow + c.yellow, red: sum.red + c.red, missing: sum.missing + c.missing, late: sum.late + c.late }), noWarningCounts());
  expect(months).toEqual(total);
}

describe('refreshWarnings', () => {
  it('colours each approved goal from its milestones and reports, and turns it yellow when a milestone passes', async () => {
    const u = 'yl-yuzhou';
    for (const [m, v] of [['01', 5], ['02', 10], ['03', 20], ['04', 28], ['05', 40]] as const) await approveReport(u, `2026-${m}`, () => v);
    await refreshWarnings(YL, C, u, noon('2026-06-20'));
    const before = (await recount()).all.filter((w) => w.unitId === u);
    expect(before.length).toBe(goals.get(u)!.length);
    expect(new Set(before.map((w) => w.level))).toEqual(new Set(['green']));
    expect(before[0]!.reasons[0]!.code).toBe('no_milestone_yet');

    const result = await refreshWarnings(YL, C, u, noon('2026-07-01'));
    expect(result.changed.length).toBe(goals.get(u)!.length);
    const after = (await recount()).all.filter((w) => w.unitId === u);
    // 40 of the 45 expected by 2026-06-30 is 88.9 %, below the yellow line of 90 %.
    expect(after.every((w) => w.level === 'yellow')).toBe(true);
    expect(after[0]).toMatchObject({ milestoneDate: '2026-06-30', expected: 45, value: 40, valuePeriod: '2026-05', percent: 88.9, since: noon('2026-07-01') });
    expect(after[0]!.reasons[0]!.text).toBe('截至节点 2026-06-30 应达 45%，2026-05 期完成 40%，仅为 88.9%，低于黄色预警线 90%');
    await expectCountersEqualRecount();
    // A second refresh the same day changes nothing.
    expect((await refreshWarnings(YL, C, u, noon('2026-07-01'))).changed).toEqual([]);
  });

  it('lists in the daily job’s range the units whose colour moves with the date', async () => {
    const due = await unitsDueForRefresh(YL, '2026-07-06');
    expect(due).toContainEqual({ cycleId: C, unitId: 'yl-yuzhou' });
    expect(await unitsDueForRefresh(YL, '2026-06-30')).toEqual([]);
  });

  it('keeps the counters equal to a recount after any sequence of reports and refreshes, concurrent ones included', async () => {
    const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ unit: fc.constantFrom(...UNITS), month: fc.integer({ min: 0, max: 9 }), value: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }), late: fc.boolean(), day: fc.integer({ min: 0, max: 200 }) }), { minLength: 2, maxLength: 5 }),
        async (steps) => {
          for (const s of steps) {
            await approveReport(s.unit, `2026-${months[s.month]}`, (i) => (s.value === undefined ? undefined : s.value + i), s.late);
            const date = new Date(Date.UTC(2026, 1, 1) + s.day * 86_400_000).toISOString().slice(0, 10);
            // Two refreshes of the unit at once, and one of another unit: none is lost, none counted twice.
            await Promise.all([refreshWarnings(YL, C, s.unit, noon(date)), refreshWarnings(YL, C, s.unit, noon(date)), refreshWarnings(YL, C, UNITS[(UNITS.indexOf(s.unit) + 1) % UNITS.length]!, noon(date))]);
          }
          await expectCountersEqualRecount();
        },
      ),
      { numRuns: 4 },
    );
  }, 240_000);

  it('removes the statuses of a set no longer approved, and its counts with them', async () => {
    const u = 'yl-fumian';
    await refreshWarnings(YL, C, u, noon('2026-08-01'));
    const { set } = await readUnitGoals(YL, C, u);
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: goalSetItem({ ...set!, status: 'returned' }, noon('2026-08-02')) }));
    await refreshWarnings(YL, C, u, noon('2026-08-02'));
    expect((await recount()).all.filter((w) => w.unitId === u)).toEqual([]);
    const counter = (await readDashboard(YL, C)).find((c) => c.scope === 'unit' && c.key === u);
    expect(counter && countsOnly(counter)).toEqual(noWarningCounts());
    await expectCountersEqualRecount();
  });
});

const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const handler = tableHandler(routes.filter((r) => r.group === 'progress' && r.op in earlyWarningOps), earlyWarningOps);
async function call(op: string, caller: Caller, params: Record<string, string> = {}) {
  const res = (await handler(apiEvent(routeFor('progress', op), { caller, params: { regionId: YL, cycleId: C, ...params } }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

describe('the trend', () => {
  it('counts a refresh worked out for an earlier moment than the status it replaces in that status’s month, so no month goes below zero', async () => {
    const u = 'yl-fumian';
    const { set } = await readUnitGoals(YL, C, u);
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: goalSetItem({ ...set!, status: 'approved' }, noon('2026-09-01')) }));
    await refreshWarnings(YL, C, u, noon('2026-09-20'));
    await refreshWarnings(YL, C, u, noon('2026-03-20'));
    const months = (await readDashboard(YL, C)).filter((c) => c.scope === 'month').sort((a, b) => a.key.localeCompare(b.key));
    let running = noWarningCounts();
    for (const m of months) {
      running = { green: running.green + m.green, yellow: running.yellow + m.yellow, red: running.red + m.red, missing: running.missing + m.missing, late: running.late + m.late };
      expect({ month: m.key, ...running }).toEqual({ month: m.key, green: expect.toSatisfy((v: number) => v >= 0), yellow: expect.toSatisfy((v: number) => v >= 0), red: expect.toSatisfy((v: number) => v >= 0), missing: expect.toSatisfy((v: number) => v >= 0), late: expect.toSatisfy((v: number) => v >= 0) });
    }
    await expectCountersEqualRecount();
  });
});

describe('the views and who may read them', () => {
  const bureauStaff = person('yl_staff', 'bureau_staff', 'yl-jxb');
  const filer = person('yuzhou_staff', 'unit_staff', 'yl-yuzhou');
  const otherUnit = person('jyj_staff', 'unit_staff', 'yl-jyj');
  const otherRegion = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');
  let assessorUnitId: string;

  it('the bureau’s dashboard is the counters: categories, units, months, most red, late reports', async () => {
    const res = await call('getDashboard', bureauStaff);
    expect(res.status).toBe(200);
    const { units } = await recount();
    expect(res.body.units.map((u: any) => u.unitId).sort()).toEqual([...units.entries()].filter(([, c]) => c.green + c.yellow + c.red > 0).map(([u]) => u).sort());
    expect(res.body.months[0].month).toBe('2026-01');
    const total = res.body.totals.green + res.body.totals.yellow + res.body.totals.red;
    expect(total).toBe(res.body.categories.reduce((s: number, c: any) => s + c.green + c.yellow + c.red, 0));
    expect(res.body.mostRed.every((u: any) => u.red > 0)).toBe(true);
  });

  it('a unit reads its own goals with colour, reasons and tasks; another unit, another region and the assessor role are refused', async () => {
    const own = await call('getUnitWarnings', filer, { unitId: 'yl-yuzhou' });
    expect(own.status).toBe(200);
    expect(own.body.goals.length).toBe(goals.get('yl-yuzhou')!.length);
    expect(own.body.goals[0].warning.reasons[0].text).toMatch(/节点|未报|正常/);
    expect((await call('getUnitWarnings', bureauStaff, { unitId: 'yl-yuzhou' })).status).toBe(200);
    expect((await call('getUnitWarnings', otherUnit, { unitId: 'yl-yuzhou' })).status).toBe(403);
    expect((await call('getUnitWarnings', otherRegion, { unitId: 'yl-yuzhou' })).status).toBe(403);
    expect((await call('getUnitWarnings', person('yl_tjj', 'assessor_staff', 'yl-tjj'), { unitId: 'yl-yuzhou' })).status).toBe(403);
  });

  it('an assessor unit reads the goals it scores across the units, and no other assessor unit’s; units and other regions are refused the dashboard', async () => {
    const { all } = await recount();
    assessorUnitId = 'yl-tjj';
    expect(all.some((w) => w.assessorUnitId === assessorUnitId)).toBe(true);
    const assessor = person('yl_tjj', 'assessor_staff', assessorUnitId);
    const res = await call('getAssessorWarnings', assessor, { unitId: assessorUnitId });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBe(all.filter((w) => w.assessorUnitId === assessorUnitId).length);
    expect(res.body.items.every((i: any) => i.assessorUnitId === assessorUnitId)).toBe(true);
    const another = all.find((w) => w.assessorUnitId && w.assessorUnitId !== assessorUnitId)?.assessorUnitId ?? 'yl-sthjj';
    expect((await call('getAssessorWarnings', assessor, { unitId: another })).status).toBe(403);
    expect((await call('getAssessorWarnings', filer, { unitId: assessorUnitId })).status).toBe(403);
    expect((await call('getDashboard', filer)).status).toBe(403);
    expect((await call('getDashboard', assessor)).status).toBe(403);
    expect((await call('getDashboard', otherRegion)).status).toBe(403);
  });
});

describe('a report approval', () => {
  const reports = tableHandler(routes.filter((r) => r.group === 'progress' && r.op in progressReportOps), progressReportOps);

  it('colours the unit’s goals at once from the approved values, in the approval’s request', async () => {
    const u = 'yl-jyj';
    const period = '2026-11';
    const at = new Date().toISOString();
    const list = goals.get(u)!;
    for (const g of list) {
      await documentClient().send(new PutCommand({ TableName: tableName(), Item: progressItem({ regionId: YL, cycleId: C, unitId: u, period, indicatorId: g.indicatorId, categoryId: g.categoryId, assessorUnitId: g.assessorUnitId, value: 77, nothingToReport: false, evidence: [], status: 'submitted', late: false, version: 2, updatedAt: at, updatedBy: 'jyj_staff' }) }));
    }
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: reportItem({ regionId: YL, cycleId: C, unitId: u, period, categoryId: list[0]!.categoryId, status: 'submitted', dueDate: '2026-12-05', late: false, counts: { filled: list.length, nothingToReport: 0 }, submittedAt: at, submittedBy: 'jyj_staff', version: 4, updatedAt: at, updatedBy: 'jyj_staff' }) }));
    const res = (await reports(apiEvent(routeFor('progress', 'reviewProgress'), { caller: person('jyj_leader', 'unit_leader', u), params: { regionId: YL, cycleId: C, unitId: u, period }, body: { decision: 'approve', version: 4 } }), lambdaContext)) as { statusCode: number };
    expect(res.statusCode).toBe(201);
    const mine = (await recount()).all.filter((w) => w.unitId === u);
    expect(mine).toHaveLength(list.length);
    expect(mine.every((w) => w.value === 77 && w.valuePeriod === period)).toBe(true);
    await expectCountersEqualRecount();
  });
});

describe('an approved goal adjustment (Art 11)', () => {
  const goalOps = tableHandler(routes.filter((r) => r.group === 'goals' && r.op in goalAdjustmentOps), goalAdjustmentOps);
  const call = async (op: string, caller: Caller, params: Record<string, string>, body: unknown) => {
    const res = (await goalOps(apiEvent(routeFor('goals', op), { caller, params: { regionId: YL, cycleId: C, ...params }, body }), lambdaContext)) as { statusCode: number; body: string };
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };

  it('recolours that goal at once from its new target and milestones, with the new reasons; the counters follow', async () => {
    const u = 'yl-yuzhou';
    const [first, ...rest] = goals.get(u)!;
    // Every report due by now approved: the first goal reached 40, far behind its 2026-11-30 milestone; the others on track.
    for (let m = 1; m <= 11; m++) await approveReport(u, `2026-${String(m).padStart(2, '0')}`, (i) => (i === 0 ? 40 : 95 + i));
    await refreshWarnings(YL, C, u, new Date().toISOString());
    const status = async (indicatorId: string) => (await recount()).all.find((w) => w.unitId === u && w.indicatorId === indicatorId)!;
    const before = await status(first!.indicatorId);
    expect(before).toMatchObject({ level: 'red', milestoneDate: '2026-11-30', expected: first!.target, value: 40 });
    expect(before.reasons.map((r) => r.code)).toContain('far_below_expected');
    const othersBefore = await Promise.all(rest.map((g) => status(g.indicatorId)));

    // The unit asks to lower the goal (Art 11: 不可抗力因素), its leader sends it, the bureau leader approves.
    const path = { unitId: u, indicatorId: first!.indicatorId };
    const proposed = { target: 44, unitOfMeasure: '%', milestones: [{ date: '2026-06-30', expected: 20 }, { date: '2026-11-30', expected: 40 }], leadUnitId: u, coUnitIds: [], responsible: '刘建国' };
    const asked = await call('requestGoalAdjustment', person('yuzhou_staff', 'unit_staff', u), path, { reason: 'force_majeure', explanation: '受台风灾害影响，项目停工三个月', proposed, goalVersion: first!.version, submit: false });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const sent = await call('submitGoalAdjustment', person('yuzhou_leader', 'unit_leader', u), { ...path, adjustmentId: asked.body.adjustmentId }, { version: asked.body.version });
    expect(sent.status).toBe(201);
    const decided = await call('decideGoalAdjustment', person('yl_leader', 'bureau_leader', 'yl-jxb'), { ...path, adjustmentId: asked.body.adjustmentId }, { decision: 'approve', opinion: '同意调整', version: sent.body.version });
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);

    // In the approval's request: 40 of the 40 now expected by 2026-11-30 is on track.
    const after = await status(first!.indicatorId);
    expect(after).toMatchObject({ level: 'green', milestoneDate: '2026-11-30', expected: 40, value: 40, percent: 100 });
    expect(after.reasons.map((r) => r.code)).toEqual(['on_track']);
    expect(after.reasons[0]!.text).toContain('2026-11-30');
    // The unit's other goals keep their colour; the counters equal a recount.
    expect(await Promise.all(rest.map((g) => status(g.indicatorId).then((w) => w.level)))).toEqual(othersBefore.map((w) => w.level));
    await expectCountersEqualRecount();
  });
});

describe('a change of the plan’s warning thresholds (Art 12)', () => {
  const plan = async (method: 'getPlan' | 'savePlan' | 'decidePlanProposal', caller: Caller, categoryId: string, body?: unknown) => {
    const res = (await planHandler(apiEvent(routeFor('plan', method), { caller, params: { regionId: YL, cycleId: C, categoryId }, body, query: {} }), lambdaContext)) as { statusCode: number; body: string };
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };

  it('recolours the category’s goals in the background when the bureau leader approves the new thresholds: the approval answers with the run, the run recolours; the counters follow', async () => {
    const u = 'yl-jyj';
    const categoryId = goals.get(u)![0]!.categoryId;
    // Every report due by now approved at 77: 85.6 % of the 90 the 2026-11-30 milestone expects, yellow by the default 90 % line.
    for (let m = 1; m <= 11; m++) await approveReport(u, `2026-${String(m).padStart(2, '0')}`, () => 77);
    await refreshWarnings(YL, C, u, new Date().toISOString());
    const levels = async () => (await recount()).all.filter((w) => w.unitId === u).map((w) => w.level);
    expect(await levels()).toContain('yellow');
    expect(await levels()).not.toContain('green');

    const staff = person('yl_staff', 'bureau_staff', 'yl-jxb');
    const current = (await plan('getPlan', staff, categoryId)).body;
    const warning = { yellowBelowPercent: 50, redBelowPercent: 10, milestoneGraceDays: 365, missedForYellow: 11, missedForRed: 12 };
    const proposed = await plan('savePlan', staff, categoryId, { revision: current.revision, reason: '过程管理中放宽预警线（测试）', plan: { ...current.plan, warning } });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    // A proposal changes nothing until approved.
    expect(await levels()).not.toContain('green');
    // The run is held until the approval has answered: the approval itself recolours nothing.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let running: Promise<unknown> = Promise.resolve();
    recolourInProcess((e) => (running = held.then(() => recolourRun(e.run))));
    try {
      const approved = await plan('decidePlanProposal', person('yl_leader', 'bureau_leader', 'yl-jxb'), categoryId, { decision: 'approve', seq: proposed.body.proposal.seq, opinion: '同意' });
      expect(approved.status, JSON.stringify(approved.body)).toBe(201);
      const runId = approved.body.warningRunId as string;
      expect(runId).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}$/);
      expect(await levels()).not.toContain('green');
      const before = await getWarningRun(YL, C, runId);
      expect(before).toMatchObject({ status: 'running', categoryId, unitsDone: 0, planVersion: approved.body.version });
      expect(before!.unitsTotal).toBeGreaterThanOrEqual(1);
      release();
      await running;
      const run = await getWarningRun(YL, C, runId);
      expect(run).toMatchObject({ status: 'done', unitsDone: run!.unitsTotal });
      expect(run!.changed).toBeGreaterThan(0);
    } finally {
      recolourInProcess(undefined);
    }

    // 85.6 % is above the new yellow line of 50 %: green, once the run has ended.
    const after = (await recount()).all.filter((w) => w.unitId === u);
    expect(after.map((w) => w.level)).toEqual(after.map(() => 'green'));
    expect(after[0]!.reasons[0]!.code).toBe('on_track');
    await expectCountersEqualRecount();
  });
});
