// An assessor unit's common-indicator targets through the goals Lambda against the demo data (the
// seeded 2026 cycle of 玉林市 put back at 目标制定 in this file's own table): 市生态环境局 sets the
// common indicator 2.3 生态环境保护 for each county; a row is the county's goal (version-checked, in
// its set), which the county reads and cannot change; the whole table is saved all or nothing; its
// sheet and a unit's sheet import with a report naming row and column. Another assessor unit (not
// assigned the indicator), a unit filer and another region are refused.
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { listAudit } from '../../functions/data/audit.ts';
import { getCategorySet } from '../../functions/data/categories.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { queryAll } from '../../functions/data/query.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import { ASSESSOR_SHEET, GOAL_COLUMNS } from '../../functions/domain/goal-rows.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { handler } from '../../functions/handlers/api/goals.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2026';
const ASSESSOR = 'yl-sthjj';
const IND = '2.3';
const COUNTIES = ['yl-fumian', 'yl-beiliu', 'yl-rongxian', 'yl-luchuan', 'yl-bobai', 'yl-xingye'];
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const sthjj = person('yl_sthjj', 'assessor_staff', ASSESSOR);
const tjj = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const filer = person('yuzhou_staff', 'unit_staff', 'yl-yuzhou');
const bureauStaff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const otherRegion = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');

async function call(op: string, caller: Caller, params: Record<string, string>, body?: unknown) {
  const res = (await handler(apiEvent(routeFor('goals', op), { caller, params: { regionId: YL, cycleId: C, ...params }, body }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const table = async (caller: Caller = sthjj) => (await call('getCommonGoals', caller, { unitId: ASSESSOR })).body.indicators.find((i: any) => i.indicatorId === IND);
const row = (unitId: string, version: number, target: number, extra: Record<string, unknown> = {}) => ({ unitId, version, target, unitOfMeasure: '%', milestones: [{ date: '2026-06-30', expected: target / 2 }], responsible: '黄丽娟', ...extra });
const saveRow = (body: unknown, caller: Caller = sthjj, assessor = ASSESSOR) => call('saveCommonGoal', caller, { unitId: assessor, indicatorId: IND }, body);
const storedSet = async (unitId: string) => (await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.goalSet(YL, C, unitId) }))).Item;

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
  await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('goal_setting') } }));
  // The demo seeds the other counties' 2026 sets; this file starts them afresh (nothing saved yet).
  for (const unitId of COUNTIES) {
    const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(YL, C), ':sk': keys.workPrefix('GOAL', unitId) } });
    for (const item of items) await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } }));
  }
}, 60_000);

describe('the assessor unit’s worklist', () => {
  it('lists its common indicators with every unit of the categories whose plan has them, none with a target yet', async () => {
    const res = await call('getCommonGoals', sthjj, { unitId: ASSESSOR });
    expect(res.status).toBe(200);
    expect(res.body.indicators.map((i: any) => i.indicatorId)).toEqual([IND]);
    const ind = res.body.indicators[0];
    expect(ind.categories.map((c: any) => c.categoryName)).toEqual(['县（市、区）']);
    expect(ind.rows.map((r: any) => r.unitName)).toEqual(['玉州区', '福绵区', '北流市', '容县', '陆川县', '博白县', '兴业县']);
    expect(ind).toMatchObject({ withTarget: 0 });
    expect(ind.rows.every((r: any) => r.editable && r.setStatus === 'draft' && !r.goal)).toBe(true);
  });
  it('is empty for an assessor unit the plan assigns no common indicator (市统计局 scores 1.1, an individual one)', async () => {
    expect((await call('getCommonGoals', tjj, { unitId: 'yl-tjj' })).body.indicators).toEqual([]);
  });
});

