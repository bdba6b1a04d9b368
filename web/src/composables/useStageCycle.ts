// The cycle a stage's page shows: the one in its path, or else the open cycle in one of `stages`
// (the newest cycle when none is), put into the path. Also the region's cycles, newest first.
import { stageNumber, type StageCode } from '@shared/domain/stages.ts';
import { ref, shallowRef, watch, type Ref } from 'vue';
import { useRouter } from 'vue-router';
import { listCyclesApi } from '@/api/cycles';
import { putCycleInPath } from './putCycleInPath';

/** A cycle of the region as listed (its stage and status too). */
type ListedCycle = Awaited<ReturnType<typeof listCyclesApi>>['items'][number];

export function useStageCycle(
  stages: readonly StageCode[],
  regionId: () => string,
  fromPath: () => string | undefined,
  routeName: string,
): { cycleId: Ref<string | undefined>; cycles: Ref<ListedCycle[]> } {
  const numbers = stages.map(stageNumber);
  const router = useRouter();
  const cycleId = ref<string | undefined>();
  const cycles = shallowRef<ListedCycle[]>([]);
  async function choose(id: string | undefined): Promise<void> {
    const { items } = await listCyclesApi(regionId());
    cycles.value = [...items].sort((a, b) => b.year - a.year);
    if (id) return;
    const chosen = cycles.value.find((c) => c.status === 'open' && numbers.includes(c.currentStage)) ?? cycles.value[0];
    if (chosen) await putCycleInPath(router, routeName, chosen.cycleId);
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
