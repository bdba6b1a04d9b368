// Each test file works in a table of its own on the shared DynamoDB Local.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ensureTable } from '../../cdk/local/dynamodb-local.ts';

export async function useFreshTable(): Promise<string> {
  const endpoint = inject('dynamoEndpoint');
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(endpoint)) throw new Error(`refusing a non-loopback DynamoDB endpoint: ${endpoint}`);
  const table = `test-${randomUUID()}`;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME = table;
  await ensureTable(endpoint, table);
  return table;
}