describe('a row', () => {
  it('is saved as the unit’s goal: in its set, in the assessor’s worklist, recording the plan version', async () => {
    const res = await saveRow(row('yl-yuzhou', 0, 8));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ unitId: 'yl-yuzhou', indicatorId: IND, status: 'draft', version: 1, planVersion: 1, assessorUnitId: ASSESSOR, target: 8, updatedBy: 'yl_sthjj' });
    expect(await storedSet('yl-yuzhou')).toMatchObject({ status: 'draft', counts: { draft: 1 } });
    expect((await table())).toMatchObject({ withTarget: 1 });
  });
  it('is refused when stale (409), and the first save is kept', async () => {
    expect((await saveRow(row('yl-yuzhou', 0, 9))).status).toBe(409);
    const second = await saveRow(row('yl-yuzhou', 1, 9));
    expect(second.body).toMatchObject({ version: 2, target: 9 });
  });
  it('is seen by the unit read-only: its coverage no longer waits for it, its own save and removal are refused', async () => {
    const view = (await call('getUnitGoals', filer, { unitId: 'yl-yuzhou' })).body;
    expect(view.goals.find((g: any) => g.indicatorId === IND)).toMatchObject({ target: 9, updatedBy: 'yl_sthjj', assessorUnitId: ASSESSOR });
    expect(view.problems.some((p: any) => p.indicatorId === IND)).toBe(false);
    expect(view.problems.filter((p: any) => p.code === 'awaitingAssessor').map((p: any) => p.indicatorId)).toEqual(['2.1', '2.2']);
    expect((await call('saveGoal', filer, { unitId: 'yl-yuzhou', indicatorId: IND }, { version: 2, target: 1, unitOfMeasure: '%', milestones: [], coUnitIds: [] })).status).toBe(409);
    expect((await call('removeGoal', filer, { unitId: 'yl-yuzhou', indicatorId: IND }, { version: 2 })).status).toBe(409);
    expect((await table()).rows.find((r: any) => r.unitId === 'yl-yuzhou').goal).toMatchObject({ target: 9, version: 2 });
  });
  it('refuses another assessor unit, a unit filer and another region (403); an indicator not the assessor’s, a unit outside it (404)', async () => {
    expect((await saveRow(row('yl-fumian', 0, 1), tjj)).status).toBe(403);
    expect((await call('getCommonGoals', tjj, { unitId: ASSESSOR })).status).toBe(403);
    expect((await saveRow(row('yl-fumian', 0, 1), tjj, 'yl-tjj')).status).toBe(404);
    expect((await saveRow(row('yl-fumian', 0, 1), filer)).status).toBe(403);
    expect((await call('getCommonGoals', filer, { unitId: ASSESSOR })).status).toBe(403);
    expect((await call('getCommonGoals', otherRegion, { unitId: ASSESSOR })).status).toBe(403);
    expect((await saveRow(row('yl-fumian', 0, 1), otherRegion)).status).toBe(403);
    expect((await saveRow(row('yl-jyj', 0, 1))).status).toBe(404);
    expect(await storedSet('yl-fumian')).toBeUndefined();
  });
  it('may be saved by the bureau on the assessor unit’s behalf', async () => {
    expect((await saveRow(row('yl-fumian', 0, 5), bureauStaff)).status).toBe(200);
  });
});

describe('the whole table', () => {
  it('writes nothing when one row is wrong, naming the row and field', async () => {
    const before = await table();
    const rows = [row('yl-beiliu', 0, 3), row('yl-rongxian', 0, 4), row('yl-luchuan', 0, 5, { milestones: [{ date: '2027-01-31', expected: 1 }] }), row('yl-yuzhou', 1, 6)];
    const res = await call('saveCommonGoals', sthjj, { unitId: ASSESSOR, indicatorId: IND }, { rows });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toEqual(['body.rows.2.milestones.0.date', 'body.rows.3.version']);
    expect(await table()).toEqual(before);
    expect(await storedSet('yl-beiliu')).toBeUndefined();
  });
  it('writes every row in one transaction once all are right, each unit’s set counting its goal', async () => {
    const rows = [row('yl-beiliu', 0, 3), row('yl-rongxian', 0, 4), row('yl-luchuan', 0, 5), row('yl-yuzhou', 2, 6), row('yl-fumian', 1, 7)];
    const res = await call('saveCommonGoals', sthjj, { unitId: ASSESSOR, indicatorId: IND }, { rows });
    expect(res.status).toBe(201);
    expect(res.body.withTarget).toBe(5);
    expect(res.body.rows.find((r: any) => r.unitId === 'yl-yuzhou').goal).toMatchObject({ target: 6, version: 3 });
    expect(await storedSet('yl-beiliu')).toMatchObject({ status: 'draft', version: 1, counts: { draft: 1 } });
    expect(await storedSet('yl-yuzhou')).toMatchObject({ counts: { draft: 1 } });
    const month = beijingDate(Date.now()).slice(0, 7);
    const entries = (await listAudit(YL, month, 200)).items.filter((a: any) => a.action === 'goal.saveCommon');
    expect(entries).toHaveLength(1);
  });
});

