// Rectification plans and carried goals as stored (model/rectification.ts; rules in domain/rectification.ts).
// A unit's plans and pending uploads: one Query of RECTIFY#u#. The bureau's tracking list: one Query of
// gsi3 QUEUE#r#c#RECTIFY. The public site: one Query of gsi2 PUBRECT#r#c (sparse: approved plans only).
// Overdue plans: the region's DUE# index (gsi1), set while a plan is being worked on.
// Every write is one commit with its audit entry, version-checked, with its notices and the uploads it uses.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { isPublic, isRunning, RECTIFY_STAGES } from '../domain/rectification.ts';
import type { StageCode } from '../domain/stages.ts';
import { carriedGoalRecord, rectificationRecord, rectifyUploadRecord, type CarriedGoalRecord, type RectificationRecord, type RectifyUploadRecord } from '../model/rectification.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { atStage, putIf } from './goals.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export const rectificationEntity = entity('rectification', rectificationRecord, (r) => keys.rectification(r.regionId, r.cycleId, r.unitId, r.problemId));
export const rectifyUploadEntity = entity('rectifyUpload', rectifyUploadRecord, (u) => keys.rectifyUpload(u.regionId, u.cycleId, u.unitId, u.fileId));
export const carriedGoalEntity = entity('carriedGoal', carriedGoalRecord, (c) => keys.carriedGoal(c.regionId, c.cycleId, c.unitId, c.fromCycleId, c.problemId));

/** A plan with its places: the bureau's queue always, the public index once approved, the due index while running. */
export const rectificationItem = (r: RectificationRecord) =>
  rectificationEntity.item(r, {
    ...keys.queue(r.regionId, r.cycleId, 'RECTIFY', r.status, r.deadline, r.unitId),
    ...(isPublic(r.status) ? keys.rectifyPublic(r.regionId, r.cycleId, r.unitId, r.problemId) : {}),
    ...(isRunning(r.status) ? keys.due(r.regionId, r.deadline, r.cycleId, 'RECTIFY', r.unitId, r.problemId) : {}),
  });

export async function getRectification(regionId: string, cycleId: string, unitId: string, problemId: string): Promise<RectificationRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.rectification(regionId, cycleId, unitId, problemId), ConsistentRead: true }));
  return res.Item ? rectificationEntity.parse(res.Item) : undefined;
}

/** A unit's plans: one Query. */
export async function readUnitRectification(regionId: string, cycleId: string, unitId: string): Promise<RectificationRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('RECTIFY', unitId) },
    ConsistentRead: true,
  });
  return items.filter(rectificationEntity.is).map(rectificationEntity.parse);
}

/** The bureau's tracking list: every plan of the cycle (of one unit when given), one Query of the queue. */
export async function listRectificationQueue(regionId: string, cycleId: string, unitId?: string): Promise<RectificationRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ...(unitId ? { FilterExpression: 'unitId = :u' } : {}),
    ExpressionAttributeValues: { ':pk': keys.queuePartition(regionId, cycleId, 'RECTIFY'), ...(unitId ? { ':u': unitId } : {}) },
  });
  return items.map(rectificationEntity.parse);
}

/** The public commitments of the cycle (one unit's when given): one Query of the sparse public index. */
export async function listPublicRectification(regionId: string, cycleId: string, unitId?: string): Promise<RectificationRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: unitId ? 'gsi2pk = :pk AND begins_with(gsi2sk, :u)' : 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.rectifyPublicPartition(regionId, cycleId), ...(unitId ? { ':u': `${unitId}#` } : {}) },
  });
  return items.map(rectificationEntity.parse);
}

/** The region's running plans (any cycle) due on `date` or before: one Query of the DUE index. */
export async function listRectificationDueBy(regionId: string, date: string): Promise<RectificationRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :until',
    FilterExpression: 'entity = :e',
    ExpressionAttributeValues: { ':pk': keys.duePartition(regionId), ':until': keys.dueUntil(date), ':e': rectificationEntity.name },
  });
  return items.map(rectificationEntity.parse);
}

const target = (r: Pick<RectificationRecord, 'regionId' | 'cycleId' | 'unitId' | 'problemId'>) => `rectification:${r.regionId}/${r.cycleId}/${r.unitId}/${r.problemId}`;
/** What the audit keeps: the status, version and the commitment, never the evidence list. */
const summary = (r: RectificationRecord) => ({ status: r.status, version: r.version, deadline: r.deadline, responsible: r.responsible, measures: r.measures, commitment: r.commitment, progress: r.progress.length });

export interface RectificationWrite {
  action: string;
  before?: RectificationRecord;
  after: RectificationRecord;
  notices?: readonly Record<string, unknown>[];
  used?: readonly RectifyUploadRecord[];
  detail?: Record<string, unknown>;
  /** The cycle must stand at one of these (the unit's and the bureau's moves; the daily job skips the check). */
  stages?: readonly StageCode[];
}

