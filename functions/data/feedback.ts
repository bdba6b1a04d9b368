// Feedback items in the cycle's work partition (keys.feedback): the bureau's and the assessor units'
// list is the gsi3 queue by status, the unit's is its FEEDBACK#u# prefix, and an item sits in the
// region's DUE index while the unit owes an answer or a result (so the daily job and a calendar
// save find what is open by one Query). A proposed Art 20 deduction sits right after its item and in
// the cycle's PROPOSED index. Every move is one commit with its version check, audit and notices.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { owedBy } from '../domain/feedback.ts';
import { stageNumber, type StageCode } from '../domain/stages.ts';
import { deductionProposalRecord, feedbackRecord, feedbackUploadRecord, type DeductionProposalRecord, type FeedbackRecord, type FeedbackStatus, type FeedbackUploadRecord } from '../model/feedback.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export const feedbackEntity = entity('feedback', feedbackRecord, (f) => keys.feedback(f.regionId, f.cycleId, f.unitId, f.feedbackId));
export const proposalEntity = entity('deductionProposal', deductionProposalRecord, (p) => keys.feedbackProposal(p.regionId, p.cycleId, p.unitId, p.feedbackId));
export const feedbackUploadEntity = entity('feedbackUpload', feedbackUploadRecord, (u) => keys.feedbackUpload(u.regionId, u.cycleId, u.unitId, u.fileId));

/** The item with its index keys: the queue by status, and the DUE index while the unit owes something. */
export function feedbackItem(f: FeedbackRecord): Record<string, unknown> {
  const due = owedBy(f);
  return feedbackEntity.item(f, {
    ...keys.queue(f.regionId, f.cycleId, 'FEEDBACK', f.status, f.raisedAt, f.unitId),
    ...(due ? keys.due(f.regionId, due, f.cycleId, 'FEEDBACK', f.unitId, f.feedbackId) : {}),
  });
}

export const proposalItem = (p: DeductionProposalRecord) => proposalEntity.item(p, keys.proposed(p.regionId, p.cycleId, 'FEEDBACK', p.unitId, p.feedbackId));

export async function getFeedback(regionId: string, cycleId: string, unitId: string, feedbackId: string): Promise<FeedbackRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.feedback(regionId, cycleId, unitId, feedbackId), ConsistentRead: true }));
  return res.Item ? feedbackEntity.parse(res.Item) : undefined;
}

/** A unit's feedback and its proposals: one Query. */
export async function readUnitFeedback(regionId: string, cycleId: string, unitId: string): Promise<{ items: FeedbackRecord[]; proposals: DeductionProposalRecord[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('FEEDBACK', unitId) },
    ConsistentRead: true,
  });
  return { items: items.filter(feedbackEntity.is).map(feedbackEntity.parse), proposals: items.filter(proposalEntity.is).map(proposalEntity.parse) };
}

/** The cycle's feedback (of one status when given), one Query of the queue; an assessor unit's own only. */
export async function listCycleFeedback(regionId: string, cycleId: string, status?: FeedbackStatus, senderUnitId?: string): Promise<FeedbackRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi3',
    KeyConditionExpression: status ? 'gsi3pk = :pk AND begins_with(gsi3sk, :st)' : 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.queuePartition(regionId, cycleId, 'FEEDBACK'), ...(status ? { ':st': `${status}#` } : {}), ...(senderUnitId ? { ':sender': senderUnitId } : {}) },
    ...(senderUnitId ? { FilterExpression: 'senderUnitId = :sender' } : {}),
  });
  return items.map(feedbackEntity.parse);
}

export async function listProposals(regionId: string, cycleId: string): Promise<DeductionProposalRecord[]> {
  const items = await queryAll({ IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': keys.proposedPartition(regionId, cycleId) } });
  return items.filter(proposalEntity.is).map(proposalEntity.parse);
}

/** The region's open feedback (any cycle) the unit owed by `date` or before: one Query of the DUE index. */
export async function listFeedbackDueBy(regionId: string, date: string): Promise<FeedbackRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :until',
    FilterExpression: 'entity = :e',
    ExpressionAttributeValues: { ':pk': keys.duePartition(regionId), ':until': keys.dueUntil(date), ':e': feedbackEntity.name },
  });
  return items.map(feedbackEntity.parse);
}

