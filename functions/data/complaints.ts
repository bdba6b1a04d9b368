// Complaints and reports (投诉举报, Art 32) as stored: keys.ts names the access patterns (partition
// COMPLAINT#r, the bureau's gsi3 queue, the gsi1 due index, the code pointer, the per-client cap).
// Every write is one commit with its audit entry, conditioned on the version read. The audit keeps
// what was done (status, handler, answer), never the contact details nor the query code.
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { ConflictError, DomainError } from '../domain/errors.ts';
import { complaintCapRecord, complaintCodeRecord, complaintContactRecord, complaintRecord, type ComplaintContactRecord, type ComplaintRecord, type ComplaintStatus } from '../model/complaint.ts';
import { documentClient, tableName } from './client.ts';
import { commit, put, update, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { putIf } from './goals.ts';
import { keys } from './keys.ts';
import { queryAll, queryPage } from './query.ts';

export const complaintEntity = entity('complaint', complaintRecord, (c) => keys.complaint(c.regionId, c.complaintId));
export const complaintContactEntity = entity('complaintContact', complaintContactRecord, (c) => keys.complaintContact(c.regionId, c.complaintId));
export const complaintCodeEntity = entity('complaintCode', complaintCodeRecord, (c) => keys.complaintCode(c.codeHash));
export const complaintCapEntity = entity('complaintCap', complaintCapRecord, (c) => keys.complaintCap(c.clientHash, c.date));

/** The complaint with its queue place, and its due-index entry while it is not answered. */
export const complaintItem = (c: ComplaintRecord) =>
  complaintEntity.item(c, { ...keys.complaintQueue(c.regionId, c.status, c.receivedAt, c.complaintId), ...(c.status === 'answered' ? {} : keys.complaintDue(c.regionId, c.due.date, c.complaintId)) });

const target = (c: ComplaintRecord) => `complaint:${c.regionId}/${c.complaintId}`;
/** What the audit keeps: never the contact, never the code's hash. */
const summary = (c: ComplaintRecord) => ({
  status: c.status,
  version: c.version,
  channel: c.channel,
  ...(c.filedBy ? { filedBy: c.filedBy } : {}),
  ...(c.cycleId ? { cycleId: c.cycleId } : {}),
  ...(c.unitId ? { unitId: c.unitId } : {}),
  subject: c.subject,
  due: c.due,
  hasContact: c.hasContact,
  ...(c.handler ? { handler: c.handler } : {}),
  ...(c.answer ? { answer: c.answer.text } : {}),
  ...(c.returnOpinion ? { returnOpinion: c.returnOpinion } : {}),
});

export async function getComplaint(regionId: string, complaintId: string): Promise<ComplaintRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.complaint(regionId, complaintId), ConsistentRead: true }));
  return res.Item ? complaintEntity.parse(res.Item) : undefined;
}

/** The complaint and its contact item in one BatchGet (the bureau's detail). */
export async function getComplaintWithContact(regionId: string, complaintId: string): Promise<{ complaint?: ComplaintRecord; contact?: ComplaintContactRecord }> {
  const res = await documentClient().send(
    new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: [keys.complaint(regionId, complaintId), keys.complaintContact(regionId, complaintId)], ConsistentRead: true } } }),
  );
  const items = (res.Responses?.[tableName()] ?? []) as Record<string, unknown>[];
  const c = items.find(complaintEntity.is);
  const k = items.find(complaintContactEntity.is);
  // An expired contact may linger until DynamoDB's TTL sweep removes it: past its retention it is not shown.
  const contact = k ? complaintContactEntity.parse(k) : undefined;
  return { complaint: c ? complaintEntity.parse(c) : undefined, contact: contact && contact.expiresAt * 1000 > Date.now() ? contact : undefined };
}

/** The complaint a query code names (GetItem on the code's hash, then the complaint). */
export async function getComplaintByCode(hash: string): Promise<ComplaintRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.complaintCode(hash) }));
  if (!res.Item) return undefined;
  const pointer = complaintCodeEntity.parse(res.Item);
  return getComplaint(pointer.regionId, pointer.complaintId);
}

