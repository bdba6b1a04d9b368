// What the registration form offers for a cycle: the goal indicators of each category's plan in force
// (a grant names the category: a code means another indicator in another category's plan) and the
// cycle's units, read from the categories and their plans.
import { goalLeaves } from '@shared/domain/goals.ts';
import { shallowRef } from 'vue';
import { getCategoriesApi } from '@/api/organisation';
import { getPlanApi } from '@/api/plan';

export interface IndicatorOption {
  /** `categoryId|indicatorId`, the select's value. */
  key: string;
  categoryId: string;
  categoryName: string;
  indicatorId: string;
  name: string;
}
export interface UnitOption {
  unitId: string;
  name: string;
}

export function useFeedOptions(regionId: () => string) {
  const indicators = shallowRef<IndicatorOption[]>([]);
  const units = shallowRef<UnitOption[]>([]);
  const loading = shallowRef(false);

  async function load(cycleId: string): Promise<void> {
    loading.value = true;
    try {
      const { categories } = await getCategoriesApi(regionId(), cycleId);
      const plans = await Promise.all(categories.map((c) => getPlanApi(regionId(), cycleId, c.categoryId).catch(() => undefined)));
      indicators.value = categories.flatMap((c, i) => {
        const plan = plans[i];
        return plan ? goalLeaves(plan.plan).map((leaf) => ({ key: `${c.categoryId}|${leaf.id}`, categoryId: c.categoryId, categoryName: c.name, indicatorId: leaf.id, name: leaf.name })) : [];
      });
      units.value = categories.flatMap((c) => c.units.map((u) => ({ unitId: u.unitId, name: u.name })));
    } finally {
      loading.value = false;
    }
  }
  return { indicators, units, loading, load };
}
