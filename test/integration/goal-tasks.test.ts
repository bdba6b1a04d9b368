// Decomposition of approved goals (Art 13) through the goals Lambda on DynamoDB Local: 玉州区's set
// of 2026 approved (written directly), its staff keep a department list, add a department task and
// a post task under a goal, see both views (each one Query of the unit's GOAL# items), edit with the
// version read, and delete a department task with its post task in one commit. Another unit, another
// region, a set not approved and a stale version are refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { documentClient } from '../../functions/data/client.ts';
import { listAudit } from '../../functions/data/audit.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { goalTaskOps } from '../../functions/handlers/api/goal-tasks.ts';
import { tableHandler } from '../../functions/http/chain.ts';
import { routes } from '../../functions/http/routes.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2026';
const U = 'yl-yuzhou';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const filer = person('yuzhou_staff', 'unit_staff', U);
const leader = person('yuzhou_leader', 'unit_leader', U);
const bureauStaff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const otherUnit = person('jyj_staff', 'unit_staff', 'yl-jyj');
const otherRegion = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');

// The goals Lambda's decomposition routes with their operations, through the one middleware chain
// (the goals handler spreads the same operations; this file does not wait for its other parts).
const handler = tableHandler(routes.filter((r) => r.group === 'goals' && r.op in goalTaskOps), goalTaskOps);

async function call(op: string, caller: Caller, params: Record<string, string>, body?: unknown) {
  const res = (await handler(apiEvent(routeFor('goals', op), { caller, params: { regionId: YL, cycleId: C, ...params }, body }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const tree = (caller: Caller = filer, unitId = U) => call('getGoalTasks', caller, { unitId });
const byDept = (caller: Caller = filer) => call('getDepartmentTasks', caller, { unitId: U });
const task = (over: Record<string, unknown> = {}) => ({ title: '全年统计监测', departmentId: '', owner: '黄海', due: '2026-09-30', ...over });

let goalIds: string[];
let depts: { id: string; name: string }[];

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
  goalIds = (await approveGoalsDirectly(YL, C, U)).map((g) => g.indicatorId);
}, 60_000);

describe('departments', () => {
  it('keeps the unit’s list: added with ids, a stale version refused, duplicate names refused', async () => {
    const first = await call('saveDepartments', filer, { unitId: U }, { version: 0, departments: [{ name: '综合科' }, { name: '统计科' }] });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);
    depts = first.body.items;
    expect(depts.map((d) => d.name)).toEqual(['综合科', '统计科']);
    expect(depts.every((d) => /^d[0-9a-z]+$/.test(d.id))).toBe(true);
    expect((await call('saveDepartments', filer, { unitId: U }, { version: 0, departments: [{ name: '办公室' }] })).status).toBe(409);
    const dup = await call('saveDepartments', filer, { unitId: U }, { version: 1, departments: [...depts, { name: '综合科' }] });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details.map((d: any) => d.path)).toEqual(['body.departments.2.name']);
  });
});

let parent: any;
let post: any;

