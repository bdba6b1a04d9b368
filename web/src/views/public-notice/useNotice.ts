// The public notice of a region's cycle, as the public page and its print view read it: the version
// asked for in the address (?version=N) or the one in force.
import { computed, shallowRef, watch } from 'vue';
import { getPublicResultsNoticeApi, type PublicNoticeView } from '@/api/results-notice';

export function usePublicNotice(props: { regionId: string; cycleId: string }, version: () => number | undefined) {
  const view = shallowRef<PublicNoticeView>();
  const loading = shallowRef(false);
  async function load(): Promise<void> {
    loading.value = true;
    try {
      view.value = await getPublicResultsNoticeApi({ regionId: props.regionId, cycleId: props.cycleId }, version());
    } finally {
      loading.value = false;
    }
  }
  watch([() => props.regionId, () => props.cycleId, version], load, { immediate: true });
  /** The version in force, when it corrects an earlier one: what the page says about the correction. */
  const correction = computed(() => {
    const v = view.value;
    if (!v || v.inForce === null || v.inForce < 2) return undefined;
    return v.versions.find((x) => x.number === v.inForce);
  });
  /** The version shown is not the one in force (an earlier, replaced one). */
  const replaced = computed(() => (view.value?.notice && view.value.notice.number !== view.value.inForce ? view.value.notice : undefined));
  return { view, loading, correction, replaced, load };
}
