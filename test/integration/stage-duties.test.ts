// Stage duties on DynamoDB Local, the seeded 2026 cycle of 玉林市 put back at 目标制定 with its deadline
// on Friday 2026-12-18, the clock moved as the daily-job test moves it: reminders to each unit that has
// not submitted three working days before (once), the escalation at the deadline recording exactly
// the units that missed it with a notice to each unit's leader and one to the bureau naming them
// (running twice adds nothing), late submission refused until the bureau grants an extension (refused
// for another region and a unit role), the daily job reminding before and escalating after an
// extension, the in-transaction re-check, advancing with outstanding units, and the public counts.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { setClockOffset } from '../../functions/config/clock.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { getCycle } from '../../functions/data/cycles.ts';
import { readAssignees, readDutyRecords } from '../../functions/data/duties.ts';
import { getCategorySet } from '../../functions/data/categories.ts';
import { getCurrentPlan } from '../../functions/data/plans.ts';
import { DUTY_KINDS } from '../../functions/domain/duties.ts';
import { leaves } from '../../functions/domain/plan.ts';
import { goalItem, goalSetItem, readUnitGoals } from '../../functions/data/goals.ts';
import { userItem } from '../../functions/data/users.ts';
import { keys } from '../../functions/data/keys.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { listAudit } from '../../functions/data/audit.ts';
import { deadlineInstant } from '../../functions/domain/dates.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { handler as cycles } from '../../functions/handlers/api/cycles.ts';
import { handler as goals } from '../../functions/handlers/api/goals.ts';
import { handler as publicApi } from '../../functions/handlers/api/public.ts';
import { handler as daily } from '../../functions/handlers/schedule/daily.ts';
import { escalateStage } from '../../functions/handlers/workflow/escalation.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2026';
const DEADLINE = '2026-12-18'; // a Friday
const EXTENDED = '2026-12-25'; // a Friday
const HOUR = 3_600_000;
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const bureauStaff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const otherRegion = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');
const ON_TIME = 'yl-yuzhou';
const LATE = 'yl-jyj';
const leaderOf = (unitId: string) => person(`leader_${unitId.replace(/-/g, '_')}`, 'unit_leader', unitId);
/** A leader's profile for a unit the demo has none for (the API reads the caller's profile). */
const storeLeader = (unitId: string) => documentClient().send(new PutCommand({ TableName: tableName(), Item: userItem({ ...leaderOf(unitId), status: 'active', version: 1 }) }));
const jyjLeader = person('jyj_leader', 'unit_leader', LATE);
const yuzhouLeader = person('yuzhou_leader', 'unit_leader', ON_TIME);

type Handler = typeof cycles;
async function call(h: Handler, group: string, op: string, caller: Caller | undefined, params: Record<string, string>, body?: unknown) {
  const res = (await h(apiEvent(routeFor(group, op), { ...(caller ? { caller } : {}), params: { regionId: YL, ...(group === 'public' ? {} : { cycleId: C }), ...params }, body }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const duties = (caller: Caller = bureauStaff) => call(cycles, 'cycles', 'getStageDuties', caller, { stage: 'goal_setting' });
const extend = (unitId: string, body: unknown, caller: Caller = bureauStaff) => call(cycles, 'cycles', 'grantExtension', caller, { stage: 'goal_setting', unitId }, body);
const submit = (unitId: string, version: number, caller = leaderOf(unitId)) => call(goals, 'goals', 'submitGoals', caller, { unitId }, { version });
const moveTo = (instant: number) => setClockOffset(instant - Date.now());
const beijing = (date: string, hour: number) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const inbox = async (unitId: string, kind: string) => (await listNotices(YL, unitId, 100)).items.filter((n) => n.kind === kind);

/** Every goal leaf of the unit filled in directly (the drafting is goals.test.ts's), the set a draft again: ready to submit. */
async function completeGoals(unitId: string): Promise<number> {
  const view = (await call(goals, 'goals', 'getUnitGoals', bureauStaff, { unitId })).body;
  const at = new Date().toISOString();
  const { set } = await readUnitGoals(YL, C, unitId);
  for (const leaf of view.leaves) {
    const g = { regionId: YL, cycleId: C, unitId, indicatorId: leaf.indicatorId, categoryId: view.categoryId, planVersion: view.planVersion, assessorUnitId: leaf.assessorUnitId ?? '', status: 'draft' as const, target: 90, unitOfMeasure: '%', milestones: [], coUnitIds: [], version: 1, updatedAt: at, updatedBy: 'test' };
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: goalItem(g) }));
  }
  const version = (set?.version ?? 0) + 1;
  const counts = { draft: view.leaves.length, submitted: 0, returned: 0, approved: 0 };
  await documentClient().send(new PutCommand({ TableName: tableName(), Item: goalSetItem({ regionId: YL, cycleId: C, unitId, categoryId: view.categoryId, status: 'draft', counts, version, updatedAt: at, updatedBy: 'test' }, at) }));
  const ready = (await call(goals, 'goals', 'getUnitGoals', bureauStaff, { unitId })).body;
  expect(ready.problems).toEqual([]);
  return version;
}

let outstanding: { unitId: string; unitName: string }[] = [];
let lapsing: string;

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
  await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('goal_setting') } }));
  for (const [code, deadline] of [['goal_setting', DEADLINE], ['goal_review', '2026-12-31']] as const) {
    await documentClient().send(
      new UpdateCommand({ TableName: tableName(), Key: keys.stage(YL, C, stageNumber(code)), UpdateExpression: 'SET deadline = :d REMOVE escalatedAt, reminderSentAt', ExpressionAttributeValues: { ':d': deadline } }),
    );
  }
}, 60_000);

