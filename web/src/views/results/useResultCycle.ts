// The cycle a results page shows: the one in its path, or else the open cycle in 汇总反馈 or 等次评定
// (the newest cycle when none is), put into the path.
import { RESULT_STAGES } from '@shared/domain/results.ts';
import { stageNumber } from '@shared/domain/stages.ts';
import { ref, watch, type Ref } from 'vue';
import { useRouter } from 'vue-router';
import { listCyclesApi } from '@/api/cycles';

const STAGES = RESULT_STAGES.map(stageNumber);

export function useResultCycle(regionId: () => string, fromPath: () => string | undefined, routeName: string): { cycleId: Ref<string | undefined>; cycles: Ref<{ cycleId: string; name: string }[]> } {
  const router = useRouter();
  const cycleId = ref<string | undefined>();
  const cycles = ref<{ cycleId: string; name: string }[]>([]);
  async function choose(id: string | undefined): Promise<void> {
    const { items } = await listCyclesApi(regionId());
    const newest = [...items].sort((a, b) => b.year - a.year);
    cycles.value = newest.map((c) => ({ cycleId: c.cycleId, name: c.name }));
    if (id) return;
    const chosen = newest.find((c) => c.status === 'open' && STAGES.includes(c.currentStage)) ?? newest[0];
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
