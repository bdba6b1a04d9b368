// A unit's self-assessment (Art 16) as stored: its set, one item per goal and pending evidence uploads,
// all under SELF#unit# in the cycle's work partition (keys.ts), so the unit's whole self-assessment is
// one Query; the sets sit in the bureau's queue (gsi3 QUEUE#r#c#SELF, gsi3sk = status#since#unit).
// Items carry no status: every write of an item checks the set is still with the unit (draft or
// returned), so a submitted set is frozen without rewriting its items. Every change is one commit.
import { t } from '../contracts/lang.ts';
import type { StageCode } from '../domain/stages.ts';
import {
  selfAssessmentRecord,
  selfAssessmentSetRecord,
  selfUploadRecord,
  type SelfAssessmentRecord,
  type SelfAssessmentSetRecord,
  type SelfUploadRecord,
} from '../model/self-assessment.ts';
import { tableName } from './client.ts';
import { commit, type Actor, type Change, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { atStage, putIf } from './goals.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export const selfEntity = entity('selfAssessment', selfAssessmentRecord, (s) => keys.selfAssessment(s.regionId, s.cycleId, s.unitId, s.indicatorId));
export const selfSetEntity = entity('selfAssessmentSet', selfAssessmentSetRecord, (s) => keys.selfAssessmentSet(s.regionId, s.cycleId, s.unitId));
export const selfUploadEntity = entity('selfUpload', selfUploadRecord, (u) => keys.selfUpload(u.regionId, u.cycleId, u.unitId, u.fileId));

/** The stages a unit edits and submits its self-assessment in. */
export const SELF_STAGES: readonly StageCode[] = ['self_assessment'];
/** The stages the bureau approves or returns a submitted set in (it may still be doing so once scoring has begun). */
export const SELF_REVIEW_STAGES: readonly StageCode[] = ['self_assessment', 'assessment'];

/** A set with its place in the bureau's queue: `since` is when it entered its status. */
export const selfSetItem = (s: SelfAssessmentSetRecord, since: string) => selfSetEntity.item(s, keys.queue(s.regionId, s.cycleId, 'SELF', s.status, since, s.unitId));

export interface UnitSelfAssessment {
  set?: SelfAssessmentSetRecord;
  items: SelfAssessmentRecord[];
  uploads: SelfUploadRecord[];
}

/** A unit's set, items and pending uploads: one Query of its SELF# items (consistent, so a save is seen by the next read). */
export async function readUnitSelfAssessment(regionId: string, cycleId: string, unitId: string): Promise<UnitSelfAssessment> {
  const rows = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('SELF', unitId) },
    ConsistentRead: true,
  });
  const set = rows.find(selfSetEntity.is);
  return {
    ...(set ? { set: selfSetEntity.parse(set) } : {}),
    items: rows.filter(selfEntity.is).map(selfEntity.parse),
    uploads: rows.filter(selfUploadEntity.is).map(selfUploadEntity.parse),
  };
}

/**
 * A unit's self-assessment items, one per goal it has saved (the scoring and results slices read the
 * unit's claim here; whether the set was submitted is `readUnitSelfAssessment`'s `set.status`).
 */
export async function listSelfAssessments(regionId: string, cycleId: string, unitId: string): Promise<SelfAssessmentRecord[]> {
  return (await readUnitSelfAssessment(regionId, cycleId, unitId)).items;
}

/** Every unit's set of the cycle: one Query of the bureau's queue (`status` narrows it to one status). */
export async function listSelfSets(regionId: string, cycleId: string, status?: string): Promise<SelfAssessmentSetRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi3',
    KeyConditionExpression: status ? 'gsi3pk = :pk AND begins_with(gsi3sk, :st)' : 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.queuePartition(regionId, cycleId, 'SELF'), ...(status ? { ':st': `${status}#` } : {}) },
  });
  return items.map(selfSetEntity.parse);
}

const stale = () =>
  t('自评已被他人修改，或已报送、或周期已不在自评阶段，请刷新后重试', 'Someone else changed this self-assessment, it was submitted, or the cycle has left self-assessment; please refresh and try again');