afterAll(() => setClockOffset(0));

describe('the bureau’s view', () => {
  it('lists every unit of the cycle’s categories with what it delivered, the counts adding up', async () => {
    moveTo(beijing('2026-12-10', 10));
    const res = await duties();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'goal_setting', deadline: DEADLINE, current: true, duties: [{ id: 'goals.submit', who: 'unit' }] });
    const { items, counts } = res.body;
    expect(items.map((r: any) => r.unitId)).toEqual(expect.arrayContaining([ON_TIME, LATE]));
    expect(counts.total).toBe(items.length);
    expect(counts.delivered + counts.outstanding).toBe(counts.total);
    expect(items.find((r: any) => r.unitId === LATE)).toMatchObject({ delivered: false, deadline: DEADLINE, version: 0, lines: [{ dutyId: 'goals.submit', delivered: false, late: false }] });
    outstanding = items.filter((r: any) => !r.delivered).map((r: any) => ({ unitId: r.unitId, unitName: r.unitName }));
    lapsing = outstanding.find((u) => u.unitId !== ON_TIME && u.unitId !== LATE)!.unitId;
    expect(lapsing).toBeDefined();
    await storeLeader(lapsing);
  });

  it('refuses another region’s bureau and a unit leader (403)', async () => {
    expect((await duties(otherRegion)).status).toBe(403);
    expect((await duties(jyjLeader)).status).toBe(403);
  });
});

