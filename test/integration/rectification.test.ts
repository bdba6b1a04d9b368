// Rectification (整改, Art 25–26) through the 'progress' and 'public' Lambdas on the demo data (玉林市
// 2025, every category confirmed): the unit reads its problems with the seeded plans; files a plan, its
// leader approves it and the public reads it (name and post, no username); another unit, another region,
// a role without the right are refused; progress with evidence through the presigned path; the leader
// marks it done, the bureau returns it, then accepts; the bureau's list with counts and filters; the
// daily job escalates an overdue plan on the development clock (leader, then bureau; once each); the
// bureau carries key problems into 2026 (again: nothing new) and a unit accepts one under an indicator.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvidenceStore, type EvidenceStore } from '../../cdk/local/evidence-store.ts';
import { seedDemo } from '../../cdk/local/seed.ts';
import { setClockOffset } from '../../functions/config/clock.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { cycleProblems, unitProblems } from '../../functions/data/problems.ts';
import { getRectification } from '../../functions/data/rectification.ts';
import { beijingDate, shiftIsoDate } from '../../functions/domain/dates.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { handler as progressHandler } from '../../functions/handlers/api/progress.ts';
import { handler as publicHandler } from '../../functions/handlers/api/public.ts';
import { systemActor } from '../../functions/handlers/workflow/escalation.ts';
import { escalateRectification } from '../../functions/handlers/workflow/rectify-clock.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2025';
const U = 'yl-yuzhou';
const P = 'score:2.3';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const filer = person('yuzhou_staff', 'unit_staff', U);
const leader = person('yuzhou_leader', 'unit_leader', U);
const bureau = person('yl_staff', 'bureau_staff', 'yl-jxb');
const otherUnit = person('jyj_staff', 'unit_staff', 'yl-jyj');
const otherRegion = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');
const assessor = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const beiliuFiler = person('beiliu_staff', 'unit_staff', 'yl-beiliu');

