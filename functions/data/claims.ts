// Bonus and deduction items (Art 19–20) in the cycle's work partition (keys.claim): a unit's items and
// pending evidence uploads are one Query of CLAIM#u#; the bureau's queue is gsi3 QUEUE#r#c#CLAIM (sparse:
// see domain/claims.ts inQueue); what an assessor unit or the bureau raised is gsi2 CLAIMBY#r#c#unit.
// Every write is one commit: the cycle still at a claims stage, the item's version, the uploads it
// takes up removed, its notices, and for a feedback proposal the proposal's own move.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { CLAIM_STAGES, inQueue } from '../domain/claims.ts';
import { claimRecord, claimUploadRecord, type ClaimRecord, type ClaimStatus, type ClaimUploadRecord } from '../model/claim.ts';
import type { DeductionProposalRecord } from '../model/feedback.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { proposalEntity, proposalItem } from './feedback.ts';
import { atStage, putIf } from './goals.ts';
import { assertNotFrozen } from './confirmations.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export const claimEntity = entity('claim', claimRecord, (c) => keys.claim(c.regionId, c.cycleId, c.unitId, c.id));
export const claimUploadEntity = entity('claimUpload', claimUploadRecord, (u) => keys.claimUpload(u.regionId, u.cycleId, u.unitId, u.fileId));

/** The item with its index keys: the bureau's queue (since: when it entered its status), and the raiser's list unless the unit raised it. */
export const claimItem = (c: ClaimRecord) =>
  claimEntity.item(c, {
    ...(inQueue(c) ? keys.queue(c.regionId, c.cycleId, 'CLAIM', c.status, c.updatedAt, c.unitId) : {}),
    ...(c.raisedBy.kind !== 'unit' ? keys.claimRaiser(c.regionId, c.cycleId, c.raisedBy.unitId, c.createdAt, c.unitId, c.id) : {}),
  });

/** A unit's items and pending uploads: one Query. */
export async function readUnitClaims(regionId: string, cycleId: string, unitId: string): Promise<{ claims: ClaimRecord[]; uploads: ClaimUploadRecord[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('CLAIM', unitId) },
    ConsistentRead: true,
  });
  return { claims: items.filter(claimEntity.is).map(claimEntity.parse), uploads: items.filter(claimUploadEntity.is).map(claimUploadEntity.parse) };
}

export async function getClaim(regionId: string, cycleId: string, unitId: string, claimId: string): Promise<ClaimRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.claim(regionId, cycleId, unitId, claimId), ConsistentRead: true }));
  return res.Item ? claimEntity.parse(res.Item) : undefined;
}

/** The bureau's queue (of one status when given): one Query of gsi3. */
export async function listClaimQueue(regionId: string, cycleId: string, status?: ClaimStatus): Promise<ClaimRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi3',
    KeyConditionExpression: status ? 'gsi3pk = :pk AND begins_with(gsi3sk, :st)' : 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.queuePartition(regionId, cycleId, 'CLAIM'), ...(status ? { ':st': `${status}#` } : {}) },
  });
  return items.map(claimEntity.parse);
}

/** What an assessor unit (or the bureau) raised in the cycle, drafts included: one Query of gsi2. */
export async function listRaisedClaims(regionId: string, cycleId: string, raiserUnitId: string): Promise<ClaimRecord[]> {
  const items = await queryAll({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.claimRaiserPartition(regionId, cycleId, raiserUnitId) } });
  return items.map(claimEntity.parse);
}

const stale = () => t('加减分事项已被他人修改，或周期已不在自评、考核评分阶段，请刷新后重试', 'Someone else changed this item, or the cycle has left self-assessment and assessment; please refresh and try again');
const target = (c: ClaimRecord) => `claim:${c.regionId}/${c.cycleId}/${c.unitId}/${c.id}`;
/** What the audit keeps of an item: its terms and status, never its evidence list. */
const summary = (c: ClaimRecord) => ({ kind: c.kind, ruleId: c.ruleId, occurrences: c.occurrences, amount: c.amount, severe: c.severe, status: c.status, version: c.version, ...(c.decision ? { decision: c.decision } : {}), ...(c.source ? { source: c.source } : {}) });

export interface ClaimWrite {
  action: string;
  before?: ClaimRecord;
  after: ClaimRecord;
  /** Pending uploads the item now references: removed in the same transaction. */
  used?: readonly ClaimUploadRecord[];
  notices?: readonly Record<string, unknown>[];
  /** A feedback proposal moved with the item (drafted), conditioned on still being proposed. */
  proposal?: DeductionProposalRecord;
}

