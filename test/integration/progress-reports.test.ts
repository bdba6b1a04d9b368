// Progress reports through the 'progress' Lambda on DynamoDB Local and the local evidence store
// (s3rver): the 2026 cycle of 玉林市 (seeded at 过程管理) with 玉州区's goals approved. A filer fills
// each goal of a period (a value, or nothing to report with its reason), uploads evidence through a
// signed PUT, submits; the leader returns, then approves; the bureau and the goal's assessor unit see
// it and the assessor downloads the file. Refused: another unit, another region, a role without the
// right, an assessor unit for an indicator not its own, a stale version, a fed value changed.
import { createHash } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvidenceStore, type EvidenceStore } from '../../cdk/local/evidence-store.ts';
import { seedDemo } from '../../cdk/local/seed.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { handler } from '../../functions/handlers/api/progress.ts';
import { setClockOffset } from '../../functions/config/clock.ts';
import { getCycle } from '../../functions/data/cycles.ts';
import { loadWorkingCalendar } from '../../functions/data/calendar.ts';
import { readDutyRecords } from '../../functions/data/duties.ts';
import { listAllReports, progressItem, reportItem } from '../../functions/data/progress-reports.ts';
import { goalItem } from '../../functions/data/goals.ts';
import { listAudit } from '../../functions/data/audit.ts';
import { reportDeadlines } from '../../functions/handlers/workflow/report-deadlines.ts';
import { handler as daily } from '../../functions/handlers/schedule/daily.ts';
import { shiftIsoDate } from '../../functions/domain/dates.ts';
import { defaultSchedule } from '../../functions/domain/progress-periods.ts';
import { BUREAU_ESCALATION_WORKING_DAYS, nextDeadline } from '../../functions/domain/report-deadlines.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2026';
const U = 'yl-yuzhou';
const P = '2026-11';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const filer = person('yuzhou_staff', 'unit_staff', U);
const leader = person('yuzhou_leader', 'unit_leader', U);
const bureauStaff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const otherUnit = person('jyj_staff', 'unit_staff', 'yl-jyj');
const otherRegion = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');
const assessor = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const thirdParty = person('yl_third', 'third_party', 'yl-sqmy');

