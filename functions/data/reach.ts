// The lookups behind the `assessorOf` and `thirdParty` scopes: a cycle's categories (one GetItem)
// and the newest plan version of each category (one Query with Limit 1 each, in parallel).
import { reachOf, type Reach, type ReachKind } from '../domain/reach.ts';
import { getCategorySet } from './categories.ts';
import { getCurrentPlan } from './plans.ts';

export async function loadReach(regionId: string, cycleId: string, unitId: string, kind: ReachKind): Promise<Reach> {
  const set = await getCategorySet(regionId, cycleId);
  if (!set) return new Map();
  const assignments = await Promise.all(
    set.categories.map(async (c) => ({
      categoryId: c.categoryId,
      unitIds: c.units.map((u) => u.unitId),
      tree: (await getCurrentPlan(regionId, cycleId, c.categoryId))?.plan.tree,
    })),
  );
  return reachOf(assignments, unitId, kind);
}