describe('sheets', () => {
  const header = ASSESSOR_SHEET.map((c) => GOAL_COLUMNS[c]);
  it('refuses an assessor sheet with a bad cell, naming row, column and reason, and imports nothing', async () => {
    const rows = [header, [IND, '', '', '博白县', '6', '%', '', ''], [IND, '', '', '兴业县', '六', '%', '', ''], [IND, '', '', '玉林市教育局', '1', '%', '', '']];
    const res = await call('importCommonGoals', sthjj, { unitId: ASSESSOR }, { rows });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => [d.row, d.column])).toEqual([
      [3, '目标值'],
      [4, '单位名称'],
    ]);
    expect(res.body.error.details[0].reason).toContain('不是数值');
    expect(await storedSet('yl-bobai')).toBeUndefined();
  });
  it('checks a good sheet without writing (dry run), then imports it', async () => {
    const rows = [header, [IND, '', '', '博白县', '6', '%', '2026-06-30：3', '韦强'], [IND, '', '', '兴业县', '7', '%', '', '']];
    expect((await call('importCommonGoals', sthjj, { unitId: ASSESSOR }, { rows, dryRun: true })).body).toEqual({ count: 2, dryRun: true });
    expect(await storedSet('yl-bobai')).toBeUndefined();
    expect((await call('importCommonGoals', sthjj, { unitId: ASSESSOR }, { rows })).status).toBe(201);
    expect((await table()).rows.find((r: any) => r.unitId === 'yl-bobai').goal).toMatchObject({ target: 6, milestones: [{ date: '2026-06-30', expected: 3 }], responsible: '韦强' });
  });
  it('imports a unit’s own goals; a row changing its assessor unit’s goal, or a bad one, imports nothing', async () => {
    const head = ['指标编号', '上级指标', '指标名称', '目标值', '计量单位', '节点目标', '责任人', '评分细化', '制定单位'];
    const bad = await call('importUnitGoals', filer, { unitId: 'yl-yuzhou' }, { rows: [head, ['1.1', '', '', '7.5', '%', '', '', '', ''], [IND, '', '', '1', '%', '', '', '', ''], ['1.2', '', '', '', '亿元', '2027-01-01：1', '', '', '']] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => [d.row, d.column])).toEqual([
      [3, '目标值'],
      [4, '节点目标'],
    ]);
    expect((await call('getUnitGoals', filer, { unitId: 'yl-yuzhou' })).body.goals.map((g: any) => g.indicatorId)).toEqual([IND]);
    const ok = await call('importUnitGoals', filer, { unitId: 'yl-yuzhou' }, { rows: [head, ['1.1', '', '', '7.5', '%', '', '', '', ''], ['1.2', '', '', '120', '亿元', '2026-06-30：60', '刘建国', '', '']] });
    expect(ok.body).toEqual({ count: 2, dryRun: false });
    const view = (await call('getUnitGoals', filer, { unitId: 'yl-yuzhou' })).body;
    expect(view.goals.find((g: any) => g.indicatorId === '1.2')).toMatchObject({ target: 120, unitOfMeasure: '亿元', responsible: '刘建国', version: 1 });
    expect(view.set.counts).toMatchObject({ draft: 3 });
    expect((await call('importUnitGoals', person('jyj_staff', 'unit_staff', 'yl-jyj'), { unitId: 'yl-yuzhou' }, { rows: [head] })).status).toBe(403);
    expect((await call('importCommonGoals', filer, { unitId: ASSESSOR }, { rows: [header] })).status).toBe(403);
  });
});

describe('requests', () => {
  /** The DynamoDB requests a call makes beyond reading the caller's profile and session (pk USER#…). */
  async function requestsOf(run: () => Promise<unknown>): Promise<string[]> {
    const seen: string[] = [];
    const stack = documentClient().middlewareStack;
    stack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: { pk?: string }; RequestItems?: object; IndexName?: string; ExpressionAttributeValues?: Record<string, unknown> };
        const pk = String(input.Key?.pk ?? input.ExpressionAttributeValues?.[':pk'] ?? '');
        const batchOfUsers = input.RequestItems && JSON.stringify(input.RequestItems).includes('"USER#');
        if (!pk.startsWith('USER#') && !batchOfUsers) seen.push(`${context.commandName}${input.IndexName ? `(${input.IndexName})` : ''} ${pk.replace(/#.*/, '#')}`);
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    try {
      await run();
    } finally {
      stack.remove('countRequests');
    }
    return seen.sort();
  }

  it('reads the worklist with its tables in the cycle (one Query), categories and assessor unit (GetItem each), a plan Query per category, one Query of its worklist (gsi2) and one of the sets (gsi3)', async () => {
    const categories = (await getCategorySet(YL, C))!.categories.length;
    expect(await requestsOf(() => call('getCommonGoals', sthjj, { unitId: ASSESSOR }))).toEqual(
      [...Array(2).fill('GetItemCommand REGION#'), ...Array(1 + categories).fill('QueryCommand REGION#'), 'QueryCommand(gsi2) ASSESS#', 'QueryCommand(gsi3) QUEUE#'].sort(),
    );
  });
});
