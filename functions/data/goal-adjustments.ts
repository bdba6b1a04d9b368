// Goal adjustments (Art 11) in the cycle's work partition: a request (keys.goalAdjustment, in the
// bureau's queue on gsi3 by status), the goal's one open request (keys.goalAdjustmentOpen: a second
// is refused by its condition, not by a read), and the revisions an approval replaced
// (keys.goalRevision). Every move is one commit with its stage check, version checks and notices.
import { t } from '../contracts/lang.ts';
import { stageNumber, type StageCode } from '../domain/stages.ts';
import { adjustmentRecord, goalRevisionRecord, openAdjustmentRecord, type AdjustmentRecord, type GoalRevisionRecord } from '../model/goal-adjustment.ts';
import type { GoalRecord } from '../model/goal.ts';
import { tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { goalEntity, goalItem } from './goals.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export const adjustmentEntity = entity('goalAdjustment', adjustmentRecord, (a) => keys.goalAdjustment(a.regionId, a.cycleId, a.unitId, a.indicatorId, a.adjustmentId));
export const goalRevisionEntity = entity('goalRevision', goalRevisionRecord, (g) => keys.goalRevision(g.regionId, g.cycleId, g.unitId, g.indicatorId, g.revision));
const openEntity = entity('goalAdjustmentOpen', openAdjustmentRecord, (o) => keys.goalAdjustmentOpen(o.regionId, o.cycleId, o.unitId, o.indicatorId));

/** A request with its place in the bureau's queue (since: when it entered its status). */
export const adjustmentItem = (a: AdjustmentRecord, since: string) => adjustmentEntity.item(a, keys.queue(a.regionId, a.cycleId, 'ADJUST', a.status, since, a.unitId));

/** A unit's requests and the revisions approvals replaced (of one goal when `indicatorId` is given): one Query. */
export async function readAdjustments(regionId: string, cycleId: string, unitId: string, indicatorId?: string): Promise<{ requests: AdjustmentRecord[]; revisions: GoalRevisionRecord[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': `${keys.workPrefix('ADJUST', unitId)}${indicatorId === undefined ? '' : `${indicatorId}#`}` },
    ConsistentRead: true,
  });
  return { requests: items.filter(adjustmentEntity.is).map(adjustmentEntity.parse), revisions: items.filter(goalRevisionEntity.is).map(goalRevisionEntity.parse) };
}

/** Every request of the cycle: one Query of the bureau's queue (requests are few: at most one open per goal). */
export async function listAdjustments(regionId: string, cycleId: string): Promise<AdjustmentRecord[]> {
  const items = await queryAll({ IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': keys.queuePartition(regionId, cycleId, 'ADJUST') } });
  return items.map(adjustmentEntity.parse);
}

/** The approved goals an assessor unit assesses: one Query of its worklist (gsi2, approved# only). */
export async function listAssessedApproved(regionId: string, cycleId: string, assessorUnitId: string): Promise<GoalRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :approved)',
    ExpressionAttributeValues: { ':pk': keys.assessorWorkPartition(regionId, cycleId, assessorUnitId), ':approved': 'approved#' },
  });
  return items.map(goalEntity.parse);
}

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

/** The goal is still approved at the version the request was read against. */
const goalAt = (g: GoalRecord): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.goal(g.regionId, g.cycleId, g.unitId, g.indicatorId),
    ConditionExpression: 'version = :v AND #status = :approved',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':v': g.version, ':approved': 'approved' },
  },
});

const requestPut = (a: AdjustmentRecord, since: string, readVersion: number | undefined): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: adjustmentItem(a, since),
    ...(readVersion === undefined ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': readVersion } }),
  },
});

const openPut = (a: AdjustmentRecord): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: openEntity.item({ regionId: a.regionId, cycleId: a.cycleId, unitId: a.unitId, indicatorId: a.indicatorId, adjustmentId: a.adjustmentId }),
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

const openDelete = (a: AdjustmentRecord): TransactItem => ({
  Delete: {
    TableName: tableName(),
    Key: keys.goalAdjustmentOpen(a.regionId, a.cycleId, a.unitId, a.indicatorId),
    ConditionExpression: 'adjustmentId = :id',
    ExpressionAttributeValues: { ':id': a.adjustmentId },
  },
});

