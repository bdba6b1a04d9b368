// Art 23 decisions and the leader's confirmation (Art 22–23) through the results Lambda against the demo
// data: 玉林市 2025 as seeded has one approved raise with its 文号 and every category confirmed (version 1,
// frozen). Frozen refuses Art 23, veto, claim and score writes, publishing again, and the computation skips it; a correction
// proposed by the staff and approved by the leader alone reopens it; an Art 23 raise of a vetoed unit is
// refused, another approved with its 文号 and computed moves the place, never the total; confirmation is
// refused while a unit is incomplete or a decision not yet computed; the next confirmation is version 2
// and version 1 stays readable. Other regions, units and roles are refused. One table for the file.
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { DEMO_DOCUMENT_NUMBER } from '../../cdk/local/seed-grade-decisions.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { confirmedResults } from '../../functions/data/confirmations.ts';
import { keys } from '../../functions/data/keys.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { runComputationInProcess, type ComputeEvent } from '../../functions/data/result-runner.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { stageNumber, type StageCode } from '../../functions/domain/stages.ts';
import { handler as assessment } from '../../functions/handlers/api/assessment.ts';
import { handler as results } from '../../functions/handlers/api/results.ts';
import { computeResults } from '../../functions/handlers/workflow/compute-results.ts';
import { systemActor } from '../../functions/handlers/workflow/escalation.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2025';
const U = 'yl-yuzhou';
const VETOED = 'yl-xingye';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const staff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const leader = person('yl_leader', 'bureau_leader', 'yl-jxb');
const unitLeader = person('yuzhou_leader', 'unit_leader', U);
const assessorStaff = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const otherStaff = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');
const otherLeader = person('bl_leader', 'bureau_leader', 'bl-jxb', '450981');