type Res = { status: number; body: any };
async function call(op: string, caller: Caller | undefined, params: Record<string, string>, body?: unknown, query?: Record<string, string>): Promise<Res> {
  const group = op.startsWith('getPublic') || op.startsWith('listPublic') ? 'public' : 'progress';
  const h = group === 'public' ? publicHandler : progressHandler;
  const res = (await h(apiEvent(routeFor(group, op), { caller, params: { regionId: YL, cycleId: C, ...params }, body, query }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const today = () => beijingDate(Date.now());
const planBody = (over: Record<string, unknown> = {}) => ({
  responsible: '张伟',
  responsiblePost: '区住房和城乡建设局局长',
  measures: '建立老旧小区改造项目清单，倒排工期。',
  commitment: '年底前完成全部改造任务。',
  deadline: shiftIsoDate(today(), 5),
  ...over,
});
const item = { unitId: U, problemId: P };

let store: EvidenceStore;
beforeAll(async () => {
  await useFreshTable();
  store = await startEvidenceStore();
  process.env.S3_ENDPOINT = store.endpoint;
  process.env.EVIDENCE_BUCKET = store.bucket;
  await seedDemo(new Date().toISOString());
}, 180_000);
afterAll(async () => {
  setClockOffset(0);
  await store?.stop();
});

describe('the unit’s problems and plans', () => {
  it('lists the confirmed problems with the seeded plans: in progress, overdue (red), draft, accepted; one without a plan', async () => {
    const res = await call('getUnitRectification', filer, { unitId: U });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ unitName: '玉州区', confirmed: true, open: true });
    const byId = new Map(res.body.problems.map((p: any) => [p.id, p]));
    expect((byId.get('score:1.1') as any).plan).toMatchObject({ status: 'approved', overdue: false, progress: [expect.anything(), expect.anything()] });
    expect((byId.get('score:1.2') as any).plan).toMatchObject({ status: 'approved', overdue: true });
    expect((byId.get('score:1.3') as any).plan.status).toBe('draft');
    expect((byId.get('score:2.1') as any).plan.status).toBe('accepted');
    expect((byId.get(P) as any).plan).toBeUndefined();
  });

  it('the cycle-wide read (carry-over, reports) finds for every unit what the unit’s own read finds', async () => {
    const all = await cycleProblems(YL, C);
    expect(all.size).toBeGreaterThan(30);
    for (const unitId of ['yl-yuzhou', 'yl-fumian', 'yl-jyj', 'yl-bobai', 'yl-tjj']) expect(all.get(unitId), unitId).toEqual(await unitProblems(YL, C, unitId));
    expect(all.get('yl-fumian')!.problems.filter((p) => p.key).map((p) => p.kind).sort()).toEqual(['feedback', 'satisfaction']);
  });

  it('the bureau reads any unit’s; another unit and another region are refused', async () => {
    expect((await call('getUnitRectification', bureau, { unitId: U })).status).toBe(200);
    expect((await call('getUnitRectification', otherUnit, { unitId: U })).status).toBe(403);
    expect((await call('getUnitRectification', otherRegion, { unitId: U })).status).toBe(403);
  });
});

describe('file → leader approves → public', () => {
  it('refuses a deadline past the end of 2026 or before today, naming the field; another unit and an assessor are refused', async () => {
    const late = await call('saveRectification', filer, item, planBody({ deadline: '2027-01-01' }));
    expect(late.status).toBe(400);
    expect(late.body.error.details[0].path).toBe('body.deadline');
    const early = await call('saveRectification', filer, item, planBody({ deadline: shiftIsoDate(today(), -1) }));
    expect(early.status).toBe(400);
    expect((await call('saveRectification', otherUnit, item, planBody())).status).toBe(403);
    expect((await call('saveRectification', assessor, item, planBody())).status).toBe(403);
    expect((await call('saveRectification', filer, { unitId: U, problemId: 'score:9.9' }, planBody())).status).toBe(404);
  });

  it('the filer saves and submits; not public yet; the staff cannot approve; the leader approves; the public reads it', async () => {
    const saved = await call('saveRectification', filer, item, planBody());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', version: 1, problemId: P, kind: 'score' });
    expect((await call('saveRectification', filer, item, planBody({ measures: '旧版本', version: 7 }))).status).toBe(409);
    const edited = await call('saveRectification', filer, item, planBody({ measures: '建立老旧小区改造项目清单，倒排工期，每周调度。', version: 1 }));
    expect(edited.body.version).toBe(2);
    const submitted = await call('submitRectification', filer, item, { version: 2 });
    expect(submitted.body.status).toBe('submitted');
    const hidden = await call('getPublicUnitRectification', undefined, { unitId: U });
    expect(hidden.body.items.map((i: any) => i.problemId)).not.toContain(P);
    expect((await call('reviewRectification', filer, item, { decision: 'approve', version: 3 })).status).toBe(403);
    expect((await call('reviewRectification', person('jyj_leader', 'unit_leader', 'yl-jyj'), item, { decision: 'approve', version: 3 })).status).toBe(403);
    const approved = await call('reviewRectification', leader, item, { decision: 'approve', version: 3 });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 'yuzhou_leader' });
    expect((await listNotices(YL, 'yl-jxb', 10)).items.some((n) => n.kind === 'rectification.approved' && n.body.includes('玉州区'))).toBe(true);
    const pub = await call('getPublicUnitRectification', undefined, { unitId: U });
    expect(pub.status).toBe(200);
    const mine = pub.body.items.find((i: any) => i.problemId === P);
    expect(mine).toMatchObject({ responsible: '张伟', responsiblePost: '区住房和城乡建设局局长', status: 'approved', deadline: planBody().deadline });
    // No username, no internal detail; the draft is not public.
    expect(JSON.stringify(pub.body)).not.toMatch(/yuzhou_(staff|leader)/);
    expect(pub.body.items.map((i: any) => i.problemId)).not.toContain('score:1.3');
    const units = await call('listPublicRectificationUnits', undefined, {});
    expect(units.body.items.find((u: any) => u.unitId === U)).toMatchObject({ unitName: '玉州区', overdue: 1 });
  });
});

