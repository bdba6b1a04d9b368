// A unit's goals through the goals Lambda against the demo data (the seeded 2026 cycle of 玉林市 put
// back at stage 2, 目标制定, in this file's own table): a filer drafts, the leader's submission is
// refused while incomplete and goes through once complete, the bureau returns one goal with its
// reason, the unit fixes and resubmits, the bureau approves. Another unit, another region and a
// stale version are refused; every step is one audited commit with its notice.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { goalItem } from '../../functions/data/goals.ts';
import { keys } from '../../functions/data/keys.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { listAudit } from '../../functions/data/audit.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { handler } from '../../functions/handlers/api/goals.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';
import { goalStagesAhead } from '../helpers/goal-stages.ts';
import { beijingDate } from '../../functions/domain/dates.ts';

const YL = '450900';
const C = '2026';
const U = 'yl-yuzhou';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const filer = person('yuzhou_staff', 'unit_staff', U);
const leader = person('yuzhou_leader', 'unit_leader', U);
const bureauStaff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const otherUnit = person('jyj_staff', 'unit_staff', 'yl-jyj');
const otherRegion = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');

async function call(op: string, caller: Caller, params: Record<string, string>, body?: unknown) {
  const res = (await handler(apiEvent(routeFor('goals', op), { caller, params: { regionId: YL, cycleId: C, ...params }, body }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const read = (caller: Caller = filer) => call('getUnitGoals', caller, { unitId: U });
const save = (indicatorId: string, body: Record<string, unknown>, caller: Caller = filer) => call('saveGoal', caller, { unitId: U, indicatorId }, body);
const goal = (version: number, target?: number) => ({
  version,
  ...(target === undefined ? {} : { target, unitOfMeasure: '%' }),
  milestones: [{ date: '2026-06-30', expected: 40 }, { date: '2026-12-31', expected: 100 }],
  responsible: '刘建国',
  coUnitIds: ['yl-tjj'],
});
const setStage = (stage: number) =>
  documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stage } }));

/** The unit's own goal leaves; `common`: the common leaves its assessor units set (with the assessor unit). */
let leaves: string[];
let common: { indicatorId: string; assessorUnitId: string }[];
/** Every goal of the set: the unit's own and its assessor units'. */
const all = () => leaves.length + common.length;

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
  await setStage(stageNumber('goal_setting'));
  await goalStagesAhead(YL, C);
}, 60_000);

