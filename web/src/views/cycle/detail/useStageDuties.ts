// 阶段任务 on the cycle page: per stage with duties, who has delivered and who has not (outstanding
// first by default), paged in the browser; the bureau grants a unit an extension.
import { computed, ref, shallowRef, watch } from 'vue';
import { getStageDutiesApi, grantExtensionApi, hasDuties, type GrantExtensionBody, type StageDutiesView, type UnitDutiesView } from '@/api/duties';
import { ApiError } from '@/api/http';
import type { ShownCycle, StageCode } from '@/api/types';

export const DUTIES_PAGE_SIZE = 20;

/** The stages with duties a cycle has opened, and the one to show first: the current one if it has duties, else the latest. */
export function dutyStages(cycle: ShownCycle | undefined): { stages: StageCode[]; initial?: StageCode } {
  const stages = (cycle?.stages ?? []).filter((s) => s.state !== 'upcoming' && hasDuties(s.code)).map((s) => s.code);
  const current = cycle?.stages.find((s) => s.state === 'current')?.code;
  return { stages, initial: current && stages.includes(current) ? current : stages[stages.length - 1] };
}

export function useStageDuties(regionId: () => string, cycleId: () => string, cycle: () => ShownCycle | undefined) {
  const stage = ref<StageCode>();
  const view = shallowRef<StageDutiesView>();
  const loading = ref(false);
  const outstandingOnly = ref(true);
  const page = ref(1);
  const stages = computed(() => dutyStages(cycle()).stages);

  const filtered = computed(() => (view.value?.items ?? []).filter((r) => !outstandingOnly.value || !r.delivered));
  const shown = computed(() => filtered.value.slice((page.value - 1) * DUTIES_PAGE_SIZE, page.value * DUTIES_PAGE_SIZE));

  async function load(): Promise<void> {
    if (!stage.value) return;
    loading.value = true;
    try {
      view.value = await getStageDutiesApi(regionId(), cycleId(), stage.value);
    } finally {
      loading.value = false;
    }
  }

  watch(
    () => dutyStages(cycle()).initial,
    (initial) => {
      if (!stage.value || !stages.value.includes(stage.value)) stage.value = initial;
    },
    { immediate: true },
  );
  watch(stage, () => {
    page.value = 1;
    void load();
  }, { immediate: true });
  watch(outstandingOnly, () => (page.value = 1));

  /** The extension dialog: the unit, its answer's field errors, and the general error. */
  const extending = ref<UnitDutiesView>();
  const extensionErrors = ref<Record<string, string>>({});
  const extensionError = ref('');
  const saving = ref(false);

  function openExtension(row: UnitDutiesView): void {
    extending.value = row;
    extensionErrors.value = {};
    extensionError.value = '';
  }

  async function grant(input: Omit<GrantExtensionBody, 'version'>): Promise<boolean> {
    const row = extending.value;
    if (!row || !stage.value) return false;
    saving.value = true;
    extensionErrors.value = {};
    extensionError.value = '';
    try {
      await grantExtensionApi(regionId(), cycleId(), stage.value, row.unitId, { ...input, version: row.version });
      extending.value = undefined;
      await load();
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      extensionErrors.value = e.fieldErrors();
      extensionError.value = e.message;
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { stage, stages, view, loading, outstandingOnly, page, filtered, shown, load, extending, extensionErrors, extensionError, saving, openExtension, grant };
}
