// `npm run bench` (goals): a region of 300 units × 50 goals on the local stack. A unit's goal list,
// the bureau's queue and a goal save, as ratios to a bare DynamoDB Local call of the same shape,
// and the DynamoDB requests each view makes (the target: one Query per list).
import { BatchWriteCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_PASSWORD } from '../../cdk/local/demo-data.ts';
import { cycleItems } from '../../cdk/local/seed.ts';
import { demoPlan } from '../../cdk/local/seed-plan.ts';
import { startLocalStack } from '../../cdk/local/stack.ts';
import { categorySetItem } from '../../functions/data/categories.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { goalItem, goalSetItem } from '../../functions/data/goals.ts';
import { keys } from '../../functions/data/keys.ts';
import { planItem } from '../../functions/data/plans.ts';
import { regionItem, unitItem } from '../../functions/data/regions.ts';
import { userItem } from '../../functions/data/users.ts';
import type { PlanNode } from '../../functions/domain/plan.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { hashPassword } from '../../functions/identity/password.ts';
import type { GoalRecord } from '../../functions/model/goal.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { measure, printRatios } from './measure.ts';
import { printPerRequest } from './per-request.ts';

const N = Number(process.env.BENCH_N ?? 200);
const UNITS = 300;
const GOALS = 50;
const R = '459901';
const C = '2026';
const AT = '2026-02-10T02:00:00.000Z';
const unitIds = Array.from({ length: UNITS }, (_, i) => `u${String(i + 1).padStart(3, '0')}`);
/** Units whose filer saves goals in the bench (a save is the unit's own). */
const FILERS = unitIds.slice(0, 20);

/** Five groups of ten completion leaves, 2 points each (100 in all). */
const tree: PlanNode[] = Array.from({ length: GOALS / 10 }, (_, g) => ({
  id: String(g + 1),
  name: `一级指标 ${g + 1}`,
  points: 2_000,
  children: Array.from({ length: 10 }, (_, l) => ({ id: `${g + 1}.${l + 1}`, name: `二级指标 ${g + 1}.${l + 1}`, points: 200, method: { kind: 'completion' as const, capPercent: 10_000 } })),
}));

