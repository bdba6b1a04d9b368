// A unit's goals and goal set in the cycle's work partition (keys.goal, keys.goalSet). A goal is
// listed in its leaf's assessor unit's worklist (gsi2, keys.assessorWork); a set in the bureau's
// queue (gsi3, keys.queue, gsi3sk = status#time the set entered it#unit). Every change is one
// commit: the goal or goals, the set (version-checked), the stage check and the notice it sends.
import { t } from '../contracts/lang.ts';
import { DomainError } from '../domain/errors.ts';
import { stageNumber, type StageCode } from '../domain/stages.ts';
import { goalRecord, goalSetRecord, type GoalRecord, type GoalSetRecord, type GoalStatus } from '../model/goal.ts';
import { tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export const goalEntity = entity('goal', goalRecord, (g) => keys.goal(g.regionId, g.cycleId, g.unitId, g.indicatorId));
export const goalSetEntity = entity('goalSet', goalSetRecord, (s) => keys.goalSet(s.regionId, s.cycleId, s.unitId));

/** A goal with its place in its assessor unit's worklist. */
export const goalItem = (g: GoalRecord) =>
  goalEntity.item(g, g.assessorUnitId ? keys.assessorWork(g.regionId, g.cycleId, g.assessorUnitId, g.status, g.unitId, g.indicatorId) : {});

/** A set with its place in the bureau's queue: `since` is when it entered its status. */
export const goalSetItem = (s: GoalSetRecord, since: string) => goalSetEntity.item(s, keys.queue(s.regionId, s.cycleId, 'GOAL', s.status, since, s.unitId));

/** A unit's set and goals: one Query of its GOAL# items (consistent, so a save is seen by the next read). */
export async function readUnitGoals(regionId: string, cycleId: string, unitId: string): Promise<{ set?: GoalSetRecord; goals: GoalRecord[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('GOAL', unitId) },
    ConsistentRead: true,
  });
  const setItem = items.find(goalSetEntity.is);
  return { ...(setItem ? { set: goalSetEntity.parse(setItem) } : {}), goals: items.filter(goalEntity.is).map(goalEntity.parse) };
}

/** Every unit's set of the cycle: one Query of the bureau's queue (all statuses; a page per 1 MB, about 3,000 sets). */
export async function listGoalSets(regionId: string, cycleId: string): Promise<GoalSetRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.queuePartition(regionId, cycleId, 'GOAL') },
  });
  return items.map(goalSetEntity.parse);
}

/** The cycle is open and at one of `stages`, checked inside the transaction. */
export function atStage(regionId: string, cycleId: string, stages: readonly StageCode[]): TransactItem {
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

export const putIf = (Item: Record<string, unknown>, readVersion: number | undefined): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item,
    ...(readVersion === undefined ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': readVersion } }),
  },
});

const stale = () => t('目标已被他人修改，或周期已不在目标制定阶段，请刷新后重试', 'Someone else changed these goals, or the cycle has left goal setting; please refresh and try again');

/**
 * Saves one goal (new when `before` is undefined) while the set is with the unit and the cycle is at
 * one of `stages` (domain goalWorkStages). The set is created with the first goal, else its version and counts move with the save.
 */
export async function storeGoal(
  actor: Actor,
  goal: GoalRecord,
  before: GoalRecord | undefined,
  set: GoalSetRecord | undefined,
  newSet: GoalSetRecord,
  at: string,
  stages: readonly StageCode[],
): Promise<void> {
  const setWrite: TransactItem = set
    ? {
        Update: {
          TableName: tableName(),
          Key: keys.goalSet(goal.regionId, goal.cycleId, goal.unitId),
          ...setUpdate(before?.status, goal.status, actor.username, at),
        },
      }
    : putIf(goalSetItem(newSet, at), undefined);
  await commit(
    actor,
    { action: 'goal.save', target: `goal:${goal.regionId}/${goal.cycleId}/${goal.unitId}/${goal.indicatorId}`, before, after: goal },
    [atStage(goal.regionId, goal.cycleId, stages), putIf(goalItem(goal), before?.version), setWrite],
    at,
    stale(),
  );
}

/**
 * The set's part of a goal save or removal: bump its version, move the goal between counts (`from`
 * undefined: a new goal; `to` undefined: a goal removed), only while the set is with the unit.
 */