describe('drafting', () => {
  it('shows the unit every goal leaf of its category, none covered yet, nothing saved', async () => {
    const res = await read();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ unitId: U, planVersion: 1, editable: true, set: { status: 'draft', version: 0 }, goals: [] });
    leaves = res.body.leaves.filter((l: any) => !(l.common && l.assessorUnitId)).map((l: any) => l.indicatorId);
    common = res.body.leaves.filter((l: any) => l.common && l.assessorUnitId).map((l: any) => ({ indicatorId: l.indicatorId, assessorUnitId: l.assessorUnitId }));
    expect(common.length).toBeGreaterThan(0);
    expect(leaves.length).toBeGreaterThan(2);
    expect(res.body.leaves.some((l: any) => l.method?.kind === 'satisfaction')).toBe(false);
    expect(res.body.problems.filter((p: any) => p.code === 'missing').map((p: any) => p.indicatorId)).toEqual(leaves);
    expect(res.body.problems.filter((p: any) => p.code === 'awaitingAssessor').map((p: any) => p.indicatorId)).toEqual(common.map((c) => c.indicatorId));
  });

  it('saves a draft goal with the plan version it was drafted under, in the assessor unit’s worklist', async () => {
    const res = await save(leaves[0]!, goal(0, 8));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ indicatorId: leaves[0], status: 'draft', version: 1, planVersion: 1, target: 8, updatedBy: 'yuzhou_staff' });
    const stored = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.goal(YL, C, U, leaves[0]!) }));
    expect(stored.Item?.gsi2pk).toMatch(new RegExp(`^ASSESS#${YL}#${C}#`));
    expect(stored.Item?.gsi2sk).toBe(`draft#${U}#${leaves[0]}`);
    const view = await read();
    expect(view.body.set).toMatchObject({ status: 'draft', version: 1, counts: { draft: 1 } });
  });

  it('refuses a stale version (409) and keeps the first save', async () => {
    expect((await save(leaves[0]!, goal(0, 9))).status).toBe(409);
    const second = await save(leaves[0]!, goal(1, 9));
    expect(second.body).toMatchObject({ version: 2, target: 9 });
    expect((await save(leaves[0]!, goal(1, 10))).status).toBe(409);
  });

  it('refuses an indicator outside the plan (404) and an unknown co-operating unit (400)', async () => {
    expect((await save('99.9', goal(0, 1))).status).toBe(404);
    const res = await save(leaves[1]!, { ...goal(0, 1), coUnitIds: ['yl-nosuch'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toEqual(['body.coUnitIds.0']);
  });

  it('takes a scoring note only on an indicator the plan lets the unit refine (400 naming the note otherwise)', async () => {
    // 市教育局's ranking indicator keeps the plan's bands: its note is refused, and nothing is saved.
    const jyj = (await call('getUnitGoals', otherUnit, { unitId: 'yl-jyj' })).body;
    const fixed = jyj.leaves.find((l: any) => l.method?.kind === 'ranking');
    expect(fixed.refinable).toBeUndefined();
    const refused = await call('saveGoal', otherUnit, { unitId: 'yl-jyj', indicatorId: fixed.indicatorId }, { ...goal(0, 1), scoringNote: '按季度口径' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'body.scoringNote', message: expect.stringContaining('不能在目标中细化') }]);
    expect((await call('getUnitGoals', otherUnit, { unitId: 'yl-jyj' })).body.set.version).toBe(jyj.set.version);
    const { body } = await read();
    // A refinable indicator of 玉州区 with no goal yet takes it (and is taken out again for the tests below).
    const open = body.leaves.find((l: any) => leaves.includes(l.indicatorId) && l.refinable && !body.goals.some((g: any) => g.indicatorId === l.indicatorId));
    const kept = await save(open.indicatorId, { ...goal(0, 1), scoringNote: '按季度口径' });
    expect(kept.status).toBe(200);
    expect(kept.body.scoringNote).toBe('按季度口径');
    await call('removeGoal', filer, { unitId: U, indicatorId: open.indicatorId }, { version: kept.body.version });
  });

  it('refuses another unit’s staff and another region (403), and a filer’s submission (403)', async () => {
    expect((await call('getUnitGoals', otherUnit, { unitId: U })).status).toBe(403);
    expect((await save(leaves[1]!, goal(0, 1), otherUnit)).status).toBe(403);
    expect((await call('getUnitGoals', otherRegion, { unitId: U })).status).toBe(403);
    expect((await call('submitGoals', filer, { unitId: U }, { version: 2 })).status).toBe(403);
    expect((await call('reviewGoals', leader, { unitId: U }, { decision: 'approve', version: 2 })).status).toBe(403);
  });
});

describe('removing a goal', () => {
  it('takes a draft goal out of the set (stale version 409), and one the plan in force no longer has, which blocks the submission', async () => {
    const first = await save(leaves[2]!, goal(0, 3));
    expect((await call('removeGoal', filer, { unitId: U, indicatorId: leaves[2]! }, { version: 2 })).status).toBe(409);
    const removed = await call('removeGoal', filer, { unitId: U, indicatorId: leaves[2]! }, { version: first.body.version });
    expect(removed.status).toBe(200);
    expect(removed.body.goals.map((g: any) => g.indicatorId)).not.toContain(leaves[2]);
    expect(removed.body.problems.some((p: any) => p.indicatorId === leaves[2] && p.code === 'missing')).toBe(true);
    expect((await read()).body.set.counts.draft).toBe(1);
    // A goal drafted under an earlier plan version, for an indicator the version in force dropped.
    const at = new Date().toISOString();
    const orphan = { regionId: YL, cycleId: C, unitId: U, indicatorId: '9.9', categoryId: removed.body.categoryId, planVersion: 1, assessorUnitId: '', status: 'draft' as const, milestones: [], coUnitIds: [], version: 1, updatedAt: at, updatedBy: 'yuzhou_staff' };
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: goalItem(orphan) }));
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.goalSet(YL, C, U), UpdateExpression: 'ADD counts.draft :one', ExpressionAttributeValues: { ':one': 1 } }));
    expect((await read()).body.problems.filter((p: any) => p.code === 'notInPlan').map((p: any) => p.indicatorId)).toEqual(['9.9']);
    const cleared = await call('removeGoal', filer, { unitId: U, indicatorId: '9.9' }, { version: 1 });
    expect(cleared.status).toBe(200);
    expect(cleared.body.problems.some((p: any) => p.code === 'notInPlan')).toBe(false);
    expect((await read()).body.set.counts.draft).toBe(1);
    expect((await call('removeGoal', otherUnit, { unitId: U, indicatorId: leaves[0]! }, { version: 2 })).status).toBe(403);
  });
});

