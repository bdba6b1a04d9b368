// The results notice (Art 22, 27) and results use (Art 28–29) through the results, public and feed
// Lambdas against the demo data: 玉林市 2025 at 结果运用 with every category confirmed (version 1). The
// seeded notice is read by the public first, then taken away so this file walks a first publication:
// the bureau drafts from the confirmed results, the leader alone approves, the public reads it without
// signing in and every unit is told; a correction needs its reason, cannot be submitted while a category
// is reopened, and after the category's version 2 is confirmed becomes notice version 2, which the public
// shows as corrected with version 1 still readable. Eligibility follows the notice in force; a results
// key reads it, a feed key cannot, a results key cannot feed, a revoked key is 401. Other regions, units
// and roles are refused. One table for the file.
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { DEMO_FACTOR, DEMO_FACTOR_CATEGORY, DEMO_NOTICE_DOCUMENT } from '../../cdk/local/seed-notice.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { isNoticePublished } from '../../functions/data/results-notice.ts';
import { weighted } from '../../functions/domain/results-use.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { stageNumber, type StageCode } from '../../functions/domain/stages.ts';
import { handler as feedHandler } from '../../functions/handlers/api/feed.ts';
import { handler as progressHandler } from '../../functions/handlers/api/progress.ts';
import { handler as publicHandler } from '../../functions/handlers/api/public.ts';
import { handler as resultsHandler } from '../../functions/handlers/api/results.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const BL = '450981';
const C = '2025';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const staff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const leader = person('yl_leader', 'bureau_leader', 'yl-jxb');
const unitLeader = person('yuzhou_leader', 'unit_leader', 'yl-yuzhou');
const unitStaff = person('yuzhou_staff', 'unit_staff', 'yl-yuzhou');
const assessor = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const blStaff = person('bl_staff', 'bureau_staff', 'bl-jxb', BL);
const blLeader = person('bl_leader', 'bureau_leader', 'bl-jxb', BL);

type Res = { status: number; body: any };
const parse = (res: unknown): Res => {
  const r = res as { statusCode: number; body: string };
  return { status: r.statusCode, body: JSON.parse(r.body) };
};
const call = async (op: string, caller: Caller, params: Record<string, string> = {}, body?: unknown, query?: Record<string, string>) =>
  parse(await resultsHandler(apiEvent(routeFor('results', op), { caller, params: { regionId: YL, cycleId: C, ...params }, body, query }), lambdaContext));
const register = async (caller: Caller, body: unknown) => parse(await resultsHandler(apiEvent(routeFor('results', 'createResultsConsumer'), { caller, params: { regionId: caller.regionId }, body }), lambdaContext));
const publicRead = async (query?: Record<string, string>, regionId = YL) =>
  parse(await publicHandler(apiEvent(routeFor('public', 'getPublicResultsNotice'), { params: { regionId, cycleId: C }, query }), lambdaContext));
async function withKey(op: 'readEligibility' | 'feedValues', key: string, params: Record<string, string> = {}, body?: unknown) {
  const event = apiEvent(routeFor('feed', op), { params: { regionId: YL, cycleId: C, ...params }, body });
  event.headers = { 'x-feed-key': key };
  return parse(await feedHandler(event, lambdaContext));
}
const setStage = (stage: StageCode) =>
  documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s, #st = :open', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':s': stageNumber(stage), ':open': 'open' } }));

const fields = { title: '关于2025年度绩效考评结果的通报', documentNumber: '玉绩办〔2026〕12号', issueDate: '2026-04-01', preface: '现将结果通报如下。' };

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
}, 90_000);

