// `npm run bench` (results): the preliminary-results computation and grading (handlers/workflow/
// compute-results.ts) of one city — 300 units × 50 scored goals, 3 categories, an approved bonus per
// unit — on DynamoDB Local, against a bare Query of the same items plus a bare sort of the totals in the
// same process (absolute times on a shared machine mean little). Then a province's worth, scaled down:
// BENCH_REGIONS cities (default 2) computed side by side, as one invocation per region would run, and
// the per-unit cost extrapolated to 125 regions and 7,000 units. Each timed call is also metered
// (capacity.ts: DynamoDB requests, items, bytes, read/write units), and the items the city stores are
// counted and sized per kind — the figures docs/cost.md prices. No assertions.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cycleItems } from '../../cdk/local/seed.ts';
import { ensureTable, startDynamoLocal } from '../../cdk/local/dynamodb-local.ts';
import { categorySetItem } from '../../functions/data/categories.ts';
import { claimItem } from '../../functions/data/claims.ts';
import { documentClient } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { planItem } from '../../functions/data/plans.ts';
import { queryAll } from '../../functions/data/query.ts';
import { regionItem, unitItem } from '../../functions/data/regions.ts';
import { scoreItem } from '../../functions/data/scores.ts';
import { defaultPlan, type PlanNode } from '../../functions/domain/plan.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { computeResults, newRun } from '../../functions/handlers/workflow/compute-results.ts';
import { systemActor } from '../../functions/handlers/workflow/escalation.ts';
import { latestRun, startRun } from '../../functions/data/results.ts';
import { metered, meterLine, storedByKind, type Meter } from './capacity.ts';

const UNITS = 300;
const GOALS = 50;
const REGIONS = Number(process.env.BENCH_REGIONS ?? 2);
const C = '2025';
const AT = '2026-03-02T01:00:00.000Z';

const tree: PlanNode[] = Array.from({ length: GOALS / 10 }, (_, g) => ({
  id: String(g + 1),
  name: `一级指标 ${g + 1}`,
  points: 2_000,
  common: false,
  children: Array.from({ length: 10 }, (_, l) => ({ id: `${g + 1}.${l + 1}`, name: `二级指标 ${g + 1}.${l + 1}`, points: 200, assessorUnitId: 'tjj', common: l === 0, method: { kind: 'completion' as const } })),
}));
const leaves = tree.flatMap((g) => g.children!);

async function writeAll(table: string, items: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 8) {
    await Promise.all(batches.slice(i, i + 8).map((b) => documentClient().send(new BatchWriteCommand({ RequestItems: { [table]: b.map((Item) => ({ PutRequest: { Item } })) } }))));
  }
}

/** A city's region, cycle at 汇总反馈, 3 categories of 100 units, a plan each, every goal scored and submitted, one approved bonus per unit. */
function cityItems(regionId: string): Record<string, unknown>[] {
  const unitIds = Array.from({ length: UNITS }, (_, i) => `u${String(i + 1).padStart(3, '0')}`);
  const categories = [0, 1, 2].map((c) => ({ categoryId: `c${c + 1}`, name: `类别 ${c + 1}`, order: c + 1, units: unitIds.slice(c * 100, c * 100 + 100).map((unitId) => ({ unitId, name: `单位 ${unitId}`, type: 'department' as const })) }));
  const plan = { ...defaultPlan(), tree, bonuses: [{ id: 'b1', name: '获上级表彰', points: 100, needsApproval: false }] };
  return [
    regionItem({ regionId, name: `基准市 ${regionId}`, bureauUnitId: 'jxb' }),
    ...unitIds.map((unitId) => unitItem({ regionId, unitId, name: `单位 ${unitId}`, type: 'department' })),
    ...cycleItems(regionId, Number(C), stageNumber('preliminary_review'), 'bench'),
    categorySetItem({ regionId, cycleId: C, categories, nextNo: 4, version: 1, updatedAt: AT, updatedBy: 'bench' }),
    ...categories.map((c) => planItem({ regionId, cycleId: C, categoryId: c.categoryId, version: 1, revision: 1, plan, balanced: true, stage: 1, createdAt: AT, createdBy: 'bench', updatedAt: AT, updatedBy: 'bench' })),
    ...categories.flatMap((c) =>
      c.units.flatMap((u, i) => [
        ...leaves.map((leaf, j) =>
          scoreItem({
            regionId, cycleId: C, unitId: u.unitId, indicatorId: leaf.id, categoryId: c.categoryId, assessorUnitId: 'tjj', points: 200, common: Boolean(leaf.common), methodKind: 'completion', planVersion: 1,
            inputs: { target: '100', actual: String(80 + ((i * 7 + j * 3) % 21)) }, corrections: [], score: 160 + ((i * 7 + j * 3) % 21) * 2, explanation: ['实际值 ÷ 目标值'], status: 'submitted', version: 2, updatedAt: AT, updatedBy: 'bench',
          }),
        ),
        claimItem({
          regionId, cycleId: C, unitId: u.unitId, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, unitName: u.name, categoryId: c.categoryId, kind: 'bonus', ruleId: 'b1', name: '获上级表彰', occurrences: 1, amount: 100, severe: false, needsApproval: false,
          raisedBy: { kind: 'unit', unitId: u.unitId }, description: '表彰', evidence: [], status: 'approved', decision: { outcome: 'approved', by: 'bench', at: AT, reason: '属实' }, createdAt: AT, createdBy: 'bench', version: 3, updatedAt: AT, updatedBy: 'bench',
        }),
      ]),
    ),
  ];
}

