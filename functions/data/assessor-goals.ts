// Goals written for many units at once (an assessor unit's table of a common indicator, a sheet
// import): the goals of an assessor unit read from its worklist (gsi2, keys.assessorWork), the goals
// and sets a batch touches read consistently in one BatchGet per 100 keys, and the writes packed into
// as few transactions as DynamoDB allows (100 items: each goal, each unit's set once, the stage check
// and the audit's two), every goal and set conditioned on the version read.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { DomainError } from '../domain/errors.ts';
import type { StageCode } from '../domain/stages.ts';
import type { GoalRecord, GoalSetRecord } from '../model/goal.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { atStage, goalEntity, goalItem, goalSetEntity, goalSetItem, putIf } from './goals.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

/** Every goal listed in an assessor unit's worklist of the cycle: one Query of gsi2 (eventually consistent). */
export async function listAssessorGoals(regionId: string, cycleId: string, assessorUnitId: string): Promise<GoalRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.assessorWorkPartition(regionId, cycleId, assessorUnitId) },
  });
  return items.filter(goalEntity.is).map(goalEntity.parse);
}

/** Consistent reads of items by key, 100 per BatchGetItem, unprocessed keys asked again. */
export async function batchGet(Keys: { pk: string; sk: string }[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < Keys.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = Keys.slice(i, i + 100);
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > 8) throw new Error('BatchGetItem left keys unprocessed');
      const res = await documentClient().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
      out.push(...((res.Responses?.[tableName()] ?? []) as Record<string, unknown>[]));
      pending = res.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined;
      if (pending?.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
  return out;
}

/** The sets of `unitIds` and their goals of `pairs`, read consistently, by unit and by `unit|indicator`. */
export async function readGoalsOf(regionId: string, cycleId: string, pairs: readonly { unitId: string; indicatorId: string }[]) {
  const unitIds = [...new Set(pairs.map((p) => p.unitId))];
  const items = await batchGet([...unitIds.map((u) => keys.goalSet(regionId, cycleId, u)), ...pairs.map((p) => keys.goal(regionId, cycleId, p.unitId, p.indicatorId))]);
  const sets = new Map<string, GoalSetRecord>();
  const goals = new Map<string, GoalRecord>();
  for (const item of items) {
    if (goalSetEntity.is(item)) {
      const s = goalSetEntity.parse(item);
      sets.set(s.unitId, s);
    } else if (goalEntity.is(item)) {
      const g = goalEntity.parse(item);
      goals.set(`${g.unitId}|${g.indicatorId}`, g);
    }
  }
  return { sets, goals };
}

/** One unit's part of a batch: its set as read (none yet) and after, and its goals as read and after. */
export interface UnitWrite {
  set: { before?: GoalSetRecord; after: GoalSetRecord };
  goals: { before?: GoalRecord; after: GoalRecord }[];
}

/** Items of a transaction beside the units' items: the stage check and the audit entry with its chain head. */
const FIXED_ITEMS = 3;
const MAX_ITEMS = 100;

/** The set written with the batch: created, or its counts and version moved, only if it is as read and with the unit. */
function setWrite(set: UnitWrite['set'], by: string, at: string): TransactItem {
  if (!set.before) return putIf(goalSetItem(set.after, at), undefined);
  const { regionId, cycleId, unitId } = set.after;
  return {
    Update: {
      TableName: tableName(),
      Key: keys.goalSet(regionId, cycleId, unitId),
      UpdateExpression: 'SET counts = :counts, updatedAt = :at, updatedBy = :by, version = :next',
      // Not while a staged move (data/goal-moves.ts) holds the set.
      ConditionExpression: 'version = :v AND #status IN (:draft, :returned) AND attribute_not_exists(moving)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':counts': set.after.counts, ':at': at, ':by': by, ':next': set.after.version, ':v': set.before.version, ':draft': 'draft', ':returned': 'returned' },
    },
  };
}

/** Units packed into transactions in order, each unit whole in one (a unit takes 1 + its goals items). */
export function packUnits<W extends { goals: unknown[] }>(writes: readonly W[], room = MAX_ITEMS - FIXED_ITEMS): W[][] {
  const chunks: W[][] = [];
  let used = room;
  for (const w of writes) {
    const size = 1 + w.goals.length;
    if (size > room) throw new DomainError(422, 'TOO_MANY_GOALS', t(`一个单位一次最多写入 ${room - 1} 项目标`, `At most ${room - 1} goals of one unit are written at once`));
    if (used + size > room) {
      chunks.push([]);
      used = 0;
    }
    chunks.at(-1)!.push(w);
    used += size;
  }
  return chunks;
}

const stale = () => t('有单位的目标已被他人修改、已报送，或周期已不在目标制定阶段，请刷新后重试', 'A unit’s goals were changed by someone else or submitted, or the cycle has left goal setting; please refresh and try again');

/** Deletes the item if it still has `version` (ours), else refuses the transaction. */
const deleteIf = (Key: { pk: string; sk: string }, version: number): TransactItem => ({
  Delete: { TableName: tableName(), Key, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } },
});

