// Query helpers: the table name filled in, and pages followed where a caller needs every item.
import { createHash } from 'node:crypto';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { ValidationError } from '../domain/errors.ts';
import { documentClient, tableName } from './client.ts';
import { TABLE } from './table.ts';

type QueryInput = Omit<QueryCommandInput, 'TableName'>;

export async function queryAll(input: QueryInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey }));
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

const KEY_NAMES = new Set<string>([TABLE.partitionKey, TABLE.sortKey, ...TABLE.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey])]);

/** What a cursor is bound to: the index and the values of the query that made it. */
const bindingOf = (input: QueryInput) =>
  createHash('sha256')
    .update(JSON.stringify([input.IndexName ?? '', input.KeyConditionExpression, input.ExpressionAttributeValues]))
    .digest('base64url')
    .slice(0, 16);

function encodeCursor(key: Record<string, unknown>, input: QueryInput): string {
  return Buffer.from(JSON.stringify({ k: key, b: bindingOf(input) })).toString('base64url');
}

/**
 * The start key a cursor holds, if it was made by this same query: a cursor from another query
 * (another partition, month or unit) or a forged one is refused, so a cursor can never point the
 * read anywhere the caller's own query would not go.
 */
function decodeCursor(cursor: string, input: QueryInput): Record<string, string> {
  const refuse = () => new ValidationError(t('翻页参数有误', 'Invalid page cursor'), [{ path: 'query.cursor', message: t('翻页游标无效或已过期，请从第一页重新开始', 'The cursor is not valid for this list; start again from the first page') }]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const { k, b } = (decoded ?? {}) as { k?: unknown; b?: unknown };
  if (b !== bindingOf(input) || !k || typeof k !== 'object' || Array.isArray(k)) throw refuse();
  const entries = Object.entries(k);
  if (!entries.length || entries.some(([name, v]) => !KEY_NAMES.has(name) || typeof v !== 'string' || v.length > 1024)) throw refuse();
  const partition = input.ExpressionAttributeValues?.[':pk'];
  const partitionKey = input.IndexName ? `${input.IndexName}pk` : TABLE.partitionKey;
  if ((k as Record<string, string>)[partitionKey] !== partition) throw refuse();
  return k as Record<string, string>;
}

/** One page, with an opaque cursor for the next (bound to this query: see decodeCursor). */
export async function queryPage(input: QueryInput, limit: number, cursor?: string): Promise<{ items: Record<string, unknown>[]; nextCursor?: string }> {
  const page = await documentClient().send(
    new QueryCommand({
      ...input,
      TableName: tableName(),
      Limit: limit,
      ExclusiveStartKey: cursor ? decodeCursor(cursor, input) : undefined,
    }),
  );
  return {
    items: (page.Items ?? []) as Record<string, unknown>[],
    nextCursor: page.LastEvaluatedKey ? encodeCursor(page.LastEvaluatedKey, input) : undefined,
  };
}
