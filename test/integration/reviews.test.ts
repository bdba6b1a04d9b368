// 复核 (Art 21) through the results Lambda against the demo data, 玉林市 2025 put back in 汇总反馈 with the
// counties' category published again today (a window of 5 working days from now): 玉州区's filer drafts a
// request naming a score and a bonus item with reasons, only its leader files it; another unit, another
// region, an assessor unit are refused; a category not yet published refuses a request, and so does the
// window once closed (development clock). The bureau's queue lists it pending first; a decision on a stale
// version is refused; upholding changes no score; adjusting 1.1's value achieved corrects the assessor's
// input (the review as reason) — refused while the category is confirmed (frozen) —, the engine scores it, and 玉州区's total and the category's ranking are
// recomputed (玉州区 passes 博白县) — a second recomputation, and a whole run, change nothing. A bonus item
// adjusted to rejected leaves the total with its amount (an item needing 报批: the leader's alone).
// Evidence goes through the presigned path: a file not signed for the unit is refused by its path, a
// signed one is kept with its size and hash, downloaded by the bureau, refused to another unit or region.
import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvidenceStore, type EvidenceStore } from '../../cdk/local/evidence-store.ts';
import { seedDemo } from '../../cdk/local/seed.ts';
import { setClockOffset } from '../../functions/config/clock.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { latestRun, startRun } from '../../functions/data/results.ts';
import { deadlineInstant } from '../../functions/domain/dates.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { handler } from '../../functions/handlers/api/results.ts';
import { computeResults, newRun } from '../../functions/handlers/workflow/compute-results.ts';
import { recomputeCategory } from '../../functions/handlers/workflow/recompute-category.ts';
import { systemActor } from '../../functions/handlers/workflow/escalation.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';
import { thawConfirmations } from '../helpers/thaw.ts';

const YL = '450900';
const C = '2025';
const U = 'yl-yuzhou';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const staff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const leader = person('yl_leader', 'bureau_leader', 'yl-jxb');
const unitStaff = person('yuzhou_staff', 'unit_staff', U);
const unitLeader = person('yuzhou_leader', 'unit_leader', U);
const otherUnit = person('jyj_staff', 'unit_staff', 'yl-jyj');
const assessor = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const otherRegion = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');

type Res = { status: number; body: any };
async function call(op: string, caller: Caller, params: Record<string, string> = {}, body?: unknown, query?: Record<string, string>): Promise<Res> {
  const res = (await handler(apiEvent(routeFor('results', op), { caller, params: { regionId: YL, cycleId: C, ...params }, body, query }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const ok = (res: Res, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};
async function row(unitId: string): Promise<any> {
  return ok(await call('listResults', staff, {}, undefined, { categoryId: 'c1', limit: '100' })).items.find((r: any) => r.unitId === unitId);
}
const scoreItem = async (unitId: string, indicatorId: string) => (await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.score(YL, C, unitId, indicatorId), ConsistentRead: true }))).Item!;

let reviewUntil: string;
let bonusItemId: string;

let evidence: EvidenceStore;
beforeAll(async () => {
  await useFreshTable();
  evidence = await startEvidenceStore();
  process.env.S3_ENDPOINT = evidence.endpoint;
  process.env.EVIDENCE_BUCKET = evidence.bucket;
  await seedDemo(new Date().toISOString());
  await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s, #st = :open', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':s': stageNumber('preliminary_review'), ':open': 'open' } }));
  // The counties' category published again today: its window is open; 市直政府部门 (c3) not published.
  // A confirmed category cannot be published again, so its freeze is lifted for the publication and put back.
  const freeze = keys.categoryFreeze(YL, C, 'c1');
  const frozen = (await documentClient().send(new GetCommand({ TableName: tableName(), Key: freeze }))).Item;
  await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: freeze }));
  reviewUntil = ok(await call('publishResults', staff, { categoryId: 'c1' }, { version: 1 }), 201).reviewUntil;
  if (frozen) await documentClient().send(new PutCommand({ TableName: tableName(), Item: frozen }));
  await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.resultPublication(YL, C, 'c3') }));
}, 120_000);
afterAll(async () => {
  setClockOffset(0);
  await evidence?.stop();
});

