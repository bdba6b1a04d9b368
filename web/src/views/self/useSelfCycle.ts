// The cycle a self-assessment page shows: the one in its path, or else the open cycle in 自评 (the
// newest cycle that has reached 自评 when none is, e.g. last year's), put into the path; and the
// region's cycles for the page's switch.
import { stageNumber } from '@shared/domain/stages.ts';
import { ref, watch, type Ref } from 'vue';
import { useRouter } from 'vue-router';
import { listCyclesApi } from '@/api/cycles';
import { putCycleInPath } from '@/composables/putCycleInPath';

export function useSelfCycle(regionId: () => string, fromPath: () => string | undefined, routeName: string) {
  const router = useRouter();
  const cycleId = ref<string | undefined>();
  const cycles: Ref<{ cycleId: string; name: string }[]> = ref([]);
  const self = stageNumber('self_assessment');
  async function choose(): Promise<void> {
    const { items } = await listCyclesApi(regionId());
    const newest = [...items].sort((a, b) => b.year - a.year);
    cycles.value = newest.map((c) => ({ cycleId: c.cycleId, name: c.name }));
    if (fromPath()) return;
    const chosen = newest.find((c) => c.status === 'open' && c.currentStage === self) ?? newest.find((c) => c.currentStage >= self) ?? newest[0];
    if (chosen) await putCycleInPath(router, routeName, chosen.cycleId, true);
  }
  watch(fromPath, (id) => (cycleId.value = id || undefined), { immediate: true });
  void choose();
  const switchTo = (id: string) => void router.replace({ name: routeName, params: { cycleId: id } });
  return { cycleId, cycles, switchTo };
}
