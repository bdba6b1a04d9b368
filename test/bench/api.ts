// `npm run bench`: API latency on the local stack, as ratios to a bare DynamoDB Local call of the
// same shape, measured in the same process (absolute times on a shared machine mean little).
import { measure, printRatios } from './measure.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalStack } from '../../cdk/local/stack.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { printPerRequest } from './per-request.ts';
import { storedByKind } from './capacity.ts';
import { queryAll } from '../../functions/data/query.ts';

const N = Number(process.env.BENCH_N ?? 300);


const stack = await startLocalStack({});
try {
  const bureau = await ApiClient.login(stack.url, 'yl_staff');
  const bare = () =>
    documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': keys.regionPartition('450900'), ':sk': keys.cyclePrefix },
      }),
    );
  const BASE = 'bare DynamoDB Query (cycles of a region)';
  const stats = await measure({
    [BASE]: bare,
    'GET /regions/{regionId}/cycles': () => bureau.get('/regions/450900/cycles'),
    'GET /regions/{regionId}/cycles/{cycleId}': () => bureau.get('/regions/450900/cycles/2026'),
    'GET /public/regions/{regionId}/cycles': () => new ApiClient(stack.url).get('/public/regions/450900/cycles'),
  }, N, 100);
  printRatios(`bench: ${N} sequential calls each, local stack, ratios to the bare Query`, stats, BASE);
  await printPerRequest('per request (docs/cost.md):', [
    ['GET /regions/{regionId}/cycles', () => bureau.get('/regions/450900/cycles')],
    ['GET /regions/{regionId}/cycles/{cycleId}', () => bureau.get('/regions/450900/cycles/2026')],
    ['GET /public/regions/{regionId}/cycles', () => new ApiClient(stack.url).get('/public/regions/450900/cycles')],
  ]);
  // The demo's items per kind, as the portal writes them (sizes for docs/cost.md's storage model).
  const beijingMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  for (const [label, pk] of [['2025 work', keys.workPartition('450900', '2025')], ['2026 work', keys.workPartition('450900', '2026')], [`audit ${beijingMonth}`, keys.auditPartition('450900', beijingMonth)]] as const) {
    const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
    console.log(`\ndemo 玉林市 ${label}: ${items.length} items per kind (bytes by DynamoDB's rules, without the 100-byte overhead)`);
    console.log('| kind | items | KB | bytes per item | index copies KB |\n|---|---|---|---|---|');
    for (const [kind, k] of [...storedByKind(items)].sort((x, y) => y[1].bytes - x[1].bytes)) console.log(`| ${kind} | ${k.items} | ${(k.bytes / 1024).toFixed(0)} | ${(k.bytes / k.items).toFixed(0)} | ${(k.indexBytes / 1024).toFixed(0)} |`);
  }
} finally {
  await stack.stop();
}
