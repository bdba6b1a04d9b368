// One cycle: load it, and (bureau) advance it to the next stage after a confirmation.
import { ElMessage } from 'element-plus';
import { computed, h, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { advanceStageApi, getCycleApi } from '@/api/cycles';
import { getStageDutiesApi, hasDuties } from '@/api/duties';
import type { CycleView } from '@/api/types';
import { confirmAction } from '@/utils/confirm';
import { currentStageOf, nextStageOf } from '@/utils/cycle';

/** The advance's confirmation with the units still outstanding listed under it. */
function outstandingMessage(text: string, lead: string, units: string[]) {
  return h('div', { 'data-testid': 'advance-outstanding' }, [
    h('p', { class: 'advance-outstanding__lead' }, lead),
    h('ul', { class: 'advance-outstanding__list' }, units.map((u) => h('li', u))),
    h('p', text),
  ]);
}

export function useCycleDetail(regionId: () => string, cycleId: () => string) {
  const { t } = useI18n();
  const cycle = shallowRef<CycleView>();
  const loading = ref(false);
  const advancing = ref(false);

  const current = computed(() => (cycle.value ? currentStageOf(cycle.value) : undefined));
  const next = computed(() => (cycle.value ? nextStageOf(cycle.value) : undefined));
  const advanceLabel = computed(() => (next.value ? t('cycle.advance') : t('cycle.finish')));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      cycle.value = await getCycleApi(regionId(), cycleId());
    } finally {
      loading.value = false;
    }
  }

  async function advance(): Promise<void> {
    const view = cycle.value;
    const stage = current.value;
    if (!view || !stage) return;
    const currentName = t(`stage.${stage.code}`);
    const text = next.value
      ? t('cycle.advanceConfirm', { current: currentName, next: t(`stage.${next.value.code}`) })
      : t('cycle.finishConfirm', { current: currentName });
    // Stage duties: the units still outstanding are shown, and their number is what the bureau confirms.
    const outstanding = hasDuties(stage.code) ? (await getStageDutiesApi(regionId(), cycleId(), stage.code)).items.filter((r) => !r.delivered) : [];
    const confirmed = await confirmAction({
      title: advanceLabel.value,
      message: outstanding.length ? outstandingMessage(text, t('cycle.advanceOutstanding', { n: outstanding.length, stage: currentName }), outstanding.map((r) => r.unitName)) : text,
      confirmText: t('action.confirm'),
      cancelText: t('action.cancel'),
      testId: 'confirm-advance',
    });
    if (!confirmed) return;
    advancing.value = true;
    try {
      cycle.value = await advanceStageApi(regionId(), cycleId(), { stage: view.currentStage, version: view.version, ...(outstanding.length ? { outstanding: outstanding.length } : {}) });
      ElMessage.success(next.value ? t('cycle.advanced') : t('cycle.finished'));
    } catch {
      await load();
    } finally {
      advancing.value = false;
    }
  }

  return { cycle, loading, advancing, current, next, advanceLabel, load, advance };
}