describe('reminders', () => {
  it('go to each unit that has not submitted, three working days before the deadline, once', async () => {
    moveTo(beijing('2026-12-13', 10)); // Sunday: five working days left
    expect(await daily()).toMatchObject({ unitsReminded: 0 });
    moveTo(beijing('2026-12-15', 10)); // Tuesday: Wed, Thu, Fri left
    expect(await daily()).toMatchObject({ unitsReminded: outstanding.length });
    expect(await daily()).toMatchObject({ unitsReminded: 0 });
    const reminders = await inbox(LATE, 'duty.reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ audience: 'unit_leader' });
    expect(reminders[0]!.title).toContain('负责人');
    expect(reminders[0]!.body).toContain(`报送本单位年度绩效目标）尚未完成，截止时间为 ${DEADLINE} 24:00`);
  });
});

describe('at the deadline', () => {
  it('lets a unit submit before it', async () => {
    const version = await completeGoals(ON_TIME);
    const res = await submit(ON_TIME, version, yuzhouLeader);
    expect(res.status).toBe(201);
    outstanding = outstanding.filter((u) => u.unitId !== ON_TIME);
  });

  it('records exactly the units that missed it, tells each unit’s leader and the bureau once — the workflow and the daily job at once; a second run adds nothing', async () => {
    moveTo(deadlineInstant(DEADLINE) + HOUR);
    const open = (await getCycle(YL, C, true))!;
    const [fromDaily, fromWorkflow] = await Promise.all([daily(), escalateStage(open, open.stages[stageNumber('goal_setting') - 1]!, 'system:workflow')]);
    expect(fromDaily.escalated + (fromWorkflow ? 1 : 0)).toBe(1);
    const records = await readDutyRecords(YL, C, 'goal_setting', true);
    const missed = [...records.values()].filter((r) => r.missedDeadline === DEADLINE).map((r) => r.unitId);
    expect(missed.sort()).toEqual(outstanding.map((u) => u.unitId).sort());
    const unitNotice = await inbox(LATE, 'duty.overdue');
    expect(unitNotice).toHaveLength(1);
    expect(unitNotice[0]).toMatchObject({ audience: 'unit_leader' });
    expect(unitNotice[0]!.title).toContain('市教育局负责人');
    expect(unitNotice[0]!.body).toContain('报送本单位年度绩效目标');
    expect(await inbox(ON_TIME, 'duty.overdue')).toHaveLength(0);
    const bureau = await inbox('yl-jxb', 'stage.overdue');
    expect(bureau).toHaveLength(1);
    for (const u of outstanding) expect(bureau[0]!.body).toContain(u.unitName);
    expect(bureau[0]!.body).not.toContain('玉州区');

    expect(await daily()).toMatchObject({ escalated: 0, unitsEscalated: 0 });
    const cycle = (await getCycle(YL, C, true))!;
    expect(await escalateStage(cycle, cycle.stages[stageNumber('goal_setting') - 1]!, 'system:workflow')).toBe(false);
    expect(await inbox(LATE, 'duty.overdue')).toHaveLength(1);
    expect(await inbox('yl-jxb', 'stage.overdue')).toHaveLength(1);
    expect(await inbox('yl-jxb', 'duty.overdue')).toHaveLength(0);
    const view = (await duties()).body;
    expect(view.items.find((r: any) => r.unitId === LATE)).toMatchObject({ missedDeadline: DEADLINE });
    expect(view.items.find((r: any) => r.unitId === ON_TIME)).toMatchObject({ delivered: true, lines: [{ late: false }] });
  });

  it('refuses a late submission (409)', async () => {
    const version = await completeGoals(LATE);
    const res = await submit(LATE, version, jyjLeader);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DEADLINE_PASSED');
    expect((await readUnitGoals(YL, C, LATE)).set?.status).toBe('draft');
    // The unit's standing says so, for the page not to offer 提交.
    expect((await call(cycles, 'cycles', 'getUnitDuties', jyjLeader, { stage: 'goal_setting', unitId: LATE })).body).toMatchObject({ delivered: false, open: false });
  });
});

describe('extensions', () => {
  const ext = { until: EXTENDED, reason: '机构改革，目标待新班子审定', version: 0 };

  it('are refused to another region, to a unit leader, for a delivered unit, with a date not after today, or on a stale version', async () => {
    expect((await extend(LATE, ext, otherRegion)).status).toBe(403);
    expect((await extend(LATE, ext, jyjLeader)).status).toBe(403);
    expect((await extend(ON_TIME, ext)).status).toBe(409);
    const early = await extend(LATE, { ...ext, until: '2026-12-19' });
    expect(early.status).toBe(400);
    expect(early.body.error.details[0].path).toBe('body.until');
    expect((await extend(LATE, { ...ext, version: 3 })).status).toBe(409);
    expect((await extend('yl-nosuch', ext)).status).toBe(404);
  });

  const versionOf = async (unitId: string) => (await duties()).body.items.find((r: any) => r.unitId === unitId).version;

  it('are granted with a new date and a reason, audited, and notified to the unit’s leader', async () => {
    const version = await versionOf(LATE);
    expect(version).toBe(2); // the reminder and the missed deadline
    const res = await extend(LATE, { ...ext, version });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ unitId: LATE, deadline: EXTENDED, extension: { until: EXTENDED, reason: ext.reason, grantedBy: 'yl_staff' }, version: 3 });
    const audit = (await listAudit(YL, '2026-12', 500)).items.filter((e) => e.action === 'duty.extend');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'yl_staff', target: `duty:${YL}/${C}/${LATE}/goal_setting`, after: { until: EXTENDED, reason: ext.reason } });
    const notice = await inbox(LATE, 'duty.extended');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body).toContain(ext.reason);
    expect((await extend(lapsing, { ...ext, version: await versionOf(lapsing) })).status).toBe(201);
    // The unit reads its own standing (its leader and staff, the bureau); another unit and another region are refused.
    const own = await call(cycles, 'cycles', 'getUnitDuties', jyjLeader, { stage: 'goal_setting', unitId: LATE });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ unitId: LATE, stage: 'goal_setting', current: true, open: true, delivered: false, deadline: EXTENDED, missedDeadline: DEADLINE, extension: { until: EXTENDED }, duties: [{ id: 'goals.submit' }] });
    expect((await call(cycles, 'cycles', 'getUnitDuties', yuzhouLeader, { stage: 'goal_setting', unitId: LATE })).status).toBe(403);
    expect((await call(cycles, 'cycles', 'getUnitDuties', otherRegion, { stage: 'goal_setting', unitId: LATE })).status).toBe(403);
    expect((await call(cycles, 'cycles', 'getUnitDuties', bureauStaff, { stage: 'goal_setting', unitId: LATE })).status).toBe(200);
  });

  it('are watched by the daily job: a reminder three working days before the new date, once', async () => {
    moveTo(beijing('2026-12-22', 10)); // Tuesday: Wed, Thu, Fri left
    expect(await daily()).toMatchObject({ unitsReminded: 2, unitsEscalated: 0 });
    expect(await daily()).toMatchObject({ unitsReminded: 0 });
    expect(await inbox(LATE, 'duty.reminder')).toHaveLength(2);
  });

  it('let the unit submit until the new date', async () => {
    const { set } = await readUnitGoals(YL, C, LATE);
    const res = await submit(LATE, set!.version, jyjLeader);
    expect(res.status).toBe(201);
    expect(res.body.set.status).toBe('submitted');
  });

  it('are re-checked in the submission’s transaction: a unit recorded as missing its date is refused even if the clock read says otherwise', async () => {
    const version = await completeGoals(lapsing);
    await documentClient().send(
      new UpdateCommand({ TableName: tableName(), Key: keys.duty(YL, C, lapsing, 'goal_setting'), UpdateExpression: 'SET missedDeadline = :d', ExpressionAttributeValues: { ':d': EXTENDED } }),
    );
    expect((await submit(lapsing, version)).status).toBe(409);
    await documentClient().send(
      new UpdateCommand({ TableName: tableName(), Key: keys.duty(YL, C, lapsing, 'goal_setting'), UpdateExpression: 'SET missedDeadline = :d', ExpressionAttributeValues: { ':d': DEADLINE } }),
    );
    expect((await readUnitGoals(YL, C, lapsing)).set?.status).toBe('draft');
  });

  it('escalate again when the new date passes undelivered: the unit and the bureau told once, even by two runs at once', async () => {
    moveTo(deadlineInstant(EXTENDED) + HOUR);
    const [first, second] = await Promise.all([daily(), daily()]);
    expect(first.unitsEscalated + second.unitsEscalated).toBe(1);
    expect(await daily()).toMatchObject({ unitsEscalated: 0 });
    const record = (await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.duty(YL, C, lapsing, 'goal_setting') }))).Item;
    expect(record).toMatchObject({ missedDeadline: EXTENDED });
    expect(await inbox(lapsing, 'duty.overdue')).toHaveLength(2);
    const bureau = await inbox('yl-jxb', 'duty.overdue');
    expect(bureau).toHaveLength(1);
    expect(bureau[0]!.body).toContain(outstanding.find((u) => u.unitId === lapsing)!.unitName);
    expect(bureau[0]!.body).not.toContain('市教育局');
    expect(await inbox(LATE, 'duty.overdue')).toHaveLength(1);
  });
});

