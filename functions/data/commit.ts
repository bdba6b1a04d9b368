// Every write goes through `commit`: one transaction that carries the change and its audit entry,
// so a change is never stored without its record and a failed check leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors.ts';
import { documentClient, tableName } from './client.ts';
import { keys } from './keys.ts';

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

export async function commit(
  actor: Actor,
  change: Change,
  items: TransactItem[],
  at: string,
  conflictMessage = '数据已被他人修改，请刷新后重试',
): Promise<void> {
  const id = randomUUID();
  const audit: TransactItem = {
    Put: {
      TableName: tableName(),
      // Append-only (security.md M8): an entry is never overwritten; IAM denies updates and deletes.
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: {
        ...keys.audit(actor.regionId, at, id),
        entity: 'audit',
        id,
        at,
        actor: actor.username,
        role: actor.role,
        unitId: actor.unitId,
        ...change,
      },
    },
  };
  try {
    await documentClient().send(new TransactWriteCommand({ TransactItems: [...items, audit] }));
  } catch (e) {
    if ((e as Error).name === 'TransactionCanceledException') {
      const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) throw new ConflictError(conflictMessage);
    }
    throw e;
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
