// Markers of the demo data parts a local table has received (local stack only).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { keys } from './keys.ts';

export async function isSeedPartDone(name: string): Promise<boolean> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.seedPart(name) }));
  return res.Item !== undefined;
}

export const seedPartItem = (name: string, at: string) => ({ ...keys.seedPart(name), entity: 'seed', at });
