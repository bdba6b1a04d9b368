// Complaints and reports (投诉举报, Art 32) through the 'supervision' Lambda on the demo data: the
// public files without signing in (a query code back, the answer due in 15 working days on the
// region's calendar, the bureau told) and reads the status by the code; a signed-in filer's complaint
// carries the account; the public cap per address and day; the bureau of another region and a unit
// are refused the list; staff answer, the leader approves (or returns); contacts are masked for any
// but the handler and the leader, never in the list nor the audit; the daily job escalates an
// overdue complaint once, on the development clock; a stale version is refused.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { DEMO_COMPLAINTS } from '../../cdk/local/seed-complaints.ts';
import { setClockOffset } from '../../functions/config/clock.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { listCalendarYears } from '../../functions/data/calendar.ts';
import { complaintDue, PUBLIC_DAILY_CAP } from '../../functions/domain/complaints.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { handler } from '../../functions/handlers/api/supervision.ts';
import { escalateComplaints } from '../../functions/handlers/workflow/complaint-clock.ts';
import { systemActor } from '../../functions/handlers/workflow/escalation.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const BL = '450981';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const staff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const leader = person('yl_leader', 'bureau_leader', 'yl-jxb');
const unitStaff = person('yuzhou_staff', 'unit_staff', 'yl-yuzhou');
const unitLeader = person('yuzhou_leader', 'unit_leader', 'yl-yuzhou');
const otherBureau = person('bl_staff', 'bureau_staff', 'bl-jxb', BL);

