// The plan of a category through the local gateway with the demo data: reading, saving in place
// with its audit entry in the plan stage; afterwards a proposal with a reason, which the bureau
// leader approves (the next version, in force and public) or rejects; and refusals.
import { beijingDate } from '../../functions/domain/dates.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { demoPlan, demoTree } from '../../cdk/local/seed-plan.ts';
import { startLocalStack, type LocalStack } from '../../cdk/local/stack.ts';
import { templateRows } from '../../functions/domain/plan-rows.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { auditReader } from '../helpers/audit-reader.ts';

const YL = '450900';
const BL = '450981';
let stack: LocalStack;
/** The audit log is read as the region's audit administrator (三权分立, security.md M5). */
const auditor = auditReader(() => stack.url);
let ylStaff: ApiClient, ylLeader: ApiClient, ylUnit: ApiClient, blStaff: ApiClient;

const thisMonth = () => beijingDate(Date.now()).slice(0, 7);
const audit = async () => (await (await auditor()).get(`/regions/${YL}/audit?month=${thisMonth()}&limit=100`)).body.items as any[];
const plan = (year: number, category: string, q = '') => `/regions/${YL}/cycles/${year}/plan/${category}${q}`;
const put = (c: ApiClient, path: string, body: unknown) => c.call('PUT', path, body);
const government = () => demoPlan(demoTree(YL, '市直政府部门'));

beforeAll(async () => {
  stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `it-${randomUUID()}` });
  [ylStaff, ylLeader, ylUnit, blStaff] = await Promise.all(['yl_staff', 'yl_leader', 'yuzhou_staff', 'bl_staff'].map((u) => ApiClient.login(stack.url, u)));
  // A cycle still in its plan stage, with one category.
  expect((await ylStaff.post(`/regions/${YL}/cycles`, { year: 2031, name: '2031年度绩效考评', stages: defaultStageDates(2031) })).status).toBe(201);
  const cats = await put(ylStaff, `/regions/${YL}/cycles/2031/categories`, { version: 0, categories: [{ name: '市直政府部门', unitIds: ['yl-jyj', 'yl-gxj'] }] });
  expect(cats.status).toBe(200);
});

afterAll(() => stack?.stop());

describe('reading', () => {
  it('shows everyone of the region the seeded 市直政府部门 plan of 2026', async () => {
    const res = await ylUnit.get(plan(2026, 'c3'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ categoryName: '市直政府部门', version: 1, latestVersion: 1, revision: 1, balanced: true, problems: [], reasonRequired: true });
    expect(res.body.plan.tree.map((n: any) => `${n.name} ${n.points}`)).toEqual(['职能工作 6000', '共性指标 2500', '满意度评价 1500']);
    expect(res.body.plan.tree[1].children[4]).toMatchObject({ name: '督查督办落实', assessorUnitId: 'yl-zfb', method: { kind: 'deduction', perOccurrence: 50, floor: 0 } });
    expect(res.body.plan.vetoes).toHaveLength(3);
    expect(res.body.totalRules).toMatchObject({ bonusCap: 500, satisfaction: [{ id: '3.1', weight: 800 }, { id: '3.2', weight: 700 }] });
    expect(res.body.assessors.map((u: any) => u.unitId)).toEqual(expect.arrayContaining(['yl-jxb', 'yl-zfb', 'yl-sqmy']));
  });

  it('answers 404 for an unknown category or version', async () => {
    expect((await ylStaff.get(plan(2026, 'c99'))).status).toBe(404);
    expect((await ylStaff.get(plan(2026, 'c3', '?version=9'))).status).toBe(404);
    expect((await ylStaff.get(plan(2026, 'c3', '?version=x'))).status).toBe(400);
  });

  it('starts a new cycle’s category from an empty default plan', async () => {
    const res = await ylStaff.get(plan(2031, 'c1'));
    expect(res.body).toMatchObject({ version: 0, revision: 0, editable: true, reasonRequired: false, balanced: false });
    expect(res.body.plan).toMatchObject({ totalPoints: 10_000, tree: [], totals: { bonusCap: 500 }, reviewWindowDays: 5, grading: { failLine: 6_000 } });
  });
});

