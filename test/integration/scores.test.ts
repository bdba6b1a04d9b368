// Assessor scoring and the survey through the assessment Lambda, on the demo data with 玉林市 2026 moved
// to 考核评分 in this file's own table (goals approved straight into it): 市统计局 scores 1.1 of the
// counties (completion) from their goals and self-assessments — a correction needs its reason and is
// kept —; the bureau imports 1.3 (ranking) of the government departments, scored only when every
// department has a value; the third party enters and imports satisfaction rates (no personal contacts);
// an indicator is submitted only when complete, then is final, and its tally delivers the stage duty;
// the bureau's progress. Another assessor unit, a unit, another region are refused.
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { getTally, listCycleScores } from '../../functions/data/scores.ts';
import { selfEntity, selfSetItem } from '../../functions/data/self-assessments.ts';
import { loadStageDuties } from '../../functions/data/duties.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { SCORE_SHEET_HEADER } from '../../functions/domain/score-rows.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { handler } from '../../functions/handlers/api/assessment.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2026';
const COUNTIES = ['yl-yuzhou', 'yl-fumian', 'yl-beiliu', 'yl-rongxian', 'yl-luchuan', 'yl-bobai', 'yl-xingye'];
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const tjj = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const sthjj = person('yl_sthjj', 'assessor_staff', 'yl-sthjj');
const third = person('yl_third', 'third_party', 'yl-sqmy');
const bureau = person('yl_staff', 'bureau_staff', 'yl-jxb');
const filer = person('yuzhou_staff', 'unit_staff', 'yl-yuzhou');
const otherRegion = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');

async function call(op: string, caller: Caller, params: Record<string, string>, body?: unknown, query?: Record<string, string>) {
  const res = (await handler(apiEvent(routeFor('assessment', op), { caller, params: { regionId: YL, cycleId: C, ...params }, body, query }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const save = (caller: Caller, unitId: string, indicatorId: string, body: unknown) => call('saveScore', caller, { unitId, indicatorId }, body);
const worklist = (caller: Caller, assessor: string, query?: Record<string, string>) => call('getScoreWorklist', caller, { unitId: assessor }, undefined, query);
let governmentUnits: string[] = [];

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
  await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('assessment') } }));
  for (const u of COUNTIES) await approveGoalsDirectly(YL, C, u);
  const { getCategorySet } = await import('../../functions/data/categories.ts');
  const set = await getCategorySet(YL, C);
  governmentUnits = set!.categories.find((c) => c.name === '市直政府部门')!.units.map((u) => u.unitId);
  for (const u of governmentUnits) await approveGoalsDirectly(YL, C, u);
  // 福绵区 submitted its self-assessment: 1.1 achieved 88 (its goal's target is 90).
  const at = new Date().toISOString();
  const categoryId = set!.categories.find((c) => c.units.some((u) => u.unitId === 'yl-fumian'))!.categoryId;
  await documentClient().send(new PutCommand({ TableName: tableName(), Item: selfSetItem({ regionId: YL, cycleId: C, unitId: 'yl-fumian', categoryId, status: 'submitted', counts: { saved: 1, complete: 1 }, goalCount: 6, version: 3, submittedAt: at, submittedBy: 'fumian_leader', updatedAt: at, updatedBy: 'fumian_leader' }, at) }));
  await documentClient().send(
    new PutCommand({
      TableName: tableName(),
      Item: selfEntity.item({ regionId: YL, cycleId: C, unitId: 'yl-fumian', indicatorId: '1.1', categoryId, planVersion: 1, methodKind: 'completion', assessorUnitId: 'yl-tjj', achieved: 88, narrative: '全年地区生产总值增长 8.8%', evidence: [], selfScore: 1956, explanation: [], complete: true, version: 1, updatedAt: at, updatedBy: 'fumian_staff' }),
    }),
  );
}, 90_000);