describe('submission and review', () => {
  it('refuses the leader’s submission while incomplete (422), naming each problem', async () => {
    await save(leaves[1]!, { ...goal(0), milestones: [{ date: '2027-01-31', expected: 1 }] });
    const { body } = await read();
    const res = await call('submitGoals', leader, { unitId: U }, { version: body.set.version });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('GOALS_INCOMPLETE');
    const codes = res.body.error.details.map((d: any) => `${d.indicatorId}:${d.code}`);
    expect(codes).toEqual(expect.arrayContaining([`${leaves[1]}:target`, `${leaves[1]}:milestoneYear`, ...leaves.slice(2).map((id) => `${id}:missing`)]));
    expect((await read()).body.set.status).toBe('draft');
  });

  it('submits the completed set once, notifying the bureau; a stale set version is refused', async () => {
    const before = (await read()).body;
    for (const id of leaves.slice(1)) {
      const g = before.goals.find((x: any) => x.indicatorId === id);
      expect((await save(id, goal(g?.version ?? 0, 50))).status).toBe(200);
    }
    // The common indicators: each set by its assessor unit (here the bureau on its behalf).
    for (const c of common) {
      const res = await call('saveCommonGoal', bureauStaff, { unitId: c.assessorUnitId, indicatorId: c.indicatorId }, { unitId: U, version: 0, target: 0, unitOfMeasure: '次', milestones: [] });
      expect(res.status).toBe(200);
    }
    const ready = (await read()).body;
    expect(ready.problems).toEqual([]);
    expect((await call('submitGoals', leader, { unitId: U }, { version: ready.set.version - 1 })).status).toBe(409);
    const res = await call('submitGoals', leader, { unitId: U }, { version: ready.set.version });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ editable: false, set: { status: 'submitted', submittedBy: 'yuzhou_leader', counts: { submitted: all(), draft: 0 } } });
    expect(res.body.goals.every((g: any) => g.status === 'submitted')).toBe(true);
    const inbox = await listNotices(YL, 'yl-jxb', 20);
    expect(inbox.items.some((n) => n.kind === 'goals.submitted' && n.title.includes('玉州区'))).toBe(true);
    // Nothing more is saved while the bureau has the set.
    expect((await save(leaves[0]!, goal(3, 1))).status).toBe(409);
  });

  it('lists the set in the bureau’s queue beside the demo sets, the unit that saved nothing as missing', async () => {
    const res = await call('listGoalSets', bureauStaff, {});
    expect(res.status).toBe(200);
    const row = res.body.items.find((r: any) => r.unitId === U);
    expect(row).toMatchObject({ status: 'submitted', counts: { submitted: all() } });
    const unitsIn = (status: string) => res.body.items.filter((r: any) => r.status === status).map((r: any) => r.unitId);
    expect(unitsIn('missing')).toEqual(['yl-jyj']);
    for (const status of ['missing', 'draft', 'submitted', 'returned', 'approved']) expect(res.body.totals[status]).toBe(unitsIn(status).length);
    expect((await call('listGoalSets', filer, {})).status).toBe(403);
    expect((await call('listGoalSets', otherRegion, {})).status).toBe(403);
  });

  it('lets the bureau return one goal with its reason; the unit is told why, the others are accepted', async () => {
    const { body } = await read(bureauStaff);
    expect((await call('reviewGoals', bureauStaff, { unitId: U }, { decision: 'return', version: body.set.version, returns: [{ indicatorId: leaves[0], reason: ' ' }] })).status).toBe(400);
    expect((await call('reviewGoals', bureauStaff, { unitId: U }, { decision: 'return', version: body.set.version, returns: [] })).status).toBe(400);
    const res = await call('reviewGoals', bureauStaff, { unitId: U }, { decision: 'return', version: body.set.version, returns: [{ indicatorId: leaves[0], reason: '目标值低于上年实际' }] });
    expect(res.status).toBe(201);
    expect(res.body.set).toMatchObject({ status: 'returned', counts: { returned: 1, approved: all() - 1 } });
    expect(res.body.goals.find((g: any) => g.indicatorId === leaves[0])).toMatchObject({ status: 'returned', returnReason: '目标值低于上年实际' });
    const inbox = await listNotices(YL, U, 20);
    expect(inbox.items.find((n) => n.kind === 'goals.returned')?.body).toContain('目标值低于上年实际');
    // An accepted goal stays as it is.
    const accepted = res.body.goals.find((g: any) => g.indicatorId === leaves[1]);
    expect((await save(leaves[1]!, goal(accepted.version, 1))).status).toBe(409);
  });

  it('lets the unit fix the returned goal and resubmit, in goal review too; the bureau approves', async () => {
    // The bureau returned the goal while still reviewing: the unit fixes it in 目标审定, while a unit that never submitted may not start.
    await setStage(stageNumber('goal_review'));
    const late = person('jyj_staff', 'unit_staff', 'yl-jyj');
    const lateView = await call('getUnitGoals', late, { unitId: 'yl-jyj' });
    expect(lateView.body.editable).toBe(false);
    expect((await call('saveGoal', late, { unitId: 'yl-jyj', indicatorId: lateView.body.leaves[0].indicatorId }, goal(0, 1))).status).toBe(409);
    expect((await read()).body.editable).toBe(true);
    const returned = (await read()).body.goals.find((g: any) => g.indicatorId === leaves[0]);
    const fixed = await save(leaves[0]!, goal(returned.version, 12));
    expect(fixed.body).toMatchObject({ status: 'draft', target: 12, returnReason: '目标值低于上年实际', returnedAs: { target: 9 }, changed: ['target'] });
    const set = (await read(leader)).body.set;
    expect(set).toMatchObject({ status: 'returned', counts: { draft: 1, returned: 0 } });
    const again = await call('submitGoals', leader, { unitId: U }, { version: set.version });
    expect(again.status).toBe(201);
    expect(again.body.set.counts).toMatchObject({ submitted: 1, approved: all() - 1 });
    // The bureau sees what changed since its return.
    expect((await read(bureauStaff)).body.goals.find((g: any) => g.indicatorId === leaves[0])).toMatchObject({ status: 'submitted', changed: ['target'] });
    expect((await call('reviewGoals', bureauStaff, { unitId: U }, { decision: 'approve', version: set.version })).status).toBe(409);
    const approved = await call('reviewGoals', bureauStaff, { unitId: U }, { decision: 'approve', version: again.body.set.version });
    expect(approved.status).toBe(201);
    expect(approved.body.set).toMatchObject({ status: 'approved', counts: { approved: all(), submitted: 0 } });
    expect((await listNotices(YL, U, 20)).items.some((n) => n.kind === 'goals.approved')).toBe(true);
    expect((await call('reviewGoals', bureauStaff, { unitId: U }, { decision: 'approve', version: approved.body.set.version })).status).toBe(409);
    const queue = await call('listGoalSets', bureauStaff, {});
    expect(queue.body.items.find((r: any) => r.unitId === U).status).toBe('approved');
    await setStage(stageNumber('goal_setting'));
  });

  it('audited every step', async () => {
    const month = beijingDate(Date.now()).slice(0, 7);
    const entries = (await listAudit(YL, month, 200)).items.map((a: any) => `${a.action}:${a.actor}`);
    expect(entries).toEqual(expect.arrayContaining(['goal.save:yuzhou_staff', 'goal.remove:yuzhou_staff', 'goals.submit:yuzhou_leader', 'goals.return:yl_staff', 'goals.resubmit:yuzhou_leader', 'goals.approve:yl_staff']));
  });
});

