// Preliminary results and grading (Art 21–22) through the results Lambda against the demo data, 玉林市
// 2025 put back in 汇总反馈: the bureau starts the computation (run in-process here, as the local stack
// does), polls its run, reads every category graded with the engine's breakdown — the same items the demo
// seed wrote, so nothing changes, nor on a second run; a changed score gives one unit the next version and a lower total; a veto proposed by the
// staff and approved by the leader makes the unit 不合格 and can never be lifted; publishing sets the
// review window (5 working days, the day itself not counted) and only then the unit sees its own result —
// never another unit's, and an assessor unit or another region nothing. One table for the file.
import { DeleteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { runComputationInProcess, type ComputeEvent } from '../../functions/data/result-runner.ts';
import { loadWorkingCalendar } from '../../functions/data/calendar.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { handler } from '../../functions/handlers/api/results.ts';
import { computeResults } from '../../functions/handlers/workflow/compute-results.ts';
import { systemActor } from '../../functions/handlers/workflow/escalation.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';
import { thawConfirmations } from '../helpers/thaw.ts';

const YL = '450900';
const C = '2025';
const U = 'yl-yuzhou';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const staff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const leader = person('yl_leader', 'bureau_leader', 'yl-jxb');
const unitStaff = person('yuzhou_staff', 'unit_staff', U);
const otherUnit = person('jyj_staff', 'unit_staff', 'yl-jyj');
const assessor = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const otherRegion = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');

type Res = { status: number; body: any };
async function call(op: string, caller: Caller, params: Record<string, string> = {}, body?: unknown, query?: Record<string, string>): Promise<Res> {
  const res = (await handler(apiEvent(routeFor('results', op), { caller, params: { regionId: YL, cycleId: C, ...params }, body, query }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const setStage = (stage: number) =>
  documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s, #st = :open', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':s': stage, ':open': 'open' } }));

/** The computations started through the API, awaited by the test instead of polled. */
let running: Promise<unknown> = Promise.resolve();
const seen = async () => ({ seenRunId: (await call('getLatestResultRun', staff)).body.run?.id ?? null });
async function compute(caller: Caller = staff): Promise<any> {
  const started = await call('startResultRun', caller, {}, await seen());
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  await running;
  const latest = await call('getLatestResultRun', staff);
  expect(latest.body.run).toMatchObject({ id: started.body.id, status: 'done' });
  return latest.body.run;
}
async function table(categoryId?: string): Promise<any> {
  const res = await call('listResults', staff, {}, undefined, { limit: '500', ...(categoryId ? { categoryId } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
async function unitResult(unitId = U): Promise<any> {
  const res = await call('listResults', staff, {}, undefined, { limit: '500' });
  for (const c of res.body.categories) {
    const row = (await table(c.categoryId)).items.find((r: any) => r.unitId === unitId);
    if (row) return row;
  }
}

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
  // The demo confirmed 2025 (frozen): taken back, as the cycle is put back before 等次评定.
  await thawConfirmations(YL, C);
  await setStage(stageNumber('preliminary_review'));
  runComputationInProcess((e: ComputeEvent) => (running = computeResults(systemActor(e.regionId, e.by), e.run)));
}, 60_000);
afterAll(() => runComputationInProcess(undefined));

let first: any;

describe('the computation', () => {
  it('is the bureau’s alone, only at 汇总反馈 or 等次评定', async () => {
    expect((await call('startResultRun', unitStaff, {}, { seenRunId: null })).status).toBe(403);
    expect((await call('startResultRun', otherRegion, {}, { seenRunId: null })).status).toBe(403);
    await setStage(stageNumber('assessment'));
    expect((await call('startResultRun', staff, {}, { seenRunId: null })).status).toBe(409);
    await setStage(stageNumber('preliminary_review'));
  });

  it('computes and grades every category of the cycle, with progress counted to the end', async () => {
    const run = await compute();
    const view = await table();
    expect(run.categoriesDone).toBe(run.categoriesTotal);
    expect(run.unitsDone).toBe(run.unitsTotal);
    // The demo seed's 2025 results (cdk/local/seed-results.ts) are this computation's own: nothing to rewrite.
    expect(run.changed).toBe(0);
    expect(view.categories.length).toBeGreaterThan(1);
    for (const c of view.categories) {
      expect(c, c.name).toMatchObject({ computed: c.units, complete: c.units, graded: true, publication: { version: 1 } });
      const rows = (await table(c.categoryId)).items;
      expect(rows.map((r: any) => r.place.order)).toEqual(rows.map((_: unknown, i: number) => i + 1));
      for (const r of rows) {
        expect(Number.isInteger(r.total)).toBe(true);
        expect(r.total).toBe(r.breakdown.total);
        expect(r.breakdown.lines.at(-1)).toMatch(/^总分 = /);
        expect(r.place.explanation.at(-1)).toMatch(/^评定结果：/);
      }
    }
    first = await unitResult();
    expect(first).toMatchObject({ complete: true, missing: [], version: 1 });
  });

  it('keeps the category’s ranking on its index, best first', async () => {
    const res = await documentClient().send(new QueryCommand({ TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.rankingPartition(YL, C, first.categoryId) } }));
    const totals = (res.Items ?? []).map((i) => i.total as number);
    expect(totals.length).toBe((await table(first.categoryId)).total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('is idempotent: a second run over the same inputs writes nothing', async () => {
    const run = await compute();
    expect(run.changed).toBe(0);
    expect(await unitResult()).toMatchObject({ version: 1, runId: first.runId, total: first.total });
  });

  it('refuses a second start while a run is going, or from someone who has not seen the latest run', async () => {
    runComputationInProcess(() => new Promise(() => undefined));
    const before = await seen();
    // Two people who saw the same run press 计算 at once: one run starts, the other is refused.
    const both = await Promise.all([call('startResultRun', staff, {}, before), call('startResultRun', leader, {}, before)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await call('startResultRun', leader, {}, await seen())).status).toBe(409);
    // The stuck run is ended, as its Lambda would be, so the next test starts again.
    const latest = (await call('getLatestResultRun', staff)).body.run;
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.resultRun(YL, C, latest.startedAt, latest.id), UpdateExpression: 'SET #st = :f', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':f': 'failed' } }));
    // Someone who saw the run before the stuck one would start a second on top of it: refused.
    expect((await call('startResultRun', staff, {}, before)).status).toBe(409);
    runComputationInProcess((e: ComputeEvent) => (running = computeResults(systemActor(e.regionId, e.by), e.run)));
  });

  it('gives a unit whose score changed its next version with the engine’s new total', async () => {
    const scores = await documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(YL, C), ':sk': `SCORE#${U}#` } }));
    const goal = (scores.Items ?? []).find((s) => s.methodKind !== 'satisfaction' && (s.score as number) >= 100)!;
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: { pk: goal.pk, sk: goal.sk }, UpdateExpression: 'SET score = :s', ExpressionAttributeValues: { ':s': (goal.score as number) - 100 } }));
    const run = await compute();
    expect(run.changed).toBeGreaterThanOrEqual(1);
    const after = await unitResult();
    expect(after.version).toBe(2);
    expect(after.total).toBe(Math.max(0, first.total - 100));
  });
});