const ms = (t0: number) => performance.now() - t0;
/** Meters of the last `run` and `bare` (their requests, items, bytes and units). */
const meters: { run?: Meter; bare?: Meter } = {};
async function run(regionId: string, meter = true): Promise<number> {
  const actor = systemActor(regionId, 'bench');
  const r = await newRun(regionId, C, 'bench');
  await startRun(actor, r, (await latestRun(regionId, C))?.id ?? null);
  const t0 = performance.now();
  if (!meter) await computeResults(actor, r);
  else meters.run = (await metered(documentClient(), () => computeResults(actor, r))).meter;
  return ms(t0);
}
/** The same reads with nothing done to them: the cycle's scores and approved claims, and a sort of the totals. */
async function bare(regionId: string): Promise<number> {
  const t0 = performance.now();
  const { meter } = await metered(documentClient(), () => bareReads(regionId));
  meters.bare = meter;
  return ms(t0);
}
async function bareReads(regionId: string): Promise<void> {
  const [scores] = await Promise.all([
    queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, C), ':sk': keys.workPrefix('SCORE') } }),
    queryAll({ IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk AND begins_with(gsi3sk, :st)', ExpressionAttributeValues: { ':pk': keys.queuePartition(regionId, C, 'CLAIM'), ':st': 'approved#' } }),
  ]);
  const totals = new Map<string, number>();
  for (const s of scores) totals.set(s.unitId as string, (totals.get(s.unitId as string) ?? 0) + (s.score as number));
  [...totals.values()].sort((a, b) => b - a);
}

/** Every item of a partition (paged Query). */
const partition = (pk: string) => queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });

const dynamo = await startDynamoLocal({});
try {
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TABLE_NAME = 'bench-results';
  await ensureTable(dynamo.endpoint, 'bench-results');
  const regionIds = Array.from({ length: 1 + REGIONS }, (_, i) => String(459910 + i));
  let t0 = performance.now();
  for (const r of regionIds) await writeAll('bench-results', cityItems(r));
  console.log(`seeded ${regionIds.length} cities × ${UNITS} units × ${GOALS} scores in ${(ms(t0) / 1000).toFixed(1)} s`);

  const city = regionIds[0]!;
  const base = await bare(city);
  const first = await run(city);
  const firstMeter = meters.run!;
  const second = await run(city);
  const base2 = await bare(city);
  const b = (base + base2) / 2;
  const bareMeter = meters.bare!;
  console.log(`\nbench (results): one city, ${UNITS} units × ${GOALS} goals = ${UNITS * GOALS} scores, 3 categories`);
  console.log(`  bare Query of the scores and approved claims + sort of the totals  ${b.toFixed(0)} ms  1.0×`);
  console.log(`  computation and grading, first run (${UNITS} results written)      ${first.toFixed(0)} ms  ${(first / b).toFixed(1)}×   ${(first / UNITS).toFixed(1)} ms per unit`);
  console.log(`  second run, same inputs (nothing written)                         ${second.toFixed(0)} ms  ${(second / b).toFixed(1)}×`);
  console.log(`\nDynamoDB per call (capacity.ts):`);
  console.log(`  bare reads:   ${meterLine(bareMeter)}`);
  console.log(`  first run:    ${meterLine(firstMeter)}`);
  console.log(`  second run:   ${meterLine(meters.run!)}`);
  console.log(`  Lambda: 1 invocation per region and run; first run ${(first / 1000).toFixed(1)} s × 1 GB = ${(first / 1000).toFixed(1)} GB-s (duration measured on DynamoDB Local)`);

  // What the city stores, per kind: its work partition (scores, claims, results), region and audit.
  const stored = [
    ...(await partition(keys.workPartition(city, C))),
    ...(await partition(keys.regionPartition(city))),
    // The runs audit in the Beijing month of now (the day before to the day after, whatever the zone).
    ...(await Promise.all([...new Set([-1, 1].map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 7)))].map((m) => partition(keys.auditPartition(city, m))))).flat(),
  ];
  console.log(`\nstored items of the city, per kind (item size by DynamoDB's rules, without its 100-byte overhead per item; index copies (projection ALL) apart):`);
  console.log('| kind | items | KB | bytes per item | index copies KB |\n|---|---|---|---|---|');
  for (const [kind, k] of [...storedByKind(stored)].sort((x, y) => y[1].bytes - x[1].bytes)) console.log(`| ${kind} | ${k.items} | ${(k.bytes / 1024).toFixed(0)} | ${(k.bytes / k.items).toFixed(0)} | ${(k.indexBytes / 1024).toFixed(0)} |`);

  const others = regionIds.slice(1);
  t0 = performance.now();
  const { result: each, meter: provinceMeter } = await metered(documentClient(), () => Promise.all(others.map((r) => run(r, false))));
  const wall = ms(t0);
  const perUnit = first / UNITS;
  console.log(`\n  province, scaled down: ${others.length} cities side by side (one invocation each)  wall ${wall.toFixed(0)} ms, each ${each.map((x) => x.toFixed(0)).join(' / ')} ms`);
  console.log(`  their DynamoDB, together: ${meterLine(provinceMeter)}`);
  console.log(`  extrapolated: 7,000 units × ${perUnit.toFixed(1)} ms = ${((7_000 * perUnit) / 1000).toFixed(0)} s of work in all; per region invocation (largest ~600 units) ≈ ${((600 * perUnit) / 1000).toFixed(0)} s against Lambda's 900 s`);
} finally {
  await dynamo.stop();
}