/** The bureau's list: one Query of gsi3, newest first within a status (all statuses: grouped by status). */
export async function listComplaints(regionId: string, limit: number, cursor?: string, status?: ComplaintStatus) {
  const page = await queryPage(
    {
      IndexName: 'gsi3',
      KeyConditionExpression: status ? 'gsi3pk = :pk AND begins_with(gsi3sk, :s)' : 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.complaintQueuePartition(regionId), ...(status ? { ':s': `${status}#` } : {}) },
      ScanIndexForward: false,
    },
    limit,
    cursor,
  );
  return { items: page.items.map(complaintEntity.parse), nextCursor: page.nextCursor };
}

/** Open complaints due on or before `date` (the daily job): one Query of the sparse due index. */
export async function listComplaintsDueBy(regionId: string, date: string): Promise<ComplaintRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :until',
    ExpressionAttributeValues: { ':pk': keys.complaintDuePartition(regionId), ':until': keys.dueUntil(date) },
  });
  return items.map(complaintEntity.parse);
}

const capExceeded = () => t('今日通过公开页面提交的投诉举报已达上限，请明日再试或登录后提交', 'Too many complaints from this address today; try again tomorrow or sign in to file');

export interface FilingWrite {
  complaint: ComplaintRecord;
  contact?: ComplaintContactRecord;
  /** Public filings: the client's counter for the day, incremented below the cap in the same transaction. */
  cap?: { clientHash: string; date: string; max: number; expiresAt: number };
  notices: readonly Record<string, unknown>[];
}

/** A new complaint, its code pointer, its contact (if any) and the client's day counter: all or nothing. */
export async function storeFiling(actor: Actor, w: FilingWrite): Promise<void> {
  const c = w.complaint;
  const items: TransactItem[] = [
    put(complaintItem(c), 'attribute_not_exists(pk)'),
    put(complaintCodeEntity.item({ codeHash: c.codeHash, regionId: c.regionId, complaintId: c.complaintId }), 'attribute_not_exists(pk)'),
    ...(w.contact ? [put(complaintContactEntity.item(w.contact), 'attribute_not_exists(pk)')] : []),
    ...w.notices.map((n) => put(n)),
  ];
  if (w.cap) {
    items.push(
      update(
        keys.complaintCap(w.cap.clientHash, w.cap.date),
        'SET #count = if_not_exists(#count, :zero) + :one, clientHash = :h, #date = :d, expiresAt = :exp, entity = :e',
        { ':zero': 0, ':one': 1, ':max': w.cap.max, ':h': w.cap.clientHash, ':d': w.cap.date, ':exp': w.cap.expiresAt, ':e': complaintCapEntity.name },
        'attribute_not_exists(#count) OR #count < :max',
        { '#count': 'count', '#date': 'date' },
      ),
    );
  }
  try {
    await commit(actor, { action: 'complaint.file', target: target(c), after: summary(c) }, items, c.receivedAt);
  } catch (e) {
    // The new items cannot exist (fresh ids): a failed condition is the day's cap.
    if (w.cap && e instanceof ConflictError) throw new DomainError(429, 'TOO_MANY_REQUESTS', capExceeded());
    throw e;
  }
}

/** A move of the bureau's (assign, answer, approve, return) or the daily job's escalation, on the version read. */
export async function storeComplaintMove(actor: Actor, action: string, before: ComplaintRecord, after: ComplaintRecord, notices: readonly Record<string, unknown>[] = []): Promise<void> {
  const items: TransactItem[] = [putIf(complaintItem(after), before.version), ...notices.map((n) => put(n))];
  await commit(actor, { action, target: target(after), before: summary(before), after: summary(after) }, items, after.updatedAt, t('该投诉举报已被他人修改，请刷新后重试', 'Someone else changed this complaint; please refresh and try again'));
}
