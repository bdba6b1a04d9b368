// Feedback and rectification during the year (Art 14) through the progress and calendar Lambdas on
// the demo data (玉林市 2026, in 过程管理): the bureau and an assessor unit raise items, the unit answers
// and reports, the sender accepts or sends back; the answer clock counts the region's working days
// (2026-09-30 across National Day is due 2026-10-20), a late answer stays late and is proposed for an
// Art 20 deduction; the daily sweep escalates once per deadline and level; a 2027 receipt is
// provisional until the bureau enters 2027's notice (or, a save cut short, until the daily job's pass). Every refusal: another unit, another region, an
// assessor unit outside its reach or not the sender, a role without the right, a stale version.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvidenceStore, type EvidenceStore } from '../../cdk/local/evidence-store.ts';
import { seedDemo } from '../../cdk/local/seed.ts';
import { setClockOffset } from '../../functions/config/clock.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { loadReach } from '../../functions/data/reach.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { handler as calendarHandler } from '../../functions/handlers/api/calendar.ts';
import { handler as progressHandler } from '../../functions/handlers/api/progress.ts';
import { recomputeProvisional, sweepFeedback } from '../../functions/handlers/workflow/feedback-clock.ts';
import { saveCalendarYear } from '../../functions/data/calendar.ts';
import { systemActor } from '../../functions/handlers/workflow/escalation.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2026';
const U = 'yl-yuzhou';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const filer = person('yuzhou_staff', 'unit_staff', U);
const leader = person('yuzhou_leader', 'unit_leader', U);
const bureau = person('yl_staff', 'bureau_staff', 'yl-jxb');
const assessor = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const otherAssessor = person('yl_sthjj', 'assessor_staff', 'yl-sthjj');
const otherUnit = person('jyj_staff', 'unit_staff', 'yl-jyj');
const otherRegionBureau = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');
const thirdParty = person('yl_third', 'third_party', 'yl-sqmy');