describe('tasks under an approved goal', () => {
  it('adds a department task and a post task below it; the tree shows goal → department task → post task', async () => {
    const a = await call('addGoalTask', filer, { unitId: U }, { ...task({ departmentId: depts[1]!.id }), indicatorId: goalIds[0] });
    expect(a.status).toBe(201);
    parent = a.body;
    expect(parent).toMatchObject({ indicatorId: goalIds[0], version: 1, createdBy: 'yuzhou_staff' });
    const b = await call('addGoalTask', leader, { unitId: U }, { ...task({ title: '月度数据采集', departmentId: depts[1]!.id, post: '统计员', owner: '李明', due: '2026-08-31', expected: 45 }), indicatorId: goalIds[0], parentId: parent.taskId });
    expect(b.status).toBe(201);
    post = b.body;
    const view = await tree();
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ setStatus: 'approved', editable: true, departments: { version: 1 } });
    const g = view.body.goals.find((x: any) => x.indicatorId === goalIds[0]);
    expect(g.lastMilestone).toBe('2026-11-30');
    expect(g.tasks).toHaveLength(1);
    expect(g.tasks[0]).toMatchObject({ taskId: parent.taskId, version: 2, posts: [{ taskId: post.taskId, post: '统计员', expected: 45 }] });
    // The bureau reads it too.
    expect((await tree(bureauStaff)).body.goals[0].tasks).toHaveLength(1);
  });

  it('shows the department view: each department with its tasks across goals, naming the goal', async () => {
    const view = await byDept();
    expect(view.status).toBe(200);
    const stats = view.body.groups.find((g: any) => g.department.id === depts[1]!.id);
    expect(stats.tasks.map((x: any) => x.title)).toEqual(['月度数据采集', '全年统计监测']);
    expect(stats.tasks[0].goalName).toBeTruthy();
    expect(view.body.groups.find((g: any) => g.department.id === depts[0]!.id).tasks).toEqual([]);
  });

  it('names each rule broken: year, last milestone unless confirmed, post task after its department task, missing post', async () => {
    const outOfYear = await call('addGoalTask', filer, { unitId: U }, { ...task({ departmentId: depts[0]!.id, due: '2027-01-15' }), indicatorId: goalIds[0] });
    expect(outOfYear.status).toBe(400);
    expect(outOfYear.body.error.details.map((d: any) => d.path)).toEqual(['body.due']);
    const late = { ...task({ departmentId: depts[0]!.id, due: '2026-12-20' }), indicatorId: goalIds[0] };
    expect((await call('addGoalTask', filer, { unitId: U }, late)).status).toBe(400);
    expect((await call('addGoalTask', filer, { unitId: U }, { ...late, lateConfirmed: true })).status).toBe(201);
    const child = await call('addGoalTask', filer, { unitId: U }, { ...task({ departmentId: depts[0]!.id, due: '2026-10-31' }), indicatorId: goalIds[0], parentId: parent.taskId });
    expect(child.status).toBe(400);
    expect(child.body.error.details.map((d: any) => d.path).sort()).toEqual(['body.departmentId', 'body.due', 'body.post']);
  });

  it('edits with the version read; a stale version is refused (409) and the first edit kept', async () => {
    const current = (await tree()).body.goals[0].tasks.find((x: any) => x.taskId === parent.taskId);
    const { posts: _p, taskId: _t, indicatorId: _i, cycleId: _c, unitId: _u, createdAt: _a, createdBy: _b, updatedAt: _d, updatedBy: _e, parentId: _f, ...fields } = current;
    const ok = await call('saveGoalTask', filer, { unitId: U, taskId: parent.taskId }, { ...fields, title: '全年统计监测与分析' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: current.version + 1, title: '全年统计监测与分析', updatedBy: 'yuzhou_staff' });
    const stale = await call('saveGoalTask', leader, { unitId: U, taskId: parent.taskId }, { ...fields, title: '别的名称' });
    expect(stale.status).toBe(409);
    expect((await tree()).body.goals[0].tasks.find((x: any) => x.taskId === parent.taskId).title).toBe('全年统计监测与分析');
    // A department task cannot be due before its post tasks.
    const early = await call('saveGoalTask', filer, { unitId: U, taskId: parent.taskId }, { ...fields, version: ok.body.version, due: '2026-07-01' });
    expect(early.status).toBe(400);
    expect(early.body.error.details.map((d: any) => d.path)).toEqual(['body.due']);
  });

  it('keeps a department with tasks from being dropped (retire instead); a retired one takes no new task', async () => {
    const dropped = await call('saveDepartments', filer, { unitId: U }, { version: 1, departments: [depts[0]] });
    expect(dropped.status).toBe(400);
    const retired = await call('saveDepartments', filer, { unitId: U }, { version: 1, departments: [depts[0], { ...depts[1], retired: true }] });
    expect(retired.status).toBe(200);
    const refused = await call('addGoalTask', filer, { unitId: U }, { ...task({ departmentId: depts[1]!.id }), indicatorId: goalIds[1] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d: any) => d.path)).toEqual(['body.departmentId']);
    // Its tasks still show in the department view.
    expect((await byDept()).body.groups.find((g: any) => g.department.id === depts[1]!.id).tasks).toHaveLength(2);
    await call('saveDepartments', filer, { unitId: U }, { version: 2, departments: [depts[0], { ...depts[1], retired: false }] });
  });

  it('deletes a department task together with its post task in one audited commit; a stale version is refused', async () => {
    const current = (await tree()).body.goals[0].tasks.find((x: any) => x.taskId === parent.taskId);
    expect((await call('removeGoalTask', filer, { unitId: U, taskId: parent.taskId }, { version: current.version - 1 })).status).toBe(409);
    const res = await call('removeGoalTask', filer, { unitId: U, taskId: parent.taskId }, { version: current.version });
    expect(res.status).toBe(200);
    const ids = res.body.goals.flatMap((g: any) => g.tasks.flatMap((x: any) => [x.taskId, ...x.posts.map((p: any) => p.taskId)]));
    expect(ids).not.toContain(parent.taskId);
    expect(ids).not.toContain(post.taskId);
    const { items } = await listAudit(YL, beijingDate(Date.now()).slice(0, 7), 200);
    const entry = items.find((e: any) => e.action === 'goal.task.remove' && e.target.endsWith(parent.taskId));
    expect(entry?.before).toMatchObject({ posts: [{ taskId: post.taskId }] });
  });
});