/** The set's part of an item save: new (a Put), or its version bumped and counts moved while it is with the unit. */
function setOnSave(before: SelfAssessmentSetRecord | undefined, created: SelfAssessmentSetRecord, delta: { saved: number; complete: number }, by: string, at: string): TransactItem {
  if (!before) return putIf(selfSetItem(created, at), undefined);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.selfAssessmentSet(before.regionId, before.cycleId, before.unitId),
      UpdateExpression: 'SET updatedAt = :at, updatedBy = :by, goalCount = :g ADD version :one, counts.saved :s, counts.complete :c',
      ConditionExpression: '#status IN (:draft, :returned)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':at': at, ':by': by, ':g': created.goalCount, ':one': 1, ':s': delta.saved, ':c': delta.complete, ':draft': 'draft', ':returned': 'returned' },
    },
  };
}

/** Saves one goal's self-assessment (the set created with the first), removing the uploads it now references. */
export async function storeSelfAssessment(
  actor: Actor,
  item: { before?: SelfAssessmentRecord; after: SelfAssessmentRecord },
  set: { before?: SelfAssessmentSetRecord; created: SelfAssessmentSetRecord },
  usedUploads: readonly SelfUploadRecord[],
  at: string,
): Promise<void> {
  const { regionId, cycleId, unitId, indicatorId } = item.after;
  const delta = { saved: item.before ? 0 : 1, complete: Number(item.after.complete) - Number(item.before?.complete ?? false) };
  await commit(
    actor,
    { action: 'self.save', target: `self:${regionId}/${cycleId}/${unitId}/${indicatorId}`, before: item.before, after: item.after },
    [
      atStage(regionId, cycleId, SELF_STAGES),
      putIf(selfEntity.item(item.after), item.before?.version),
      setOnSave(set.before, set.created, delta, actor.username, at),
      ...usedUploads.map((u): TransactItem => ({ Delete: { TableName: tableName(), Key: keys.selfUpload(u.regionId, u.cycleId, u.unitId, u.fileId), ConditionExpression: 'attribute_exists(pk)' } })),
    ],
    at,
    stale(),
  );
}

/** Records a signed upload (audited): the item that references the file later confirms and removes it. */
export async function storeSelfUpload(actor: Actor, upload: SelfUploadRecord, at: string): Promise<void> {
  const { regionId, cycleId, unitId, indicatorId } = upload;
  await commit(
    actor,
    { action: 'self.evidence.sign', target: `self:${regionId}/${cycleId}/${unitId}/${indicatorId}`, after: { fileId: upload.fileId, name: upload.name, contentType: upload.contentType, size: upload.size, sha256: upload.sha256 } },
    [atStage(regionId, cycleId, SELF_STAGES), { Put: { TableName: tableName(), Item: selfUploadEntity.item(upload), ConditionExpression: 'attribute_not_exists(pk)' } }],
    at,
    stale(),
  );
}

/**
 * Moves the set (submit, approve, return): the set version-checked against what was read, at one of
 * `stages`, with the checks and notices of the move (duty lock, notices) in the same transaction.
 */
export async function storeSelfSetMove(
  actor: Actor,
  move: { action: Change['action']; before: SelfAssessmentSetRecord; after: SelfAssessmentSetRecord; stages: readonly StageCode[]; extra: TransactItem[]; detail?: unknown },
  at: string,
): Promise<void> {
  const { before, after } = move;
  await commit(
    actor,
    {
      action: move.action,
      target: `self:${after.regionId}/${after.cycleId}/${after.unitId}`,
      before: { status: before.status, version: before.version },
      after: { status: after.status, ...(after.returnReason ? { returnReason: after.returnReason } : {}), ...(after.late ? { late: true } : {}), ...(move.detail ? { detail: move.detail } : {}) },
    },
    [atStage(after.regionId, after.cycleId, move.stages), putIf(selfSetItem(after, at), before.version), ...move.extra],
    at,
    stale(),
  );
}