function setUpdate(from: GoalStatus | undefined, to: GoalStatus | undefined, by: string, at: string) {
  const moves = from !== to;
  const counts = moves ? [...(from ? [`counts.#from :minus`] : []), ...(to ? [`counts.#to :one`] : [])] : [];
  return {
    UpdateExpression: `SET updatedAt = :at, updatedBy = :by ADD version :one${counts.length ? `, ${counts.join(', ')}` : ''}`,
    // Not while a staged move (data/goal-moves.ts) holds the set.
    ConditionExpression: '#status IN (:draft, :returned) AND attribute_not_exists(moving)',
    ExpressionAttributeNames: { '#status': 'status', ...(moves && to ? { '#to': to } : {}), ...(moves && from ? { '#from': from } : {}) },
    ExpressionAttributeValues: { ':at': at, ':by': by, ':one': 1, ':draft': 'draft', ':returned': 'returned', ...(moves && from ? { ':minus': -1 } : {}) },
  };
}

/** Removes a goal the unit no longer wants (one the plan in force no longer has, say), on the same terms as a save. */
export async function removeGoal(actor: Actor, goal: GoalRecord, at: string, stages: readonly StageCode[]): Promise<void> {
  const { regionId, cycleId, unitId, indicatorId } = goal;
  await commit(
    actor,
    { action: 'goal.remove', target: `goal:${regionId}/${cycleId}/${unitId}/${indicatorId}`, before: goal },
    [
      atStage(regionId, cycleId, stages),
      { Delete: { TableName: tableName(), Key: keys.goal(regionId, cycleId, unitId, indicatorId), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': goal.version } } },
      { Update: { TableName: tableName(), Key: keys.goalSet(regionId, cycleId, unitId), ...setUpdate(goal.status, undefined, actor.username, at) } },
    ],
    at,
    stale(),
  );
}

/** The set as moved, on the version read and only when no staged move holds it. */
const setPutIf = (after: GoalSetRecord, readVersion: number, at: string): TransactItem => ({
  Put: { TableName: tableName(), Item: goalSetItem(after, at), ConditionExpression: 'version = :v AND attribute_not_exists(moving)', ExpressionAttributeValues: { ':v': readVersion } },
});

/** Items of one transaction beside the goals: set, stage check, notice, the late-submission guard (stage duties), and the audit's two. */
const OTHER_ITEMS = 6;
/** The most goals a set moves in one transaction (DynamoDB takes 100 items). */
export const MAX_GOALS_PER_MOVE = 100 - OTHER_ITEMS;

/**
 * Moves the set (submit, approve, return) with each goal whose status changes, all in one commit:
 * every goal and the set conditioned on the versions read, the stage checked, the notice written.
 */
export async function storeSetMove(
  actor: Actor,
  action: string,
  set: { before: GoalSetRecord; after: GoalSetRecord },
  goals: { before: GoalRecord; after: GoalRecord }[],
  stages: readonly StageCode[],
  notice: Record<string, unknown>,
  at: string,
  detail: unknown,
  /** Checks the move must still pass in the transaction (the late-submission lock of stage duties). */
  guards: TransactItem[] = [],
): Promise<void> {
  if (goals.length > MAX_GOALS_PER_MOVE) {
    throw new DomainError(
      422,
      'TOO_MANY_GOALS',
      t(`一次最多处理 ${MAX_GOALS_PER_MOVE} 项目标，本单位有 ${goals.length} 项`, `At most ${MAX_GOALS_PER_MOVE} goals move at once; this unit has ${goals.length}`),
    );
  }
  const { regionId, cycleId, unitId } = set.after;
  await commit(
    actor,
    { action, target: `goals:${regionId}/${cycleId}/${unitId}`, before: { status: set.before.status, version: set.before.version }, after: { status: set.after.status, version: set.after.version, ...(detail ? { detail } : {}) } },
    [atStage(regionId, cycleId, stages), setPutIf(set.after, set.before.version, at), ...goals.map((g) => putIf(goalItem(g.after), g.before.version)), { Put: { TableName: tableName(), Item: notice } }, ...guards],
    at,
    stale(),
  );
}