describe('progress with evidence, done, returned, accepted', () => {
  const file = (text: string) => {
    const body = Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);
    return { body, meta: { name: `${text}.pdf`, contentType: 'application/pdf', size: body.length, sha256: createHash('sha256').update(body).digest('base64') } };
  };

  it('the filer uploads through the signed path and reports progress; the bureau downloads; another unit may not', async () => {
    const f = file('整改进展');
    const signed = await call('signRectificationEvidence', filer, item, f.meta);
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    expect(signed.body.url).toContain(`/evidence/${YL}/${C}/${U}/_rectify/`);
    expect((await call('signRectificationEvidence', otherUnit, item, f.meta)).status).toBe(403);
    // Referenced before the bytes are there: refused by its path.
    const early = await call('reportRectificationProgress', filer, item, { text: '进展', evidence: [signed.body.fileId], version: 4 });
    expect(early.status).toBe(400);
    expect(early.body.error.details[0].path).toBe('body.evidence.0');
    const put = await fetch(signed.body.url, { method: 'PUT', headers: { ...signed.body.headers, 'content-length': String(f.body.length) }, body: f.body });
    expect(put.status).toBe(200);
    const reported = await call('reportRectificationProgress', filer, item, { text: '已完成项目清单，开工 3 个小区。', evidence: [signed.body.fileId], version: 4 });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    expect(reported.body.progress[0]).toMatchObject({ text: '已完成项目清单，开工 3 个小区。', evidence: [expect.objectContaining({ fileId: signed.body.fileId, size: f.meta.size, sha256: f.meta.sha256 })] });
    const dl = await call('downloadRectificationEvidence', bureau, { ...item, fileId: signed.body.fileId });
    expect(dl.status).toBe(200);
    expect(Buffer.from(await (await fetch(dl.body.url)).arrayBuffer()).equals(f.body)).toBe(true);
    expect((await call('downloadRectificationEvidence', otherUnit, { ...item, fileId: signed.body.fileId })).status).toBe(403);
    const pub = await call('getPublicUnitRectification', undefined, { unitId: U });
    expect(pub.body.items.find((i: any) => i.problemId === P).progress).toEqual([{ text: '已完成项目清单，开工 3 个小区。', on: today(), files: 1 }]);
  });

  it('the leader marks it done; the bureau returns it with a reason, then accepts the second completion', async () => {
    expect((await call('completeRectification', filer, item, { result: '完成', evidence: [], version: 5 })).status).toBe(403);
    const done = await call('completeRectification', leader, item, { result: '已完成 5 个小区改造。', evidence: [], version: 5 });
    expect(done.body).toMatchObject({ status: 'completed', result: { text: '已完成 5 个小区改造。', late: false } });
    expect((await call('decideRectification', filer, item, { decision: 'accept', version: 6 })).status).toBe(403);
    expect((await call('decideRectification', otherRegion, item, { decision: 'accept', version: 6 })).status).toBe(403);
    const back = await call('decideRectification', bureau, item, { decision: 'return', reason: '缺少验收材料', version: 6 });
    expect(back.body).toMatchObject({ status: 'returned', returnReason: '缺少验收材料' });
    expect((await listNotices(YL, U, 10)).items.some((n) => n.kind === 'rectification.return' && n.body === '缺少验收材料')).toBe(true);
    const again = await call('completeRectification', leader, item, { result: '已补充验收材料。', evidence: [], version: 7 });
    const accepted = await call('decideRectification', bureau, item, { decision: 'accept', version: again.body.version });
    expect(accepted.body.status).toBe('accepted');
    expect((await call('reportRectificationProgress', filer, item, { text: '再报', evidence: [], version: accepted.body.version })).status).toBe(409);
  });
});

describe('the bureau’s tracking list', () => {
  it('counts by state, overdue first, filters by status and unit; a unit and another region are refused', async () => {
    const res = await call('listRectification', bureau, {});
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ draft: 1, submitted: 1, accepted: 2, overdue: 1 });
    expect(res.body.items[0]).toMatchObject({ unitId: U, problemId: 'score:1.2', overdue: true });
    const one = await call('listRectification', bureau, {}, undefined, { status: 'approved', unitId: 'yl-jyj' });
    expect(one.body.items.map((i: any) => i.problemId)).toEqual(['feedback:00000000-0000-4000-8025-000000000003']);
    const paged = await call('listRectification', bureau, {}, undefined, { page: '2', limit: '2' });
    expect(paged.body.items).toHaveLength(2);
    expect(paged.body.total).toBe(res.body.total);
    expect((await call('listRectification', filer, {})).status).toBe(403);
    expect((await call('listRectification', otherRegion, {})).status).toBe(403);
  });
});

