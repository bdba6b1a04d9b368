// `npm run bench` (reports): the annual reports (Art 24) of one city — 300 units × 50 scored goals in
// 3 categories, computed and confirmed — on DynamoDB Local, against a bare Query of the cycle's score
// rows (what both reports read most of). The region report reads the snapshots and the score rows
// once; a unit's report reads its own rows, the snapshot and the score rows for its category's
// average per 一级指标. Ratios, not absolute times (a shared machine); each call also metered
// (capacity.ts). The measurement decides whether anything is worth storing for the reports.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cycleItems } from '../../cdk/local/seed.ts';
import { ensureTable, startDynamoLocal } from '../../cdk/local/dynamodb-local.ts';
import { categorySetItem } from '../../functions/data/categories.ts';
import { documentClient } from '../../functions/data/client.ts';
import { confirmationEntity } from '../../functions/data/confirmations.ts';
import { keys } from '../../functions/data/keys.ts';
import { planItem } from '../../functions/data/plans.ts';
import { queryAll } from '../../functions/data/query.ts';
import { regionItem, unitItem } from '../../functions/data/regions.ts';
import { latestRun, readCycleResults, startRun } from '../../functions/data/results.ts';
import { readRegionReportInputs, readUnitReportInputs } from '../../functions/data/reports.ts';
import { scoreItem } from '../../functions/data/scores.ts';
import { confirmedUnitsOf } from '../../functions/domain/confirmation.ts';
import { defaultPlan, type PlanNode } from '../../functions/domain/plan.ts';
import { buildRegionReport } from '../../functions/domain/region-report.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { buildUnitReport } from '../../functions/domain/unit-report.ts';
import { computeResults, newRun } from '../../functions/handlers/workflow/compute-results.ts';
import { systemActor } from '../../functions/handlers/workflow/escalation.ts';
import { metered, meterLine } from './capacity.ts';
import { measure, printRatios } from './measure.ts';

const UNITS = 300;
const GOALS = 50;
const R = '459920';
const C = '2025';
const AT = '2026-03-02T01:00:00.000Z';
const TABLE = 'bench-reports';

const tree: PlanNode[] = Array.from({ length: GOALS / 10 }, (_, g) => ({
  id: String(g + 1),
  name: `一级指标 ${g + 1}`,
  points: 2_000,
  common: false,
  children: Array.from({ length: 10 }, (_, l) => ({ id: `${g + 1}.${l + 1}`, name: `二级指标 ${g + 1}.${l + 1}`, points: 200, assessorUnitId: 'tjj', common: l === 0, method: { kind: 'completion' as const } })),
}));
const leaves = tree.flatMap((g) => g.children!);
const unitIds = Array.from({ length: UNITS }, (_, i) => `u${String(i + 1).padStart(3, '0')}`);
const categories = [0, 1, 2].map((c) => ({ categoryId: `c${c + 1}`, name: `类别 ${c + 1}`, order: c + 1, units: unitIds.slice(c * 100, c * 100 + 100).map((unitId) => ({ unitId, name: `单位 ${unitId}`, type: 'department' as const })) }));

function cityItems(): Record<string, unknown>[] {
  return [
    regionItem({ regionId: R, name: '基准市', bureauUnitId: 'jxb' }),
    unitItem({ regionId: R, unitId: 'jxb', name: '基准市绩效办', type: 'bureau' }),
    ...unitIds.map((unitId) => unitItem({ regionId: R, unitId, name: `单位 ${unitId}`, type: 'department' })),
    ...cycleItems(R, Number(C), stageNumber('grading'), 'bench'),
    categorySetItem({ regionId: R, cycleId: C, categories, nextNo: 4, version: 1, updatedAt: AT, updatedBy: 'bench' }),
    ...categories.map((c) => planItem({ regionId: R, cycleId: C, categoryId: c.categoryId, version: 1, revision: 1, plan: { ...defaultPlan(), tree }, balanced: true, stage: 1, createdAt: AT, createdBy: 'bench', updatedAt: AT, updatedBy: 'bench' })),
    ...categories.flatMap((c) =>
      c.units.flatMap((u, i) =>
        leaves.map((leaf, j) =>
          scoreItem({
            regionId: R, cycleId: C, unitId: u.unitId, indicatorId: leaf.id, categoryId: c.categoryId, assessorUnitId: 'tjj', points: 200, common: Boolean(leaf.common), methodKind: 'completion', planVersion: 1,
            inputs: { target: '100', actual: String(80 + ((i * 7 + j * 3) % 21)) }, corrections: [], score: 160 + ((i * 7 + j * 3) % 21) * 2, explanation: ['目标完成率法：实际值 ÷ 目标值 = 完成率，得分 = 分值 × 完成率'], status: 'submitted', version: 2, updatedAt: AT, updatedBy: 'bench',
          }),
        ),
      ),
    ),
  ];
}

async function writeAll(items: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 8) {
    await Promise.all(batches.slice(i, i + 8).map((b) => documentClient().send(new BatchWriteCommand({ RequestItems: { [TABLE]: b.map((Item) => ({ PutRequest: { Item } })) } }))));
  }
}

const bare = () => queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(R, C), ':sk': keys.workPrefix('SCORE') } });
async function regionReport() {
  const i = await readRegionReportInputs(R, C);
  return buildRegionReport({ ...i, cycle: { cycleId: C, year: i.cycle.year } });
}
async function unitReport() {
  const i = await readUnitReportInputs(R, C, 'u150');
  return buildUnitReport({ ...i, snapshot: i.snapshot!, result: i.result!, plan: i.plan!, unitId: 'u150', cycle: { cycleId: C, year: i.cycle.year } });
}

const dynamo = await startDynamoLocal({});
try {
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TABLE_NAME = TABLE;
  await ensureTable(dynamo.endpoint, TABLE);
  await writeAll(cityItems());
  const actor = systemActor(R, 'bench');
  const run = await newRun(R, C, 'bench');
  await startRun(actor, run, (await latestRun(R, C))?.id ?? null);
  await computeResults(actor, run);
  // Confirmed as the leader would: a snapshot per category from its results (the confirmation's own shape).
  const { results } = await readCycleResults(R, C);
  await writeAll(
    categories.map((c) => {
      const { units, counts } = confirmedUnitsOf(results.filter((r) => r.categoryId === c.categoryId));
      return confirmationEntity.item({ regionId: R, cycleId: C, categoryId: c.categoryId, categoryName: c.name, version: 1, confirmedAt: AT, confirmedBy: 'bench', counts, units });
    }),
  );
  if ((await unitReport()).groups.length !== GOALS / 10) throw new Error('the unit report does not read the seeded city');

  const stats = await measure({ 'bare Query of the cycle’s score rows': bare, 'GET …/report (region report)': regionReport, 'GET …/units/{unitId}/report (one unit)': unitReport }, 20, 3);
  printRatios(`bench (reports): one city, ${UNITS} units × ${GOALS} scores in 3 categories, confirmed`, stats, 'bare Query of the cycle’s score rows');
  console.log('\nDynamoDB per call (capacity.ts):');
  console.log(`  bare Query:     ${meterLine((await metered(documentClient(), bare)).meter)}`);
  console.log(`  region report:  ${meterLine((await metered(documentClient(), regionReport)).meter)}`);
  console.log(`  unit report:    ${meterLine((await metered(documentClient(), unitReport)).meter)}`);
} finally {
  await dynamo.stop();
}
