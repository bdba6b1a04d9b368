// `npm run bench`: API latency on the local stack, as ratios to a bare DynamoDB Local call of the
// same shape, measured in the same process (absolute times on a shared machine mean little).
import { measure, printRatios } from './measure.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalStack } from '../../cdk/local/stack.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { ApiClient } from '../helpers/api-client.ts';

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
} finally {
  await stack.stop();
}