describe('requests per view', () => {
  /** The DynamoDB requests a call makes beyond reading the caller's profile and session (pk USER#…). */
  async function requestsOf(run: () => Promise<unknown>): Promise<string[]> {
    const seen: string[] = [];
    const stack = documentClient().middlewareStack;
    stack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: { pk?: string }; RequestItems?: object; IndexName?: string; KeyConditionExpression?: string; ExpressionAttributeValues?: Record<string, unknown>; TransactItems?: unknown[] };
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

  it('reads a unit’s goals in four requests: cycle, categories, plan in force, the unit’s GOAL# items (one Query)', async () => {
    expect(await requestsOf(() => read(bureauStaff))).toEqual(['GetItemCommand REGION#', 'QueryCommand REGION#', 'QueryCommand REGION#', 'QueryCommand WORK#']);
  });

  it('lists the bureau’s queue in two: the categories and one Query of gsi3', async () => {
    expect(await requestsOf(() => call('listGoalSets', bureauStaff, {}))).toEqual(['GetItemCommand REGION#', 'QueryCommand(gsi3) QUEUE#']);
  });
});

describe('outside goal setting', () => {
  it('refuses drafts and submissions (409) once the cycle has moved on', async () => {
    await setStage(stageNumber('execution'));
    const res = await call('getUnitGoals', person('jyj_staff', 'unit_staff', 'yl-jyj'), { unitId: 'yl-jyj' });
    expect(res.body.editable).toBe(false);
    const leaf = res.body.leaves[0].indicatorId;
    expect((await call('saveGoal', person('jyj_staff', 'unit_staff', 'yl-jyj'), { unitId: 'yl-jyj', indicatorId: leaf }, goal(0, 1))).status).toBe(409);
    await setStage(stageNumber('goal_setting'));
  });
});
