// Query helpers: the table name filled in, and pages followed where a caller needs every item.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';

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

/** One page, with an opaque cursor for the next. */
export async function queryPage(
  input: QueryInput,
  limit: number,
  cursor?: string,
): Promise<{ items: Record<string, unknown>[]; nextCursor?: string }> {
  const page = await documentClient().send(
    new QueryCommand({
      ...input,
      TableName: tableName(),
      Limit: limit,
      ExclusiveStartKey: cursor ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined,
    }),
  );
  return {
    items: (page.Items ?? []) as Record<string, unknown>[],
    nextCursor: page.LastEvaluatedKey ? Buffer.from(JSON.stringify(page.LastEvaluatedKey)).toString('base64url') : undefined,
  };
}