describe('advancing with outstanding units', () => {
  it('is refused (409) naming them unless the bureau confirms the count it saw', async () => {
    const cycle = (await getCycle(YL, C, true))!;
    const left = (await duties()).body.counts.outstanding;
    expect(left).toBe(outstanding.length - 1);
    const advance = (outstandingSeen?: number) => call(cycles, 'cycles', 'advanceStage', bureauStaff, {}, { stage: cycle.currentStage, version: cycle.version, ...(outstandingSeen === undefined ? {} : { outstanding: outstandingSeen }) });
    const refused = await advance();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('OUTSTANDING_DUTIES');
    expect(refused.body.error.details).toHaveLength(left);
    expect(refused.body.error.details).toContainEqual({ path: `outstanding.${lapsing}`, message: outstanding.find((u) => u.unitId === lapsing)!.unitName });
    expect(refused.body.error.message).toContain(outstanding.find((u) => u.unitId === lapsing)!.unitName);
    expect((await advance(left + 1)).body.error.code).toBe('OUTSTANDING_DUTIES');
    // Confirmed: past the duties check (here the workflow is not waiting, so the stage stays).
    const confirmed = await advance(left);
    expect(confirmed.body.error?.code).not.toBe('OUTSTANDING_DUTIES');
  });
});

describe('in goal review', () => {
  it('locks the resubmission of a returned set after the stage deadline too, until the bureau extends it', async () => {
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('goal_review') } }));
    moveTo(beijing('2026-12-30', 10));
    const { set, goals: stored } = await readUnitGoals(YL, C, ON_TIME);
    const returned = await call(goals, 'goals', 'reviewGoals', bureauStaff, { unitId: ON_TIME }, { decision: 'return', version: set!.version, returns: [{ indicatorId: stored[0]!.indicatorId, reason: '目标值偏低' }] });
    expect(returned.status).toBe(201);
    const review = await call(cycles, 'cycles', 'getStageDuties', bureauStaff, { stage: 'goal_review' });
    expect(review.body.items.find((r: any) => r.unitId === ON_TIME)).toMatchObject({ delivered: false, deadline: '2026-12-31' });

    moveTo(deadlineInstant('2026-12-31') + HOUR);
    const late = await submit(ON_TIME, returned.body.set.version, yuzhouLeader);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('DEADLINE_PASSED');
    const version = review.body.items.find((r: any) => r.unitId === ON_TIME).version;
    expect((await call(cycles, 'cycles', 'grantExtension', bureauStaff, { stage: 'goal_review', unitId: ON_TIME }, { until: '2027-01-08', reason: '退回修改需补充材料', version })).status).toBe(201);
    const again = await submit(ON_TIME, returned.body.set.version, yuzhouLeader);
    expect(again.status).toBe(201);
    expect(again.body.set.status).toBe('submitted');
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('goal_setting') } }));
  });
});