describe('filing a 复核 request', () => {
  it('shows the unit its window and the items of its result, each with a stable id', async () => {
    const view = ok(await call('getUnitReviews', unitStaff, { unitId: U }));
    expect(view.window).toMatchObject({ reviewUntil, open: true, refusal: null });
    expect(view.reviewable.map((r: any) => r.itemId)).toContain('score:1.1');
    bonusItemId = view.reviewable.find((r: any) => r.kind === 'claim').itemId;
    expect(bonusItemId).toMatch(/^claim:/);
  });

  it('is refused to another unit, another region, an assessor unit; filing is the leader’s alone', async () => {
    const body = { items: [{ itemId: 'score:1.1', reason: '统计口径有误' }], version: 0 };
    expect((await call('saveReview', otherUnit, { unitId: U }, body)).status).toBe(403);
    expect((await call('getUnitReviews', otherUnit, { unitId: U })).status).toBe(403);
    expect((await call('saveReview', otherRegion, { unitId: U }, body)).status).toBe(403);
    expect((await call('saveReview', assessor, { unitId: U }, body)).status).toBe(403);
    expect((await call('saveReview', staff, { unitId: U }, body)).status).toBe(403);
    expect((await call('listReviews', unitStaff)).status).toBe(403);
    expect((await call('listReviews', otherRegion)).status).toBe(403);
  });

  it('is refused before the unit’s category is published, and for an item not of its result', async () => {
    const early = await call('saveReview', otherUnit, { unitId: 'yl-jyj' }, { items: [{ itemId: 'score:1.1', reason: '有异议' }], version: 0 });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('尚未公布');
    expect(ok(await call('getUnitReviews', otherUnit, { unitId: 'yl-jyj' })).window).toBeNull();
    const wrong = await call('saveReview', unitStaff, { unitId: U }, { items: [{ itemId: 'score:9.9', reason: '有异议' }], version: 0 });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('body.items.0.itemId');
  });

  let review: any;
  it('the filer drafts (version-checked), the leader files it; the bureau is told', async () => {
    review = ok(await call('saveReview', unitStaff, { unitId: U }, { items: [{ itemId: 'score:1.1', reason: '实际完成值应为 7.3%（统计局年报口径）' }], version: 0 }), 201);
    expect(review).toMatchObject({ status: 'draft', version: 1, items: [{ itemId: 'score:1.1', stood: '实际完成值 6.7，得分 18.36' }] });
    expect((await call('saveReview', unitStaff, { unitId: U }, { reviewId: review.id, items: [{ itemId: 'score:1.1', reason: 'x' }], version: 0 })).status).toBe(409);
    review = ok(await call('saveReview', unitStaff, { unitId: U }, { reviewId: review.id, items: [{ itemId: 'score:1.1', reason: '实际完成值应为 7.3%（统计局年报口径）' }, { itemId: bonusItemId, reason: '应为 2 项' }], version: 1 }), 201);
    expect((await call('submitReview', unitStaff, { unitId: U, reviewId: review.id }, { version: 2 })).status).toBe(403);
    review = ok(await call('submitReview', unitLeader, { unitId: U, reviewId: review.id }, { version: 2 }), 201);
    expect(review).toMatchObject({ status: 'submitted', submittedBy: 'yuzhou_leader', version: 3 });
    // Filed: no more edits; its items are taken.
    expect((await call('saveReview', unitStaff, { unitId: U }, { reviewId: review.id, items: [{ itemId: 'score:1.2', reason: 'x' }], version: 3 })).status).toBe(409);
    const again = await call('saveReview', unitStaff, { unitId: U }, { items: [{ itemId: 'score:1.1', reason: '再次' }], version: 0 });
    expect(JSON.stringify(again.body)).toContain('另一复核申请');
    const inbox = await listNotices(YL, 'yl-jxb', 20);
    expect(inbox.items.some((n: any) => n.kind === 'review.submitted' && n.title.includes('玉州区'))).toBe(true);
  });

  it('lists in the bureau’s queue, pending first, with each unit’s status for 成绩汇总', async () => {
    const queue = ok(await call('listReviews', staff, {}, undefined, { limit: '20' }));
    expect(queue.items[0]).toMatchObject({ id: review.id, status: 'submitted' });
    expect(queue.counts.submitted).toBeGreaterThanOrEqual(1);
    expect(queue.units).toContainEqual({ unitId: U, status: 'submitted' });
    expect(ok(await call('listReviews', staff, {}, undefined, { status: 'submitted', categoryId: 'c1', unitId: U })).total).toBe(1);
  });

  it('is refused once the window has closed (24:00 Beijing of its last day)', async () => {
    setClockOffset(deadlineInstant(reviewUntil) - Date.now() + 60_000);
    try {
      const late = await call('saveReview', unitStaff, { unitId: U }, { items: [{ itemId: 'score:1.2', reason: '有异议' }], version: 0 });
      expect(late.status).toBe(409);
      expect(late.body.error.message).toContain(`${reviewUntil} 24:00 截止`);
    } finally {
      setClockOffset(0);
    }
  });

  let decided: any;
  it('the bureau upholds an item: nothing recomputed, the unit told', async () => {
    expect((await call('decideReview', staff, { unitId: U, reviewId: review.id }, { itemId: bonusItemId, outcome: 'upheld', opinion: '按方案规则核定', version: 2 })).status).toBe(409);
    expect((await call('decideReview', staff, { unitId: U, reviewId: review.id }, { itemId: bonusItemId, outcome: 'upheld', opinion: '维持', inputs: { actual: '7' }, version: 3 })).status).toBe(400);
    decided = ok(await call('decideReview', staff, { unitId: U, reviewId: review.id }, { itemId: bonusItemId, outcome: 'upheld', opinion: '按方案规则核定，维持原结果', version: 3 }), 201);
    expect(decided.recomputed).toBeNull();
    expect(decided.review).toMatchObject({ status: 'submitted', version: 4 });
    expect(decided.review.items.find((i: any) => i.itemId === bonusItemId).decision).toMatchObject({ outcome: 'upheld', by: 'yl_staff' });
  });

  it('adjusts a score by its corrected input: the unit’s total and the category’s ranking recomputed', async () => {
    // The demo's 2025 is confirmed by the leader: a frozen category refuses the adjustment, whatever it is.
    const frozen = await call('decideReview', leader, { unitId: U, reviewId: review.id }, { itemId: 'score:1.1', outcome: 'adjusted', opinion: '经核实', inputs: { actual: '7.3' }, version: 4 });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.message).toContain('确认并冻结');
    expect((await scoreItem(U, '1.1')).inputs.actual).toBe('6.7');
    expect(await thawConfirmations(YL, C)).toBeGreaterThan(0);
    const before = await row(U);
    const bobai = await row('yl-bobai');
    expect(before.place.position).toBe(2);
    const t0 = performance.now();
    const res = ok(await call('decideReview', leader, { unitId: U, reviewId: review.id }, { itemId: 'score:1.1', outcome: 'adjusted', opinion: '经核实统计年报，实际完成值为 7.3%', inputs: { actual: '7.3' }, version: 4 }), 201);
    const ms = performance.now() - t0;
    expect(res.review).toMatchObject({ status: 'decided', version: 5 });
    expect(res.review.items.find((i: any) => i.itemId === 'score:1.1').decision).toMatchObject({ outcome: 'adjusted', change: { from: '实际完成值 6.7，得分 18.36', to: '实际完成值 7.3，得分 20.00' } });
    expect(res.recomputed).toMatchObject({ total: before.total + 164, position: 1 });
    const after = await row(U);
    expect(after).toMatchObject({ total: before.total + 164, version: before.version + 1, runId: `review:${review.id}` });
    expect(after.place.position).toBe(1);
    expect((await row('yl-bobai')).place.position).toBe(bobai.place.position + 1);
    const score = await scoreItem(U, '1.1');
    expect(score).toMatchObject({ score: 2000, status: 'submitted', inputs: { actual: '7.3' } });
    expect(score.corrections.at(-1)).toMatchObject({ field: 'actual', from: '6.7', to: '7.3', by: 'yl_leader', reason: '复核调整：经核实统计年报，实际完成值为 7.3%' });
    const inbox = await listNotices(YL, U, 20);
    expect(inbox.items.filter((n: any) => n.kind.startsWith('review.')).map((n: any) => n.kind).sort()).toEqual(['review.adjusted', 'review.upheld']);
    console.info(`decision with the recomputation of a 7-unit category: ${ms.toFixed(0)} ms`);
  });

  it('a decided request is shown to the unit with each decision; deciding again is refused', async () => {
    const view = ok(await call('getUnitReviews', unitStaff, { unitId: U }));
    expect(view.reviews[0]).toMatchObject({ id: review.id, status: 'decided' });
    expect(view.reviewable.find((r: any) => r.itemId === 'score:1.1')).toMatchObject({ reviewId: review.id, stood: '实际完成值 7.3，得分 20.00' });
    expect((await call('decideReview', staff, { unitId: U, reviewId: review.id }, { itemId: 'score:1.1', outcome: 'upheld', opinion: '再次', version: 5 })).status).toBe(409);
    expect(ok(await call('listReviews', staff)).units).toContainEqual({ unitId: U, status: 'decided' });
  });

  it('recomputing again, or running the whole computation, changes nothing', async () => {
    const actor = systemActor(YL, 'test');
    expect((await recomputeCategory(actor, YL, C, 'c1', 'test')).changed).toBe(0);
    const run = await newRun(YL, C, 'test');
    await startRun(actor, run, (await latestRun(YL, C))?.id ?? null);
    expect((await computeResults(actor, run)).changed).toBe(0);
  });

  it('adjusts a bonus item by its decision: rejected, its amount leaves the total; a 报批 item is the leader’s alone', async () => {
    const view = ok(await call('getUnitReviews', unitStaff, { unitId: U }));
    const other = view.reviewable.find((r: any) => r.kind === 'claim' && !r.reviewId);
    const claimId = other.itemId.slice('claim:'.length);
    const stored = (await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.claim(YL, C, U, claimId), ConsistentRead: true }))).Item!;
    let review = ok(await call('saveReview', unitLeader, { unitId: U }, { items: [{ itemId: other.itemId, reason: '请核实' }], version: 0 }), 201);
    review = ok(await call('submitReview', unitLeader, { unitId: U, reviewId: review.id }, { version: 1 }), 201);
    const before = await row(U);
    const body = { itemId: other.itemId, outcome: 'adjusted', opinion: '经核实，该表彰不属于加分范围', claim: { decision: 'reject', occurrences: 1 }, version: 2 };
    if (stored.needsApproval) expect((await call('decideReview', staff, { unitId: U, reviewId: review.id }, body)).status).toBe(403);
    const res = ok(await call('decideReview', leader, { unitId: U, reviewId: review.id }, body), 201);
    expect(res.review.items[0].decision.change.to).toContain('未批准');
    const claim = (await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.claim(YL, C, U, claimId), ConsistentRead: true }))).Item!;
    expect(claim).toMatchObject({ status: 'rejected', decision: { outcome: 'rejected', by: 'yl_leader', reason: '复核调整：经核实，该表彰不属于加分范围' } });
    const after = await row(U);
    expect(after.breakdown.bonus).toBeLessThan(before.breakdown.bonus);
    expect(after.total).toBe(before.total - (before.breakdown.bonus - after.breakdown.bonus));
  });

  it('a request outside 汇总反馈 and 等次评定 is refused', async () => {
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('assessment') } }));
    try {
      const res = await call('saveReview', unitStaff, { unitId: U }, { items: [{ itemId: 'score:1.2', reason: '有异议' }], version: 0 });
      expect(res.status).toBe(409);
    } finally {
      await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, C), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('preliminary_review') } }));
    }
  });

  it('takes evidence files through the presigned path: signed by the unit, checked, downloaded by the bureau, never by another unit', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4 统计局更正公告');
    const sha256 = createHash('sha256').update(pdf).digest('base64');
    const signed = await call('signReviewEvidence', unitStaff, { unitId: U }, { name: '更正公告.pdf', contentType: 'application/pdf', size: pdf.length, sha256 });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    expect((await fetch(signed.body.url, { method: 'PUT', headers: signed.body.headers, body: pdf })).status).toBe(200);
    const unsigned = await call('saveReview', unitStaff, { unitId: U }, { items: [{ itemId: 'score:1.2', reason: '有更正公告', evidence: ['zzzzzzzzzzzzzzzzzzzz'] }], version: 0 });
    expect(unsigned.status).toBe(400);
    expect(JSON.stringify(unsigned.body)).toContain('body.items.0.evidence.0');
    const draft = ok(await call('saveReview', unitStaff, { unitId: U }, { items: [{ itemId: 'score:1.2', reason: '有更正公告', evidence: [signed.body.fileId] }], version: 0 }), 201);
    expect(draft.items[0].evidence).toMatchObject([{ fileId: signed.body.fileId, name: '更正公告.pdf', size: pdf.length, sha256 }]);
    const params = { unitId: U, reviewId: draft.id, fileId: signed.body.fileId };
    const got = ok(await call('downloadReviewEvidence', staff, params));
    expect(Buffer.from(await (await fetch(got.url)).arrayBuffer())).toEqual(Buffer.from(pdf));
    expect((await call('downloadReviewEvidence', otherUnit, params)).status).toBe(403);
    expect((await call('downloadReviewEvidence', otherRegion, params)).status).toBe(403);
  });
});