/** Open feedback whose answer date is provisional and falls in `year` or later: one Query of the DUE index. */
export async function listProvisionalFeedback(regionId: string, year: number): Promise<FeedbackRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :from',
    FilterExpression: 'entity = :e AND answerDue.provisional = :yes',
    ExpressionAttributeValues: { ':pk': keys.duePartition(regionId), ':from': `${year}-01-01`, ':e': feedbackEntity.name, ':yes': true },
  });
  return items.map(feedbackEntity.parse);
}

const target = (f: FeedbackRecord) => `feedback:${f.regionId}/${f.cycleId}/${f.unitId}/${f.feedbackId}`;

/** The cycle is open and at one of `stages`. */
function atStage(regionId: string, cycleId: string, stages: readonly StageCode[]): TransactItem {
  const values = Object.fromEntries(stages.map((s, i) => [`:s${i}`, stageNumber(s)]));
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.cycle(regionId, cycleId),
      ConditionExpression: `#status = :open AND currentStage IN (${Object.keys(values).join(', ')})`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':open': 'open', ...values },
    },
  };
}

export interface FeedbackWrite {
  action: string;
  before?: FeedbackRecord;
  after: FeedbackRecord;
  /** A proposal made or updated with the move. */
  proposal?: DeductionProposalRecord;
  notices?: Record<string, unknown>[];
  /** The cycle must be at one of these stages (a new item). */
  stages?: readonly StageCode[];
  /** What the audit entry records beyond the status and version. */
  detail?: Record<string, unknown>;
  /** Pending evidence uploads the move references: removed in the same transaction. */
  used?: readonly FeedbackUploadRecord[];
}

const summary = (f: FeedbackRecord) => ({ status: f.status, version: f.version, answerDue: f.answerDue, resultDue: f.resultDue });

/** One move of one item: written only if the item is still at the version read (or new). */
export async function storeFeedback(actor: Actor, w: FeedbackWrite): Promise<void> {
  const { before, after } = w;
  const items: TransactItem[] = [
    ...(w.stages ? [atStage(after.regionId, after.cycleId, w.stages)] : []),
    {
      Put: {
        TableName: tableName(),
        Item: feedbackItem(after),
        ...(before ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    ...(w.proposal ? [{ Put: { TableName: tableName(), Item: proposalItem(w.proposal) } }] : []),
    ...(w.notices ?? []).map((Item) => ({ Put: { TableName: tableName(), Item } })),
    ...(w.used ?? []).map((u): TransactItem => ({ Delete: { TableName: tableName(), Key: keys.feedbackUpload(u.regionId, u.cycleId, u.unitId, u.fileId), ConditionExpression: 'attribute_exists(pk)' } })),
  ];
  await commit(
    actor,
    { action: w.action, target: target(after), before: before ? summary(before) : undefined, after: before ? { ...summary(after), ...w.detail } : after },
    items,
    after.updatedAt,
    w.stages
      ? t('该反馈已被他人修改，或考评周期已不在过程管理阶段，请刷新后重试', 'The feedback was changed by someone else, or the cycle has left the execution stage; please refresh and try again')
      : t('该反馈已被他人修改，请刷新后重试', 'The feedback was changed by someone else; please refresh and try again'),
  );
}

export async function getFeedbackUpload(regionId: string, cycleId: string, unitId: string, fileId: string): Promise<FeedbackUploadRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.feedbackUpload(regionId, cycleId, unitId, fileId), ConsistentRead: true }));
  return res.Item ? feedbackUploadEntity.parse(res.Item) : undefined;
}

/** Records a signed upload (audited) while the cycle is in 过程管理: the move that references the file confirms and removes it. */
export async function storeFeedbackUpload(actor: Actor, upload: FeedbackUploadRecord, at: string): Promise<void> {
  await commit(
    actor,
    {
      action: 'feedback.evidence.sign',
      target: `feedbackEvidence:${upload.regionId}/${upload.cycleId}/${upload.unitId}/${upload.feedbackId ?? '-'}/${upload.fileId}`,
      after: { name: upload.name, contentType: upload.contentType, size: upload.size, sha256: upload.sha256 },
    },
    [atStage(upload.regionId, upload.cycleId, ['execution']), { Put: { TableName: tableName(), Item: feedbackUploadEntity.item(upload), ConditionExpression: 'attribute_not_exists(pk)' } }],
    at,
    t('考评周期已不在过程管理阶段，请刷新后重试', 'The cycle has left the execution stage; please refresh and try again'),
  );
}