describe('the demo as seeded', () => {
  it('has 2025’s notice published as version 1: the public reads it without signing in, no totals, no usernames', async () => {
    const res = await publicRead();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ inForce: 1, notice: { number: 1, documentNumber: DEMO_NOTICE_DOCUMENT } });
    expect(res.body.notice.categories.length).toBeGreaterThan(1);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('yl_staff');
    expect(text).not.toContain('yl_leader');
    expect(text).not.toContain('"total"');
    // 兴业县's veto shows as 不合格 with the veto item's name, never the facts.
    const xingye = res.body.notice.categories.flatMap((c: any) => c.units).find((u: any) => u.unitName.includes('兴业'));
    expect(xingye).toMatchObject({ grade: 'fail', gradeName: '不合格' });
    expect(xingye.vetoes.length).toBe(1);
    expect(await isNoticePublished(YL, C)).toBe(true);
  });

  it('gives the counties’ category the factor 1.20 and eligibility by grade', async () => {
    const res = await call('getEligibility', staff);
    expect(res.status).toBe(200);
    const counties = res.body.categories.find((c: any) => c.categoryId === DEMO_FACTOR_CATEGORY);
    expect(counties.factor).toBe(DEMO_FACTOR);
    for (const row of counties.rows) {
      expect(row.weightedTotal).toBe(weighted(row.total, DEMO_FACTOR));
      expect(row.eligible).toBe(row.grade !== 'fail');
      expect(row.lostAward).toBe(row.grade === 'fail');
    }
    expect(counties.rows.some((r: any) => r.lostAward)).toBe(true);
    expect(res.body.categories.filter((c: any) => c.categoryId !== DEMO_FACTOR_CATEGORY).every((c: any) => c.factor === 100)).toBe(true);
  });
});