const target = (a: AdjustmentRecord) => `goalAdjustment:${a.regionId}/${a.cycleId}/${a.unitId}/${a.indicatorId}/${a.adjustmentId}`;
const staleMessage = () =>
  t(
    '目标或调整申请已被他人修改、该目标已有未办结的调整申请，或周期已不在可调整的阶段，请刷新后重试',
    'The goal or the request was changed by someone else, the goal already has an open adjustment request, or the cycle has left the stages of adjustment; please refresh and try again',
  );

/** A new request: the goal unchanged since read, no other open request of the goal, the notice to the bureau if it is sent on. */
export async function storeRequest(actor: Actor, request: AdjustmentRecord, goal: GoalRecord, stages: readonly StageCode[], notices: Record<string, unknown>[]): Promise<void> {
  await commit(
    actor,
    { action: 'goal.adjustment.request', target: target(request), after: request },
    [atStage(request.regionId, request.cycleId, stages), goalAt(goal), openPut(request), requestPut(request, request.updatedAt, undefined), ...notices.map((Item) => ({ Put: { TableName: tableName(), Item } }))],
    request.updatedAt,
    staleMessage(),
  );
}

/** A move that leaves the goal as it is (submit, reject, withdraw); the open marker goes when the request is done. */
export async function storeMove(actor: Actor, action: string, before: AdjustmentRecord, after: AdjustmentRecord, stages: readonly StageCode[] | undefined, notices: Record<string, unknown>[]): Promise<void> {
  const done = after.status !== 'draft' && after.status !== 'pending';
  await commit(
    actor,
    { action, target: target(after), before: { status: before.status, version: before.version }, after: { status: after.status, version: after.version, ...(after.opinion ? { opinion: after.opinion } : {}) } },
    [...(stages ? [atStage(after.regionId, after.cycleId, stages)] : []), requestPut(after, after.updatedAt, before.version), ...(done ? [openDelete(after)] : []), ...notices.map((Item) => ({ Put: { TableName: tableName(), Item } }))],
    after.updatedAt,
    staleMessage(),
  );
}

/**
 * An approval: the goal's next revision (version-checked), the revision it replaces kept, the request
 * decided, the open marker removed, the set's version moved on (still approved), the notices.
 */
export async function storeApproval(
  actor: Actor,
  before: AdjustmentRecord,
  after: AdjustmentRecord,
  goal: { before: GoalRecord; after: GoalRecord },
  stages: readonly StageCode[],
  notices: Record<string, unknown>[],
): Promise<void> {
  const at = after.updatedAt;
  const old = goal.before;
  const revision: GoalRevisionRecord = { ...old, revision: old.revision ?? 1, replacedAt: at, replacedBy: actor.username };
  const { regionId, cycleId, unitId } = old;
  await commit(
    actor,
    {
      action: 'goal.adjustment.approve',
      target: target(after),
      before: { status: before.status, version: before.version, goal: { revision: revision.revision, version: old.version } },
      after: { status: after.status, version: after.version, opinion: after.opinion, goal: goal.after },
    },
    [
      atStage(regionId, cycleId, stages),
      { Put: { TableName: tableName(), Item: goalItem(goal.after), ConditionExpression: 'version = :v AND #status = :approved', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':v': old.version, ':approved': 'approved' } } },
      { Put: { TableName: tableName(), Item: goalRevisionEntity.item(revision), ConditionExpression: 'attribute_not_exists(pk)' } },
      requestPut(after, at, before.version),
      openDelete(after),
      {
        Update: {
          TableName: tableName(),
          Key: keys.goalSet(regionId, cycleId, unitId),
          UpdateExpression: 'SET updatedAt = :at, updatedBy = :by ADD version :one',
          ConditionExpression: '#status = :approved',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':at': at, ':by': actor.username, ':one': 1, ':approved': 'approved' },
        },
      },
      ...notices.map((Item) => ({ Put: { TableName: tableName(), Item } })),
    ],
    at,
    staleMessage(),
  );
}
