// A live countdown to the current stage's deadline, counted from when the view was received.
import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { TimelineEntry } from '@/api/types';
import { formatCountdown } from '@/utils/countdown';
import { useNow } from './useNow';

export function useCountdown(stage: () => TimelineEntry | undefined) {
  const { t } = useI18n();
  const now = useNow();
  const receivedAt = ref(Date.now());
  watch(stage, () => (receivedAt.value = Date.now()));

  const remainingMs = computed(() => {
    const s = stage();
    if (s?.state !== 'current' || s.remainingMs === undefined) return undefined;
    return s.remainingMs - Math.max(0, now.value - receivedAt.value);
  });
  const overdue = computed(() => Boolean(stage()?.overdue) || (remainingMs.value !== undefined && remainingMs.value <= 0));
  const text = computed(() => (remainingMs.value === undefined ? '' : formatCountdown(remainingMs.value, t)));

  return { remainingMs, overdue, text };
}