describe('the public timeline', () => {
  it('shows how many units delivered out of how many, and nothing for stages not open yet', async () => {
    const res = await call(publicApi, 'public', 'listRegionCycles', undefined, {});
    expect(res.status).toBe(200);
    const cycle = res.body.items.find((c: any) => c.cycleId === C);
    const total = (await duties()).body.counts.total;
    expect(cycle.stages.find((s: any) => s.code === 'goal_setting').duties).toEqual({ delivered: total - outstanding.length + 1, total });
    expect(cycle.stages.find((s: any) => s.code === 'goal_review').duties).toBeUndefined();
    expect(JSON.stringify(cycle)).not.toContain('市教育局');
    const signedIn = await call(cycles, 'cycles', 'getCycle', jyjLeader, {});
    expect(signedIn.body.stages.find((s: any) => s.code === 'goal_setting').duties).toEqual({ delivered: total - outstanding.length + 1, total });
  });
});

describe('who owes a duty', () => {
  it('is every category unit, or (for a duty of assessor units) each assessor unit the plans in force name, once', async () => {
    const categories = (await getCategorySet(YL, C))!.categories;
    const units = await readAssignees(YL, C, DUTY_KINDS.filter((d) => d.stage === 'goal_setting'));
    expect(units.map((u) => u.unitId).sort()).toEqual([...new Set(categories.flatMap((c) => c.units.map((u) => u.unitId)))].sort());
    const plans = await Promise.all(categories.map((c) => getCurrentPlan(YL, C, c.categoryId)));
    const named = new Set(plans.flatMap((p) => leaves(p!.plan.tree).map((l) => l.node.assessorUnitId)).filter((u): u is string => Boolean(u)));
    expect(named.size).toBeGreaterThan(1);
    const assessorDuty = { ...DUTY_KINDS[0]!, id: 'test.assessor', who: 'assessor' as const };
    const assessors = await readAssignees(YL, C, [assessorDuty]);
    expect(assessors.map((u) => u.unitId)).toEqual([...named].sort());
    expect(assessors.find((u) => u.unitId === 'yl-tjj')?.name).toContain('统计局');
  });
});
