// 单位管理 list: every unit of the region loaded once, filtered and paged in the page.
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { listUnitsApi, type UnitStatus, type UnitType, type UnitView } from '@/api/organisation';

export interface UnitFilters {
  keyword: string;
  type: UnitType | '';
  category: string;
  status: UnitStatus | '';
  assessor: '' | 'yes' | 'no';
}

export const emptyFilters = (): UnitFilters => ({ keyword: '', type: '', category: '', status: 'active', assessor: '' });

export function filterUnits(units: readonly UnitView[], f: UnitFilters): UnitView[] {
  const kw = f.keyword.trim();
  return units.filter(
    (u) =>
      (!kw || u.name.includes(kw) || (u.shortName ?? '').includes(kw) || u.names.some((n) => n.name.includes(kw))) &&
      (!f.type || u.type === f.type) &&
      (!f.category || u.category === f.category) &&
      (!f.status || u.status === f.status) &&
      (!f.assessor || Boolean(u.assessor) === (f.assessor === 'yes')),
  );
}

/** The order a 绩效办 lists units in: bureau, counties, towns, departments, others; then by name (pinyin). */
const TYPE_ORDER: Record<string, number> = { bureau: 0, county: 1, town: 2, department: 3, third_party: 4, other: 5 };
const collator = new Intl.Collator('zh-CN');

export function sortUnits(units: readonly UnitView[]): UnitView[] {
  return [...units].sort(
    (a, b) =>
      (TYPE_ORDER[a.type] ?? 9) - (TYPE_ORDER[b.type] ?? 9) ||
      collator.compare(a.category ?? '', b.category ?? '') ||
      collator.compare(a.name, b.name),
  );
}

export function useUnitList(regionId: () => string, pageSize = 20) {
  const units = shallowRef<UnitView[]>([]);
  const loading = ref(false);
  const filters = reactive(emptyFilters());
  const page = ref(1);

  const filtered = computed(() => filterUnits(units.value, filters));
  const rows = computed(() => filtered.value.slice((page.value - 1) * pageSize, page.value * pageSize));
  const categories = computed(() => [...new Set(units.value.map((u) => u.category).filter((c): c is string => Boolean(c)))]);
  const nameOf = (unitId?: string) => units.value.find((u) => u.unitId === unitId)?.name ?? unitId ?? '';

  watch(filters, () => (page.value = 1));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      units.value = sortUnits((await listUnitsApi(regionId())).items);
    } finally {
      loading.value = false;
    }
  }

  return { units, loading, filters, page, pageSize, filtered, rows, categories, nameOf, load };
}
