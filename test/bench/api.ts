// `npm run bench`: API latency on the local stack, as ratios to a bare DynamoDB Local call of the
// same shape, measured in the same process (absolute times on a shared machine mean little).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalStack } from '../../cdk/local/stack.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { ApiClient } from '../helpers/api-client.ts';

const N = Number(process.env.BENCH_N ?? 300);

type Stats = { p50: number; p99: number };

/** Calls every variant once per round, so JVM warm-up and machine noise hit all of them alike. */
async function measure(variants: Record<string, () => Promise<unknown>>, warmup = 100): Promise<Record<string, Stats>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let round = 0; round < warmup + N; round++) {
    for (const [name, fn] of Object.entries(variants)) {
      const t = performance.now();
      await fn();
      if (round >= warmup) times[name]!.push(performance.now() - t);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, ts]) => {
      ts.sort((a, b) => a - b);
      const at = (q: number) => ts[Math.min(ts.length - 1, Math.floor(q * ts.length))]!;
      return [name, { p50: at(0.5), p99: at(0.99) }];
    }),
  );
}

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
  });
  const baseline = stats[BASE]!;
  const rows = Object.entries(stats);
  console.log(`\nbench: ${N} sequential calls each, local stack, ratios to the bare Query`);
  console.log('| call | p50 ms | p99 ms | p50 ratio | p99 ratio |\n|---|---|---|---|---|');
  for (const [name, r] of rows) {
    console.log(`| ${name} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${(r.p50 / baseline.p50).toFixed(2)} | ${(r.p99 / baseline.p99).toFixed(2)} |`);
  }
} finally {
  await stack.stop();
}
