// Cycles and their stages: one cycle item plus one item per stage, all in the region's partition,
// so a cycle with its whole timeline is one Query.
import { STAGE_COUNT, type StageDates } from '../domain/stages.ts';
import { ConflictError } from '../domain/errors.ts';
import { cycleRecord, stageRecord, type CycleRecord, type StageRecord } from '../model/cycle.ts';
import { tableName } from './client.ts';
import { commit, put, update, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { cycleIdOf, keys } from './keys.ts';
import { queryAll } from './query.ts';

export const cycleEntity = entity('cycle', cycleRecord, (c) => keys.cycle(c.regionId, c.cycleId));
export const stageEntity = entity('stage', stageRecord, (s) => keys.stage(s.regionId, s.cycleId, s.index));

export type CycleItem = CycleRecord;
export type StageItem = StageRecord;

export interface Cycle extends CycleItem {
  stages: StageItem[];
}

const cycleTarget = (c: { regionId: string; cycleId: string }) => `cycle:${c.regionId}/${c.cycleId}`;

function assemble(items: Record<string, unknown>[]): Cycle[] {
  const cycles = new Map<string, Cycle>();
  for (const item of items.filter(cycleEntity.is)) {
    const c = cycleEntity.parse(item);
    cycles.set(c.cycleId, { ...c, stages: [] });
  }
  for (const item of items.filter(stageEntity.is)) {
    const s = stageEntity.parse(item);
    cycles.get(s.cycleId)?.stages.push(s);
  }
  for (const c of cycles.values()) c.stages.sort((a, b) => a.index - b.index);
  return [...cycles.values()];
}

/** The cycle with exactly this id (its items' sort keys begin with its key); `consistent` reads the latest write. */
export async function getCycle(regionId: string, cycleId: string, consistent = false): Promise<Cycle | undefined> {
  const items = await queryAll({
    ConsistentRead: consistent,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.regionPartition(regionId), ':sk': keys.cycle(regionId, cycleId).sk },
  });
  return assemble(items).find((c) => c.cycleId === cycleId);
}

/** All cycles of a region with their stages, newest year first. */
export async function listCycles(regionId: string): Promise<Cycle[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.regionPartition(regionId), ':sk': keys.cyclePrefix },
  });
  return assemble(items).sort((a, b) => b.year - a.year);
}

/** Every open cycle of every region (sparse index): for the daily job and for resuming locally. */
export async function listOpenCycles(): Promise<{ regionId: string; cycleId: string; currentStage: number }[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.openCyclesPartition },
  });
  return items.map((i) => {
    const { regionId, cycleId, currentStage } = cycleEntity.parse(i);
    return { regionId, cycleId, currentStage };
  });
}

export interface NewCycle {
  year: number;
  name: string;
  stages: StageDates[];
}

export async function createCycle(actor: Actor, regionId: string, input: NewCycle, at: string): Promise<Cycle> {
  const cycleId = cycleIdOf(input.year);
  const cycle: CycleItem = {
    regionId,
    cycleId,
    year: input.year,
    name: input.name,
    currentStage: 1,
    status: 'open',
    createdAt: at,
    createdBy: actor.username,
    version: 1,
  };
  const stages: StageItem[] = input.stages.map((s, i) => ({ ...s, index: i + 1, regionId, cycleId }));
  await commit(
    actor,
    { action: 'cycle.create', target: cycleTarget(cycle), after: { ...cycle, stages: input.stages } },
    [
      put(cycleEntity.item(cycle, keys.openCycle(regionId, cycleId)), 'attribute_not_exists(pk)'),
      ...stages.map((s) => put(stageEntity.item(s))),
    ],
    at,
    `${input.year} 年度的考评周期已存在`,
  );
  return { ...cycle, stages };
}

/** Take back a cycle whose workflow could not be started (nothing else has touched it yet). */
export async function removeCycle(actor: Actor, cycle: Cycle, at: string): Promise<void> {
  const del = (Key: Record<string, unknown>, ConditionExpression?: string): TransactItem => ({
    Delete: { TableName: tableName(), Key, ...(ConditionExpression ? { ConditionExpression, ExpressionAttributeValues: { ':v': cycle.version } } : {}) },
  });
  await commit(
    actor,
    { action: 'cycle.remove', target: cycleTarget(cycle), before: { year: cycle.year, name: cycle.name } },
    [del(keys.cycle(cycle.regionId, cycle.cycleId), 'version = :v'), ...cycle.stages.map((s) => del(keys.stage(cycle.regionId, cycle.cycleId, s.index)))],
    at,
  );
}

/**
 * The bureau closes the current stage: the next stage becomes current (or the cycle closes after
 * the last). Guarded by the cycle's version and by the task token the workflow is waiting on.
 */