/** The fields `setWrite` moved, put back (its queue keys were never touched). */
function setUndo(before: GoalSetRecord, ours: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.goalSet(before.regionId, before.cycleId, before.unitId),
      UpdateExpression: 'SET counts = :counts, updatedAt = :at, updatedBy = :by, version = :v',
      ConditionExpression: 'version = :ours',
      ExpressionAttributeValues: { ':counts': before.counts, ':at': before.updatedAt, ':by': before.updatedBy, ':v': before.version, ':ours': ours },
    },
  };
}

/** A written chunk taken back: each goal and set to what was read (or gone, if there was none), only where it is still ours. */
function undoItems(chunk: readonly UnitWrite[]): TransactItem[] {
  return chunk.flatMap((w) => {
    const { regionId, cycleId, unitId } = w.set.after;
    return [
      w.set.before ? setUndo(w.set.before, w.set.after.version) : deleteIf(keys.goalSet(regionId, cycleId, unitId), w.set.after.version),
      ...w.goals.map((g) => (g.before ? putIf(goalItem(g.before), g.after.version) : deleteIf(keys.goal(regionId, cycleId, g.after.unitId, g.after.indicatorId), g.after.version))),
    ];
  });
}

/**
 * Writes the batch in as few transactions as the item limit allows, each one commit with its audit
 * entry. The caller has checked every row first, so a transaction is refused only when someone wrote
 * in the meantime: then the chunks already written are taken back (newest first, each audited as
 * `<action>.undo`), and the user gets the all-or-nothing the page promises — a 409 with nothing saved.
 * Should one of those goals have been changed again within that moment, it is left as it is and the
 * 409 says how many units kept this batch's values. (A Lambda stopped between chunks is not covered.)
 */
export async function storeUnitWrites(actor: Actor, action: string, target: string, writes: readonly UnitWrite[], stages: readonly StageCode[], at: string): Promise<number> {
  const chunks = packUnits(writes);
  const done: UnitWrite[][] = [];
  for (const chunk of chunks) {
    const { regionId, cycleId } = chunk[0]!.set.after;
    const items: TransactItem[] = [atStage(regionId, cycleId, stages)];
    for (const w of chunk) {
      items.push(setWrite(w.set, actor.username, at));
      for (const g of w.goals) items.push(putIf(goalItem(g.after), g.before?.version));
    }
    const detail = chunk.flatMap((w) => w.goals.map((g) => ({ unitId: g.after.unitId, indicatorId: g.after.indicatorId, version: g.after.version })));
    try {
      await commit(actor, { action, target, after: { goals: detail, ...(chunks.length > 1 ? { part: `${chunks.indexOf(chunk) + 1}/${chunks.length}` } : {}) } }, items, at, stale());
    } catch (e) {
      if (done.length && e instanceof DomainError && e.statusCode === 409) await undo(actor, action, target, done, at);
      throw e;
    }
    done.push(chunk);
  }
  return chunks.length;
}

async function undo(actor: Actor, action: string, target: string, done: UnitWrite[][], at: string): Promise<void> {
  let kept = 0;
  for (const chunk of [...done].reverse()) {
    try {
      const detail = chunk.map((w) => w.set.after.unitId);
      await commit(actor, { action: `${action}.undo`, target, after: { units: detail } }, undoItems(chunk), at, stale());
    } catch (e) {
      if (!(e instanceof DomainError && e.statusCode === 409)) throw e;
      kept += chunk.length;
    }
  }
  if (kept) throw new DomainError(409, 'CONFLICT', t(`${stale()}（其中 ${kept} 个单位的目标在此期间又被修改，保留为本次保存的内容，请核对）`, `${stale()} (${kept} units were changed again meanwhile and keep this save's values; please check them)`));
}
