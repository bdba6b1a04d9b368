// Every write goes through `commit`: one transaction that carries the change and its audit entry,
// so a change is never stored without its record and a failed check leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { ConflictError } from '../domain/errors.ts';
import { documentClient, tableName } from './client.ts';
import { auditEntity } from './audit.ts';

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

export async function commit(
  actor: Actor,
  change: Change,
  items: TransactItem[],
  at: string,
  conflictMessage = t('数据已被他人修改，请刷新后重试', 'Someone else changed this data; please refresh and try again'),
): Promise<void> {
  const id = randomUUID();
  const audit: TransactItem = {
    Put: {
      TableName: tableName(),
      // Append-only (security.md M8): an entry is never overwritten; IAM denies updates and deletes.
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: auditEntity.item({ id, regionId: actor.regionId, at, actor: actor.username, role: actor.role, unitId: actor.unitId, ...change }),
    },
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await documentClient().send(new TransactWriteCommand({ TransactItems: [...items, audit] }));
      return;
    } catch (e) {
      if ((e as Error).name !== 'TransactionCanceledException') throw e;
      const codes = ((e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code);
      if (codes.includes('ConditionalCheckFailed')) throw new ConflictError(conflictMessage);
      // Another transaction held one of the items: nothing was written, so the same write is tried again.
      if (!codes.includes('TransactionConflict')) throw e;
      if (attempt === CONFLICT_RETRIES) throw new ConflictError(t('数据正被他人同时修改，请稍后重试', 'Someone is changing the same data right now; please try again'));
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 30));
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