describe('a first publication', () => {
  beforeAll(async () => {
    // Take the seeded notice away: this file walks a notice from its draft.
    for (const Key of [keys.noticeHead(YL, C), keys.noticeVersion(YL, C, 1)]) await documentClient().send(new DeleteCommand({ TableName: tableName(), Key }));
  });

  it('nothing is public and nothing eligible before a notice is published', async () => {
    expect((await publicRead()).body).toMatchObject({ inForce: null, versions: [], notice: null });
    expect(await isNoticePublished(YL, C)).toBe(false);
    expect((await call('getEligibility', staff)).body).toMatchObject({ notice: null, categories: [] });
  });

  it('refuses drafting by a unit, an assessor unit, another region’s bureau', async () => {
    const body = { ...fields, headVersion: 0 };
    for (const who of [unitStaff, unitLeader, assessor]) expect((await call('draftResultsNotice', who, {}, body)).status).toBe(403);
    expect((await call('draftResultsNotice', blStaff, {}, body)).status).toBe(403);
    expect((await call('getResultsNotice', unitLeader)).status).toBe(403);
  });

  let draft: any;
  it('the staff draft it from the confirmed results, every category in it', async () => {
    const state = (await call('getResultsNotice', staff)).body;
    expect(state).toMatchObject({ open: true, headVersion: 0, published: null, versions: [] });
    expect(state.categories.every((c: any) => c.status === 'confirmed' && c.confirmedVersion === 1)).toBe(true);
    const bad = await call('draftResultsNotice', staff, {}, { ...fields, documentNumber: '第12号', headVersion: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.documentNumber');
    const res = await call('draftResultsNotice', staff, {}, { ...fields, headVersion: 0 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    draft = res.body;
    expect(draft).toMatchObject({ number: 1, status: 'draft', missing: [], version: 1 });
    expect(draft.categories.map((c: any) => c.categoryId).sort()).toEqual(state.categories.map((c: any) => c.categoryId).sort());
    expect(draft.categories.every((c: any) => c.confirmationVersion === 1)).toBe(true);
    // One pending version at a time.
    expect((await call('draftResultsNotice', staff, {}, { ...fields, headVersion: 1 })).status).toBe(409);
  });

  it('the leader alone decides; a stale version is 409; a return names its reason and the staff resubmit', async () => {
    const n = { noticeNumber: '1' };
    const submitted = await call('submitResultsNotice', staff, n, { version: 1 });
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedBy: 'yl_staff' });
    expect((await call('decideResultsNotice', staff, n, { decision: 'approve', version: 2 })).status).toBe(403);
    expect((await call('decideResultsNotice', blLeader, n, { decision: 'approve', version: 2 })).status).toBe(403);
    expect((await call('decideResultsNotice', leader, n, { decision: 'approve', version: 1 })).status).toBe(409);
    const returned = await call('decideResultsNotice', leader, n, { decision: 'return', reason: '前言请补充审定依据', version: 2 });
    expect(returned.body).toMatchObject({ status: 'returned', returned: { by: 'yl_leader', reason: '前言请补充审定依据' } });
    const edited = await call('updateResultsNotice', staff, n, { ...fields, preface: '经市绩效考评领导小组审定，现将结果通报如下。', version: 3 });
    expect(edited.body).toMatchObject({ status: 'returned', preface: '经市绩效考评领导小组审定，现将结果通报如下。', version: 4 });
    expect((await call('submitResultsNotice', staff, n, { version: 4 })).body.status).toBe('submitted');
  });

  it('approval publishes it: the public reads it without signing in, every unit is told', async () => {
    const approved = await call('decideResultsNotice', leader, { noticeNumber: '1' }, { decision: 'approve', version: 5 });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(approved.body).toMatchObject({ status: 'published', approvedBy: 'yl_leader' });
    expect(await isNoticePublished(YL, C)).toBe(true);
    const pub = (await publicRead()).body;
    expect(pub).toMatchObject({ inForce: 1, notice: { number: 1, documentNumber: '玉绩办〔2026〕12号', preface: '经市绩效考评领导小组审定，现将结果通报如下。' } });
    expect(pub.notice.correctionReason).toBeUndefined();
    // Another region's public page of the same year has nothing of it.
    expect((await publicRead(undefined, BL)).status).toBe(404);
    const inbox = await listNotices(YL, 'yl-yuzhou', 20);
    expect(inbox.items.find((i) => i.kind === 'results.notice.publish')).toMatchObject({ link: `/public/results-notice/${YL}/${C}` });
  });
});

describe('a correction', () => {
  let category: string;
  it('needs its reason', async () => {
    const head = (await call('getResultsNotice', staff)).body.headVersion;
    const res = await call('draftResultsNotice', staff, {}, { ...fields, documentNumber: '玉绩办〔2026〕15号', headVersion: head });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.correctionReason');
  });

  it('cannot be submitted while a category is reopened; it names the category', async () => {
    await setStage('grading');
    category = (await call('getResultsNotice', staff)).body.categories[0].categoryId;
    const reopen = await call('proposeReopen', staff, { categoryId: category }, { reason: '一项指标统计口径有误', version: 1 });
    expect(reopen.status, JSON.stringify(reopen.body)).toBe(201);
    expect((await call('decideReopen', leader, { categoryId: category, reopenId: reopen.body.id }, { decision: 'approve', reason: '同意更正', version: 1 })).status).toBe(201);
    await setStage('closed');
    const head = (await call('getResultsNotice', staff)).body.headVersion;
    const res = await call('draftResultsNotice', staff, {}, { ...fields, documentNumber: '玉绩办〔2026〕15号', correctionReason: '一个类别经更正后重新确认', headVersion: head });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ number: 2, status: 'draft', missing: [{ categoryId: category, reason: 'reopened' }] });
    const submit = await call('submitResultsNotice', staff, { noticeNumber: '2' }, { version: 1 });
    expect(submit.status).toBe(409);
    expect(submit.body.error.message).toContain(res.body.missing[0].categoryName);
  });

  it('after the category’s version 2 is confirmed, becomes version 2: the public sees it corrected, version 1 still readable', async () => {
    await setStage('grading');
    const confirmed = await call('confirmResults', leader, { categoryId: category }, { version: 3 });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect(confirmed.body.version).toBe(2);
    await setStage('closed');
    const n = { noticeNumber: '2' };
    // The draft still lists the category as missing until it is saved again.
    const updated = await call('updateResultsNotice', staff, n, { ...fields, documentNumber: '玉绩办〔2026〕15号', correctionReason: '一个类别经更正后重新确认', version: 1 });
    expect(updated.body.missing).toEqual([]);
    expect(updated.body.categories.find((c: any) => c.categoryId === category).confirmationVersion).toBe(2);
    expect((await call('submitResultsNotice', staff, n, { version: 2 })).body.status).toBe('submitted');
    const approved = await call('decideResultsNotice', leader, n, { decision: 'approve', version: 3 });
    expect(approved.body.status).toBe('published');
    const pub = (await publicRead()).body;
    expect(pub.inForce).toBe(2);
    expect(pub.notice).toMatchObject({ number: 2, correctionReason: '一个类别经更正后重新确认' });
    expect(pub.versions.map((v: any) => v.number)).toEqual([2, 1]);
    expect(pub.versions[1].supersededOn).toBeTruthy();
    const v1 = (await publicRead({ version: '1' })).body;
    expect(v1.notice).toMatchObject({ number: 1, documentNumber: '玉绩办〔2026〕12号' });
    const state = (await call('getResultsNotice', staff)).body;
    expect(state.versions.map((v: any) => [v.number, v.status])).toEqual([[2, 'published'], [1, 'superseded']]);
    const eligibility = (await call('getEligibility', staff)).body;
    expect(eligibility.notice).toMatchObject({ number: 2, corrected: true });
  });
});