describe('in the plan stage', () => {
  it('saves the plan in place, with its audit entry', async () => {
    const first = await put(ylStaff, plan(2031, 'c1'), { revision: 0, plan: government() });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, revision: 1, balanced: true, problems: [] });
    const edited = government();
    edited.tree[0]!.children![0]!.criteria = '按完成率计分';
    const second = await put(ylLeader, plan(2031, 'c1'), { revision: 1, plan: edited });
    expect(second.body).toMatchObject({ version: 1, revision: 2, updatedBy: 'yl_leader', createdBy: 'yl_staff' });
    const entries = (await audit()).filter((a) => a.target === `plan:${YL}/2031/c1`);
    expect(entries.map((a) => `${a.action}:${a.actor}`).sort()).toEqual(['plan.create:yl_staff', 'plan.save:yl_leader']);
    expect(entries.find((a) => a.actor === 'yl_leader').after.changes).toEqual({ added: [], removed: [], changed: ['1.1'] });
    expect((await ylStaff.get(plan(2031, 'c1', '/versions'))).body.items.map((v: any) => v.version)).toEqual([1]);
  });

  it('refuses a stale revision (409)', async () => {
    const res = await put(ylStaff, plan(2031, 'c1'), { revision: 1, plan: government() });
    expect(res.status).toBe(409);
  });

  it('saves an unbalanced draft, flagged node by node', async () => {
    const draft = government();
    draft.tree[1]!.children![4]!.points = 400;
    const res = await put(ylStaff, plan(2031, 'c1'), { revision: 2, plan: draft });
    expect(res.status).toBe(200);
    expect(res.body.balanced).toBe(false);
    expect(res.body.problems).toEqual([{ path: 'tree.1.points', message: '「共性指标」下级指标分值合计 26.00 分，与本指标分值 25.00 分不符' }]);
  });

  it('refuses bad method parameters (400) naming the field, and writes nothing', async () => {
    const bad = government();
    bad.tree[1]!.children![4]!.method = { kind: 'deduction', perOccurrence: 0 };
    bad.grading.failLine = 60.5;
    const res = await put(ylStaff, plan(2031, 'c1'), { revision: 3, plan: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'body.plan.tree.1.children.4.method.perOccurrence', message: '每次扣分必须在 0.01 到 3.00 之间' },
      { path: 'body.plan.grading.failLine', message: '不合格线必须是以百分之一为单位的整数' },
    ]);
    const shape = await put(ylStaff, plan(2031, 'c1'), { revision: 3, plan: { ...government(), tree: [{ id: '1', name: '甲', points: 100, method: { kind: 'magic' } }] } });
    expect(shape.status).toBe(400);
    expect(shape.body.error.details[0].path).toBe('body.plan.tree.0.method.kind');
    expect((await ylStaff.get(plan(2031, 'c1'))).body.revision).toBe(3);
  });

  it('refuses a tree deeper than three levels as a whole (400 at body.plan.tree), instead of cutting it off', async () => {
    const deep = government();
    deep.tree[0]!.children![0]!.children = [{ id: '1.1.1', name: '三级', points: 3_000, children: [{ id: '1.1.1.1', name: '四级', points: 3_000 }] as any }];
    const res = await put(ylStaff, plan(2031, 'c1'), { revision: 3, plan: deep });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'body.plan.tree', message: '指标最多 3 级' }]);
    // A hostile nesting thousands deep (too deep even for JSON.stringify, so written out) is refused the same way, never walked.
    const node = '{"id":"x","name":"x","points":100';
    const nested = `${`${node},"children":[`.repeat(5_000)}${node}}${']}'.repeat(5_000)}`;
    const body = JSON.stringify({ revision: 3, plan: { ...government(), tree: 'TREE' } }).replace('"TREE"', `[${nested}]`);
    const hostile = await put(ylStaff, plan(2031, 'c1'), body);
    expect(hostile.status).toBe(400);
    expect(hostile.body.error.details[0].path).toBe('body.plan.tree');
    expect((await ylStaff.get(plan(2031, 'c1'))).body.revision).toBe(3);
  });

  it('refuses a plan item over 300 KB with a clear message', async () => {
    const big = government();
    big.tree = Array.from({ length: 20 }, (_, i) => ({
      id: `${i + 1}`,
      name: `指标${i + 1}`,
      points: 500,
      children: Array.from({ length: 50 }, (_, j) => ({ id: `${i + 1}.${j + 1}`, name: `子指标${j + 1}`, points: 10, criteria: 'x'.repeat(400) })),
    }));
    const res = await put(ylStaff, plan(2031, 'c1'), { revision: 3, plan: big });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('300 KB');
  });
});