describe('the worklist', () => {
  it('lists the assessor unit’s indicators for every unit of their categories, all to score, with the approved targets', async () => {
    const res = await worklist(tjj, 'yl-tjj');
    expect(res.status).toBe(200);
    expect(res.body.editable).toBe(true);
    expect(res.body.indicators).toEqual([expect.objectContaining({ indicatorId: '1.1', methodKind: 'completion', total: 7, toScore: 7, scored: 0, submitted: 0 })]);
    expect(res.body.rows.map((r: any) => r.unitId)).toEqual(COUNTIES);
    expect(res.body.rows[0]).toMatchObject({ state: 'toScore', target: 90, unitOfMeasure: '%' });
  });
  it('shows the self-assessed value of a unit whose set is submitted, in the indicator view', async () => {
    const rows = (await worklist(tjj, 'yl-tjj', { indicatorId: '1.1' })).body.rows;
    expect(rows.find((r: any) => r.unitId === 'yl-fumian').reported).toBe('88');
    expect(rows.find((r: any) => r.unitId === 'yl-yuzhou').reported).toBeUndefined();
  });
  it('refuses another assessor unit’s desk, a unit and another region (403); the bureau reads it, read-only', async () => {
    expect((await worklist(sthjj, 'yl-tjj')).status).toBe(403);
    expect((await worklist(filer, 'yl-yuzhou')).status).toBe(403);
    expect((await worklist(otherRegion, 'yl-tjj')).status).toBe(403);
    const asBureau = await worklist(bureau, 'yl-tjj');
    expect(asBureau.status).toBe(200);
    expect(asBureau.body.editable).toBe(false);
  });
});