type Res = { status: number; body: any };
async function callIn(group: 'results' | 'assessment', op: string, caller: Caller, params: Record<string, string> = {}, body?: unknown, query?: Record<string, string>): Promise<Res> {
  const h = group === 'results' ? results : assessment;
  const res = (await h(apiEvent(routeFor(group, op), { caller, params: { regionId: YL, cycleId: C, ...params }, body, query }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const call = (op: string, caller: Caller, params: Record<string, string> = {}, body?: unknown, query?: Record<string, string>) => callIn('results', op, caller, params, body, query);
const setStage = (stage: StageCode) =>
  documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s, #st = :open', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':s': stageNumber(stage), ':open': 'open' } }));

let running: Promise<unknown> = Promise.resolve();
async function compute(): Promise<any> {
  const seenRunId = (await call('getLatestResultRun', staff)).body.run?.id ?? null;
  const started = await call('startResultRun', staff, {}, { seenRunId });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  await running;
  return (await call('getLatestResultRun', staff)).body.run;
}
const resultOf = async (unitId: string) => (await call('getUnitResult', staff, { unitId })).body.result;
const frozenText = '已由绩效办领导确认并冻结';

let raised: any;
let category: string;

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
  await setStage('grading');
  runComputationInProcess((e: ComputeEvent) => (running = computeResults(systemActor(e.regionId, e.by), e.run)));
}, 60_000);
afterAll(() => runComputationInProcess(undefined));

describe('the demo as seeded', () => {
  it('has one Art 23 raise approved with its 文号, shown on the result apart from the total', async () => {
    const list = await call('listGradeDecisions', staff);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    raised = list.body.items[0];
    expect(raised).toMatchObject({ target: 'grade', direction: 'raise', status: 'approved', decision: { by: 'yl_leader', documentNumber: DEMO_DOCUMENT_NUMBER } });
    const r = await resultOf(raised.unitId);
    expect(r.gradeDecisions).toEqual([expect.objectContaining({ id: raised.id, documentNumber: DEMO_DOCUMENT_NUMBER })]);
    expect(r.place).toMatchObject({ allocatedGrade: 'second', grade: 'first' });
    expect(r.total).toBe(r.breakdown.total);
    expect(r.place.explanation.join('\n')).toContain(`文号 ${DEMO_DOCUMENT_NUMBER}`);
  });

  it('every category confirmed as version 1, read back with confirmedResults', async () => {
    const list = await call('listGradeDecisions', staff);
    const categories = (await call('listResults', staff)).body.categories;
    expect(list.body.freezes.map((f: any) => f.categoryId).sort()).toEqual(categories.map((c: any) => c.categoryId).sort());
    expect(list.body.freezes.every((f: any) => f.status === 'confirmed' && f.confirmedVersion === 1)).toBe(true);
    category = (await resultOf(U)).categoryId;
    const confirmed = await confirmedResults(YL, C, raised.categoryId);
    expect(confirmed).toMatchObject({ version: 1, confirmedBy: 'yl_leader' });
    expect(confirmed!.units.find((u) => u.unitId === raised.unitId)).toMatchObject({ grade: 'first', gradeDecisions: [{ documentNumber: DEMO_DOCUMENT_NUMBER }] });
    expect(Object.values(confirmed!.counts).reduce((a, b) => a + b, 0)).toBe(confirmed!.units.length);
  });
});

describe('a confirmed category is frozen', () => {
  it('refuses Art 23 proposals and vetoes with a clear message', async () => {
    const art23 = await call('proposeGradeDecision', staff, { unitId: U }, { target: 'rank', direction: 'raise', steps: 1, reason: '理由' });
    expect(art23.status).toBe(409);
    expect(art23.body.error.message).toContain(frozenText);
    const veto = await call('proposeVeto', staff, { unitId: U }, { vetoId: 'v1', facts: '事实' });
    expect(veto.status).toBe(409);
    expect(veto.body.error.message).toContain(frozenText);
  });

  it('refuses publishing it again (that would open a new 复核 window)', async () => {
    const categoryId = (await resultOf(U)).categoryId;
    const published = (await call('listResults', staff, {}, undefined, { categoryId })).body.categories.find((c: any) => c.categoryId === categoryId).publication;
    const again = await call('publishResults', staff, { categoryId }, { version: published.version });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(frozenText);
    const after = (await call('listResults', staff, {}, undefined, { categoryId })).body.categories.find((c: any) => c.categoryId === categoryId).publication;
    expect(after).toEqual(published);
  });

  it('refuses claims and scores, even with the cycle put back in 考核评分', async () => {
    await setStage('assessment');
    try {
      const claim = await callIn('assessment', 'saveDeduction', staff, { unitId: U }, { ruleId: 'd1', occurrences: 1, description: '被通报批评', evidence: [], version: 0 });
      expect(claim.status, JSON.stringify(claim.body)).toBe(409);
      expect(claim.body.error.message).toContain(frozenText);
      const items = (await documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(YL, C), ':sk': `SCORE#${U}#` } }))).Items ?? [];
      // A completion score of an assessor unit with a demo account (市统计局, 市生态环境局).
      const accounts: Record<string, string> = { 'yl-tjj': 'yl_tjj', 'yl-sthjj': 'yl_sthjj' };
      const score = items.find((s) => s.methodKind === 'completion' && accounts[s.assessorUnitId as string])!;
      await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: { pk: score.pk, sk: score.sk }, UpdateExpression: 'SET #st = :d', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':d': 'draft' } }));
      const scorer = person(accounts[score.assessorUnitId as string]!, 'assessor_staff', score.assessorUnitId as string);
      const saved = await callIn('assessment', 'saveScore', scorer, { unitId: U, indicatorId: score.indicatorId as string }, { inputs: { actual: '1' }, reason: '更正', version: score.version });
      expect(saved.status, JSON.stringify(saved.body)).toBe(409);
      expect(saved.body.error.message).toContain(frozenText);
      await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: { pk: score.pk, sk: score.sk }, UpdateExpression: 'SET #st = :s', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':s': 'submitted' } }));
    } finally {
      await setStage('grading');
    }
  });

  it('is skipped by the computation: a changed input writes nothing', async () => {
    const before = await resultOf(U);
    const items = (await documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(YL, C), ':sk': `SCORE#${U}#` } }))).Items ?? [];
    const goal = items.find((s) => s.methodKind !== 'satisfaction' && (s.score as number) >= 100)!;
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: { pk: goal.pk, sk: goal.sk }, UpdateExpression: 'SET score = :s', ExpressionAttributeValues: { ':s': (goal.score as number) - 100 } }));
    const run = await compute();
    expect(run).toMatchObject({ status: 'done', changed: 0 });
    expect(run.categoriesDone).toBe(run.categoriesTotal);
    expect(await resultOf(U)).toMatchObject({ version: before.version, total: before.total });
    // Put back, so the reopened category below computes from the seeded inputs.
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: { pk: goal.pk, sk: goal.sk }, UpdateExpression: 'SET score = :s', ExpressionAttributeValues: { ':s': goal.score } }));
  });

  it('refuses a second confirmation of the same version, and confirming is the leader’s alone', async () => {
    expect((await call('confirmResults', staff, { categoryId: category }, { version: 1 })).status).toBe(403);
    const again = await call('confirmResults', leader, { categoryId: category }, { version: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已确认（第 1 版）');
  });
});

