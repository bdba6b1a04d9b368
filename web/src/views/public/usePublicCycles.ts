// 公开信息: regions (city first, its counties after it) and the selected region's cycles.
import { computed, ref, shallowRef } from 'vue';
import { listPublicCyclesApi, listPublicRegionsApi } from '@/api/public';
import type { PublicCycleView as CycleView, Region } from '@/api/types';

/** Regions ordered as a tree: each top-level region followed by the regions under it. */
export function orderRegions(regions: readonly Region[]): { region: Region; depth: number }[] {
  const ids = new Set(regions.map((r) => r.regionId));
  const out: { region: Region; depth: number }[] = [];
  const visit = (parentId: string | undefined, depth: number) => {
    regions
      .filter((r) => (parentId === undefined ? !r.parentId || !ids.has(r.parentId) : r.parentId === parentId))
      .sort((a, b) => a.regionId.localeCompare(b.regionId))
      .forEach((r) => {
        out.push({ region: r, depth });
        visit(r.regionId, depth + 1);
      });
  };
  visit(undefined, 0);
  return out;
}

export function usePublicCycles() {
  const regions = shallowRef<Region[]>([]);
  const regionId = ref('');
  const cycles = shallowRef<CycleView[]>([]);
  const loading = ref(false);

  const options = computed(() => orderRegions(regions.value));
  const regionName = computed(() => regions.value.find((r) => r.regionId === regionId.value)?.name ?? '');

  async function loadRegions(preferred?: string): Promise<void> {
    regions.value = (await listPublicRegionsApi()).items;
    const first = options.value[0]?.region.regionId;
    const pick = regions.value.some((r) => r.regionId === preferred) ? preferred : first;
    if (pick) await selectRegion(pick);
  }

  async function selectRegion(id: string): Promise<void> {
    regionId.value = id;
    loading.value = true;
    try {
      cycles.value = [...(await listPublicCyclesApi(id)).items].sort((a, b) => b.year - a.year);
    } finally {
      loading.value = false;
    }
  }

  return { regions, regionId, regionName, options, cycles, loading, loadRegions, selectRegion };
}