type Res = { status: number; body: any };
async function call(op: string, opts: { caller?: Caller; params?: Record<string, string>; body?: unknown; query?: Record<string, string>; ip?: string } = {}): Promise<Res> {
  const event = apiEvent(routeFor('supervision', op), { caller: opts.caller, params: opts.params ?? { regionId: YL }, body: opts.body, query: opts.query });
  (event.requestContext as unknown as { http: { sourceIp: string } }).http = { sourceIp: opts.ip ?? '203.0.113.9' };
  const res = (await handler(event, lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const filing = (over: Record<string, unknown> = {}) => ({ cycleId: '2026', unitId: 'yl-yuzhou', stage: 'execution', subject: '进度报告审核拖延', content: '玉州区的季度进度报告审核一再拖延，请绩效办督促。', ...over });
const at = (params: Record<string, string>) => ({ regionId: YL, ...params });

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
}, 120_000);
afterAll(() => setClockOffset(0));

let publicId: string;
let publicCode: string;

describe('filing', () => {
  it('the public files without signing in: a code, the due date in 15 working days, the bureau told; the contact kept apart', async () => {
    const res = await call('filePublicComplaint', { body: filing({ contact: { name: '陈先生', phone: '13907751234' }, consent: true }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const today = beijingDate(Date.now());
    expect(res.body).toMatchObject({ receivedOn: today, due: complaintDue(await listCalendarYears(YL), today), code: expect.stringMatching(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/) });
    publicId = res.body.complaintId;
    publicCode = res.body.code;
    const notices = await listNotices(YL, 'yl-jxb', 5);
    expect(notices.items.find((n) => n.kind === 'complaint.filed')).toMatchObject({ link: `/complaints/${publicId}` });
    // The code is not stored, only its hash; the audit entry holds neither contact nor code.
    const audit = await documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.auditPartition(YL, today.slice(0, 7)) } }));
    const entry = JSON.stringify((audit.Items ?? []).filter((i) => i.action === 'complaint.file'));
    expect(entry).toContain(publicId);
    expect(entry).not.toContain('13907751234');
    expect(entry).not.toContain('陈先生');
    expect(entry).not.toContain(publicCode);
  });

  it('a contact without consent is refused naming the field; bad ids name theirs', async () => {
    const res = await call('filePublicComplaint', { body: filing({ contact: { phone: '13907751234' } }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body.consent');
    const unit = await call('filePublicComplaint', { body: filing({ unitId: 'bl-lingcheng' }) });
    expect(unit.status).toBe(400);
    expect(unit.body.error.details[0].path).toBe('body.unitId');
  });

  it('reads the status by code (dashes and case do not matter); a wrong code is a 404', async () => {
    const res = await call('lookupComplaint', { params: {}, body: { code: publicCode.toLowerCase().replace(/-/g, '') } });
    // A POST (the code stays out of URLs and access logs): the chain answers 201.
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ regionName: '玉林市', status: 'received', subject: '进度报告审核拖延' });
    expect(res.body.answer).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('13907751234');
    expect((await call('lookupComplaint', { params: {}, body: { code: 'AAAA-BBBB-CCCC-DDDD' } })).status).toBe(404);
  });

  it('a signed-in filer’s complaint carries the account', async () => {
    const res = await call('fileComplaint', { caller: unitStaff, body: filing({ subject: '评分依据' }) });
    expect(res.status).toBe(201);
    const detail = await call('getComplaint', { caller: leader, params: at({ complaintId: res.body.complaintId }) });
    expect(detail.body).toMatchObject({ channel: 'portal', filedBy: 'yuzhou_staff' });
  });

  it(`caps public filings at ${PUBLIC_DAILY_CAP} per address and day (429), other addresses unaffected`, async () => {
    const ip = '198.51.100.77';
    for (let i = 0; i < PUBLIC_DAILY_CAP; i++) expect((await call('filePublicComplaint', { body: filing(), ip })).status).toBe(201);
    const over = await call('filePublicComplaint', { body: filing(), ip });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect((await call('filePublicComplaint', { body: filing(), ip: '198.51.100.78' })).status).toBe(201);
  });
});

describe('the bureau', () => {
  it('lists its region’s complaints in one page, filtered by status, without contacts', async () => {
    const all = await call('listComplaints', { caller: staff, query: { limit: '50' } });
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { complaintId: string }) => c.complaintId)).toEqual(expect.arrayContaining([publicId, DEMO_COMPLAINTS.open.complaintId, DEMO_COMPLAINTS.answered.complaintId]));
    expect(JSON.stringify(all.body)).not.toContain('13907751234');
    const answered = await call('listComplaints', { caller: staff, query: { status: 'answered' } });
    expect(answered.body.items.map((c: { complaintId: string }) => c.complaintId)).toEqual([DEMO_COMPLAINTS.answered.complaintId]);
    const paged = await call('listComplaints', { caller: staff, query: { limit: '2' } });
    expect(paged.body.items).toHaveLength(2);
    expect(paged.body.nextCursor).toBeDefined();
  });

  it('refuses another region’s bureau, a unit and a unit leader', async () => {
    expect((await call('listComplaints', { caller: otherBureau })).status).toBe(403);
    expect((await call('getComplaint', { caller: otherBureau, params: at({ complaintId: publicId }) })).status).toBe(403);
    expect((await call('listComplaints', { caller: unitStaff })).status).toBe(403);
    expect((await call('listComplaints', { caller: unitLeader })).status).toBe(403);
    expect((await call('answerComplaint', { caller: unitLeader, params: at({ complaintId: publicId }), body: { answer: '单位不能答复投诉举报内容', version: 1 } })).status).toBe(403);
    // Another region's bureau sees none of 玉林市's in its own list.
    const bl = await call('listComplaints', { caller: otherBureau, params: { regionId: BL } });
    expect(bl.body.items).toEqual([]);
  });

  it('masks the contact but for the handler and the leader', async () => {
    const masked = await call('getComplaint', { caller: staff, params: at({ complaintId: publicId }) });
    expect(masked.body).toMatchObject({ contactMasked: true, contact: { name: '陈**', phone: '139****1234' } });
    expect((await call('getComplaint', { caller: leader, params: at({ complaintId: publicId }) })).body).toMatchObject({ contactMasked: false, contact: { phone: '13907751234' } });
  });

  it('assigns, staff answer, the leader returns then approves; the public reads the answer', async () => {
    const assigned = await call('assignComplaint', { caller: leader, params: at({ complaintId: publicId }), body: { handler: 'yl_staff', version: 1 } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    expect(assigned.body).toMatchObject({ status: 'handling', handler: 'yl_staff', version: 2 });
    expect((await call('getComplaint', { caller: staff, params: at({ complaintId: publicId }) })).body).toMatchObject({ contactMasked: false, contact: { phone: '13907751234' } });
    // The leader does not draft; staff do. Not a bureau staff account as handler: refused.
    expect((await call('answerComplaint', { caller: leader, params: at({ complaintId: publicId }), body: { answer: '经核查情况属实，已督促整改。', version: 2 } })).status).toBe(403);
    expect((await call('assignComplaint', { caller: leader, params: at({ complaintId: publicId }), body: { handler: 'yuzhou_staff', version: 2 } })).status).toBe(400);
    const answered = await call('answerComplaint', { caller: staff, params: at({ complaintId: publicId }), body: { answer: '经核查情况属实，已督促玉州区按期审核。', version: 2 } });
    expect(answered.body).toMatchObject({ status: 'pending_approval', version: 3 });
    expect((await call('lookupComplaint', { params: {}, body: { code: publicCode } })).body.answer).toBeUndefined();
    const returned = await call('decideComplaint', { caller: leader, params: at({ complaintId: publicId }), body: { approve: false, version: 3 } });
    expect(returned.status).toBe(400);
    const back = await call('decideComplaint', { caller: leader, params: at({ complaintId: publicId }), body: { approve: false, opinion: '请写明督促的时限', version: 3 } });
    expect(back.body).toMatchObject({ status: 'handling', returnOpinion: '请写明督促的时限', version: 4 });
    await call('answerComplaint', { caller: staff, params: at({ complaintId: publicId }), body: { answer: '经核查情况属实，已督促玉州区于5个工作日内完成审核。', version: 4 } });
    expect((await call('decideComplaint', { caller: staff, params: at({ complaintId: publicId }), body: { approve: true, version: 5 } })).status).toBe(403);
    const approved = await call('decideComplaint', { caller: leader, params: at({ complaintId: publicId }), body: { approve: true, version: 5 } });
    expect(approved.body).toMatchObject({ status: 'answered', approvedBy: 'yl_leader', version: 6 });
    const read = await call('lookupComplaint', { params: {}, body: { code: publicCode } });
    expect(read.body).toMatchObject({ status: 'answered', answer: { text: expect.stringContaining('5个工作日') } });
    expect(JSON.stringify(read.body)).not.toContain('yl_staff');
  });

  it('refuses a stale version (409) and leaves the complaint as it was', async () => {
    const id = DEMO_COMPLAINTS.open.complaintId;
    const stale = await call('assignComplaint', { caller: leader, params: at({ complaintId: id }), body: { handler: 'yl_staff', version: 7 } });
    expect(stale.status).toBe(409);
    expect((await call('getComplaint', { caller: leader, params: at({ complaintId: id }) })).body).toMatchObject({ status: 'received', version: 1 });
  });
});

