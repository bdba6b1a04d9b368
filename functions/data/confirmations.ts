// A category's confirmation and freeze as stored (model/grade-decision.ts; rules in domain/confirmation.ts).
// The freeze state (keys.categoryFreeze) is the one thing every write that could change a confirmed
// category's results looks at: `assertNotFrozen` refuses with a clear message and returns a condition
// for the writer's own transaction, so a confirmation that lands between the read and the write still
// refuses it. Confirmation snapshots are one item per version, so reports read the confirmed results
// with one Query (`confirmedResults`) and earlier versions stay readable.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { ConflictError } from '../domain/errors.ts';
import { isFrozen, DECISION_STAGES } from '../domain/confirmation.ts';
import {
  categoryFreezeRecord,
  confirmationRecord,
  reopenRecord,
  type CategoryFreezeRecord,
  type ConfirmationRecord,
  type ReopenRecord,
} from '../model/grade-decision.ts';
import { getCategorySet } from './categories.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { atStage, putIf } from './goals.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export const freezeEntity = entity('categoryFreeze', categoryFreezeRecord, (f) => keys.categoryFreeze(f.regionId, f.cycleId, f.categoryId));
export const confirmationEntity = entity('resultConfirmation', confirmationRecord, (c) => keys.confirmation(c.regionId, c.cycleId, c.categoryId, c.version));
export const reopenEntity = entity('resultReopen', reopenRecord, (r) => keys.reopen(r.regionId, r.cycleId, r.categoryId, r.fromVersion, r.id));

/** Every category's freeze state of the cycle: one Query (small items, one per confirmed category). */
export async function listFreezes(regionId: string, cycleId: string): Promise<CategoryFreezeRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.categoryFreezePrefix },
    ConsistentRead: true,
  });
  return items.map(freezeEntity.parse);
}

export async function getFreeze(regionId: string, cycleId: string, categoryId: string): Promise<CategoryFreezeRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.categoryFreeze(regionId, cycleId, categoryId), ConsistentRead: true }));
  return res.Item ? freezeEntity.parse(res.Item) : undefined;
}

/** A transaction condition: the category is not confirmed (never confirmed, or reopened). */
export function notFrozen(regionId: string, cycleId: string, categoryId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.categoryFreeze(regionId, cycleId, categoryId),
      ConditionExpression: 'attribute_not_exists(pk) OR #status <> :confirmed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':confirmed': 'confirmed' },
    },
  };
}

export const frozenMessage = (names: string) =>
  t(
    `「${names}」的考评结果已由绩效办领导确认并冻结，不能再修改；如需更正，请由绩效办提出更正申请，经领导批准后形成新版本`,
    `The results of “${names}” are confirmed by the bureau leader and frozen; a correction must be proposed and approved as a new version`,
  );

/**
 * The one check for every write that could change results (scores, claims, vetoes, 复核 adjustments,
 * Art 23 decisions): refuses (409) when a unit's category is confirmed, and returns a condition per
 * category for the writer's transaction. One Query of the freeze states; the category set is read only
 * when something is confirmed. Units outside every category pass.
 */
export async function assertNotFrozen(regionId: string, cycleId: string, unitIds: readonly string[]): Promise<TransactItem[]> {
  const freezes = await listFreezes(regionId, cycleId);
  if (!freezes.length || !unitIds.length) return [];
  const set = await getCategorySet(regionId, cycleId);
  const wanted = new Set(unitIds);
  const categories = (set?.categories ?? []).filter((c) => c.units.some((u) => wanted.has(u.unitId)));
  const frozen = categories.filter((c) => isFrozen(freezes.find((f) => f.categoryId === c.categoryId)));
  if (frozen.length) throw new ConflictError(frozenMessage(frozen.map((c) => c.name).join('、')));
  return categories.filter((c) => freezes.some((f) => f.categoryId === c.categoryId)).map((c) => notFrozen(regionId, cycleId, c.categoryId));
}

/** The results as last confirmed (reports, the public notice): one Query, descending, Limit 1. */
export async function confirmedResults(regionId: string, cycleId: string, categoryId: string): Promise<ConfirmationRecord | undefined> {
  const res = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.confirmationSnapshotPrefix(categoryId) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = res.Items?.[0];
  return item ? confirmationEntity.parse(item) : undefined;
}

/** A category's history: every confirmed version and every reopen proposal, one Query. */
export async function confirmationHistory(regionId: string, cycleId: string, categoryId: string): Promise<{ confirmations: ConfirmationRecord[]; reopens: ReopenRecord[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.confirmationPrefix(categoryId) },
    ConsistentRead: true,
  });
  return { confirmations: items.filter(confirmationEntity.is).map(confirmationEntity.parse), reopens: items.filter(reopenEntity.is).map(reopenEntity.parse) };
}

export async function getReopen(regionId: string, cycleId: string, categoryId: string, fromVersion: number, id: string): Promise<ReopenRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.reopen(regionId, cycleId, categoryId, fromVersion, id), ConsistentRead: true }));
  return res.Item ? reopenEntity.parse(res.Item) : undefined;
}

const target = (regionId: string, cycleId: string, categoryId: string) => `results:${regionId}/${cycleId}/${categoryId}`;
const stale = () => t('确认情况已被他人修改，或周期已不在「等次评定」阶段，请刷新后重试', 'Someone else changed the confirmation, or the cycle is no longer in grading; please refresh and try again');

/**
 * Confirms a category: the freeze state moves to `after` (version-checked against `before`) and the
 * snapshot of this version is written, in one transaction, only while the cycle is at 等次评定.
 * `guards` are the writer's extra conditions (the results' versions it read).
 */
export async function storeConfirmation(actor: Actor, before: CategoryFreezeRecord | undefined, after: CategoryFreezeRecord, snapshot: ConfirmationRecord, guards: TransactItem[] = []): Promise<void> {
  await commit(
    actor,
    { action: 'result.confirm', target: target(after.regionId, after.cycleId, after.categoryId), after: { version: snapshot.version, counts: snapshot.counts, units: snapshot.units.length } },
    [atStage(after.regionId, after.cycleId, DECISION_STAGES), putIf(freezeEntity.item(after), before?.version), putIf(confirmationEntity.item(snapshot), undefined), ...guards],
    after.confirmedAt,
    stale(),
  );
}

/** A reopen proposal (with the freeze state naming it), or its decision: the state moves to reopened on approval. */
export async function storeReopen(actor: Actor, freeze: { before: CategoryFreezeRecord; after: CategoryFreezeRecord }, before: ReopenRecord | undefined, after: ReopenRecord, at: string): Promise<void> {
  const action = !before ? 'result.reopen.propose' : after.status === 'approved' ? 'result.reopen.approve' : 'result.reopen.reject';
  await commit(
    actor,
    { action, target: target(after.regionId, after.cycleId, after.categoryId), before, after },
    [atStage(after.regionId, after.cycleId, DECISION_STAGES), putIf(freezeEntity.item(freeze.after), freeze.before.version), putIf(reopenEntity.item(after), before?.version)],
    at,
    stale(),
  );
}
