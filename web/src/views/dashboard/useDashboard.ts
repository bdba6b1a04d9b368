// 工作台: the region's open cycle and a count of recent notices.
import { computed, ref, shallowRef } from 'vue';
import { listNoticesApi } from '@/api/account';
import { listCyclesApi } from '@/api/cycles';
import type { CycleView } from '@/api/types';
import { currentStageOf } from '@/utils/cycle';

const NOTICE_WINDOW = 50;

export function useDashboard(regionId: () => string) {
  const cycles = shallowRef<CycleView[]>([]);
  const noticeCount = ref(0);
  const moreNotices = ref(false);
  const loading = ref(false);

  /** The open cycle with the latest year (normally the only one). */
  const openCycle = computed(() =>
    cycles.value.filter((c) => c.status === 'open').sort((a, b) => b.year - a.year)[0],
  );
  const stage = computed(() => (openCycle.value ? currentStageOf(openCycle.value) : undefined));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const [list, notices] = await Promise.all([
        listCyclesApi(regionId()),
        listNoticesApi(regionId(), NOTICE_WINDOW),
      ]);
      cycles.value = list.items;
      noticeCount.value = notices.items.length;
      moreNotices.value = Boolean(notices.nextCursor);
    } finally {
      loading.value = false;
    }
  }

  return { cycles, openCycle, stage, noticeCount, moreNotices, loading, load };
}