describe('refusals', () => {
  it('refuses another unit’s staff and another region (403)', async () => {
    expect((await tree(otherUnit)).status).toBe(403);
    expect((await call('addGoalTask', otherUnit, { unitId: U }, { ...task({ departmentId: depts[0]!.id }), indicatorId: goalIds[0] })).status).toBe(403);
    expect((await call('saveDepartments', otherUnit, { unitId: U }, { version: 3, departments: [] })).status).toBe(403);
    expect((await tree(otherRegion)).status).toBe(403);
    expect((await call('addGoalTask', bureauStaff, { unitId: U }, { ...task({ departmentId: depts[0]!.id }), indicatorId: goalIds[0] })).status).toBe(403);
  });

  it('refuses decomposing goals of a set that is not approved (409)', async () => {
    await approveGoalsDirectly(YL, C, 'yl-jyj', 'submitted');
    expect((await call('saveDepartments', otherUnit, { unitId: 'yl-jyj' }, { version: 0, departments: [{ name: '办公室' }] })).status).toBe(409);
    const view = await tree(otherUnit, 'yl-jyj');
    expect(view.body).toMatchObject({ setStatus: 'submitted', editable: false, goals: [] });
  });
});

describe('demo data', () => {
  it('shows the bureau 北流市’s seeded decomposition of 2026 in both views', async () => {
    const view = await tree(bureauStaff, 'yl-beiliu');
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ setStatus: 'approved', editable: true });
    const first = view.body.goals[0];
    expect(first.tasks.length).toBeGreaterThan(1);
    expect(first.tasks[0].posts.length).toBeGreaterThan(0);
    for (const x of view.body.goals.flatMap((g: any) => g.tasks.flatMap((t: any) => [t, ...t.posts]))) if (first.lastMilestone) expect(x.due <= first.lastMilestone || x.indicatorId !== first.indicatorId).toBe(true);
    const depts = await call('getDepartmentTasks', bureauStaff, { unitId: 'yl-beiliu' });
    expect(depts.body.groups.map((g: any) => g.department.name)).toEqual(['办公室', '发展和改革科', '统计科', '财政科']);
    expect(depts.body.groups.flatMap((g: any) => g.tasks).length).toBe(view.body.goals.flatMap((g: any) => g.tasks.flatMap((t: any) => [t, ...t.posts])).length);
  });
});

describe('requests per view', () => {
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
  const FOUR = ['GetItemCommand REGION#', 'QueryCommand REGION#', 'QueryCommand REGION#', 'QueryCommand WORK#'];
  it('reads the per-department view in four requests: cycle, categories, plan in force, and one Query of the unit’s items', async () => {
    expect(await requestsOf(() => byDept())).toEqual(FOUR);
  });
  it('reads the per-goal tree the same way', async () => {
    expect(await requestsOf(() => tree())).toEqual(FOUR);
  });
});