type Res = { status: number; body: any };
async function call(op: string, caller: Caller, params: Record<string, string>, body?: unknown, query?: Record<string, string>): Promise<Res> {
  const res = (await progressHandler(apiEvent(routeFor('progress', op), { caller, params: { regionId: caller.regionId === YL ? YL : caller.regionId, cycleId: C, ...params }, body, query }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
/** The call with the path's region fixed to 玉林市, whoever calls. */
async function callYl(op: string, caller: Caller, params: Record<string, string>, body?: unknown, query?: Record<string, string>): Promise<Res> {
  return call(op, caller, { regionId: YL, ...params }, body, query);
}
const today = () => beijingDate(Date.now());
const raise = (caller: Caller, over: Record<string, unknown> = {}, unitId = U) =>
  callYl('raiseFeedback', caller, { unitId }, { problem: '季度统计数据报送不及时，影响全市汇总', receivedOn: '2026-09-30', resultDue: '2026-12-31', ...over });

let assessedIndicator: string;
let notAssessed: string;
let unreachedUnit: string;

let store: EvidenceStore;

beforeAll(async () => {
  await useFreshTable();
  store = await startEvidenceStore();
  process.env.S3_ENDPOINT = store.endpoint;
  process.env.EVIDENCE_BUCKET = store.bucket;
  await seedDemo(new Date().toISOString());
  const reach = await loadReach(YL, C, 'yl-tjj', 'indicators');
  assessedIndicator = [...reach.get(U)!][0]!;
  const all = await loadReach(YL, C, 'yl-sthjj', 'indicators');
  notAssessed = [...(all.get(U) ?? [])].find((i) => !reach.get(U)!.has(i)) ?? 'zz';
  unreachedUnit = (await import('../../functions/data/categories.ts').then((m) => m.getCategorySet(YL, C)))!.categories.flatMap((c) => c.units.map((u) => u.unitId)).find((u) => !reach.has(u))!;
}, 120_000);

afterAll(async () => {
  setClockOffset(0);
  await store?.stop();
});

describe('raising feedback', () => {
  it('the bureau raises on 2026-09-30: due 2026-10-20 by the official calendar across National Day, the unit is told', async () => {
    const res = await raise(bureau);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'open', senderKind: 'bureau', senderUnitId: 'yl-jxb', unitName: expect.stringContaining('玉州'), answerDue: { date: '2026-10-20', provisional: false } });
    expect(res.body.answerClock).toMatchObject({ date: '2026-10-20', provisional: false, overdue: today() > '2026-10-20', done: false });
    expect(res.body.history).toEqual([expect.objectContaining({ step: 'raise', by: 'yl_staff' })]);
    const notices = await listNotices(YL, U, 10);
    expect(notices.items[0]).toMatchObject({ kind: 'feedback.raised', body: expect.stringContaining('2026-10-20') });
  });

  it('an assessor unit raises on its own indicator of the unit, and on the unit itself', async () => {
    const res = await raise(assessor, { indicatorId: assessedIndicator, receivedOn: today() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ senderKind: 'assessor', senderUnitId: 'yl-tjj', indicatorId: assessedIndicator, indicatorName: expect.any(String) });
    expect((await raise(assessor, { receivedOn: today() })).status).toBe(201);
  });

  it('refuses a role without the right, another region, an assessor outside its reach, and bad dates', async () => {
    expect((await raise(filer)).status).toBe(403);
    expect((await raise(thirdParty)).status).toBe(403);
    expect((await callYl('raiseFeedback', otherRegionBureau, { unitId: U }, { problem: 'x', receivedOn: '2026-09-30', resultDue: '2026-12-31' })).status).toBe(403);
    expect((await raise(assessor, { indicatorId: notAssessed })).status).toBe(403);
    expect((await raise(assessor, {}, unreachedUnit)).status).toBe(403);
    const future = await raise(bureau, { receivedOn: '2099-01-01', resultDue: '2099-02-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.details.map((d: any) => d.path)).toContain('body.receivedOn');
    const early = await raise(bureau, { resultDue: '2026-10-19' });
    expect(early.status).toBe(400);
    expect(early.body.error.details.map((d: any) => d.path)).toContain('body.resultDue');
  });
});

describe('answer, result, decision', () => {
  it('the unit answers on time, reports, the sender sends back with reasons, the unit reports again and it is accepted; history kept', async () => {
    const f = (await raise(bureau, { receivedOn: today() })).body;
    expect(f.answerClock.daysLeft).toBe(10);
    // Another unit, the sender's roles, a stale version: refused.
    expect((await callYl('answerFeedback', otherUnit, { unitId: U, feedbackId: f.feedbackId }, { explanation: 'x', measures: 'y', version: 1 })).status).toBe(403);
    expect((await callYl('answerFeedback', bureau, { unitId: U, feedbackId: f.feedbackId }, { explanation: 'x', measures: 'y', version: 1 })).status).toBe(403);
    expect((await callYl('answerFeedback', filer, { unitId: U, feedbackId: f.feedbackId }, { explanation: 'x', measures: 'y', version: 2 })).status).toBe(409);
    // Reporting before answering is refused.
    expect((await callYl('reportFeedbackResult', filer, { unitId: U, feedbackId: f.feedbackId }, { result: 'r', version: 1 })).status).toBe(409);
    const answered = await callYl('answerFeedback', filer, { unitId: U, feedbackId: f.feedbackId }, { explanation: '数据核对环节延误', measures: '建立周调度制度', version: 1 });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ status: 'answered', answer: { late: false, by: 'yuzhou_staff' }, answerClock: { done: true, late: false }, resultClock: { date: '2026-12-31', overdue: false } });
    const reported = await callYl('reportFeedbackResult', leader, { unitId: U, feedbackId: f.feedbackId }, { result: '已按月报送', version: 2 });
    expect(reported.body).toMatchObject({ status: 'reported', canDecide: false });
    // Not the sender: an assessor unit (even one reaching the unit) cannot decide the bureau's item.
    expect((await callYl('decideFeedback', assessor, { unitId: U, feedbackId: f.feedbackId }, { decision: 'accept', version: 3 })).status).toBe(403);
    expect((await callYl('decideFeedback', filer, { unitId: U, feedbackId: f.feedbackId }, { decision: 'accept', version: 3 })).status).toBe(403);
    const back = await callYl('decideFeedback', bureau, { unitId: U, feedbackId: f.feedbackId }, { decision: 'return', reason: '整改材料不完整', resultDue: '2026-12-31', version: 3 });
    expect(back.body).toMatchObject({ status: 'returned', returnReason: '整改材料不完整' });
    await callYl('reportFeedbackResult', filer, { unitId: U, feedbackId: f.feedbackId }, { result: '已补充材料', version: 4 });
    const accepted = await callYl('decideFeedback', bureau, { unitId: U, feedbackId: f.feedbackId }, { decision: 'accept', version: 5 });
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.history.map((h: any) => h.step)).toEqual(['raise', 'answer', 'report', 'return', 'report', 'accept']);
    expect(accepted.body.history[3]).toMatchObject({ by: 'yl_staff', note: expect.stringContaining('整改材料不完整') });
    expect((await listNotices(YL, 'yl-jxb', 20)).items.map((n) => n.kind)).toEqual(expect.arrayContaining(['feedback.answered', 'feedback.reported']));
  });

  it('an assessor unit decides its own item; another assessor unit cannot', async () => {
    const f = (await raise(assessor, { indicatorId: assessedIndicator, receivedOn: today() })).body;
    await callYl('answerFeedback', filer, { unitId: U, feedbackId: f.feedbackId }, { explanation: 'e', measures: 'm', version: 1 });
    await callYl('reportFeedbackResult', filer, { unitId: U, feedbackId: f.feedbackId }, { result: 'r', version: 2 });
    expect((await callYl('decideFeedback', otherAssessor, { unitId: U, feedbackId: f.feedbackId }, { decision: 'accept', version: 3 })).status).toBe(403);
    const ok = await callYl('decideFeedback', assessor, { unitId: U, feedbackId: f.feedbackId }, { decision: 'accept', version: 3 });
    expect(ok.status).toBe(201);
  });

  it('a late answer stays late and is proposed for a deduction (never applied)', async () => {
    const list = (await callYl('listUnitFeedback', filer, { unitId: U })).body.items;
    const old = list.find((f: any) => f.receivedOn === '2026-09-30' && f.status === 'open');
    const res = await callYl('answerFeedback', leader, { unitId: U, feedbackId: old.feedbackId }, { explanation: '国庆期间人员不足', measures: '明确专人负责', version: old.version });
    expect(res.body).toMatchObject({ status: 'answered', answer: { late: true }, answerClock: { done: true, late: true } });
    const proposals = await callYl('listFeedbackProposals', bureau, {});
    expect(proposals.body.items).toContainEqual(expect.objectContaining({ feedbackId: old.feedbackId, reason: 'answeredLate', status: 'proposed' }));
    expect((await callYl('listFeedbackProposals', filer, {})).status).toBe(403);
    expect((await callYl('listFeedbackProposals', assessor, {})).status).toBe(403);
  });
});

describe('lists', () => {
  it('the unit sees its own, never another unit or region', async () => {
    const own = await callYl('listUnitFeedback', filer, { unitId: U });
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(3);
    expect((await callYl('listUnitFeedback', otherUnit, { unitId: U })).status).toBe(403);
    expect((await callYl('listUnitFeedback', otherRegionBureau, { unitId: U })).status).toBe(403);
    expect((await callYl('listUnitFeedback', assessor, { unitId: U })).status).toBe(403);
  });

  it('the bureau sees all with totals, filtered and paged; an assessor unit only what it sent', async () => {
    // 玉州区 has this file's items only (the demo feedback is on other units).
    const all = await callYl('listFeedback', bureau, {}, undefined, { limit: '2', unitId: U });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.total).toBe(5);
    const page3 = await callYl('listFeedback', bureau, {}, undefined, { limit: '2', page: '3', unitId: U });
    expect(page3.body.items).toHaveLength(1);
    expect(all.body.totals.accepted).toBeGreaterThanOrEqual(2);
    const overdue = await callYl('listFeedback', bureau, {}, undefined, { overdue: 'true' });
    expect(overdue.body.items.length).toBeGreaterThan(0);
    expect(overdue.body.items.every((f: any) => f.answerClock.overdue || f.resultClock.overdue)).toBe(true);
    const accepted = await callYl('listFeedback', bureau, {}, undefined, { status: 'accepted' });
    expect(accepted.body.items.every((f: any) => f.status === 'accepted')).toBe(true);
    const mine = await callYl('listFeedback', assessor, {}, undefined, { unitId: U });
    expect(mine.body.items.length).toBe(3);
    expect(mine.body.items.every((f: any) => f.senderUnitId === 'yl-tjj')).toBe(true);
    expect((await callYl('listFeedback', otherAssessor, {})).body.items).toEqual([]);
    expect((await callYl('listFeedback', filer, {})).status).toBe(403);
    expect((await callYl('listFeedback', otherRegionBureau, {})).status).toBe(403);
  });
});

