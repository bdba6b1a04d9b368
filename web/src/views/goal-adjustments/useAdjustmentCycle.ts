// The cycle an adjustment page shows: the one in its path, or else the cycle now in goal review or
// execution (the stages goals are adjusted in; the newest cycle when none is), put into the path.
import { ADJUSTMENT_STAGES } from '@shared/domain/goal-adjustments.ts';
import { stageNumber } from '@shared/domain/stages.ts';
import { ref, watch, type Ref } from 'vue';
import { useRouter } from 'vue-router';
import { listCyclesApi } from '@/api/cycles';
import { putCycleInPath } from '@/composables/putCycleInPath';

const STAGES = ADJUSTMENT_STAGES.map(stageNumber);

export function useAdjustmentCycle(regionId: () => string, fromPath: () => string | undefined, routeName: string): { cycleId: Ref<string | undefined>; stage: Ref<number | undefined> } {
  const router = useRouter();
  const cycleId = ref<string | undefined>();
  const stage = ref<number>();

  async function choose(id: string | undefined): Promise<void> {
    const { items } = await listCyclesApi(regionId());
    const newest = [...items].sort((a, b) => b.year - a.year);
    if (id) {
      stage.value = newest.find((c) => c.cycleId === id)?.currentStage;
      return;
    }
    const chosen = newest.find((c) => c.status === 'open' && STAGES.includes(c.currentStage)) ?? newest[0];
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
  return { cycleId, stage };
}

/** Whether goals may be adjusted at this stage. */
export const adjustable = (stage: number | undefined) => stage !== undefined && STAGES.includes(stage);
