// Every write goes through `commit`: one transaction that carries the change, its audit entry and the
// head of the audit chain the entry joins (functions/data/audit.ts explains the chain), so a change is
// never stored without its record, a failed check leaves nothing behind, and no two entries take one
// place in a chain. Two items of every transaction are the audit's: a change has at most 98.
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { ConflictError } from '../domain/errors.ts';
import { documentClient, tableName } from './client.ts';
import { auditEntity, auditHeadEntity, readHead, seal } from './audit.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Who made a change: a person (from the token) or the system itself (workflow, daily job). */
export interface Actor {
  username: string;
  role: string;
  regionId: string;
  unitId?: string;
}

export interface Change {
  /** What was done, e.g. `cycle.create`. */
  action: string;
  /** What it was done to, e.g. `cycle:450900/2025`. */
  target: string;
  before?: unknown;
  after?: unknown;
}

/** Tries of a transaction that met another one on the same items, before answering 409. */
const CONFLICT_RETRIES = 3;
/**
 * Tries after another writer took the audit chain's next place first (its head moved on): the entry is
 * sealed again on the new head. Only writers on the same region, date and shard meet there (1 in 8 of
 * a region's concurrent writes), so this bound is far from reached; it is not the user's conflict.
 */
const HEAD_RETRIES = 30;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function commit(
  actor: Actor,
  change: Change,
  items: TransactItem[],
  at: string,
  conflictMessage = t('数据已被他人修改，请刷新后重试', 'Someone else changed this data; please refresh and try again'),
): Promise<void> {
  const record = { id: randomUUID(), regionId: actor.regionId, at, actor: actor.username, role: actor.role, unitId: actor.unitId, ...change };
  // The entry joins its chain (functions/data/audit.ts): sealed on the head read here, the head moved
  // on in the same transaction, conditioned on the place it was read at.
  let head = await readHead(record.regionId, at, record.id);
  const headIndex = items.length + 1;
  let conflicts = 0;
  for (let headTries = 0; ; ) {
    const sealed = seal(record, head);
    const audit: TransactItem = {
      Put: {
        TableName: tableName(),
        // Append-only (security.md M8): an entry is never overwritten; IAM denies updates and deletes.
        ConditionExpression: 'attribute_not_exists(pk)',
        Item: auditEntity.item(sealed.entry),
      },
    };
    const nextHead: TransactItem = {
      Put: {
        TableName: tableName(),
        Item: auditHeadEntity.item(sealed.head),
        ...(head ? { ConditionExpression: 'seq = :seq', ExpressionAttributeValues: { ':seq': head.seq } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    };
    try {
      await documentClient().send(new TransactWriteCommand({ TransactItems: [...items, audit, nextHead] }));
      return;
    } catch (e) {
      if ((e as Error).name !== 'TransactionCanceledException') throw e;
      const codes = ((e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code);
      const own = codes.slice(0, headIndex);
      if (own.includes('ConditionalCheckFailed')) throw new ConflictError(conflictMessage);
      if (own.includes('TransactionConflict')) {
        // Another transaction held one of the change's items: nothing was written, so the same write is tried again.
        if (++conflicts === CONFLICT_RETRIES) throw new ConflictError(t('数据正被他人同时修改，请稍后重试', 'Someone is changing the same data right now; please try again'));
        await pause(20 * conflicts + Math.random() * 30);
        head = await readHead(record.regionId, at, record.id);
        continue;
      }
      const atHead = codes[headIndex];
      if (atHead !== 'ConditionalCheckFailed' && atHead !== 'TransactionConflict') throw e;
      // Another entry took this place in the chain first: seal on the head as it is now.
      if (++headTries === HEAD_RETRIES) throw new ConflictError(t('操作日志正忙，请稍后重试', 'The audit log is busy; please try again'));
      if (atHead === 'TransactionConflict') await pause(Math.random() * 10 * Math.min(headTries, 5));
      head = await readHead(record.regionId, at, record.id);
    }
  }
}

/** The table name on every item of a transaction, so callers only write keys and values. */
export const put = (Item: Record<string, unknown>, ConditionExpression?: string): TransactItem => ({
  Put: { TableName: tableName(), Item, ...(ConditionExpression ? { ConditionExpression } : {}) },
});

export const update = (
  Key: Record<string, unknown>,
  UpdateExpression: string,
  values: Record<string, unknown>,
  ConditionExpression?: string,
  names?: Record<string, string>,
): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key,
    UpdateExpression,
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    ...(names ? { ExpressionAttributeNames: names } : {}),
    ...(ConditionExpression ? { ConditionExpression } : {}),
  },
});