describe('a correction reopens it, as the next version', () => {
  let reopen: any;
  it('is proposed by the staff with a reason and approved by the leader alone', async () => {
    expect((await call('proposeReopen', leader, { categoryId: category }, { reason: '更正', version: 1 })).status).toBe(403);
    const res = await call('proposeReopen', staff, { categoryId: category }, { reason: '经复查，玉州区一项指标的统计口径有误，需更正后重新评定', version: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    reopen = res.body;
    expect(reopen).toMatchObject({ status: 'proposed', fromVersion: 1 });
    // A second proposal while one waits is refused; the category stays frozen meanwhile.
    expect((await call('proposeReopen', staff, { categoryId: category }, { reason: '再次', version: 2 })).status).toBe(409);
    expect((await call('proposeGradeDecision', staff, { unitId: U }, { target: 'rank', direction: 'raise', steps: 1, reason: '理由' })).status).toBe(409);
    expect((await call('decideReopen', staff, { categoryId: category, reopenId: reopen.id }, { decision: 'approve', reason: '同意', version: 1 })).status).toBe(403);
    const approved = await call('decideReopen', leader, { categoryId: category, reopenId: reopen.id }, { decision: 'approve', reason: '同意更正', version: 1 });
    expect(approved.body).toMatchObject({ status: 'approved', decision: { by: 'yl_leader' } });
    const state = (await call('getConfirmations', staff, { categoryId: category })).body;
    expect(state.freeze).toMatchObject({ status: 'reopened', confirmedVersion: 1 });
    expect(state.freeze.pendingReopenId).toBeUndefined();
  });

  it('refuses a raise for a vetoed unit, with the reason; takes a lowering', async () => {
    const res = await call('proposeGradeDecision', staff, { unitId: VETOED }, { target: 'grade', direction: 'raise', steps: 1, reason: '突出贡献' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('一票否决的结果不得提高');
    expect((await call('proposeGradeDecision', staff, { unitId: VETOED }, { target: 'rank', direction: 'raise', steps: 1, reason: '突出贡献' })).status).toBe(409);
  });

  let decision: any;
  it('an Art 23 raise: proposed by the staff, approved by the leader alone with a valid 文号', async () => {
    expect((await call('proposeGradeDecision', leader, { unitId: U }, { target: 'rank', direction: 'raise', steps: 1, reason: '理由' })).status).toBe(403);
    expect((await call('proposeGradeDecision', staff, { unitId: U }, { target: 'rank', direction: 'up', steps: 1, reason: '理由' })).status).toBe(400);
    const r = await resultOf(U);
    const target = r.place.grade === 'first' ? 'rank' : 'grade';
    const res = await call('proposeGradeDecision', staff, { unitId: U }, { target, direction: 'raise', steps: 1, reason: '承担自治区试点任务成效突出' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    decision = res.body;
    const params = { unitId: U, decisionId: decision.id };
    expect((await call('decideGradeDecision', staff, params, { decision: 'approve', documentNumber: '玉绩办〔2026〕9号', version: 1 })).status).toBe(403);
    const bad = await call('decideGradeDecision', leader, params, { decision: 'approve', documentNumber: '第9号', version: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.documentNumber');
    expect((await call('decideGradeDecision', leader, params, { decision: 'approve', documentNumber: '玉绩办〔2026〕9号', version: 7 })).status).toBe(409);
    const ok = await call('decideGradeDecision', leader, params, { decision: 'approve', documentNumber: '玉绩办〔2026〕9号', version: 1 });
    expect(ok.body).toMatchObject({ status: 'approved', decision: { documentNumber: '玉绩办〔2026〕9号', by: 'yl_leader' } });
    // The unit is told, with the 文号 and a link to its own result.
    const inbox = await listNotices(YL, U, 20);
    const notice = inbox.items.find((n) => n.kind === 'art23.approved')!;
    expect(notice).toMatchObject({ link: `/my-result/${C}` });
    expect(notice.body).toContain('玉绩办〔2026〕9号');
    expect((await call('decideGradeDecision', leader, params, { decision: 'reject', reason: '改主意', version: 2 })).status).toBe(409);
  });

  it('confirmation is refused until the decision is computed, and while a unit is incomplete', async () => {
    const before = await call('confirmResults', leader, { categoryId: category }, { version: 3 });
    expect(before.status).toBe(409);
    expect(before.body.error.message).toContain('已批准的第二十三条调整尚未计入结果');
    // A unit whose score is taken back to draft makes the category incomplete.
    const items = (await documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(YL, C), ':sk': `SCORE#${U}#` } }))).Items ?? [];
    const score = items[0]!;
    const setStatus = (s: string) => documentClient().send(new UpdateCommand({ TableName: tableName(), Key: { pk: score.pk, sk: score.sk }, UpdateExpression: 'SET #st = :s', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':s': s } }));
    await setStatus('draft');
    await compute();
    const incomplete = await call('confirmResults', leader, { categoryId: category }, { version: 3 });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.error.message).toContain('结果不完整');
    await setStatus('submitted');
  });

  it('the computation then moves the place and never the total; the leader confirms version 2, version 1 kept', async () => {
    const before = await resultOf(U);
    await compute();
    const after = await resultOf(U);
    expect(after.total).toBe(before.total ?? after.breakdown.total);
    expect(after.gradeDecisions).toEqual([expect.objectContaining({ id: decision.id, documentNumber: '玉绩办〔2026〕9号' })]);
    expect(after.place.explanation.join('\n')).toContain('文号 玉绩办〔2026〕9号');
    const v1 = await confirmedResults(YL, C, category);
    const res = await call('confirmResults', leader, { categoryId: category }, { version: 3 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ version: 2, confirmedBy: 'yl_leader', reopen: { id: reopen.id, approvedBy: 'yl_leader' } });
    expect(res.body.units.find((u: any) => u.unitId === U).gradeDecisions).toEqual([expect.objectContaining({ documentNumber: '玉绩办〔2026〕9号' })]);
    const history = (await call('getConfirmations', staff, { categoryId: category })).body;
    expect(history.confirmations.map((c: any) => c.version)).toEqual([1, 2]);
    expect(history.confirmations[0]).toEqual(expect.objectContaining({ version: 1, confirmedAt: v1!.confirmedAt, units: v1!.units, counts: v1!.counts }));
    expect(history.reopens).toEqual([expect.objectContaining({ id: reopen.id, status: 'approved' })]);
    expect(history.freeze).toMatchObject({ status: 'confirmed', confirmedVersion: 2 });
    expect((await confirmedResults(YL, C, category))!.version).toBe(2);
  });
});

describe('who may', () => {
  it('another region, a unit and an assessor unit are refused every route', async () => {
    for (const who of [otherStaff, otherLeader, unitLeader, assessorStaff]) {
      expect((await call('listGradeDecisions', who)).status, who.username).toBe(403);
      expect((await call('getConfirmations', who, { categoryId: category })).status, who.username).toBe(403);
      expect((await call('proposeGradeDecision', who, { unitId: U }, { target: 'rank', direction: 'raise', steps: 1, reason: 'x' })).status, who.username).toBe(403);
      expect((await call('confirmResults', who, { categoryId: category }, { version: 4 })).status, who.username).toBe(403);
      expect((await call('proposeReopen', who, { categoryId: category }, { reason: 'x', version: 4 })).status, who.username).toBe(403);
    }
  });
  it('the unit sees its own Art 23 decision and 文号 on its published result, apart from the score', async () => {
    const own = await call('getUnitResult', unitLeader, { unitId: U });
    expect(own.status).toBe(200);
    expect(own.body.result.gradeDecisions[0]).toMatchObject({ documentNumber: '玉绩办〔2026〕9号' });
    expect(own.body.result.total).toBe(own.body.result.breakdown.total);
  });
});