/** Stores an item (new when `before` is undefined) while the cycle is at a claims stage. */
export async function storeClaim(actor: Actor, w: ClaimWrite): Promise<void> {
  const { after } = w;
  const items: TransactItem[] = [
    // A confirmed category's claims stay as confirmed (data/confirmations.ts).
    ...(await assertNotFrozen(after.regionId, after.cycleId, [after.unitId])),
    atStage(after.regionId, after.cycleId, CLAIM_STAGES),
    putIf(claimItem(after), w.before?.version),
    ...(w.used ?? []).map((u): TransactItem => ({ Delete: { TableName: tableName(), Key: keys.claimUpload(u.regionId, u.cycleId, u.unitId, u.fileId), ConditionExpression: 'attribute_exists(pk)' } })),
    ...(w.proposal ? [proposalPut(w.proposal)] : []),
    ...(w.notices ?? []).map((Item): TransactItem => ({ Put: { TableName: tableName(), Item } })),
  ];
  await commit(actor, { action: w.action, target: target(after), ...(w.before ? { before: summary(w.before) } : {}), after: summary(after) }, items, after.updatedAt, stale());
}

/** Removes a draft (version-checked), and puts back a feedback proposal it came from. */
export async function removeClaim(actor: Actor, claim: ClaimRecord, at: string, proposal?: DeductionProposalRecord): Promise<void> {
  await commit(
    actor,
    { action: 'claim.remove', target: target(claim), before: summary(claim) },
    [
      atStage(claim.regionId, claim.cycleId, CLAIM_STAGES),
      { Delete: { TableName: tableName(), Key: keys.claim(claim.regionId, claim.cycleId, claim.unitId, claim.id), ConditionExpression: 'version = :v AND #status = :draft', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':v': claim.version, ':draft': 'draft' } } },
      ...(proposal ? [{ Put: { TableName: tableName(), Item: proposalItem(proposal) } }] : []),
    ],
    at,
    stale(),
  );
}

/** A proposal moved out of 'proposed' (drafted or dismissed): refused when someone else moved it first. */
function proposalPut(p: DeductionProposalRecord): TransactItem {
  return { Put: { TableName: tableName(), Item: proposalItem(p), ConditionExpression: '#status = :proposed', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':proposed': 'proposed' } } };
}

/** The bureau dismisses a proposal with its reason (audited). */
export async function storeDismissal(actor: Actor, before: DeductionProposalRecord, after: DeductionProposalRecord, at: string): Promise<void> {
  await commit(
    actor,
    { action: 'claim.proposal.dismiss', target: `feedback:${after.regionId}/${after.cycleId}/${after.unitId}/${after.feedbackId}`, before: { status: before.status }, after: { status: after.status, reason: after.dismissReason } },
    [atStage(after.regionId, after.cycleId, CLAIM_STAGES), proposalPut(after)],
    at,
    t('该扣分建议已被他人处理，或周期已不在自评、考核评分阶段，请刷新后重试', 'Someone else has dealt with this proposal, or the cycle has left self-assessment and assessment; please refresh'),
  );
}

export async function getClaimUpload(regionId: string, cycleId: string, unitId: string, fileId: string): Promise<ClaimUploadRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.claimUpload(regionId, cycleId, unitId, fileId), ConsistentRead: true }));
  return res.Item ? claimUploadEntity.parse(res.Item) : undefined;
}

/** Records a signed upload (audited): the item that references the file confirms and removes it. */
export async function storeClaimUpload(actor: Actor, upload: ClaimUploadRecord, at: string): Promise<void> {
  await commit(
    actor,
    { action: 'claim.evidence.sign', target: `claimEvidence:${upload.regionId}/${upload.cycleId}/${upload.unitId}/${upload.fileId}`, after: { name: upload.name, contentType: upload.contentType, size: upload.size, sha256: upload.sha256 } },
    [atStage(upload.regionId, upload.cycleId, CLAIM_STAGES), { Put: { TableName: tableName(), Item: claimUploadEntity.item(upload), ConditionExpression: 'attribute_not_exists(pk)' } }],
    at,
    stale(),
  );
}

/** A feedback item's Art 20 proposal (keys.feedbackProposal), read consistently before it is moved. */
export async function getProposal(regionId: string, cycleId: string, unitId: string, feedbackId: string): Promise<DeductionProposalRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.feedbackProposal(regionId, cycleId, unitId, feedbackId), ConsistentRead: true }));
  return res.Item ? proposalEntity.parse(res.Item) : undefined;
}
