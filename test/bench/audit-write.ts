// `node --import tsx test/bench/audit-write.ts`: what an audited write costs (functions/data/commit.ts:
// the change, its audit entry and the chain head in one transaction, after a consistent read of the
// head), as a ratio to a bare PutItem of the same item in the same process, on DynamoDB Local
// (absolute times on a shared machine mean little). Also the write before the chain (change + entry in
// one transaction) and eight commits of one region at once (shards contending), per write.
import { measure, printRatios } from './measure.ts';
import { randomUUID } from 'node:crypto';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable, startDynamoLocal } from '../../cdk/local/dynamodb-local.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { commit, put, type Actor } from '../../functions/data/commit.ts';
import { keys } from '../../functions/data/keys.ts';

const N = Number(process.env.BENCH_N ?? 400);

const dynamo = await startDynamoLocal({});
try {
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TABLE_NAME = 'bench-audit';
  await ensureTable(dynamo.endpoint, 'bench-audit');
  const actor: Actor = { username: 'yl_staff', role: 'bureau_staff', regionId: '450900', unitId: 'yl-jxb' };
  /** A unit-sized item, as a typical change writes. */
  const item = () => ({ pk: keys.regionPartition('450900'), sk: `BENCH#${randomUUID()}`, name: '玉林市统计局', shortName: '统计局', type: 'government', assessor: true, version: 3 });
  const change = { action: 'unit.update', target: 'unit:450900/yl-tjj', before: { name: '玉林市统计局' }, after: { name: '玉林市统计局（新）' } };
  const BASE = 'bare PutItem of the item';
  const stats = await measure({
    [BASE]: () => documentClient().send(new PutCommand({ TableName: tableName(), Item: item() })),
    'the item alone in a transaction': () => documentClient().send(new TransactWriteCommand({ TransactItems: [put(item())] })),
    'before the chain: item + audit entry, one transaction': () => {
      const at = new Date().toISOString();
      const id = randomUUID();
      const entry = { ...keys.audit('450900', at, id), entity: 'audit', id, regionId: '450900', at, actor: actor.username, role: actor.role, unitId: actor.unitId, ...change };
      return documentClient().send(new TransactWriteCommand({ TransactItems: [put(item()), put(entry, 'attribute_not_exists(pk)')] }));
    },
    'commit(): head read + item + chained entry + head, one transaction': () => commit(actor, change, [put(item())], new Date().toISOString()),
    'commit(), 8 at once in one region (time per write)': async () => {
      const t = performance.now();
      await Promise.all(Array.from({ length: 8 }, () => commit(actor, change, [put(item())], new Date().toISOString())));
      // Reported per write: the variant's time is divided below.
      return performance.now() - t;
    },
  }, N, 150);
  const eight = stats['commit(), 8 at once in one region (time per write)']!;
  stats['commit(), 8 at once in one region (time per write)'] = { p50: eight.p50 / 8, p99: eight.p99 / 8, mean: eight.mean / 8 };
  printRatios(`audited write: ${N} sequential rounds, DynamoDB Local, ratios to a bare PutItem of the same item`, stats, BASE);
  console.log('\nCapacity (DynamoDB pricing, items under 1 KB): a bare Put 1 WCU; a transaction 2 WCU per item written;');
  console.log('before the chain 2 items = 4 WCU; commit() 3 items = 6 WCU + 1 RCU (consistent GetItem of the head; 2 RCU transactional is not used).');
} finally {
  await dynamo.stop();
}