async function writeAll(items: Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25) {
    await documentClient().send(new BatchWriteCommand({ RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

function goalOf(unitId: string, indicatorId: string, categoryId: string): GoalRecord {
  return {
    regionId: R, cycleId: C, unitId, indicatorId, categoryId, planVersion: 1, assessorUnitId: '', status: 'draft',
    target: 100, unitOfMeasure: '%', milestones: [{ date: '2026-06-30', expected: 50 }, { date: '2026-12-31', expected: 100 }], coUnitIds: [], responsible: '张三',
    version: 1, updatedAt: AT, updatedBy: 'bench',
  };
}

/** The bench region: its bureau, 300 units in three categories, each category's plan, 50 draft goals per unit. */
async function seedRegion() {
  const categories = [0, 1, 2].map((c) => ({
    categoryId: `c${c + 1}`, name: `类别 ${c + 1}`, order: c + 1,
    units: unitIds.slice(c * 100, c * 100 + 100).map((unitId) => ({ unitId, name: `单位 ${unitId}`, type: 'department' as const })),
  }));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const items: Record<string, unknown>[] = [
    regionItem({ regionId: R, name: '基准市', bureauUnitId: 'jxb' }),
    unitItem({ regionId: R, unitId: 'jxb', name: '基准市绩效办', type: 'bureau' }),
    ...unitIds.map((unitId) => unitItem({ regionId: R, unitId, name: `单位 ${unitId}`, type: 'department' })),
    userItem({ username: 'bench_staff', name: '基准', role: 'bureau_staff', regionId: R, unitId: 'jxb', passwordHash, status: 'active', version: 1 }),
    ...FILERS.map((unitId) => userItem({ username: `filer_${unitId}`, name: `填报 ${unitId}`, role: 'unit_staff', regionId: R, unitId, passwordHash, status: 'active', version: 1 })),
    ...cycleItems(R, 2026, stageNumber('goal_setting'), 'bench_staff'),
    categorySetItem({ regionId: R, cycleId: C, categories, nextNo: 4, version: 1, updatedAt: AT, updatedBy: 'bench' }),
    ...categories.map((c) => planItem({ regionId: R, cycleId: C, categoryId: c.categoryId, version: 1, revision: 1, plan: demoPlan(tree), balanced: true, stage: 1, createdAt: AT, createdBy: 'bench', updatedAt: AT, updatedBy: 'bench' })),
  ];
  for (const c of categories) {
    for (const { unitId } of c.units) {
      const goals = tree.flatMap((g) => g.children!).map((l) => goalOf(unitId, l.id, c.categoryId));
      items.push(goalSetItem({ regionId: R, cycleId: C, unitId, categoryId: c.categoryId, status: 'draft', counts: { draft: GOALS, submitted: 0, returned: 0, approved: 0 }, version: GOALS, updatedAt: AT, updatedBy: 'bench' }, AT), ...goals.map(goalItem));
    }
  }
  await writeAll(items);
  return items.length;
}

/** The DynamoDB requests `run` makes, beyond the caller's session and profile (USER# items). */
async function requestsOf(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const stack = documentClient().middlewareStack;
  stack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: { pk?: string }; IndexName?: string; ExpressionAttributeValues?: Record<string, unknown>; TransactItems?: unknown[] };
      const pk = input.TransactItems ? `${input.TransactItems.length} items` : String(input.Key?.pk ?? input.ExpressionAttributeValues?.[':pk'] ?? '');
      if (!pk.startsWith('USER#') && !pk.startsWith('SESSION#')) seen.push(`${context.commandName}${input.IndexName ? `(${input.IndexName})` : ''} ${pk.replace(/#.*/, '#')}`);
      return next(args);
    },
    { step: 'initialize', name: 'benchCount' },
  );
  try {
    await run();
  } finally {
    stack.remove('benchCount');
  }
  return seen.sort();
}

process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const stack = await startLocalStack({});
try {
  const t0 = performance.now();
  const written = await seedRegion();
  console.log(`bench region ${R}: ${UNITS} units × ${GOALS} goals, ${written} items written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const bureau = await ApiClient.login(stack.url, 'bench_staff');
  let i = 0;
  const nextUnit = () => unitIds[i++ % UNITS]!;
  const base = `/regions/${R}/cycles/${C}`;

  const bareUnitQuery = () =>
    documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(R, C), ':sk': keys.workPrefix('GOAL', nextUnit()) }, ConsistentRead: true }));
  const bareQueue = () => documentClient().send(new QueryCommand({ TableName: tableName(), IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': keys.queuePartition(R, C, 'GOAL') } }));
  const LIST_BASE = 'bare Query: one unit’s GOAL# items (51)';
  const lists = await measure({
    [LIST_BASE]: bareUnitQuery,
    'GET …/units/{unitId}/goals': () => bureau.get(`${base}/units/${nextUnit()}/goals`),
    'bare Query: the queue on gsi3 (300 sets)': bareQueue,
    'GET …/goal-sets': () => bureau.get(`${base}/goal-sets`),
  }, N, 20);
  printRatios(`bench goals: lists, ${N} sequential calls each, local stack, ratios to the bare Query of one unit's goals`, lists, LIST_BASE);

  // Saves: each call saves the next unit's goal 1.1 at the version it has now; the bare call is one
  // transaction of the same shape (stage check, goal put with its version check, set update).
  const filers = new Map(await Promise.all(FILERS.map(async (u) => [u, await ApiClient.login(stack.url, `filer_${u}`)] as const)));
  const versions = new Map(FILERS.map((u) => [u, 1]));
  let f = 0;
  const SAVE_BASE = 'bare TransactWrite (stage check, goal put, set update)';
  let n = 0;
  const saves = await measure({
    [SAVE_BASE]: () => {
      const k = n++;
      return documentClient().send(new TransactWriteCommand({ TransactItems: [
        { ConditionCheck: { TableName: tableName(), Key: keys.cycle(R, C), ConditionExpression: 'currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('goal_setting') } } },
        { Put: { TableName: tableName(), Item: { ...goalItem(goalOf('bare', '1.1', 'c1')), sk: `BARE#${k}` } } },
        { Update: { TableName: tableName(), Key: { pk: keys.workPartition(R, C), sk: 'BARE##SET' }, UpdateExpression: 'ADD version :one', ExpressionAttributeValues: { ':one': 1 } } },
      ] }));
    },
    'PUT …/units/{unitId}/goals/{indicatorId}': async () => {
      const unitId = FILERS[f++ % FILERS.length]!;
      const version = versions.get(unitId)!;
      const res = await filers.get(unitId)!.call('PUT', `${base}/units/${unitId}/goals/1.1`, { version, target: 100 + version, unitOfMeasure: '%', milestones: [], coUnitIds: [] });
      if (res.status !== 200) throw new Error(`save ${unitId}: ${res.status} ${JSON.stringify(res.body)}`);
      versions.set(unitId, version + 1);
    },
  }, N, 20);
  printRatios(`bench goals: save, ${N} sequential calls each, ratios to the bare transaction`, saves, SAVE_BASE);

  console.log('\nDynamoDB requests per view (beyond the caller’s session):');
  for (const [view, run] of [
    ['GET …/units/{unitId}/goals', () => bureau.get(`${base}/units/u001/goals`)],
    ['GET …/goal-sets (300 units)', () => bureau.get(`${base}/goal-sets`)],
    ['PUT …/units/{unitId}/goals/{indicatorId}', () => filers.get('u001')!.call('PUT', `${base}/units/u001/goals/1.2`, { version: 1, target: 90, unitOfMeasure: '%', milestones: [], coUnitIds: ['u002'] })],
  ] as const) {
    const requests = await requestsOf(run);
    console.log(`| ${view} | ${requests.length} requests | ${requests.filter((r) => r.startsWith('Query')).length} Query | ${requests.join(', ')} |`);
  }
  let v = 1;
  await printPerRequest('per request (docs/cost.md):', [
    ['GET …/units/{unitId}/goals (51 items)', () => bureau.get(`${base}/units/u002/goals`)],
    ['GET …/goal-sets (300 units)', () => bureau.get(`${base}/goal-sets`)],
    ['PUT …/units/{unitId}/goals/{indicatorId}', async () => {
      const res = await filers.get('u003')!.call('PUT', `${base}/units/u003/goals/1.3`, { version: v, target: 90 + v, unitOfMeasure: '%', milestones: [], coUnitIds: [] });
      if (res.status !== 200) throw new Error(`save: ${res.status} ${JSON.stringify(res.body)}`);
      v++;
    }],
  ]);
} finally {
  await stack.stop();
}
