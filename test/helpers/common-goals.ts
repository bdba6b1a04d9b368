// A unit's common goals set as its assessor units set them: through the assessor route's own
// operation (the bureau on each assessor unit's behalf), for tests whose subject is the unit's own
// drafting (the assessor's table is proven in test/integration/assessor-goals.test.ts).
import { getCategorySet } from '../../functions/data/categories.ts';
import { getCurrentPlan } from '../../functions/data/plans.ts';
import { setByAssessor } from '../../functions/domain/assessor-goals.ts';
import { goalLeaves } from '../../functions/domain/goals.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { assessorGoalOps } from '../../functions/handlers/api/assessor-goals.ts';

/** Saves a target for each common leaf of the unit's plan that an assessor unit sets; the ids set. */
export async function setCommonGoals(regionId: string, cycleId: string, unitId: string, by: Caller): Promise<string[]> {
  const category = (await getCategorySet(regionId, cycleId))?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
  const plan = category && (await getCurrentPlan(regionId, cycleId, category.categoryId));
  if (!plan) throw new Error(`${unitId} has no plan in ${cycleId}`);
  const set: string[] = [];
  for (const leaf of goalLeaves(plan.plan).filter(setByAssessor)) {
    await assessorGoalOps.saveCommonGoal({
      caller: by,
      claims: {},
      params: { regionId, cycleId, unitId: leaf.assessorUnitId!, indicatorId: leaf.id },
      query: undefined,
      body: { unitId, version: 0, target: 0, unitOfMeasure: '起', milestones: [], responsible: '考评单位联络员' },
    });
    set.push(leaf.id);
  }
  return set;
}
