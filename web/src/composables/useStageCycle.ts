// The cycle a stage's page shows: the one in its path, or else the open cycle in one of `stages`
// (the newest cycle when none is), put into the path. Also the region's cycles, newest first.
import { stageNumber, type StageCode } from '@shared/domain/stages.ts';
import { ref, watch, type Ref } from 'vue';
import { useRouter } from 'vue-router';
import { listCyclesApi } from '@/api/cycles';

export function useStageCycle(
  stages: readonly StageCode[],
  regionId: () => string,
  fromPath: () => string | undefined,
  routeName: string,
): { cycleId: Ref<string | undefined>; cycles: Ref<{ cycleId: string; name: string }[]> } {
  const numbers = stages.map(stageNumber);
  const router = useRouter();
  const cycleId = ref<string | undefined>();
  const cycles = ref<{ cycleId: string; name: string }[]>([]);
  async function choose(id: string | undefined): Promise<void> {
    const { items } = await listCyclesApi(regionId());
    const newest = [...items].sort((a, b) => b.year - a.year);
    cycles.value = newest.map((c) => ({ cycleId: c.cycleId, name: c.name }));
    if (id) return;
    const chosen = newest.find((c) => c.status === 'open' && numbers.includes(c.currentStage)) ?? newest[0];
    if (chosen) await router.replace({ name: routeName, params: { cycleId: chosen.cycleId } });
  }
  watch(
    fromPath,
    (id) => {
      cycleId.value = id || undefined;
      void choose(id || undefined);
    },
    { immediate: true },
  );
  return { cycleId, cycles };
}