describe('after the plan stage', () => {
  const anonymous = () => new ApiClient(stack.url);
  const publicPlan = () => anonymous().get(`/public/regions/${YL}/cycles/2026/plans/c3`);
  const decide = (c: ApiClient, body: unknown) => c.post(plan(2026, 'c3', '/proposal/decision'), body);
  /** The bureau's inbox, as its staff read it. */
  const bureauNotices = async () => (await ylStaff.get(`/regions/${YL}/notices?limit=50`)).body.items as any[];

  it('needs a reason, then proposes a new version for the leader while the version in force stays as it was', async () => {
    const changed = government();
    changed.bonuses[2]!.points = 100;
    const noReason = await put(ylStaff, plan(2026, 'c3'), { revision: 1, plan: changed });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('body.reason');

    const res = await put(ylStaff, plan(2026, 'c3'), { revision: 1, reason: '市委调整超额完成经济指标加分', plan: changed });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, latestVersion: 1, revision: 1, editable: false, proposal: { seq: 1, status: 'proposed', basedOn: 1, reason: '市委调整超额完成经济指标加分', proposedBy: 'yl_staff' } });
    expect(res.body.plan.bonuses[2].points).toBe(50);
    expect(res.body.proposal.plan.bonuses[2].points).toBe(100);
    // Units read the version in force and never the proposal; the version list has no new version.
    const unitView = (await ylUnit.get(plan(2026, 'c3'))).body;
    expect(unitView).toMatchObject({ version: 1, latestVersion: 1 });
    expect(unitView.proposal).toBeUndefined();
    expect((await ylUnit.get(plan(2026, 'c3', '/versions'))).body.items.map((v: any) => v.version)).toEqual([1]);
    expect((await audit()).some((a) => a.action === 'plan.propose' && a.target === `plan:${YL}/2026/c3` && a.after.seq === 1)).toBe(true);
    expect(await bureauNotices()).toContainEqual(expect.objectContaining({ kind: 'plan.proposed', title: expect.stringContaining('方案修改待审批') }));
    // The public site, without login, shows the version in force, not the proposal.
    const pub = await publicPlan();
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ version: 1, categoryName: '市直政府部门' });
    expect(pub.body.plan.bonuses[2].points).toBe(50);
    expect(JSON.stringify(pub.body)).not.toContain('yl_staff');
    // A second proposal waits for the first to be decided.
    expect((await put(ylStaff, plan(2026, 'c3'), { revision: 1, reason: '再改', plan: changed })).status).toBe(409);
  });

  it('lets the bureau leader alone decide: staff are refused (403), a stale proposal number is refused (409)', async () => {
    expect((await decide(ylStaff, { decision: 'approve', seq: 1 })).status).toBe(403);
    expect((await decide(ylUnit, { decision: 'approve', seq: 1 })).status).toBe(403);
    expect((await decide(blStaff, { decision: 'approve', seq: 1 })).status).toBe(403);
    expect((await decide(ylLeader, { decision: 'approve', seq: 2 })).status).toBe(409);
    expect((await ylUnit.get(plan(2026, 'c3'))).body.version).toBe(1);
  });

  it('puts the approved proposal in force as the next version, published, and keeps the old one readable', async () => {
    const res = await decide(ylLeader, { decision: 'approve', seq: 1, opinion: '同意' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 2, latestVersion: 2, revision: 2, reason: '市委调整超额完成经济指标加分', createdBy: 'yl_staff', approvedBy: 'yl_leader', stage: 4, editable: true, proposal: { seq: 1, status: 'approved', approvedVersion: 2, opinion: '同意' } });
    const versions = (await ylUnit.get(plan(2026, 'c3', '/versions'))).body.items;
    expect(versions.map((v: any) => [v.version, v.reason ?? null])).toEqual([[2, '市委调整超额完成经济指标加分'], [1, null]]);
    const old = (await ylUnit.get(plan(2026, 'c3', '?version=1'))).body;
    expect(old).toMatchObject({ version: 1, latestVersion: 2, current: false, editable: false });
    expect(old.plan.bonuses[2].points).toBe(50);
    expect((await audit()).some((a) => a.action === 'plan.approve' && a.target === `plan:${YL}/2026/c3` && a.after.version === 2)).toBe(true);
    expect(await bureauNotices()).toContainEqual(expect.objectContaining({ kind: 'plan.approved', body: expect.stringContaining('第 2 版') }));
    const pub = await publicPlan();
    expect(pub.body).toMatchObject({ version: 2, reason: '市委调整超额完成经济指标加分' });
    expect(pub.body.plan.bonuses[2].points).toBe(100);
    const list = (await anonymous().get(`/public/regions/${YL}/cycles/2026/plans`)).body;
    expect(list.items.find((i: any) => i.categoryId === 'c3')).toMatchObject({ version: 2 });
    expect((await decide(ylLeader, { decision: 'approve', seq: 1 })).status).toBe(409);
    expect((await put(ylStaff, plan(2026, 'c3'), { revision: 1, reason: '再改', plan: government() })).status).toBe(409);
  });

  it('rejects a proposal with an opinion (none: 400); the version in force stays', async () => {
    const proposed = await put(ylStaff, plan(2026, 'c3'), { revision: 2, reason: '取消该项加分', plan: government() });
    expect(proposed.body.proposal).toMatchObject({ seq: 2, status: 'proposed', basedOn: 2 });
    expect((await decide(ylLeader, { decision: 'reject', seq: 2 })).status).toBe(400);
    const res = await decide(ylLeader, { decision: 'reject', seq: 2, opinion: '依据不足，请补充市委文件' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 2, revision: 2, editable: true, proposal: { seq: 2, status: 'rejected', opinion: '依据不足，请补充市委文件', decidedBy: 'yl_leader' } });
    expect((await publicPlan()).body.version).toBe(2);
    expect((await audit()).some((a) => a.action === 'plan.reject' && a.after.opinion === '依据不足，请补充市委文件')).toBe(true);
    expect(await bureauNotices()).toContainEqual(expect.objectContaining({ kind: 'plan.rejected', body: expect.stringContaining('依据不足，请补充市委文件') }));
  });

  it('keeps an unpublished cycle’s plans off the public site (404)', async () => {
    expect((await anonymous().get(`/public/regions/${YL}/cycles/2031/plans`)).status).toBe(404);
    expect((await anonymous().get(`/public/regions/${YL}/cycles/2031/plans/c1`)).status).toBe(404);
  });
});