export async function storeRectification(actor: Actor, w: RectificationWrite): Promise<void> {
  const stages = w.stages ?? RECTIFY_STAGES;
  const items: TransactItem[] = [
    ...(stages.length ? [atStage(w.after.regionId, w.after.cycleId, stages)] : []),
    putIf(rectificationItem(w.after), w.before?.version),
    ...(w.notices ?? []).map((Item): TransactItem => ({ Put: { TableName: tableName(), Item } })),
    ...(w.used ?? []).map((u): TransactItem => ({ Delete: { TableName: tableName(), Key: keys.rectifyUpload(u.regionId, u.cycleId, u.unitId, u.fileId), ConditionExpression: 'attribute_exists(pk)' } })),
  ];
  await commit(
    actor,
    { action: w.action, target: target(w.after), before: w.before ? summary(w.before) : undefined, after: { ...summary(w.after), ...w.detail } },
    items,
    w.after.updatedAt,
    t('整改计划已被他人修改，或周期已不在整改阶段，请刷新后重试', 'Someone else changed this plan, or the cycle has left rectification; please refresh and try again'),
  );
}

export async function getRectifyUpload(regionId: string, cycleId: string, unitId: string, fileId: string): Promise<RectifyUploadRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.rectifyUpload(regionId, cycleId, unitId, fileId), ConsistentRead: true }));
  return res.Item ? rectifyUploadEntity.parse(res.Item) : undefined;
}

export async function storeRectifyUpload(actor: Actor, upload: RectifyUploadRecord, at: string): Promise<void> {
  await commit(
    actor,
    { action: 'rectification.evidence.sign', target: `rectificationEvidence:${upload.regionId}/${upload.cycleId}/${upload.unitId}/${upload.problemId}/${upload.fileId}`, after: { name: upload.name, contentType: upload.contentType, size: upload.size, sha256: upload.sha256 } },
    [atStage(upload.regionId, upload.cycleId, RECTIFY_STAGES), putIf(rectifyUploadEntity.item(upload), undefined)],
    at,
    t('考评周期已不在整改阶段，请刷新后重试', 'The cycle has left rectification; please refresh and try again'),
  );
}

/** A unit's carried goals in a cycle: one Query of GOAL#u##CARRY#. */
export async function readCarriedGoals(regionId: string, cycleId: string, unitId: string): Promise<CarriedGoalRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.carriedGoalPrefix(unitId) },
    ConsistentRead: true,
  });
  return items.filter(carriedGoalEntity.is).map(carriedGoalEntity.parse);
}

export async function getCarriedGoal(regionId: string, cycleId: string, unitId: string, fromCycleId: string, problemId: string): Promise<CarriedGoalRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.carriedGoal(regionId, cycleId, unitId, fromCycleId, problemId), ConsistentRead: true }));
  return res.Item ? carriedGoalEntity.parse(res.Item) : undefined;
}

const carryTarget = (c: CarriedGoalRecord) => `carriedGoal:${c.regionId}/${c.cycleId}/${c.unitId}/${c.fromCycleId}/${c.problemId}`;

/**
 * Carries one unit's items into the next cycle: one transaction for the unit (at most 99 items with
 * the notice), each new — an item carried before is left as it is, so a second run adds only what is new.
 */
export async function storeCarried(actor: Actor, unitId: string, items: readonly CarriedGoalRecord[], notice: Record<string, unknown> | undefined, at: string): Promise<void> {
  const first = items[0];
  if (!first) return;
  await commit(
    actor,
    { action: 'rectification.carry', target: `carry:${first.regionId}/${first.fromCycleId}->${first.cycleId}/${unitId}`, after: { problems: items.map((c) => c.problemId) } },
    [...items.map((c) => putIf(carriedGoalEntity.item(c), undefined)), ...(notice ? [{ Put: { TableName: tableName(), Item: notice } }] : [])],
    at,
    t('结转期间单位的结转事项已有变化，请重试', 'The unit’s carried items changed meanwhile; please try again'),
  );
}

/** The unit accepts (under an indicator) or declines a carried goal: version-checked, audited, with its notice. */
export async function storeCarriedDecision(actor: Actor, before: CarriedGoalRecord, after: CarriedGoalRecord, notices: readonly Record<string, unknown>[]): Promise<void> {
  await commit(
    actor,
    { action: `rectification.carried.${after.status === 'accepted' ? 'accept' : 'decline'}`, target: carryTarget(after), before: { status: before.status, version: before.version }, after: { status: after.status, version: after.version, indicatorId: after.indicatorId, target: after.target, declineReason: after.declineReason } },
    [putIf(carriedGoalEntity.item(after), before.version), ...notices.map((Item): TransactItem => ({ Put: { TableName: tableName(), Item } }))],
    after.updatedAt,
    t('该结转事项已被他人处理，请刷新后重试', 'Someone else changed this carried item; please refresh and try again'),
  );
}
