// Loads a unit's annual report, keeping the API's refusal (not confirmed, a correction under way) as
// the page's message instead of a toast, so the unit reads why there is no report yet.
import { shallowRef, watch, type Ref } from 'vue';
import { ApiError } from '@/api/http';
import { getUnitReportApi, type UnitReportView } from '@/api/reports';

export function useUnitReport(regionId: Ref<string>, cycleId: Ref<string | undefined>, unitId: Ref<string | undefined>) {
  const report = shallowRef<UnitReportView>();
  const refusal = shallowRef('');
  const loading = shallowRef(false);
  watch(
    [regionId, cycleId, unitId],
    async ([region, cycle, unit]) => {
      report.value = undefined;
      refusal.value = '';
      if (!region || !cycle || !unit) return;
      loading.value = true;
      try {
        report.value = await getUnitReportApi({ regionId: region, cycleId: cycle, unitId: unit });
      } catch (e) {
        refusal.value = e instanceof ApiError ? e.message : String(e);
      } finally {
        loading.value = false;
      }
    },
    { immediate: true },
  );
  return { report, refusal, loading };
}