export async function advanceStage(actor: Actor, cycle: Cycle, taskToken: string, at: string): Promise<Cycle> {
  const index = cycle.currentStage;
  const last = index === STAGE_COUNT;
  const cycleUpdate = last
    ? update(
        keys.cycle(cycle.regionId, cycle.cycleId),
        'SET #status = :closed, closedAt = :at, version = version + :one REMOVE gsi1pk, gsi1sk',
        { ':closed': 'closed', ':at': at, ':one': 1, ':v': cycle.version, ':i': index },
        'version = :v AND currentStage = :i',
        { '#status': 'status' },
      )
    : update(
        keys.cycle(cycle.regionId, cycle.cycleId),
        'SET currentStage = :next, version = version + :one',
        { ':next': index + 1, ':one': 1, ':v': cycle.version, ':i': index },
        'version = :v AND currentStage = :i',
      );
  const stageUpdate = update(
    keys.stage(cycle.regionId, cycle.cycleId, index),
    'SET doneAt = :at, doneBy = :by REMOVE taskToken',
    { ':at': at, ':by': actor.username, ':t': taskToken },
    'taskToken = :t',
  );
  const after: Cycle = {
    ...cycle,
    version: cycle.version + 1,
    ...(last ? { status: 'closed' as const, closedAt: at } : { currentStage: index + 1 }),
    stages: cycle.stages.map((s) => (s.index === index ? { ...s, doneAt: at, doneBy: actor.username, taskToken: undefined } : s)),
  };
  await commit(
    actor,
    {
      action: 'stage.advance',
      target: cycleTarget(cycle),
      before: { currentStage: index, status: cycle.status, version: cycle.version },
      after: { currentStage: after.currentStage, status: after.status, version: after.version },
    },
    [cycleUpdate, stageUpdate],
    at,
  );
  return after;
}

/**
 * Undo an advance whose hand-over to the workflow failed, so the database and the workflow
 * agree again and the bureau can simply retry.
 */
export async function revertAdvance(actor: Actor, before: Cycle, taskToken: string, at: string): Promise<void> {
  const index = before.currentStage;
  const open = keys.openCycle(before.regionId, before.cycleId);
  await commit(
    actor,
    { action: 'stage.advance.revert', target: cycleTarget(before), after: { currentStage: index, version: before.version + 2 } },
    [
      update(
        keys.cycle(before.regionId, before.cycleId),
        'SET currentStage = :i, #status = :open, version = version + :one, gsi1pk = :gpk, gsi1sk = :gsk REMOVE closedAt',
        {
          ':i': index,
          ':open': 'open',
          ':one': 1,
          ':v': before.version + 1,
          ':gpk': open.gsi1pk,
          ':gsk': open.gsi1sk,
        },
        'version = :v',
        { '#status': 'status' },
      ),
      update(keys.stage(before.regionId, before.cycleId, index), 'SET taskToken = :t REMOVE doneAt, doneBy', { ':t': taskToken }),
    ],
    at,
  );
}

/** The workflow opened a stage (first time only; a resumed execution opens it again silently). */
export async function markStageOpened(actor: Actor, regionId: string, cycleId: string, index: number, at: string): Promise<boolean> {
  try {
    await commit(actor, { action: 'stage.open', target: `cycle:${regionId}/${cycleId}`, after: { stage: index, openedAt: at } }, [
      update(keys.stage(regionId, cycleId, index), 'SET openedAt = :at', { ':at': at }, 'attribute_exists(pk) AND attribute_not_exists(openedAt)'),
    ], at);
    return true;
  } catch (e) {
    if (e instanceof ConflictError) return false;
    throw e;
  }
}

/**
 * The workflow waits at the current stage: keep the token the bureau's advance must answer. A
 * replay with the token already kept writes nothing (no second audit entry) and answers false.
 */
export async function storeTaskToken(actor: Actor, regionId: string, cycleId: string, index: number, taskToken: string, at: string): Promise<boolean> {
  const check: TransactItem = {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.cycle(regionId, cycleId),
      ConditionExpression: 'currentStage = :i AND #status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':i': index, ':open': 'open' },
    },
  };
  try {
    await commit(
      actor,
      { action: 'stage.await', target: `cycle:${regionId}/${cycleId}`, after: { stage: index } },
      [check, update(keys.stage(regionId, cycleId, index), 'SET taskToken = :t', { ':t': taskToken }, 'attribute_exists(pk) AND (attribute_not_exists(taskToken) OR taskToken <> :t)')],
      at,
      `阶段 ${index} 不是该周期的当前阶段`,
    );
    return true;
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e;
    // Refused: either the stage is not current (still an error) or this token is already kept (a replay).
    const cycle = await getCycle(regionId, cycleId, true);
    const kept = cycle?.status === 'open' && cycle.currentStage === index && cycle.stages[index - 1]?.taskToken === taskToken;
    if (kept) return false;
    throw e;
  }
}

/**
 * Mark a stage once (a missed deadline, or the reminder before it) together with the notices it
 * sends; false when it was already marked.
 */
export async function markStageOnce(
  actor: Actor,
  stage: StageItem,
  mark: 'escalatedAt' | 'reminderSentAt',
  notices: Record<string, unknown>[],
  at: string,
): Promise<boolean> {
  const action = mark === 'escalatedAt' ? 'stage.escalate' : 'stage.remind';
  try {
    await commit(
      actor,
      { action, target: cycleTarget(stage), after: { stage: stage.index, deadline: stage.deadline, [mark]: at } },
      [
        update(keys.stage(stage.regionId, stage.cycleId, stage.index), `SET ${mark} = :at`, { ':at': at }, `attribute_not_exists(${mark})`),
        ...notices.map((n) => put(n)),
      ],
      at,
    );
    return true;
  } catch (e) {
    if (e instanceof ConflictError) return false;
    throw e;
  }
}