describe('access', () => {
  it('refuses another region’s bureau (403) and a unit’s staff writing (403)', async () => {
    expect((await blStaff.get(plan(2026, 'c3'))).status).toBe(403);
    expect((await put(blStaff, plan(2026, 'c3'), { revision: 2, reason: '测试', plan: government() })).status).toBe(403);
    expect((await put(ylUnit, plan(2026, 'c3'), { revision: 2, reason: '测试', plan: government() })).status).toBe(403);
    expect((await ylUnit.post(plan(2026, 'c3', '/import'), { revision: 2, reason: '测试', rows: templateRows() })).status).toBe(403);
    expect((await blStaff.get(`/regions/${BL}/cycles/2026/plan/c1`)).body.plan.tree).toHaveLength(3);
  });
});

describe('path ids', () => {
  it('refuses a malformed region, cycle or category id (400) naming it, before anything is read or written', async () => {
    const category = await ylStaff.get(`/regions/${YL}/cycles/2026/plan/${encodeURIComponent('c3;x')}`);
    expect(category.status).toBe(400);
    expect(category.body.error.details.map((d: any) => d.path)).toEqual(['params.categoryId']);
    const cycle = await put(ylStaff, `/regions/${YL}/cycles/26/plan/c3`, { revision: 1, reason: '测试', plan: government() });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details.map((d: any) => d.path)).toEqual(['params.cycleId']);
    const region = await ylUnit.get('/regions/45090x/cycles/2026/plan/c3/versions');
    expect(region.status).toBe(400);
    expect(region.body.error.details.map((d: any) => d.path)).toEqual(['params.regionId']);
    const tooLong = await ylStaff.post(plan(2026, `c${'9'.repeat(40)}`, '/import'), { revision: 1, reason: '测试', rows: templateRows() });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.map((d: any) => d.path)).toEqual(['params.categoryId']);
    expect((await ylStaff.get(plan(2026, 'c3'))).body.revision).toBe(2);
  });
});

describe('import from sheet rows', () => {
  it('imports nothing from a sheet with a bad row, naming the row and column', async () => {
    const rows = templateRows();
    rows[3]![2] = '二十五';
    rows[6]![5] = '不存在的局';
    const res = await ylStaff.post(plan(2031, 'c1', '/import'), { revision: 3, rows });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => [d.row, d.column])).toEqual([[4, '分值'], [7, '考评单位']]);
    const after = (await ylStaff.get(plan(2031, 'c1'))).body;
    expect(after.revision).toBe(3);
    expect(after.plan.tree[0].children).toHaveLength(3);
  });

  it('replaces the tree from a good sheet, keeping the rules', async () => {
    const res = await ylStaff.post(plan(2031, 'c1', '/import'), { revision: 3, rows: templateRows() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, revision: 4, balanced: true });
    expect(res.body.plan.tree.map((n: any) => n.name)).toEqual(['职能工作', '共性指标', '满意度评价']);
    expect(res.body.plan.vetoes).toHaveLength(3);
  });
});