describe('the daily sweep and provisional dates', () => {
  it('escalates a missed answer to the unit leader and the bureau once, and proposes it', async () => {
    const f = (await raise(bureau, { receivedOn: '2026-09-30' })).body;
    const actor = systemActor(YL, 'system:daily');
    const first = await sweepFeedback(YL, actor);
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const after = (await callYl('listUnitFeedback', filer, { unitId: U })).body.items.find((x: any) => x.feedbackId === f.feedbackId);
    expect(after.escalations.map((e: any) => [e.clock, e.due, e.level])).toEqual([
      ['answer', '2026-10-20', 1],
      ['answer', '2026-10-20', 2],
    ]);
    expect(after.history.at(-1)).toMatchObject({ step: 'escalate', by: 'system:daily' });
    expect((await listNotices(YL, U, 50)).items).toContainEqual(expect.objectContaining({ kind: 'feedback.overdue', audience: 'unit_leader' }));
    expect((await listNotices(YL, 'yl-jxb', 50)).items).toContainEqual(expect.objectContaining({ kind: 'feedback.overdue.bureau' }));
    expect((await callYl('listFeedbackProposals', bureau, {})).body.items).toContainEqual(expect.objectContaining({ feedbackId: f.feedbackId, reason: 'unanswered' }));
    // Once per deadline and level: a second run writes nothing.
    expect((await sweepFeedback(YL, actor)).escalated).toBe(0);
  });

  it('a 2027 receipt is provisional (statutory holidays only) until the bureau enters 2027; then the official date', async () => {
    setClockOffset(Date.parse('2027-02-01T02:00:00Z') - Date.now());
    const f = await raise(bureau, { receivedOn: '2027-02-01', resultDue: '2027-03-31' });
    expect(f.status).toBe(201);
    // 除夕 02-05 (Fri), 02-06..08 off, weekends off: 02-02..04, 09..12, 15..17.
    expect(f.body.answerDue).toEqual({ date: '2027-02-17', provisional: true });
    expect(f.body.answerClock).toMatchObject({ provisional: true, daysLeft: 10 });
    const save = (await calendarHandler(
      apiEvent(routeFor('calendar', 'saveCalendarYear'), {
        caller: bureau,
        params: { regionId: YL, year: '2027' },
        body: {
          holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13'],
          workdays: ['2027-01-31', '2027-02-20'],
          source: '国务院办公厅关于2027年部分节假日安排的通知',
        },
      }),
      lambdaContext,
    )) as { statusCode: number };
    expect(save.statusCode).toBe(200);
    const after = (await callYl('listUnitFeedback', filer, { unitId: U })).body.items.find((x: any) => x.feedbackId === f.body.feedbackId);
    // 02-02..04 (3), 02-05..14 off, 15..19 (8), Sat 02-20 make-up (9), 02-22 (10).
    expect(after.answerDue).toEqual({ date: '2027-02-22', provisional: false });
    expect(after.history.at(-1)).toMatchObject({ step: 'recompute', by: 'yl_staff', note: expect.stringContaining('2027-02-17') });
    expect((await listNotices(YL, U, 5)).items[0]).toMatchObject({ kind: 'feedback.recomputed' });
  });

  it('a year entered without the recompute (cut short) is finished by the daily job’s pass, once', async () => {
    // 北流市 has no 2027 notice: its item is provisional. The year is then stored by the data layer alone.
    const bl = (await call('raiseFeedback', otherRegionBureau, { regionId: '450981', unitId: 'bl-lingcheng' }, { problem: '节前安全检查整改不到位', receivedOn: '2027-02-01', resultDue: '2027-03-31' })).body;
    expect(bl.answerDue).toEqual({ date: '2027-02-17', provisional: true });
    await saveCalendarYear(systemActor('450981', 'test'), '450981', { year: 2027, holidays: ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'], workdays: [] }, undefined, new Date().toISOString());
    const still = (await call('listUnitFeedback', otherRegionBureau, { regionId: '450981', unitId: 'bl-lingcheng' })).body.items[0];
    expect(still.answerDue.provisional).toBe(true);
    const actor = systemActor('450981', 'system:daily');
    expect(await recomputeProvisional('450981', 2026, actor)).toBe(1);
    const firmed = (await call('listUnitFeedback', otherRegionBureau, { regionId: '450981', unitId: 'bl-lingcheng' })).body.items[0];
    // 02-02..04 (3), 02-05..12 off, 02-15..19 (8), 02-22, 02-23 (10).
    expect(firmed.answerDue).toEqual({ date: '2027-02-23', provisional: false });
    expect(await recomputeProvisional('450981', 2026, actor)).toBe(0);
  });
});

describe('evidence files (the progress reports’ signed upload and download path)', () => {
  const file = (text: string) => {
    const body = Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);
    return { body, meta: { name: `${text}.pdf`, contentType: 'application/pdf', size: body.length, sha256: createHash('sha256').update(body).digest('base64') } };
  };
  /** Signs through `op`, PUTs the file to the signed URL with the signed headers, returns the file id. */
  async function upload(op: string, caller: Caller, params: Record<string, string>, f: ReturnType<typeof file>) {
    const signed = await callYl(op, caller, params, f.meta);
    expect(signed.status).toBe(201);
    expect(signed.body.url).toContain(`/evidence/${YL}/${C}/${U}/_feedback/${signed.body.fileId}`);
    const put = await fetch(signed.body.url, { method: 'PUT', headers: { ...signed.body.headers, 'content-length': String(f.body.length) }, body: f.body });
    expect(put.status).toBe(200);
    return signed.body.fileId as string;
  }
  const download = (caller: Caller, feedbackId: string, fileId: string) => callYl('downloadFeedbackEvidence', caller, { unitId: U, feedbackId, fileId });

  it('the sender uploads before raising, the item keeps the files (hash checked); the unit answers and reports with its own files', async () => {
    const sent = file('反馈佐证-统计局');
    const sentId = await upload('signFeedbackEvidence', assessor, { unitId: U }, sent);
    // Another sender cannot use an upload it did not sign; a file id nobody signed is refused.
    expect((await raise(bureau, { evidence: [sentId] })).status).toBe(400);
    expect((await raise(assessor, { indicatorId: assessedIndicator, receivedOn: today(), evidence: ['abcdefghijklmnop0000'] })).status).toBe(400);
    const raised = await raise(assessor, { indicatorId: assessedIndicator, receivedOn: today(), evidence: [sentId] });
    expect(raised.status).toBe(201);
    expect(raised.body.evidence).toEqual([expect.objectContaining({ fileId: sentId, name: sent.meta.name, size: sent.meta.size, sha256: sent.meta.sha256, uploadedBy: 'yl_tjj' })]);
    const id = raised.body.feedbackId as string;
    // The upload is used up: it cannot be attached twice.
    expect((await raise(assessor, { indicatorId: assessedIndicator, receivedOn: today(), evidence: [sentId] })).status).toBe(400);

    // A file signed but never uploaded is refused when referenced.
    const ghost = await callYl('signFeedbackReplyEvidence', filer, { unitId: U, feedbackId: id }, file('未上传').meta);
    expect(ghost.status).toBe(201);
    const notThere = await callYl('answerFeedback', filer, { unitId: U, feedbackId: id }, { explanation: '说明', measures: '措施', evidence: [ghost.body.fileId], version: 1 });
    expect(notThere.status).toBe(400);
    expect(notThere.body.error.details[0].message).toContain('尚未上传完成');

    const answerFile = file('整改措施');
    const answerId = await upload('signFeedbackReplyEvidence', filer, { unitId: U, feedbackId: id }, answerFile);
    // The sender cannot attach the unit's upload, nor sign one on the unit's answer route.
    expect((await callYl('signFeedbackReplyEvidence', assessor, { unitId: U, feedbackId: id }, answerFile.meta)).status).toBe(403);
    const answered = await callYl('answerFeedback', leader, { unitId: U, feedbackId: id }, { explanation: '说明', measures: '措施', evidence: [answerId], version: 1 });
    expect(answered.status).toBe(201);
    expect(answered.body.answer.evidence).toEqual([expect.objectContaining({ fileId: answerId, uploadedBy: 'yuzhou_staff' })]);
    const resultId = await upload('signFeedbackReplyEvidence', filer, { unitId: U, feedbackId: id }, file('整改结果'));
    const reported = await callYl('reportFeedbackResult', filer, { unitId: U, feedbackId: id }, { result: '已整改', evidence: [resultId], version: 2 });
    expect(reported.status).toBe(201);
    expect(reported.body.result.evidence.map((f: { fileId: string }) => f.fileId)).toEqual([resultId]);
    // Nothing is owed by the unit now: no more signing on the item.
    expect((await callYl('signFeedbackReplyEvidence', filer, { unitId: U, feedbackId: id }, file('多余').meta)).status).toBe(409);

    // Downloads: signed GETs for the sending unit, the receiving unit and the bureau; the bytes are the file's.
    for (const who of [assessor, filer, leader, bureau]) {
      const got = await download(who, id, sentId);
      expect(got.status).toBe(200);
      expect(got.body.name).toBe(sent.meta.name);
      const res = await fetch(got.body.url);
      expect(Buffer.from(await res.arrayBuffer()).equals(sent.body)).toBe(true);
      expect(res.headers.get('content-disposition')).toContain('attachment');
    }
    expect((await download(assessor, id, resultId)).status).toBe(200);
    // Refused: another unit (403), another assessor unit (403), another region (403), a role without the right (403), a file not on the item (404).
    expect((await download(otherUnit, id, sentId)).status).toBe(403);
    expect((await download(otherAssessor, id, answerId)).status).toBe(403);
    expect((await download(otherRegionBureau, id, sentId)).status).toBe(403);
    expect((await download(thirdParty, id, sentId)).status).toBe(403);
    expect((await download(bureau, id, ghost.body.fileId)).status).toBe(404);
  });

  it('signing checks type and size, and is refused to another unit, another region and a sender outside its reach', async () => {
    const ok = file('范围').meta;
    expect((await callYl('signFeedbackEvidence', bureau, { unitId: U }, { ...ok, contentType: 'application/x-msdownload' })).status).toBe(400);
    expect((await callYl('signFeedbackEvidence', bureau, { unitId: U }, { ...ok, size: 21 * 1024 * 1024 })).status).toBe(400);
    expect((await callYl('signFeedbackEvidence', filer, { unitId: U }, ok)).status).toBe(403);
    expect((await callYl('signFeedbackEvidence', assessor, { unitId: unreachedUnit }, ok)).status).toBe(403);
    expect((await callYl('signFeedbackEvidence', otherRegionBureau, { unitId: U }, ok)).status).toBe(403);
    const { body: list } = await callYl('listUnitFeedback', filer, { unitId: U });
    const any = list.items[0].feedbackId;
    expect((await callYl('signFeedbackReplyEvidence', otherUnit, { unitId: U, feedbackId: any }, ok)).status).toBe(403);
  });
});
