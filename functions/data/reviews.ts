// 复核 requests as stored (model/review.ts; rules in domain/reviews.ts). A unit's requests and pending
// uploads are one Query of REVIEW#u#; the bureau's queue is gsi3 QUEUE#r#c#REVIEW (filed requests only).
// Every write is one commit with its audit entry: the cycle still at a review stage, the request's
// version, the uploads it takes up, its notices — and for a decision the SCORE or CLAIM items it
// adjusts, each on the version read, so a concurrent edit is refused, not lost.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { REVIEW_STAGES } from '../domain/reviews.ts';
import type { ClaimRecord } from '../model/claim.ts';
import { reviewRecord, reviewUploadRecord, type ReviewRecord, type ReviewUploadRecord } from '../model/review.ts';
import type { ScoreRecord } from '../model/score.ts';
import { claimItem } from './claims.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { atStage, putIf } from './goals.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';
import { scoreEntity, scoreItem } from './scores.ts';

export const reviewEntity = entity('review', reviewRecord, (r) => keys.review(r.regionId, r.cycleId, r.unitId, r.id));
export const reviewUploadEntity = entity('reviewUpload', reviewUploadRecord, (u) => keys.reviewUpload(u.regionId, u.cycleId, u.unitId, u.fileId));

/** A request with its place in the bureau's queue once filed (since: when it entered its status). */
export const reviewItem = (r: ReviewRecord) => reviewEntity.item(r, r.status === 'draft' ? {} : keys.queue(r.regionId, r.cycleId, 'REVIEW', r.status, r.updatedAt, r.unitId));

/** A unit's requests and pending uploads: one Query. */
export async function readUnitReviews(regionId: string, cycleId: string, unitId: string): Promise<{ reviews: ReviewRecord[]; uploads: ReviewUploadRecord[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('REVIEW', unitId) },
    ConsistentRead: true,
  });
  return { reviews: items.filter(reviewEntity.is).map(reviewEntity.parse), uploads: items.filter(reviewUploadEntity.is).map(reviewUploadEntity.parse) };
}

export async function getReview(regionId: string, cycleId: string, unitId: string, reviewId: string): Promise<ReviewRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.review(regionId, cycleId, unitId, reviewId), ConsistentRead: true }));
  return res.Item ? reviewEntity.parse(res.Item) : undefined;
}

/** The bureau's queue: every filed request of the cycle, one Query of gsi3. */
export async function listReviewQueue(regionId: string, cycleId: string): Promise<ReviewRecord[]> {
  const items = await queryAll({ IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': keys.queuePartition(regionId, cycleId, 'REVIEW') } });
  return items.map(reviewEntity.parse);
}

/** A unit's scores (the items its result is made of): one Query of SCORE#u#. */
export async function readUnitScores(regionId: string, cycleId: string, unitId: string): Promise<ScoreRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('SCORE', unitId) },
    ConsistentRead: true,
  });
  return items.filter(scoreEntity.is).map(scoreEntity.parse);
}

const stale = () => t('复核申请已被他人修改，或周期已不在「汇总反馈」「等次评定」阶段，请刷新后重试', 'Someone else changed this review request, or the cycle has left preliminary review and grading; please refresh and try again');
const target = (r: ReviewRecord) => `review:${r.regionId}/${r.cycleId}/${r.unitId}/${r.id}`;
/** What the audit keeps of a request: its items' ids, reasons and decisions, never the evidence list. */
const summary = (r: ReviewRecord) => ({ status: r.status, version: r.version, items: r.items.map((i) => ({ itemId: i.itemId, reason: i.reason, files: i.evidence.length, ...(i.decision ? { decision: i.decision } : {}) })) });
const put = (Item: Record<string, unknown>): TransactItem => ({ Put: { TableName: tableName(), Item } });

export interface ReviewWrite {
  action: string;
  before?: ReviewRecord;
  after: ReviewRecord;
  used?: readonly ReviewUploadRecord[];
  notices?: readonly Record<string, unknown>[];
  /** A decision's adjustment: the scores or the claim it writes, each on the version read. */
  scores?: readonly { before: ScoreRecord; after: ScoreRecord }[];
  claim?: { before: ClaimRecord; after: ClaimRecord };
  /** Further conditions of the transaction (e.g. the category not confirmed). */
  guards?: readonly TransactItem[];
}

/** Stores a request (new when `before` is undefined) with what its move writes, while the cycle is at a review stage. */
export async function storeReview(actor: Actor, w: ReviewWrite): Promise<void> {
  const { after } = w;
  const items: TransactItem[] = [
    atStage(after.regionId, after.cycleId, REVIEW_STAGES),
    putIf(reviewItem(after), w.before?.version),
    ...(w.used ?? []).map((u): TransactItem => ({ Delete: { TableName: tableName(), Key: keys.reviewUpload(u.regionId, u.cycleId, u.unitId, u.fileId), ConditionExpression: 'attribute_exists(pk)' } })),
    ...(w.scores ?? []).map((s) => putIf(scoreItem(s.after), s.before.version)),
    ...(w.claim ? [putIf(claimItem(w.claim.after), w.claim.before.version)] : []),
    ...(w.notices ?? []).map(put),
    ...(w.guards ?? []),
  ];
  const adjusted = {
    ...(w.scores?.length ? { scores: w.scores.map((s) => ({ unitId: s.after.unitId, indicatorId: s.after.indicatorId, from: s.before.score, to: s.after.score, inputs: s.after.inputs, version: s.after.version })) } : {}),
    ...(w.claim ? { claim: { claimId: w.claim.after.id, from: { status: w.claim.before.status, amount: w.claim.before.amount }, to: { status: w.claim.after.status, amount: w.claim.after.amount } } } : {}),
  };
  await commit(actor, { action: w.action, target: target(after), ...(w.before ? { before: summary(w.before) } : {}), after: { ...summary(after), ...adjusted } }, items, after.updatedAt, stale());
}

export async function getReviewUpload(regionId: string, cycleId: string, unitId: string, fileId: string): Promise<ReviewUploadRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.reviewUpload(regionId, cycleId, unitId, fileId), ConsistentRead: true }));
  return res.Item ? reviewUploadEntity.parse(res.Item) : undefined;
}

/** Records a signed upload (audited): the request that references the file confirms and removes it. */
export async function storeReviewUpload(actor: Actor, upload: ReviewUploadRecord, at: string): Promise<void> {
  await commit(
    actor,
    { action: 'review.evidence.sign', target: `reviewEvidence:${upload.regionId}/${upload.cycleId}/${upload.unitId}/${upload.fileId}`, after: { name: upload.name, contentType: upload.contentType, size: upload.size, sha256: upload.sha256 } },
    [atStage(upload.regionId, upload.cycleId, REVIEW_STAGES), { Put: { TableName: tableName(), Item: reviewUploadEntity.item(upload), ConditionExpression: 'attribute_not_exists(pk)' } }],
    at,
    stale(),
  );
}
