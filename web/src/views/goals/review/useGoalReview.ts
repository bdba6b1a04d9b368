// 目标审核: the bureau's queue of units (set status and counts, filtered by status), one unit's set
// opened read-only, and the decision on it: approve, or return chosen goals each with its reason.
import { computed, ref, watch, type Ref } from 'vue';
import { ApiError } from '@/api/http';
import { getUnitGoalsApi, listGoalSetsApi, reviewGoalsApi, type GoalSetRow, type UnitGoalsView } from '@/api/goals';
import { goalRows } from '../goal-rows';

export type SetFilter = GoalSetRow['status'] | '';

export function useGoalReview(regionId: () => string, cycleId: Ref<string | undefined>) {
  const sets = ref<GoalSetRow[]>([]);
  const totals = ref<Record<GoalSetRow['status'], number>>();
  const filter = ref<SetFilter>('');
  const loading = ref(false);
  const opened = ref<UnitGoalsView>();
  const rows = computed(() => goalRows(opened.value));
  /** The goals chosen to return, each with its reason. */
  const returns = ref<Record<string, string>>({});
  const error = ref<{ message: string; details: string[] }>();

  const shown = computed(() => (filter.value ? sets.value.filter((s) => s.status === filter.value) : sets.value));
  const reviewable = computed(() => opened.value?.set.status === 'submitted');

  async function load(): Promise<void> {
    if (!cycleId.value) return;
    loading.value = true;
    try {
      const answer = await listGoalSetsApi(regionId(), cycleId.value);
      sets.value = answer.items;
      totals.value = answer.totals;
    } finally {
      loading.value = false;
    }
  }
  watch(cycleId, load, { immediate: true });

  async function open(unitId: string): Promise<void> {
    error.value = undefined;
    returns.value = {};
    opened.value = await getUnitGoalsApi(regionId(), cycleId.value!, unitId);
  }

  function toggleReturn(indicatorId: string, chosen: boolean): void {
    const next = { ...returns.value };
    if (chosen) next[indicatorId] = next[indicatorId] ?? '';
    else delete next[indicatorId];
    returns.value = next;
  }

  async function decide(decision: 'approve' | 'return'): Promise<boolean> {
    const set = opened.value;
    if (!set) return false;
    error.value = undefined;
    const body =
      decision === 'approve'
        ? { decision, version: set.set.version }
        : { decision, version: set.set.version, returns: Object.entries(returns.value).map(([indicatorId, reason]) => ({ indicatorId, reason: reason.trim() })) };
    try {
      opened.value = await reviewGoalsApi(regionId(), cycleId.value!, set.unitId, body);
      returns.value = {};
      await load();
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      error.value = { message: e.message, details: e.details.map((d) => d.message) };
      return false;
    }
  }

  return { sets, shown, totals, filter, loading, opened, rows, returns, error, reviewable, load, open, toggleReturn, decide };
}
