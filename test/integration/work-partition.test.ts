// The cycle's work partition and its indexes: every access pattern written in keys.ts answers with
// exactly the items it should, against DynamoDB Local built from the one table definition.
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys, type WorkKind } from '../../functions/data/keys.ts';
import { ensureTable } from '../../cdk/local/dynamodb-local.ts';
import { useFreshTable } from '../helpers/table.ts';

const R = '450900';
const C = '2027';

interface Sample {
  kind: WorkKind;
  unitId: string;
  rest: string;
  index?: Record<string, string>;
}

const samples: Sample[] = [
  { kind: 'GOAL', unitId: 'u1', rest: '1.1', index: { ...keys.assessorWork(R, C, 'tjj', 'todo', 'u1', '1.1'), ...keys.queue(R, C, 'GOAL', 'submitted', '2027-03-02T01:00:00Z', 'u1') } },
  { kind: 'GOAL', unitId: 'u1', rest: '1.2', index: keys.assessorWork(R, C, 'tjj', 'done', 'u1', '1.2') },
  { kind: 'GOAL', unitId: 'u10', rest: '1.1', index: { ...keys.assessorWork(R, C, 'sthjj', 'todo', 'u10', '1.1'), ...keys.queue(R, C, 'GOAL', 'approved', '2027-03-01T01:00:00Z', 'u10'), ...keys.published(R, C, 'GOAL', 'u10', '1.1') } },
  { kind: 'PROGRESS', unitId: 'u1', rest: '1.1#2027-04', index: keys.due(R, '2027-04-30', C, 'PROGRESS', 'u1', '1.1#2027-04') },
  { kind: 'PROGRESS', unitId: 'u1', rest: '1.1#2027-05', index: keys.due(R, '2027-05-31', C, 'PROGRESS', 'u1', '1.1#2027-05') },
  { kind: 'RESULT', unitId: 'u1', rest: 'total', index: keys.ranking(R, C, 'c1', 9_250, 'u1') },
  { kind: 'RESULT', unitId: 'u10', rest: 'total', index: keys.ranking(R, C, 'c1', 9_875, 'u10') },
  { kind: 'RESULT', unitId: 'u2', rest: 'total', index: keys.ranking(R, C, 'c1', 10_000, 'u2') },
];

async function query(input: { IndexName?: string; KeyConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> }) {
  const res = await documentClient().send(new QueryCommand({ TableName: tableName(), ...input }));
  return (res.Items ?? []).map((i) => `${i.kind}:${i.unitId}:${i.rest}`);
}

beforeAll(async () => {
  await useFreshTable();
  await documentClient().send(
    new BatchWriteCommand({
      RequestItems: {
        [tableName()]: samples.map((s) => ({ PutRequest: { Item: { ...keys.work(R, C, s.kind, s.unitId, s.rest), ...s.index, ...s } } })),
      },
    }),
  );
  // Another cycle's work never shows in this one's partition.
  await documentClient().send(new BatchWriteCommand({ RequestItems: { [tableName()]: [{ PutRequest: { Item: { ...keys.work(R, '2028', 'GOAL', 'u1', '1.1'), kind: 'GOAL', unitId: 'u1', rest: 'other' } } }] } }));
});

describe('the work partition of a cycle', () => {
  const pk = keys.workPartition(R, C);

  it('reads a kind across the cycle, and one unit of it without its prefix twin (u1 vs u10)', async () => {
    const all = await query({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': pk, ':sk': keys.workPrefix('GOAL') } });
    expect(all.sort()).toEqual(['GOAL:u1:1.1', 'GOAL:u1:1.2', 'GOAL:u10:1.1'].sort());
    const u1 = await query({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': pk, ':sk': keys.workPrefix('GOAL', 'u1') } });
    expect(u1.sort()).toEqual(['GOAL:u1:1.1', 'GOAL:u1:1.2']);
  });

  it("gives an assessor unit its worklist, still to score first", async () => {
    const todo = await query({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :s)', ExpressionAttributeValues: { ':pk': keys.assessorWorkPartition(R, C, 'tjj'), ':s': 'todo#' } });
    expect(todo).toEqual(['GOAL:u1:1.1']);
  });

  it('ranks a category best first', async () => {
    const ranked = await query({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.rankingPartition(R, C, 'c1') } });
    expect(ranked).toEqual(['RESULT:u2:total', 'RESULT:u10:total', 'RESULT:u1:total']);
  });

  it("lists the bureau's queue by status and what is published", async () => {
    const submitted = await query({ IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk AND begins_with(gsi3sk, :s)', ExpressionAttributeValues: { ':pk': keys.queuePartition(R, C, 'GOAL'), ':s': 'submitted#' } });
    expect(submitted).toEqual(['GOAL:u1:1.1']);
    const published = await query({ IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': keys.publishedPartition(R, C, 'GOAL') } });
    expect(published).toEqual(['GOAL:u10:1.1']);
  });

  it('finds for the daily job what falls due on or before a date', async () => {
    const due = await query({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :until', ExpressionAttributeValues: { ':pk': keys.duePartition(R), ':until': keys.dueUntil('2027-04-30') } });
    expect(due).toEqual(['PROGRESS:u1:1.1#2027-04']);
  });

  it('adds the indexes to a table kept from before they existed', async () => {
    const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName() }));
    expect((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName).sort()).toEqual(['gsi1', 'gsi2', 'gsi3']);
    expect(await ensureTable(process.env.DYNAMODB_ENDPOINT!, tableName())).toBe(false);
    client.destroy();
  });
});
