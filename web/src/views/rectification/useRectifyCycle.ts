// The cycle a rectification page shows: the one in its path, or else the newest cycle in 整改 or
// 结果运用 (the newest cycle when none is), put into the path; and the region's cycles to switch between.
import { RECTIFY_STAGES } from '@shared/domain/rectification.ts';
import { stageNumber } from '@shared/domain/stages.ts';
import { ref, shallowRef, watch, type Ref } from 'vue';
import { useRouter } from 'vue-router';
import { listCyclesApi } from '@/api/cycles';

const STAGES = RECTIFY_STAGES.map(stageNumber);

export function useRectifyCycle(regionId: () => string, fromPath: () => string | undefined, routeName: string) {
  const router = useRouter();
  const cycleId = ref<string | undefined>();
  const cycles = shallowRef<{ cycleId: string; name: string; year: number; currentStage: number; status: string }[]>([]);
  async function choose(id: string | undefined): Promise<void> {
    const { items } = await listCyclesApi(regionId());
    cycles.value = [...items].sort((a, b) => b.year - a.year);
    if (id) return;
    const chosen = cycles.value.find((c) => c.status === 'open' && STAGES.includes(c.currentStage)) ?? cycles.value[0];
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
  return { cycleId: cycleId as Ref<string | undefined>, cycles };
}
