// A set move (submit, approve, return) over more goals than one transaction holds (DynamoDB takes
// 100 items). The user is promised all or nothing, so the set is the move's commit point:
// 1. lock — the set records the whole move (`moving`: its new state, each goal's change, the notice)
//    in one commit with the stage check and guards, on the version read. While it is there no save,
//    removal or other move passes (they require a set without `moving`);
// 2. goals — in chunks, each goal on the version read, or already carrying the move's token (so a
//    chunk run twice changes nothing);
// 3. unlock — the set takes its new state and the notice is written, on the token.
// A move cut short (the Lambda stopped between steps) is finished by `finishMove` on the next write
// to that set: nothing of it is lost and nothing is done twice. Reads meanwhile see the set as moving.
import { randomUUID } from 'node:crypto';
import { t } from '../contracts/lang.ts';
import type { StageCode } from '../domain/stages.ts';
import type { GoalRecord, GoalSetRecord, SetMoving } from '../model/goal.ts';
import { tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { atStage, goalItem, goalSetItem, MAX_GOALS_PER_MOVE, readUnitGoals, storeSetMove } from './goals.ts';
import { keys } from './keys.ts';

/** Goals per transaction in step 2 (the audit takes two of the 100). */
const GOALS_PER_CHUNK = 98;

const stale = () => t('目标已被他人修改，或周期已不在目标阶段，请刷新后重试', 'Someone else changed these goals, or the cycle has left the goal stages; please refresh and try again');

/** What changes in a goal when its set moves: status and return bookkeeping. */
const patchOf = (g: GoalRecord) => ({
  status: g.status,
  ...(g.returnReason !== undefined ? { returnReason: g.returnReason, returnedAt: g.returnedAt, returnedAs: g.returnedAs } : {}),
});

export interface StagedMove {
  action: string;
  set: { before: GoalSetRecord; after: GoalSetRecord };
  goals: { before: GoalRecord; after: GoalRecord }[];
  stages: readonly StageCode[];
  notice: Record<string, unknown>;
  at: string;
  detail: unknown;
  guards: TransactItem[];
}

/** Moves a set: in one commit when its goals fit one transaction, else staged (steps 1–3). Same terms either way. */
export async function storeMove(
  actor: Actor,
  action: string,
  set: { before: GoalSetRecord; after: GoalSetRecord },
  goals: { before: GoalRecord; after: GoalRecord }[],
  stages: readonly StageCode[],
  notice: Record<string, unknown>,
  at: string,
  detail: unknown,
  guards: TransactItem[] = [],
): Promise<void> {
  if (goals.length <= MAX_GOALS_PER_MOVE) return storeSetMove(actor, action, set, goals, stages, notice, at, detail, guards);
  return storeStagedMove(actor, { action, set, goals, stages, notice, at, detail, guards });
}

/** A unit's set and goals to write on: a staged move cut short is finished first (and read again). */
export async function readSettledGoals(actor: Actor, regionId: string, cycleId: string, unitId: string) {
  const read = await readUnitGoals(regionId, cycleId, unitId);
  if (!read.set?.moving) return read;
  await finishMove(actor, { ...read.set, moving: read.set.moving });
  return readUnitGoals(regionId, cycleId, unitId);
}

/** Steps 1–3 for a move too large for one transaction. */
export async function storeStagedMove(actor: Actor, move: StagedMove): Promise<void> {
  const { set, at } = move;
  const { regionId, cycleId, unitId } = set.after;
  const moving: SetMoving = {
    token: randomUUID(),
    action: move.action,
    at,
    by: actor.username,
    after: set.after,
    goals: move.goals.map((g) => ({ indicatorId: g.after.indicatorId, fromVersion: g.before.version, ...patchOf(g.after) })),
    notice: move.notice,
    detail: move.detail,
  };
  await commit(
    actor,
    { action: `${move.action}.begin`, target: `goals:${regionId}/${cycleId}/${unitId}`, before: { status: set.before.status, version: set.before.version }, after: { status: set.after.status, goals: move.goals.length } },
    [
      atStage(regionId, cycleId, move.stages),
      {
        Update: {
          TableName: tableName(),
          Key: keys.goalSet(regionId, cycleId, unitId),
          UpdateExpression: 'SET moving = :moving',
          ConditionExpression: 'version = :v AND attribute_not_exists(moving)',
          ExpressionAttributeValues: { ':moving': moving, ':v': set.before.version },
        },
      },
      ...move.guards,
    ],
    at,
    stale(),
  );
  await finishMove(actor, { ...set.before, moving });
}

/** Steps 2–3 of a recorded move: the goals still at their old version, then the set and the notice. */
export async function finishMove(actor: Actor, set: GoalSetRecord & { moving: SetMoving }): Promise<void> {
  const { moving } = set;
  const { regionId, cycleId, unitId } = set;
  const { goals } = await readUnitGoals(regionId, cycleId, unitId);
  const byId = new Map(goals.map((g) => [g.indicatorId, g]));
  const pending = moving.goals.filter((m) => byId.get(m.indicatorId)?.moveToken !== moving.token);
  for (let i = 0; i < pending.length; i += GOALS_PER_CHUNK) {
    const chunk = pending.slice(i, i + GOALS_PER_CHUNK);
    await commit(
      actor,
      { action: `${moving.action}.goals`, target: `goals:${regionId}/${cycleId}/${unitId}`, after: { goals: chunk.map((m) => m.indicatorId) } },
      chunk.map((m): TransactItem => {
        const before = byId.get(m.indicatorId);
        if (!before) throw new Error(`goal ${m.indicatorId} of a recorded move is gone`);
        const { indicatorId: _, fromVersion, ...patch } = m;
        const after: GoalRecord = { ...before, ...patch, moveToken: moving.token, version: fromVersion + 1, updatedAt: moving.at, updatedBy: moving.by };
        return { Put: { TableName: tableName(), Item: goalItem(after), ConditionExpression: 'version = :v OR moveToken = :token', ExpressionAttributeValues: { ':v': fromVersion, ':token': moving.token } } };
      }),
      moving.at,
      stale(),
    );
  }
  await commit(
    actor,
    { action: moving.action, target: `goals:${regionId}/${cycleId}/${unitId}`, before: { status: set.status, version: set.version }, after: { status: moving.after.status, version: moving.after.version, goals: moving.goals.length, ...(moving.detail ? { detail: moving.detail } : {}) } },
    [
      { Put: { TableName: tableName(), Item: goalSetItem(moving.after, moving.at), ConditionExpression: 'moving.#token = :token', ExpressionAttributeNames: { '#token': 'token' }, ExpressionAttributeValues: { ':token': moving.token } } },
      { Put: { TableName: tableName(), Item: moving.notice } },
    ],
    moving.at,
    stale(),
  );
}
