// `node --import tsx test/bench/review-recompute.ts`: what a 复核 adjustment costs the bureau's request —
// the category-scoped recomputation (handlers/workflow/recompute-category.ts) of a 60-unit category with
// 50 scored goals a unit (3,000 scores), after one unit's score changed, against a bare Query of the same
// scores in the same process. Decides whether the decision may recompute synchronously (it does) or
// must start a run. No assertions.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cycleItems } from '../../cdk/local/seed.ts';
import { ensureTable, startDynamoLocal } from '../../cdk/local/dynamodb-local.ts';
import { categorySetItem } from '../../functions/data/categories.ts';
import { documentClient } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { planItem } from '../../functions/data/plans.ts';
import { queryAll } from '../../functions/data/query.ts';
import { regionItem, unitItem } from '../../functions/data/regions.ts';
import { readScores } from '../../functions/data/scores.ts';
import { scoreItem } from '../../functions/data/scores.ts';
import { defaultPlan, type PlanNode } from '../../functions/domain/plan.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { recomputeCategory } from '../../functions/handlers/workflow/recompute-category.ts';
import { systemActor } from '../../functions/handlers/workflow/escalation.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 60);
const GOALS = 50;
const R = '459990';
const C = '2025';
const AT = '2026-03-02T01:00:00.000Z';
const TABLE = 'bench-review';

const tree: PlanNode[] = Array.from({ length: GOALS / 10 }, (_, g) => ({
  id: String(g + 1),
  name: `一级指标 ${g + 1}`,
  points: 2_000,
  common: false,
  children: Array.from({ length: 10 }, (_, l) => ({ id: `${g + 1}.${l + 1}`, name: `二级指标 ${g + 1}.${l + 1}`, points: 200, assessorUnitId: 'tjj', common: l === 0, method: { kind: 'completion' as const } })),
}));
const leaves = tree.flatMap((g) => g.children!);
const unitIds = Array.from({ length: UNITS }, (_, i) => `u${String(i + 1).padStart(3, '0')}`);

function items(): Record<string, unknown>[] {
  const category = { categoryId: 'c1', name: '类别 1', order: 1, units: unitIds.map((unitId) => ({ unitId, name: `单位 ${unitId}`, type: 'department' as const })) };
  return [
    regionItem({ regionId: R, name: '基准市', bureauUnitId: 'jxb' }),
    ...unitIds.map((unitId) => unitItem({ regionId: R, unitId, name: `单位 ${unitId}`, type: 'department' })),
    ...cycleItems(R, Number(C), stageNumber('preliminary_review'), 'bench'),
    categorySetItem({ regionId: R, cycleId: C, categories: [category], nextNo: 2, version: 1, updatedAt: AT, updatedBy: 'bench' }),
    planItem({ regionId: R, cycleId: C, categoryId: 'c1', version: 1, revision: 1, plan: { ...defaultPlan(), tree }, balanced: true, stage: 1, createdAt: AT, createdBy: 'bench', updatedAt: AT, updatedBy: 'bench' }),
    ...unitIds.flatMap((unitId, i) =>
      leaves.map((leaf, j) =>
        scoreItem({
          regionId: R, cycleId: C, unitId, indicatorId: leaf.id, categoryId: 'c1', assessorUnitId: 'tjj', points: 200, common: Boolean(leaf.common), methodKind: 'completion', planVersion: 1,
          inputs: { target: '100', actual: String(80 + ((i * 7 + j * 3) % 21)) }, corrections: [], score: 160 + ((i * 7 + j * 3) % 21) * 2, explanation: ['实际值 ÷ 目标值'], status: 'submitted', version: 2, updatedAt: AT, updatedBy: 'bench',
        }),
      ),
    ),
  ];
}

async function writeAll(all: Record<string, unknown>[]) {
  for (let i = 0; i < all.length; i += 200) {
    const chunk = all.slice(i, i + 200);
    await Promise.all(Array.from({ length: Math.ceil(chunk.length / 25) }, (_, b) => documentClient().send(new BatchWriteCommand({ RequestItems: { [TABLE]: chunk.slice(b * 25, b * 25 + 25).map((Item) => ({ PutRequest: { Item } })) } }))));
  }
}
const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dynamo = await startDynamoLocal({});
try {
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TABLE_NAME = TABLE;
  await ensureTable(dynamo.endpoint, TABLE);
  await writeAll(items());
  const actor = systemActor(R, 'bench');
  await recomputeCategory(actor, R, C, 'c1', 'bench:first');
  const bare: number[] = [];
  const recompute: number[] = [];
  for (let k = 0; k < 5; k++) {
    let t0 = performance.now();
    await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(R, C), ':sk': keys.workPrefix('SCORE') } });
    bare.push(ms(t0));
    // One unit's score moves up (as an adjustment leaves it), then the category is recomputed.
    const s = (await readScores(R, C, [{ unitId: unitIds[k]!, indicatorId: '1.1' }])).values().next().value!;
    await writeAll([scoreItem({ ...s, inputs: { ...s.inputs, actual: '100' }, score: 200, version: s.version + 1 })]);
    t0 = performance.now();
    const r = await recomputeCategory(actor, R, C, 'c1', `bench:${k}`);
    recompute.push(ms(t0));
    if (k === 0) console.log(`  (first adjustment rewrote ${r.changed} results: the unit's total and the places that moved)`);
  }
  console.log(`bench (复核 recompute): one category of ${UNITS} units × ${GOALS} goals = ${UNITS * GOALS} scores, median of 5`);
  console.log(`  bare Query of the cycle's scores                 ${median(bare).toFixed(0)} ms  1.0×`);
  console.log(`  recomputeCategory after one unit's score changed ${median(recompute).toFixed(0)} ms  ${(median(recompute) / median(bare)).toFixed(1)}×`);
} finally {
  await dynamo.stop();
}