describe('a score', () => {
  it('is computed by the engine from the input, with its explanation', async () => {
    const res = await save(tjj, 'yl-yuzhou', '1.1', { inputs: { actual: '81' }, version: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ unitId: 'yl-yuzhou', indicatorId: '1.1', methodKind: 'completion', points: 2000, inputs: { target: '90', actual: '81' }, score: 1800, status: 'draft', version: 1, corrections: [] });
    expect(res.body.explanation[0]).toContain('实际值 81 ÷ 目标值 90');
  });
  it('needs a reason to correct an input it entered before; the correction is kept with who and when', async () => {
    const refused = await save(tjj, 'yl-yuzhou', '1.1', { inputs: { actual: '85.5' }, version: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].path).toBe('body.reason');
    const res = await save(tjj, 'yl-yuzhou', '1.1', { inputs: { actual: '85.5' }, reason: '统计年鉴终审数据为 85.5', version: 1 });
    expect(res.body).toMatchObject({ score: 1900, version: 2, corrections: [{ field: 'actual', from: '81', to: '85.5', reason: '统计年鉴终审数据为 85.5', by: 'yl_tjj' }] });
  });
  it('corrects the unit’s self-assessed value only with a reason; keeping it records nothing', async () => {
    expect((await save(tjj, 'yl-fumian', '1.1', { inputs: { actual: '86' }, version: 0 })).status).toBe(400);
    const kept = await save(tjj, 'yl-fumian', '1.1', { inputs: { actual: '88' }, version: 0 });
    expect(kept.body).toMatchObject({ score: 1956, corrections: [] });
  });
  it('refuses a stale version (409), an input of another method (400), the computed score itself (400)', async () => {
    expect((await save(tjj, 'yl-yuzhou', '1.1', { inputs: { actual: '70' }, reason: 'x', version: 1 })).status).toBe(409);
    const other = await save(tjj, 'yl-beiliu', '1.1', { inputs: { level: 'good' }, version: 0 });
    expect(other.status).toBe(400);
    expect(other.body.error.details.map((d: any) => d.path)).toEqual(['body.inputs.actual', 'body.inputs.level']);
    expect((await save(tjj, 'yl-beiliu', '1.1', { inputs: { actual: '80' }, score: 2000, version: 0 })).status).toBe(400);
  });
  it('refuses another assessor unit, the bureau for a leaf it does not score, a unit and another region', async () => {
    expect((await save(sthjj, 'yl-beiliu', '1.1', { inputs: { actual: '80' }, version: 0 })).status).toBe(403);
    expect((await save(tjj, 'yl-beiliu', '2.3', { inputs: { level: 'good' }, version: 0 })).status).toBe(403);
    expect((await save(bureau, 'yl-beiliu', '1.1', { inputs: { actual: '80' }, version: 0 })).status).toBe(403);
    expect((await save(filer, 'yl-yuzhou', '1.1', { inputs: { actual: '99' }, version: 2 })).status).toBe(403);
    expect((await call('getScore', filer, { unitId: 'yl-yuzhou', indicatorId: '1.1' })).status).toBe(403);
    expect((await save(otherRegion, 'yl-beiliu', '1.1', { inputs: { actual: '80' }, version: 0 })).status).toBe(403);
  });
  it('is shown to its assessor with the goal and the unit’s submitted self-assessment', async () => {
    const res = await call('getScore', tjj, { unitId: 'yl-fumian', indicatorId: '1.1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ editable: true, goal: { target: 90 }, self: { status: 'submitted', achieved: 88, narrative: '全年地区生产总值增长 8.8%' }, row: { state: 'scored', reported: '88' } });
  });
});

describe('a ranking', () => {
  it('has no score until every unit of the category has a value, and says why', async () => {
    const res = await save(bureau, governmentUnits[0]!, '1.3', { inputs: { value: '95' }, version: 0 });
    expect(res.status).toBe(200);
    expect(res.body.score).toBeNull();
    expect(res.body.explanation[0]).toContain(`尚有 ${governmentUnits.length - 1} 个未录入`);
  });
  it('is imported from a sheet (a bad cell imports nothing), then every unit is ranked and scored', async () => {
    const rows = (values: string[]) => [SCORE_SHEET_HEADER, ...governmentUnits.slice(1).map((u, i) => [u, '', '', '', values[i] ?? '', ''])];
    const values = governmentUnits.slice(1).map((_, i) => String(90 - i));
    const bad = await call('importScores', bureau, { unitId: 'yl-jxb' }, { indicatorId: '1.3', rows: rows(['abc', ...values.slice(1)]) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ row: 2, column: '评分输入' });
    const dry = await call('importScores', bureau, { unitId: 'yl-jxb' }, { indicatorId: '1.3', rows: rows(values), dryRun: true });
    expect(dry.body).toEqual({ count: governmentUnits.length - 1, dryRun: true });
    const res = await call('importScores', bureau, { unitId: 'yl-jxb' }, { indicatorId: '1.3', rows: rows(values) });
    expect(res.status).toBe(201);
    const scores = (await listCycleScores(YL, C)).filter((s) => s.indicatorId === '1.3');
    expect(scores).toHaveLength(governmentUnits.length);
    const first = scores.find((s) => s.unitId === governmentUnits[0])!;
    expect(first).toMatchObject({ inputs: { value: '95', rank: 1, count: governmentUnits.length }, score: 500 });
    const fifth = scores.find((s) => s.inputs.rank === 5)!;
    expect(fifth.score).toBe(400);
    expect(fifth.explanation[0]).toContain('排第 5 名');
  });
});

describe('the survey', () => {
  it('takes a rate per unit from the third party, weighted by the leaf’s points', async () => {
    const res = await call('saveSurvey', third, { unitId: 'yl-yuzhou', indicatorId: '3.1' }, { rate: 8750, version: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ methodKind: 'satisfaction', inputs: { rate: 8750 }, points: 1500, score: 1313 });
    expect(res.body.explanation[0]).toContain('满意率 87.50%');
    expect((await call('saveSurvey', tjj, { unitId: 'yl-yuzhou', indicatorId: '3.1' }, { rate: 8000, version: 1 })).status).toBe(403);
    expect((await call('saveSurvey', third, { unitId: 'yl-yuzhou', indicatorId: '3.1' }, { rate: 8000, version: 1 })).status).toBe(400);
  });
  it('refuses a sheet with a personal-contact column or a phone-like cell, naming where, and imports a clean one', async () => {
    const header = ['单位编号', '单位名称', '3.1 社会公众评价（%）'];
    const phoneCol = await call('importSurvey', third, { unitId: 'yl-sqmy' }, { rows: [[...header, '联系电话'], ['yl-fumian', '福绵区', '88.5', '13800138000']] });
    expect(phoneCol.status).toBe(400);
    expect(phoneCol.body.error.details.map((d: any) => d.column)).toEqual(['联系电话']);
    expect(phoneCol.body.error.message).toContain('未导入任何调查结果');
    const phoneCell = await call('importSurvey', third, { unitId: 'yl-sqmy' }, { rows: [header, ['yl-fumian', '13800138000', '88.5']] });
    expect(phoneCell.status).toBe(400);
    expect(phoneCell.body.error.details[0]).toMatchObject({ row: 2, column: '单位名称' });
    const ok = await call('importSurvey', third, { unitId: 'yl-sqmy' }, { rows: [header, ['yl-fumian', '福绵区', '88.5'], ['yl-beiliu', '北流市', '91']] });
    expect(ok.body).toEqual({ count: 2, dryRun: false });
    const scores = (await listCycleScores(YL, C)).filter((s) => s.indicatorId === '3.1');
    expect(Object.fromEntries(scores.map((s) => [s.unitId, s.score]))).toMatchObject({ 'yl-fumian': 1328, 'yl-beiliu': 1365 });
  });
});

describe('submission', () => {
  it('is refused while a unit has no score, naming it', async () => {
    const res = await call('submitScores', tjj, { unitId: 'yl-tjj', indicatorId: '1.1' }, { total: 7 });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('博白县');
  });
  it('submits every unit of the indicator; the tally delivers the stage duty; the scores are final', async () => {
    const rows = [SCORE_SHEET_HEADER, ...['yl-beiliu', 'yl-rongxian', 'yl-luchuan', 'yl-bobai', 'yl-xingye'].map((u) => [u, '', '', '', '90', ''])];
    expect((await call('importScores', tjj, { unitId: 'yl-tjj' }, { indicatorId: '1.1', rows })).status).toBe(201);
    expect((await call('submitScores', sthjj, { unitId: 'yl-tjj', indicatorId: '1.1' }, { total: 7 })).status).toBe(403);
    expect((await call('submitScores', tjj, { unitId: 'yl-tjj', indicatorId: '1.1' }, { total: 6 })).status).toBe(409);
    const res = await call('submitScores', tjj, { unitId: 'yl-tjj', indicatorId: '1.1' }, { total: 7 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ indicatorId: '1.1', submitted: 7, allSubmitted: true });
    expect(await getTally(YL, C, 'yl-tjj')).toMatchObject({ status: 'submitted', indicators: { '1.1': { scored: 7, submitted: 7 } } });
    expect((await save(tjj, 'yl-yuzhou', '1.1', { inputs: { actual: '70' }, reason: '复核', version: 2 })).status).toBe(409);
    expect((await call('submitScores', tjj, { unitId: 'yl-tjj', indicatorId: '1.1' }, { total: 7 })).status).toBe(409);
    const duties = await loadStageDuties(YL, C, 'assessment', '2026-12-31');
    expect(duties.find((d) => d.unitId === 'yl-tjj')).toMatchObject({ delivered: true });
    expect(duties.find((d) => d.unitId === 'yl-sthjj')).toMatchObject({ delivered: false });
    expect((await worklist(tjj, 'yl-tjj')).body.indicators[0]).toMatchObject({ submitted: 7, toScore: 0 });
  });
});

describe('the bureau’s progress', () => {
  it('counts per assessor unit and indicator from the tallies; only the bureau reads it', async () => {
    const res = await call('getScoringProgress', bureau, {});
    expect(res.status).toBe(200);
    const byUnit = new Map(res.body.assessors.map((a: any) => [a.unitId, a]));
    expect(byUnit.get('yl-tjj')).toMatchObject({ status: 'submitted', total: 7, scored: 7, submitted: 7, late: false });
    expect(byUnit.get('yl-sqmy')).toMatchObject({ status: 'open', scored: 3, submitted: 0 });
    const gov = (byUnit.get('yl-jxb') as any).indicators.find((i: any) => i.indicatorId === '1.3');
    expect(gov).toMatchObject({ total: governmentUnits.length, scored: governmentUnits.length, toScore: 0 });
    for (const who of [tjj, third, filer, otherRegion]) expect((await call('getScoringProgress', who, {})).status).toBe(403);
  });
  it('shows the seeded 2025 cycle fully scored: every assessor unit submitted, on time, every count complete', async () => {
    const res = await call('getScoringProgress', bureau, { cycleId: '2025' });
    expect(res.status).toBe(200);
    expect(res.body.assessors.length).toBeGreaterThan(5);
    for (const a of res.body.assessors) expect(a).toMatchObject({ status: 'submitted', late: false, scored: a.total, submitted: a.total });
    const fumian = await call('getScore', tjj, { cycleId: '2025', unitId: 'yl-fumian', indicatorId: '1.1' });
    // The assessor's correction, then the bureau's 复核 adjustment (the demo's reviews part).
    expect(fumian.body.row.score).toMatchObject({
      status: 'submitted',
      corrections: [
        { field: 'actual', from: String(fumian.body.self.achieved), by: 'yl_tjj' },
        { field: 'actual', by: 'yl_staff', reason: expect.stringContaining('复核调整') },
      ],
    });
  });
  it('refuses any save once the cycle has left 考核评分', async () => {
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('preliminary_review') } }));
    expect((await call('saveSurvey', third, { unitId: 'yl-rongxian', indicatorId: '3.1' }, { rate: 8000, version: 0 })).status).toBe(409);
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('assessment') } }));
  });
});
