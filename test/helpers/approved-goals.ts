// An approved goal set for a unit, written straight to the table (the goals flow itself is proven in
// test/integration/goals.test.ts): one goal per goal leaf of the unit's plan in force, milestones at
// mid-year and year end, and the set approved by the bureau.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { getCategorySet } from '../../functions/data/categories.ts';
import { goalItem, goalSetItem } from '../../functions/data/goals.ts';
import { getCurrentPlan } from '../../functions/data/plans.ts';
import { goalLeaves } from '../../functions/domain/goals.ts';
import type { GoalRecord, GoalSetRecord } from '../../functions/model/goal.ts';

export async function approveGoalsDirectly(regionId: string, cycleId: string, unitId: string, status: GoalSetRecord['status'] = 'approved'): Promise<GoalRecord[]> {
  const set = await getCategorySet(regionId, cycleId);
  const category = set?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
  if (!category) throw new Error(`${unitId} is in no category of ${cycleId}`);
  const plan = await getCurrentPlan(regionId, cycleId, category.categoryId);
  if (!plan) throw new Error(`no plan for ${category.categoryId}`);
  const at = new Date().toISOString();
  const goals: GoalRecord[] = goalLeaves(plan.plan).map((leaf, i) => ({
    regionId,
    cycleId,
    unitId,
    indicatorId: leaf.id,
    categoryId: category.categoryId,
    planVersion: plan.version,
    assessorUnitId: leaf.assessorUnitId ?? '',
    status,
    target: 90 + i,
    unitOfMeasure: '%',
    milestones: [
      { date: `${cycleId}-06-30`, expected: 45 },
      { date: `${cycleId}-11-30`, expected: 90 + i },
    ],
    coUnitIds: [],
    responsible: '刘建国',
    version: 2,
    updatedAt: at,
    updatedBy: 'yl_staff',
  }));
  const record: GoalSetRecord = {
    regionId,
    cycleId,
    unitId,
    categoryId: category.categoryId,
    status,
    counts: { draft: 0, submitted: 0, returned: 0, approved: 0, [status]: goals.length },
    version: 3,
    ...(status === 'approved' ? { approvedAt: at, approvedBy: 'yl_staff' } : {}),
    updatedAt: at,
    updatedBy: 'yl_staff',
  };
  for (const g of goals) await documentClient().send(new PutCommand({ TableName: tableName(), Item: goalItem(g) }));
  await documentClient().send(new PutCommand({ TableName: tableName(), Item: goalSetItem(record, at) }));
  return goals;
}