describe('escalation of an overdue plan by the daily job (development clock)', () => {
  it('the unit leader the day after the deadline, the bureau some working days later; each once', async () => {
    const problemId = 'score:1.1';
    const seeded = (await getRectification(YL, C, U, problemId))!;
    const actor = systemActor(YL, 'system:daily');
    // Two days past its deadline: level 1 only.
    setClockOffset(Date.parse(`${shiftIsoDate(seeded.deadline, 2)}T02:00:00Z`) - Date.now());
    await escalateRectification(YL, actor);
    let r = (await getRectification(YL, C, U, problemId))!;
    expect(r.escalations.map((e) => e.level)).toEqual([1]);
    expect((await listNotices(YL, U, 20)).items.filter((n) => n.kind === 'rectification.overdue' && n.title.includes('地区生产总值'))).toHaveLength(1);
    await escalateRectification(YL, actor);
    expect((await getRectification(YL, C, U, problemId))!.escalations).toHaveLength(1);
    // Ten days past: the bureau too, once.
    setClockOffset(Date.parse(`${shiftIsoDate(seeded.deadline, 10)}T02:00:00Z`) - Date.now());
    await escalateRectification(YL, actor);
    await escalateRectification(YL, actor);
    r = (await getRectification(YL, C, U, problemId))!;
    expect(r.escalations.map((e) => e.level)).toEqual([1, 2]);
    expect((await listNotices(YL, 'yl-jxb', 50)).items.filter((n) => n.kind === 'rectification.overdue' && n.body.includes('地区生产总值'))).toHaveLength(1);
    setClockOffset(0);
  });
});

describe('carry-over into 2026 (Art 26)', () => {
  it('the bureau carries key problems and satisfaction items; a second run adds nothing; another region is refused', async () => {
    expect((await call('carryRectification', otherRegion, {}, { nextCycleId: '2026' })).status).toBe(403);
    expect((await call('carryRectification', filer, {}, { nextCycleId: '2026' })).status).toBe(403);
    expect((await call('carryRectification', bureau, {}, { nextCycleId: '2027' })).status).toBe(400);
    const first = await call('carryRectification', bureau, {}, { nextCycleId: '2026' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.nextCycleId).toBe('2026');
    expect(first.body.carried).toBeGreaterThan(0);
    const second = await call('carryRectification', bureau, {}, { nextCycleId: '2026' });
    expect(second.body).toMatchObject({ units: 0, carried: 0 });
    // The 2026 cycle is mid-year: carrying from it is refused by stage.
    expect((await call('carryRectification', bureau, { cycleId: '2026' }, { nextCycleId: '2027' })).status).toBe(409);
  });

  it('a unit’s carried items name their source and propose the same indicator of the 2026 plan', async () => {
    const list = await call('listCarriedGoals', bureau, { unitId: 'yl-beiliu', cycleId: '2026' });
    expect(list.status).toBe(200);
    const sat = list.body.items.find((i: any) => i.problemId === 'satisfaction:3.1');
    expect(sat).toMatchObject({ fromCycleId: '2025', fromYear: 2025, status: 'pending', suggestedIndicatorId: '3.1', kind: 'satisfaction' });
    expect(list.body.indicators.map((i: any) => i.id)).toContain('3.1');
    expect((await call('listCarriedGoals', otherUnit, { unitId: 'yl-beiliu', cycleId: '2026' })).status).toBe(403);
  });

  it('the seeded 2026 items: 福绵区 accepted; 市教育局 pending, accepted under an indicator of its plan; another unit may not', async () => {
    const fumian = await call('listCarriedGoals', bureau, { unitId: 'yl-fumian', cycleId: '2026' });
    expect(fumian.body.items.find((i: any) => i.problemId === 'satisfaction:3.1')).toMatchObject({ status: 'accepted', indicatorId: '3.1' });
    const jyj = person('jyj_staff', 'unit_staff', 'yl-jyj');
    const { items, indicators } = (await call('listCarriedGoals', jyj, { unitId: 'yl-jyj', cycleId: '2026' })).body;
    const fb = items.find((i: any) => i.problemId.startsWith('feedback:'));
    expect(fb).toMatchObject({ status: 'pending', fromYear: 2025 });
    const params = { unitId: 'yl-jyj', cycleId: '2026', fromCycleId: '2025', problemId: fb.problemId };
    expect((await call('decideCarriedGoal', filer, params, { decision: 'accept', indicatorId: indicators[0].id, target: '整改到位', version: fb.version })).status).toBe(403);
    expect((await call('decideCarriedGoal', jyj, params, { decision: 'decline', version: fb.version })).status).toBe(400);
    const wrong = await call('decideCarriedGoal', jyj, params, { decision: 'accept', indicatorId: '9.9', target: '整改到位', version: fb.version });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe('body.indicatorId');
    const ok = await call('decideCarriedGoal', jyj, params, { decision: 'accept', indicatorId: indicators[0].id, target: '反馈问题全部整改销号', version: fb.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ status: 'accepted', indicatorId: indicators[0].id, indicatorName: indicators[0].name, target: '反馈问题全部整改销号', decidedBy: 'jyj_staff' });
    expect((await call('decideCarriedGoal', jyj, params, { decision: 'decline', reason: '改变主意', version: ok.body.version })).status).toBe(409);
  });
});