async function call(op: string, caller: Caller, params: Record<string, string>, body?: unknown, query?: Record<string, string>) {
  const res = (await handler(apiEvent(routeFor('progress', op), { caller, params: { regionId: YL, cycleId: C, ...params }, body, query }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const read = (caller: Caller = filer, period = P) => call('getUnitProgress', caller, { unitId: U }, undefined, { period });
const save = (indicatorId: string, body: Record<string, unknown>, caller: Caller = filer, period = P) => call('saveProgressEntry', caller, { unitId: U, period, indicatorId }, body);

const pdf = Buffer.from('%PDF-1.4\n玉州区 11 月进度佐证\n%%EOF');
const sha = createHash('sha256').update(pdf).digest('base64');

let store: EvidenceStore;
let goals: { indicatorId: string; assessorUnitId: string }[];
/** A goal the statistics bureau (yl-tjj) assesses, and one it does not. */
let assessed: string;
let notAssessed: string;

beforeAll(async () => {
  await useFreshTable();
  store = await startEvidenceStore();
  process.env.S3_ENDPOINT = store.endpoint;
  process.env.EVIDENCE_BUCKET = store.bucket;
  await seedDemo(new Date().toISOString());
  goals = (await approveGoalsDirectly(YL, C, U)).map((g) => ({ indicatorId: g.indicatorId, assessorUnitId: g.assessorUnitId }));
  assessed = goals.find((g) => g.assessorUnitId === 'yl-tjj')!.indicatorId;
  notAssessed = goals.find((g) => g.assessorUnitId !== 'yl-tjj')!.indicatorId;
  // The tests below touch goals 0–2 on their own: the evidence goals come first in the list they use.
  goals.sort((a, b) => Number(a.indicatorId === assessed || a.indicatorId === notAssessed) - Number(b.indicatorId === assessed || b.indicatorId === notAssessed));
}, 180_000);
afterAll(async () => store?.stop());

describe('schedule', () => {
  it('is monthly, due on the 5th, until the bureau sets it; units read it, only the bureau sets it', async () => {
    const got = await call('getProgressSchedule', filer, {});
    expect(got.body).toMatchObject({ frequency: 'monthly', dueDay: 5, bureauAfterDays: BUREAU_ESCALATION_WORKING_DAYS, version: 0 });
    expect(got.body.periods).toHaveLength(12);
    expect(got.body.periods.at(-1)).toEqual({ period: '2026-12', dueDate: '2027-01-05' });
    expect((await call('setProgressSchedule', filer, {}, { frequency: 'monthly', dueDay: 6, version: 0 })).status).toBe(403);
    expect((await call('setProgressSchedule', otherRegion, {}, { frequency: 'monthly', dueDay: 6, version: 0 })).status).toBe(403);
    const set = await call('setProgressSchedule', bureauStaff, {}, { frequency: 'monthly', dueDay: 5, version: 0 });
    expect(set.status).toBe(200);
    expect(set.body.version).toBe(1);
    expect((await call('setProgressSchedule', bureauStaff, {}, { frequency: 'monthly', dueDay: 7, version: 0 })).status).toBe(409);
    expect((await call('setProgressSchedule', bureauStaff, {}, { frequency: 'monthly', dueDay: 29, version: 1 })).status).toBe(400);
    // Units have reported 2026 monthly already (the demo): the frequency stays, the due day may move.
    const quarterly = await call('setProgressSchedule', bureauStaff, {}, { frequency: 'quarterly', dueDay: 5, version: 1 });
    expect(quarterly.status).toBe(409);
    expect(quarterly.body.error.message).toContain('频次');
    // The bureau's interval after the leader's notice: 1–10 working days, kept until changed.
    expect((await call('setProgressSchedule', bureauStaff, {}, { frequency: 'monthly', dueDay: 5, bureauAfterDays: 11, version: 1 })).status).toBe(400);
    const longer = await call('setProgressSchedule', bureauStaff, {}, { frequency: 'monthly', dueDay: 5, bureauAfterDays: 5, version: 1 });
    expect(longer.body).toMatchObject({ bureauAfterDays: 5, version: 2 });
    expect((await call('setProgressSchedule', bureauStaff, {}, { frequency: 'monthly', dueDay: 5, version: 2 })).body).toMatchObject({ bureauAfterDays: 5, version: 3 });
    expect((await call('setProgressSchedule', bureauStaff, {}, { frequency: 'monthly', dueDay: 5, bureauAfterDays: BUREAU_ESCALATION_WORKING_DAYS, version: 3 })).body.bureauAfterDays).toBe(BUREAU_ESCALATION_WORKING_DAYS);
  });
});

describe('a unit reports a period', () => {
  it('shows the unit its periods and its approved goals, all blank', async () => {
    const res = await read();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ unitId: U, period: P, dueDate: '2026-12-05', editable: true });
    expect(res.body.goals.map((g: any) => g.indicatorId).sort()).toEqual(goals.map((g) => g.indicatorId).sort());
    expect(res.body.blank).toHaveLength(goals.length);
    expect(res.body.periods[0]).toMatchObject({ period: '2026-12', status: 'missing' });
    // The milestone expected by the end of November (2026-11-30) is shown beside the goal.
    expect(res.body.goals[0].expected).toMatchObject({ date: '2026-11-30' });
  });

  it('refuses another unit, another region and a role without the right', async () => {
    expect((await read(otherUnit)).status).toBe(403);
    expect((await read(otherRegion)).status).toBe(403);
    expect((await read(assessor)).status).toBe(403);
    expect((await save(goals[0]!.indicatorId, { value: 1, version: 0 }, otherUnit)).status).toBe(403);
    expect((await save(goals[0]!.indicatorId, { value: 1, version: 0 }, bureauStaff)).status).toBe(403);
    expect((await save(goals[0]!.indicatorId, { value: 1, version: 0 }, thirdParty)).status).toBe(403);
  });

  it('saves a draft entry, checks its version, and refuses a declaration without reason', async () => {
    const first = await save(goals[0]!.indicatorId, { value: 30, narrative: '完成三成', version: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ value: 30, status: 'draft', version: 1, evidence: [] });
    expect((await save(goals[0]!.indicatorId, { value: 31, version: 0 })).status).toBe(409);
    const again = await save(goals[0]!.indicatorId, { value: 42, narrative: '完成四成', problems: '资金到位慢', nextSteps: '加快拨付', version: 1 });
    expect(again.body).toMatchObject({ value: 42, version: 2 });
    const bad = await save(goals[1]!.indicatorId, { nothingToReport: true, version: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.nothingReason');
    expect((await read()).body.report).toMatchObject({ status: 'draft', counts: { filled: 1, nothingToReport: 0 } });
  });

  it('refuses a period not yet begun or not of the schedule', async () => {
    expect((await save(goals[0]!.indicatorId, { value: 1, version: 0 }, filer, '2026-Q4')).status).toBe(409);
    expect((await save(goals[0]!.indicatorId, { value: 1, version: 0 }, filer, '2026-13')).status).toBe(400);
  });
});

describe('evidence', () => {
  let fileId: string;

  it('refuses a type outside the allow-list and a file over the size limit when signing', async () => {
    const sign = (body: Record<string, unknown>) => call('signEvidenceUpload', filer, { unitId: U, period: P, indicatorId: assessed }, body);
    expect((await sign({ name: 'x.exe', contentType: 'application/x-msdownload', size: 10, sha256: sha })).status).toBe(400);
    expect((await sign({ name: 'big.pdf', contentType: 'application/pdf', size: 21 * 1024 * 1024, sha256: sha })).status).toBe(400);
    expect((await call('signEvidenceUpload', otherUnit, { unitId: U, period: P, indicatorId: assessed }, { name: 'a.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha })).status).toBe(403);
  });

  it('signs a PUT scoped to the region, cycle, unit, goal and period, with type, size and hash signed in', async () => {
    const res = await call('signEvidenceUpload', filer, { unitId: U, period: P, indicatorId: assessed }, { name: '11月进度.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha });
    expect(res.status).toBe(201);
    fileId = res.body.fileId;
    const url = new URL(res.body.url);
    expect(url.pathname).toBe(`/${store.bucket}/evidence/${YL}/${C}/${U}/${assessed}/${P}/${fileId}`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;x-amz-checksum-sha256');
    expect(res.body.headers).toEqual({ 'content-type': 'application/pdf', 'x-amz-checksum-sha256': sha });
    // Referenced before the file is there: refused.
    const early = await save(assessed, { value: 5, evidence: [fileId], version: 0 });
    expect(early.status).toBe(400);
    const put = await fetch(res.body.url, { method: 'PUT', headers: res.body.headers, body: pdf });
    expect(put.status).toBe(200);
    const saved = await save(assessed, { value: 5, evidence: [fileId], version: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body.evidence).toEqual([expect.objectContaining({ fileId, name: '11月进度.pdf', sha256: sha, size: pdf.length, contentType: 'application/pdf' })]);
    // The pending upload is gone once referenced: a second entry cannot take the same file.
    const stolen = await save(notAssessed, { value: 5, evidence: [fileId], version: 0 });
    expect(stolen.status).toBe(400);
  });

  it('downloads through a signed GET for the unit and the bureau, refuses another unit and region', async () => {
    const mine = await call('downloadEvidence', filer, { unitId: U, period: P, indicatorId: assessed, fileId });
    expect(mine.status).toBe(200);
    const got = await fetch(mine.body.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toContain("filename*=UTF-8''11%E6%9C%88");
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await call('downloadEvidence', bureauStaff, { unitId: U, period: P, indicatorId: assessed, fileId })).status).toBe(200);
    expect((await call('downloadEvidence', otherUnit, { unitId: U, period: P, indicatorId: assessed, fileId })).status).toBe(403);
    expect((await call('downloadEvidence', otherRegion, { unitId: U, period: P, indicatorId: assessed, fileId })).status).toBe(403);
    // The assessor unit reads the report only once the unit leader has approved it: until then it is not there.
    expect((await call('downloadAssessedEvidence', assessor, { unitId: U, period: P, indicatorId: assessed, fileId })).status).toBe(404);
  });
});

describe('fed values (系统采集)', () => {
  it('keeps a fed value: the unit cannot type another or declare the period empty', async () => {
    const id = goals[2]!.indicatorId;
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.progressItem(YL, C, U, P, id),
        UpdateExpression: 'SET #v = :v, fed = :fed, regionId = :r, cycleId = :c, unitId = :u, period = :p, indicatorId = :i, categoryId = :cat, assessorUnitId = :a, evidence = :e, #s = :s, late = :f, nothingToReport = :f, version = :one, updatedAt = :at, updatedBy = :by, entity = :entity',
        ExpressionAttributeNames: { '#v': 'value', '#s': 'status' },
        ExpressionAttributeValues: { ':v': 77, ':fed': { value: 77, systemId: 'tj', systemName: '统计联网直报', at: new Date().toISOString() }, ':r': YL, ':c': C, ':u': U, ':p': P, ':i': id, ':cat': 'c1', ':a': goals[2]!.assessorUnitId, ':e': [], ':s': 'draft', ':f': false, ':one': 1, ':at': new Date().toISOString(), ':by': 'feed:tj', ':entity': 'progressItem' },
      }),
    );
    const changed = await save(id, { value: 80, version: 1 });
    expect(changed.status).toBe(409);
    expect(changed.body.error.message).toContain('统计联网直报');
    expect((await save(id, { nothingToReport: true, nothingReason: '无', version: 1 })).status).toBe(409);
    const narrative = await save(id, { value: 77, narrative: '系统采集值核对无误', version: 1 });
    expect(narrative.status).toBe(200);
    expect(narrative.body).toMatchObject({ value: 77, fed: { systemName: '统计联网直报' } });
  });
});

describe('submission and the leader’s approval', () => {
  it('refuses to submit while a goal is blank', async () => {
    const view = (await read()).body;
    const res = await call('submitProgress', filer, { unitId: U, period: P }, { version: view.report.version });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('未填写');
  });

  it('submits once every goal holds a value or a declaration; the leader is told', async () => {
    const view = (await read()).body;
    for (const g of view.goals.filter((x: any) => view.blank.includes(x.indicatorId))) {
      const i = view.goals.indexOf(g);
      const res = await save(g.indicatorId, i % 2 ? { nothingToReport: true, nothingReason: '本月无新增项目', version: g.item?.version ?? 0 } : { value: 10 + i, version: g.item?.version ?? 0 });
      expect(res.status).toBe(200);
    }
    const ready = (await read()).body;
    expect(ready.blank).toEqual([]);
    expect((await call('reviewProgress', filer, { unitId: U, period: P }, { decision: 'approve', version: ready.report.version })).status).toBe(403);
    const sent = await call('submitProgress', filer, { unitId: U, period: P }, { version: ready.report.version });
    expect(sent.status).toBe(201);
    expect(sent.body.report).toMatchObject({ status: 'submitted', late: false, submittedBy: 'yuzhou_staff' });
    expect(sent.body.editable).toBe(false);
    expect((await save(goals[0]!.indicatorId, { value: 50, version: 2 })).status).toBe(409);
    const inbox = await listNotices(YL, U, 10);
    expect(inbox.items.some((n) => n.kind === 'progress.submitted' && n.audience === 'unit_leader')).toBe(true);
  });

  it('the leader returns with a reason; the filer fixes and submits again', async () => {
    const view = (await read(leader)).body;
    expect((await call('reviewProgress', leader, { unitId: U, period: P }, { decision: 'return', version: view.report.version - 1, reason: '请补充说明' })).status).toBe(409);
    const back = await call('reviewProgress', leader, { unitId: U, period: P }, { decision: 'return', version: view.report.version, reason: '第一项请补充说明' });
    expect(back.status).toBe(201);
    expect(back.body.report).toMatchObject({ status: 'returned', returnReason: '第一项请补充说明' });
    const item = back.body.goals.find((g: any) => g.indicatorId === goals[0]!.indicatorId).item;
    expect((await save(goals[0]!.indicatorId, { value: 45, narrative: '完成四成半，已补充', version: item.version })).status).toBe(200);
    const again = (await read()).body;
    expect((await call('submitProgress', filer, { unitId: U, period: P }, { version: again.report.version })).body.report.status).toBe('submitted');
  });

  it('the leader approves every goal at once; the bureau and the assessor unit are told and see it', async () => {
    const view = (await read(leader)).body;
    const ok = await call('reviewProgress', leader, { unitId: U, period: P }, { decision: 'approve', version: view.report.version });
    expect(ok.status).toBe(201);
    expect(ok.body.report).toMatchObject({ status: 'approved', approvedBy: 'yuzhou_leader', late: false });
    expect(ok.body.goals.every((g: any) => g.item.status === 'approved')).toBe(true);
    expect((await listNotices(YL, 'yl-jxb', 20)).items.some((n) => n.kind === 'progress.approved' && n.title.includes(P))).toBe(true);
    expect((await listNotices(YL, 'yl-tjj', 20)).items.some((n) => n.kind === 'progress.approved')).toBe(true);

    const queue = await call('listProgressReports', bureauStaff, {}, undefined, { period: P, limit: '100' });
    expect(queue.status).toBe(200);
    expect(queue.body.items).toContainEqual(expect.objectContaining({ unitId: U, status: 'approved', unitName: '玉州区' }));
    // One status of the period, a page at a time (the demo's other units reported November too).
    const approved = await call('listProgressReports', bureauStaff, {}, undefined, { period: P, status: 'approved', limit: '1' });
    expect(approved.body.items).toEqual([expect.objectContaining({ status: 'approved' })]);
    const all = [];
    for (let cursor: string | undefined, i = 0; i === 0 || cursor; i++) {
      const page = await call('listProgressReports', bureauStaff, {}, undefined, { period: P, limit: '5', ...(cursor ? { cursor } : {}) });
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    expect(all.length).toBe(queue.body.items.length);
    expect(new Set(all.map((r: any) => r.unitId)).size).toBe(all.length);
    expect((await call('listProgressReports', filer, {}, undefined, { period: P })).status).toBe(403);
    expect((await call('listProgressReports', otherRegion, {}, undefined, { period: P })).status).toBe(403);

    const mine = await call('listAssessedProgress', assessor, {}, undefined, { period: P });
    expect(mine.status).toBe(200);
    const ids = mine.body.items.map((i: any) => i.indicatorId);
    expect(ids).toContain(assessed);
    expect(ids).not.toContain(notAssessed);
    expect(mine.body.items.every((i: any) => i.assessorUnitId === 'yl-tjj' && i.status === 'approved')).toBe(true);
    expect((await call('listAssessedProgress', filer, {}, undefined, { period: P })).status).toBe(403);
  });

  it('the assessor unit downloads evidence of its own indicator only; another unit never', async () => {
    const view = (await read(leader)).body;
    const fileId = view.goals.find((g: any) => g.indicatorId === assessed).item.evidence[0].fileId;
    const got = await call('downloadAssessedEvidence', assessor, { unitId: U, period: P, indicatorId: assessed, fileId });
    expect(got.status).toBe(200);
    expect((await fetch(got.body.url)).status).toBe(200);
    expect((await call('downloadAssessedEvidence', assessor, { unitId: U, period: P, indicatorId: notAssessed, fileId })).status).toBe(403);
    expect((await call('downloadAssessedEvidence', otherUnit, { unitId: U, period: P, indicatorId: assessed, fileId })).status).toBe(403);
    expect((await call('downloadEvidence', assessor, { unitId: U, period: P, indicatorId: assessed, fileId })).status).toBe(403);
  });

  it('an approved report takes no more changes', async () => {
    expect((await save(goals[0]!.indicatorId, { value: 99, version: 9 })).status).toBe(409);
    const view = (await read(leader)).body;
    expect((await call('reviewProgress', leader, { unitId: U, period: P }, { decision: 'approve', version: view.report.version })).status).toBe(409);
  });
});

describe('late reports', () => {
  it('a report submitted after its due day is marked late, and stays so once approved', async () => {
    const period = '2026-10';
    const view = (await read(filer, period)).body;
    expect(view.dueDate).toBe('2026-11-05');
    expect(view.periods.find((p: any) => p.period === period)).toMatchObject({ status: 'missing', overdue: true });
    for (const g of view.goals) expect((await save(g.indicatorId, { nothingToReport: true, nothingReason: '数据按季度统计', version: 0 }, filer, period)).status).toBe(200);
    const ready = (await read(leader, period)).body;
    // The leader may approve a draft directly (filing it himself): late is judged then.
    const ok = await call('reviewProgress', leader, { unitId: U, period }, { decision: 'approve', version: ready.report.version });
    expect(ok.body.report).toMatchObject({ status: 'approved', late: true, counts: { nothingToReport: view.goals.length } });
    expect(ok.body.goals.every((g: any) => g.item.late)).toBe(true);
  });
});

describe('reminders and escalation per period (stage duties with a deadline per period)', () => {
  const actor = { username: 'system:daily', role: 'system', regionId: YL };
  // The 2026 cycle's last due day is 2027-01-05: after it there is no next deadline to play.
  const next = nextDeadline(2026, defaultSchedule(), Date.now());
  afterAll(() => setClockOffset(0));

  it.skipIf(!next)('reminds each unit whose next report is not approved, once; escalates to the leader on the first working day after the due day, to the bureau 3 working days later, each once', async () => {
    const { period, dueDate } = next!;
    const cycle = (await getCycle(YL, C))!;
    const calendar = await loadWorkingCalendar(YL);
    const moveTo = (iso: string) => setClockOffset(Math.max(0, Date.parse(iso) - Date.now()));
    const noon = (date: string) => `${date}T04:00:00Z`;
    // The day before the due day (Beijing noon): within three working days of it.
    moveTo(noon(shiftIsoDate(dueDate, -1)));
    const approved = new Set((await listAllReports(YL, C, period)).filter((r) => r.status === 'approved').map((r) => r.unitId));
    const first = await reportDeadlines(cycle, actor, calendar);
    expect(first.reminded).toBeGreaterThan(0);
    const records = await readDutyRecords(YL, C, 'execution', true);
    const reminded = [...records.values()].filter((r) => r.remindedFor === dueDate).map((r) => r.unitId);
    expect(reminded.length).toBe(first.reminded);
    expect(reminded.some((u) => approved.has(u))).toBe(false);
    expect((await reportDeadlines(cycle, actor, calendar)).reminded).toBe(0);
    const unit = reminded[0]!;
    expect((await listNotices(YL, unit, 10)).items.some((n) => n.kind === 'progress.reminder' && n.audience === 'unit_leader' && n.title.includes(period))).toBe(true);
    const bureauNotices = async () => (await listNotices(YL, 'yl-jxb', 100)).items.filter((n) => n.kind === 'progress.overdue' && n.title.includes(period)).length;
    const bureauBefore = await bureauNotices();

    // The first working day after the due day: the unit leader, not yet the bureau. Days in between
    // that are not working days (a due day on a Saturday) tell nobody.
    const leaderDay = calendar.addWorkingDays(dueDate, 1);
    for (let d = shiftIsoDate(dueDate, 1); d < leaderDay; d = shiftIsoDate(d, 1)) {
      moveTo(noon(d));
      expect(await reportDeadlines(cycle, actor, calendar)).toMatchObject({ escalated: 0, bureauTold: 0 });
    }
    moveTo(noon(leaderDay));
    const late = await reportDeadlines(cycle, actor, calendar);
    expect(late).toMatchObject({ escalated: first.reminded, bureauTold: 0 });
    expect((await readDutyRecords(YL, C, 'execution', true)).get(unit)).toMatchObject({ missedDeadline: dueDate });
    expect((await readDutyRecords(YL, C, 'execution', true)).get(unit)?.bureauToldFor).toBeUndefined();
    const leaderNotice = (await listNotices(YL, unit, 10)).items.find((n) => n.kind === 'progress.overdue' && n.audience === 'unit_leader' && n.title.includes(period));
    const bureauDay = calendar.addWorkingDays(leaderDay, BUREAU_ESCALATION_WORKING_DAYS);
    expect(leaderNotice?.body).toContain(bureauDay);
    expect(await bureauNotices()).toBe(bureauBefore);
    expect(await reportDeadlines(cycle, actor, calendar)).toMatchObject({ escalated: 0, bureauTold: 0 });

    // One unit reports (its leader approves) in between: the bureau is not told of it.
    const caughtUp = reminded[1]!;
    const at = new Date(Date.now() + 3600_000).toISOString();
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: reportItem({ regionId: YL, cycleId: C, unitId: caughtUp, period, categoryId: 'c1', status: 'approved', dueDate, late: true, counts: { filled: 1, nothingToReport: 0 }, submittedAt: at, submittedBy: 'test', approvedAt: at, approvedBy: 'test', version: 3, updatedAt: at, updatedBy: 'test' }) }));

    // The working day before the bureau's day: still only the leader knows.
    moveTo(noon(calendar.addWorkingDays(bureauDay, -1)));
    expect(await reportDeadlines(cycle, actor, calendar)).toMatchObject({ escalated: 0, bureauTold: 0 });
    // The bureau's day, through the daily job itself (北流市's open cycle may add its own units to the count).
    moveTo(noon(bureauDay));
    const told = await daily();
    expect(told.reportsBureauTold).toBeGreaterThanOrEqual(first.reminded - 1);
    const after = await readDutyRecords(YL, C, 'execution', true);
    expect(after.get(unit)).toMatchObject({ missedDeadline: dueDate, bureauToldFor: dueDate });
    expect(after.get(caughtUp)?.bureauToldFor).toBeUndefined();
    expect(await bureauNotices()).toBe(bureauBefore + 1);
    const bureauNotice = (await listNotices(YL, 'yl-jxb', 100)).items.find((n) => n.kind === 'progress.overdue' && n.title.includes(period));
    expect(bureauNotice?.title).toContain(`${first.reminded - 1} 个单位`);
    // Idempotent: the next runs add nothing.
    expect(await daily()).toMatchObject({ reportsReminded: 0, reportsEscalated: 0, reportsBureauTold: 0 });
    moveTo(noon(shiftIsoDate(bureauDay, 1)));
    expect(await reportDeadlines(cycle, actor, calendar)).toMatchObject({ escalated: 0, bureauTold: 0 });
    expect(await bureauNotices()).toBe(bureauBefore + 1);
  });
});

describe('an approval beyond one transaction (staged as goal-set moves are)', () => {
  it('approves 120 goals of a unit in one action: every entry approved and in its assessor unit’s list, the report last, notices once', async () => {
    const unit = 'yl-jyj';
    const period = '2026-10';
    const at = new Date().toISOString();
    const ids = Array.from({ length: 120 }, (_, i) => `x${String(i + 1).padStart(3, '0')}`);
    const base = { regionId: YL, cycleId: C, unitId: unit, categoryId: 'c2', planVersion: 1, status: 'approved' as const, coUnitIds: [], milestones: [], version: 1, updatedAt: at, updatedBy: 'yl_staff' };
    for (const [i, indicatorId] of ids.entries()) {
      await documentClient().send(new PutCommand({ TableName: tableName(), Item: goalItem({ ...base, indicatorId, assessorUnitId: i % 2 ? 'yl-tjj' : '', target: 100 }) }));
      await documentClient().send(
        new PutCommand({ TableName: tableName(), Item: progressItem({ regionId: YL, cycleId: C, unitId: unit, period, indicatorId, categoryId: 'c2', assessorUnitId: i % 2 ? 'yl-tjj' : '', value: i, nothingToReport: false, evidence: [], status: 'submitted', late: false, version: 2, updatedAt: at, updatedBy: 'jyj_staff' }) }),
      );
    }
    await documentClient().send(
      new PutCommand({ TableName: tableName(), Item: reportItem({ regionId: YL, cycleId: C, unitId: unit, period, categoryId: 'c2', status: 'submitted', dueDate: '2026-11-05', late: true, counts: { filled: 120, nothingToReport: 0 }, submittedAt: at, submittedBy: 'jyj_staff', version: 5, updatedAt: at, updatedBy: 'jyj_staff' }) }),
    );
    const jyjLeader = person('jyj_leader', 'unit_leader', unit);
    const res = await call('reviewProgress', jyjLeader, { unitId: unit, period }, { decision: 'approve', version: 5 });
    expect(res.status).toBe(201);
    expect(res.body.report).toMatchObject({ status: 'approved', late: true, moving: false, version: 6 });
    expect(res.body.goals).toHaveLength(120);
    expect(res.body.goals.every((g: any) => g.item.status === 'approved' && g.item.late && g.item.version === 3)).toBe(true);
    const assessed = [];
    for (let cursor: string | undefined, i = 0; i === 0 || cursor; i++) {
      const page = await call('listAssessedProgress', assessor, {}, undefined, { period, limit: '100', ...(cursor ? { cursor } : {}) });
      assessed.push(...page.body.items.filter((x: any) => x.unitId === unit));
      cursor = page.body.nextCursor;
    }
    expect(assessed).toHaveLength(60);
    const bureauNotices = (await listNotices(YL, 'yl-jxb', 50)).items.filter((n) => n.kind === 'progress.approved' && n.title.includes(period) && n.body.includes('120'));
    expect(bureauNotices).toHaveLength(1);
    // The move's audit: begin, the item chunks, and the report.
    const { items: audit } = await listAudit(YL, new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7), 100);
    const actions = audit.filter((a: any) => a.target === `progress:${YL}/${C}/${unit}/${period}`).map((a: any) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['progress.approve.begin', 'progress.approve.items', 'progress.approve']));
  });
});