describe('the daily job', () => {
  it('escalates an overdue complaint to the bureau leader once, on the development clock', async () => {
    const res = await call('filePublicComplaint', { body: filing({ subject: '逾期测试' }), ip: '192.0.2.1' });
    const due = res.body.due.date as string;
    // The day after the due date, 10:00 Beijing.
    setClockOffset(Date.parse(`${due}T02:00:00.000Z`) + 86_400_000 - Date.now());
    const actor = systemActor(YL, 'system:daily');
    expect(await escalateComplaints(YL, actor)).toBeGreaterThanOrEqual(1);
    const detail = await call('getComplaint', { caller: leader, params: at({ complaintId: res.body.complaintId }) });
    expect(detail.body).toMatchObject({ overdue: true, history: expect.arrayContaining([expect.objectContaining({ step: 'escalate' })]) });
    const notices = await listNotices(YL, 'yl-jxb', 20);
    expect(notices.items.filter((n) => n.kind === 'complaint.overdue' && n.link === `/complaints/${res.body.complaintId}`)).toHaveLength(1);
    // Again: nothing new for it.
    await escalateComplaints(YL, actor);
    expect((await listNotices(YL, 'yl-jxb', 40)).items.filter((n) => n.kind === 'complaint.overdue' && n.link === `/complaints/${res.body.complaintId}`)).toHaveLength(1);
    setClockOffset(0);
  });
});
