// The unit's goals page: its plan leaves each with its goal and coverage problems, saving one goal
// with the version read, and the leader's submission (refused with the problems while incomplete).
import { computed, ref, watch, type Ref } from 'vue';
import { ApiError } from '@/api/http';
import { getUnitGoalsApi, removeGoalApi, saveGoalApi, submitGoalsApi, type GoalView, type SaveGoalBody, type UnitGoalsView } from '@/api/goals';
import { goalRows } from '../goal-rows';

export function useUnitGoals(regionId: () => string, unitId: () => string, cycleId: Ref<string | undefined>) {
  const view = ref<UnitGoalsView>();
  const loading = ref(false);
  const loadError = ref('');
  /** The API's answer to the last submission refused (its message and each problem). */
  const submitError = ref<{ message: string; problems: string[] }>();

  const rows = computed(() => goalRows(view.value));
  const problems = computed(() => view.value?.problems ?? []);
  const canSubmit = computed(() => Boolean(view.value?.editable && view.value.set.version > 0 && problems.value.length === 0 && view.value.set.status !== 'submitted' && view.value.set.status !== 'approved'));

  async function load(): Promise<void> {
    if (!cycleId.value || !unitId()) return;
    loading.value = true;
    loadError.value = '';
    try {
      view.value = await getUnitGoalsApi(regionId(), cycleId.value, unitId());
    } catch (e) {
      loadError.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }
  watch(cycleId, load, { immediate: true });

  /** Saves one goal; the API's error (a 409 when someone else saved first) is thrown for the dialog to show. */
  async function save(indicatorId: string, body: SaveGoalBody): Promise<GoalView> {
    const saved = await saveGoalApi(regionId(), cycleId.value!, unitId(), indicatorId, body);
    await load();
    return saved;
  }

  /** Removes the goal of an indicator the plan in force no longer has. */
  async function remove(indicatorId: string): Promise<void> {
    const goal = view.value?.goals.find((g) => g.indicatorId === indicatorId);
    if (!goal) return;
    view.value = await removeGoalApi(regionId(), cycleId.value!, unitId(), indicatorId, goal.version);
  }

  async function submit(): Promise<boolean> {
    if (!view.value) return false;
    submitError.value = undefined;
    try {
      view.value = await submitGoalsApi(regionId(), cycleId.value!, unitId(), view.value.set.version);
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      submitError.value = { message: e.message, problems: e.details.map((d) => d.message) };
      return false;
    }
  }

  return { view, rows, problems, canSubmit, loading, loadError, submitError, load, save, remove, submit };
}