describe('vetoes (一票否决)', () => {
  let veto: any;
  it('the staff propose one under the plan’s veto item with the facts; the leader alone decides', async () => {
    expect((await call('proposeVeto', staff, { unitId: U }, { vetoId: 'nope', facts: '事实' })).body.error.details[0].path).toBe('body.vetoId');
    const res = await call('proposeVeto', staff, { unitId: U }, { vetoId: 'v1', facts: '2025年8月发生较大生产安全责任事故' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    veto = res.body;
    expect(veto).toMatchObject({ status: 'proposed', name: '重大及以上生产安全责任事故', version: 1 });
    expect((await call('proposeVeto', unitStaff, { unitId: U }, { vetoId: 'v1', facts: 'x' })).status).toBe(403);
    expect((await call('decideVeto', staff, { unitId: U, vetoRecordId: veto.id }, { decision: 'approve', reason: '属实', version: 1 })).status).toBe(403);
    expect((await call('decideVeto', leader, { unitId: U, vetoRecordId: veto.id }, { decision: 'approve', reason: '属实', version: 9 })).status).toBe(409);
    const approved = await call('decideVeto', leader, { unitId: U, vetoRecordId: veto.id }, { decision: 'approve', reason: '经核实属实', version: 1 });
    expect(approved.body).toMatchObject({ status: 'approved', version: 2, decision: { by: 'yl_leader' } });
  });
  it('is never lifted, and the next computation grades the unit 不合格 with the reason', async () => {
    expect((await call('decideVeto', leader, { unitId: U, vetoRecordId: veto.id }, { decision: 'reject', reason: '撤销', version: 2 })).status).toBe(409);
    const listed = (await call('listVetoes', staff)).body.items;
    expect(listed).toContainEqual(expect.objectContaining({ id: veto.id, status: 'approved' }));
    // The demo's own veto of 2025 (兴业县) is there too.
    expect(listed).toContainEqual(expect.objectContaining({ unitId: 'yl-xingye', status: 'approved' }));
    await compute();
    const r = await unitResult();
    expect(r.place).toMatchObject({ grade: 'fail', gradeName: '不合格' });
    expect(r.place.explanation[0]).toContain('一票否决：重大及以上生产安全责任事故');
  });
});

describe('publication and who sees what', () => {
  it('before publication a unit sees nothing of its result', async () => {
    // The demo published 2025 already: its publication of 玉州区's category is taken back here.
    await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.resultPublication(YL, C, (await unitResult()).categoryId) }));
    const res = await call('getUnitResult', unitStaff, { unitId: U });
    expect(res.body).toEqual({ unitId: U, result: null, publication: null });
  });
  it('the bureau publishes a category with the review window: 5 working days, the day itself not counted', async () => {
    const r = await unitResult();
    expect((await call('publishResults', unitStaff, { categoryId: r.categoryId }, { version: 0 })).status).toBe(403);
    const res = await call('publishResults', staff, { categoryId: r.categoryId }, { version: 0 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const calendar = await loadWorkingCalendar(YL);
    const day = beijingDate(Date.parse(res.body.publishedAt));
    expect(res.body).toMatchObject({ reviewDays: 5, reviewUntil: calendar.addWorkingDays(day, 5), version: 1 });
    expect((await call('publishResults', staff, { categoryId: r.categoryId }, { version: 0 })).status).toBe(409);
    // Each unit of the category is told, with the window's end and a link to its own result.
    const inbox = await listNotices(YL, U, 20);
    expect(inbox.items).toContainEqual(expect.objectContaining({ kind: 'result.publish', link: `/my-result/${C}` }));
    expect(inbox.items.find((n) => n.kind === 'result.publish')!.body).toContain(res.body.reviewUntil);
    expect((await table()).categories.find((c: any) => c.categoryId === r.categoryId).publication).toMatchObject({ version: 1 });
  });
  it('then the unit sees its own result with the breakdown, never another unit’s; an assessor unit and another region nothing', async () => {
    const own = await call('getUnitResult', unitStaff, { unitId: U });
    expect(own.status).toBe(200);
    expect(own.body.result).toMatchObject({ unitId: U, complete: true });
    expect(own.body.result.breakdown.lines.length).toBeGreaterThan(1);
    expect(own.body.publication.reviewUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await call('getUnitResult', otherUnit, { unitId: U })).status).toBe(403);
    expect((await call('getUnitResult', assessor, { unitId: U })).status).toBe(403);
    expect((await call('getUnitResult', assessor, { unitId: 'yl-tjj' })).status).toBe(403);
    expect((await call('listResults', assessor)).status).toBe(403);
    expect((await call('listResults', unitStaff)).status).toBe(403);
    expect((await call('getUnitResult', otherRegion, { unitId: U })).status).toBe(403);
    expect((await call('listResults', otherRegion)).status).toBe(403);
  });
});