describe('an approval after the confirmations moved', () => {
  it('is refused (409) when a category was reopened between submission and approval; nothing is published', async () => {
    const state = (await call('getResultsNotice', staff)).body;
    const drafted = await call('draftResultsNotice', staff, {}, { ...fields, documentNumber: '玉绩办〔2026〕16号', correctionReason: '补正前言', headVersion: state.headVersion });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    const n = { noticeNumber: String(drafted.body.number) };
    expect((await call('submitResultsNotice', staff, n, { version: 1 })).body.status).toBe('submitted');
    const other = state.categories.find((c: any) => c.confirmedVersion === 1).categoryId;
    await setStage('grading');
    const reopen = await call('proposeReopen', staff, { categoryId: other }, { reason: '复查发现录入错误', version: 1 });
    expect((await call('decideReopen', leader, { categoryId: other, reopenId: reopen.body.id }, { decision: 'approve', reason: '同意', version: 1 })).status).toBe(201);
    await setStage('closed');
    const approved = await call('decideResultsNotice', leader, n, { decision: 'approve', version: 2 });
    expect(approved.status).toBe(409);
    expect(approved.body.error.message).toContain('确认结果已变化');
    const after = (await call('getResultsNotice', staff)).body;
    expect(after.published).toBe(state.published);
    expect(after.versions[0]).toMatchObject({ number: drafted.body.number, status: 'submitted' });
  });
});

describe('results use by key', () => {
  let resultsKey: string;
  let resultsSystem: any;
  let feedKey: string;
  beforeAll(async () => {
    const made = await register(staff, { name: '市财政局绩效奖金系统', cycleId: C });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    resultsKey = made.body.key;
    resultsSystem = made.body.system;
    expect(resultsSystem.purpose).toBe('results');
    const feed = parse(await progressHandler(apiEvent(routeFor('progress', 'createFeedSystem'), { caller: staff, params: { regionId: YL }, body: { name: '市统计局数据平台', cycleId: C, indicators: [{ categoryId: DEMO_FACTOR_CATEGORY, indicatorId: '1.1' }], unitIds: [] } }), lambdaContext));
    expect(feed.status, JSON.stringify(feed.body)).toBe(201);
    feedKey = feed.body.key;
  });

  it('registration is the bureau’s, of its own region', async () => {
    expect((await register(unitLeader, { name: '系统', cycleId: C })).status).toBe(403);
    expect((await register(blStaff, { name: '系统', cycleId: '2026' })).status).toBe(201);
    // 北流市's bureau registers in its own region only: the path's region is checked against the caller's.
    expect(parse(await resultsHandler(apiEvent(routeFor('results', 'createResultsConsumer'), { caller: blStaff, params: { regionId: YL }, body: { name: '系统', cycleId: C } }), lambdaContext)).status).toBe(403);
    expect((await call('getEligibility', unitLeader)).status).toBe(403);
    expect((await call('getEligibility', blStaff)).status).toBe(403);
  });

  it('a results key reads the published eligibility', async () => {
    const res = await withKey('readEligibility', resultsKey);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.notice.number).toBe(2);
    expect(res.body.categories.flatMap((c: any) => c.rows).every((r: any) => r.eligible === (r.grade !== 'fail'))).toBe(true);
  });

  it('a feed key cannot read results; a results key cannot feed values', async () => {
    const read = await withKey('readEligibility', feedKey);
    expect(read.status).toBe(403);
    expect(read.body.error.message).toContain('不能读取考评结果');
    const fed = await withKey('feedValues', resultsKey, {}, { values: [{ unitId: 'yl-yuzhou', indicatorId: '1.1', period: '2025-06', value: 1 }] });
    expect(fed.status).toBe(403);
    expect(fed.body.error.message).toContain('不能报送指标数据');
  });

  it('another region or cycle is refused; a revoked key is 401', async () => {
    expect((await withKey('readEligibility', resultsKey, { regionId: BL })).status).toBe(403);
    expect((await withKey('readEligibility', resultsKey, { cycleId: '2026' })).status).toBe(403);
    const revoked = parse(await progressHandler(apiEvent(routeFor('progress', 'revokeFeedSystem'), { caller: staff, params: { regionId: YL, systemId: resultsSystem.systemId }, body: { version: 1 } }), lambdaContext));
    expect(revoked.status).toBe(201);
    expect((await withKey('readEligibility', resultsKey)).status).toBe(401);
  });
});
