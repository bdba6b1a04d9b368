// The cycle a goals page shows: the one in its path, or else the cycle now in goal setting or goal
// review (the newest cycle when none is), put into the path so the page can be shared and reloaded.
import { stageNumber } from '@shared/domain/stages.ts';
import { ref, watch, type Ref } from 'vue';
import { useRouter } from 'vue-router';
import { listCyclesApi } from '@/api/cycles';
import { putCycleInPath } from '@/composables/putCycleInPath';

const GOAL_STAGES = [stageNumber('goal_setting'), stageNumber('goal_review')];

export function useGoalCycle(regionId: () => string, fromPath: () => string | undefined, routeName: string): Ref<string | undefined> {
  const router = useRouter();
  const cycleId = ref<string | undefined>();

  async function choose(): Promise<void> {
    const { items } = await listCyclesApi(regionId());
    const newest = [...items].sort((a, b) => b.year - a.year);
    const chosen = newest.find((c) => c.status === 'open' && GOAL_STAGES.includes(c.currentStage)) ?? newest[0];
    if (chosen) await putCycleInPath(router, routeName, chosen.cycleId);
  }
  watch(
    fromPath,
    (id) => {
      cycleId.value = id || undefined;
      if (!id) void choose();
    },
    { immediate: true },
  );
  return cycleId;
}
