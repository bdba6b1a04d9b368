// 考评类别 editor of one cycle: a draft of categories with their units, the units left over, the
// domain's checks before sending, and the server's field errors mapped back to each category.
import { ElMessage } from 'element-plus';
import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { checkAssignment, isResponsible, unassignedUnits } from '@shared/domain/organisation.ts';
import { useFormSubmit } from '@/composables/useFormSubmit';
import { getCategoriesApi, listUnitsApi, saveCategoriesApi, type CategoriesView, type UnitView } from '@/api/organisation';

export interface DraftCategory {
  /** Stable key for the list while ids are not yet given. */
  key: number;
  categoryId?: string;
  name: string;
  unitIds: string[];
}

let nextKey = 1;
export const draftFrom = (view: CategoriesView): DraftCategory[] =>
  view.categories.map((c) => ({ key: nextKey++, categoryId: c.categoryId, name: c.name, unitIds: c.units.map((u) => u.unitId) }));

/** Responsible units no category of the draft holds. */
export const unassignedOf = (units: readonly UnitView[], draft: readonly DraftCategory[]) => unassignedUnits(units, draft);

/** Which category (index) holds each unit, so the other categories can show it as taken. */
export function holders(draft: readonly DraftCategory[]): Map<string, number> {
  const map = new Map<string, number>();
  draft.forEach((c, i) => c.unitIds.forEach((id) => map.has(id) || map.set(id, i)));
  return map;
}

/** Errors of category `i`: its name, and every message about its units. */
export function errorsOf(errors: Record<string, string>, i: number): { name?: string; units: string[] } {
  const prefix = `categories.${i}.unitIds.`;
  return {
    name: errors[`categories.${i}.name`] ?? errors[`categories.${i}.categoryId`],
    units: Object.entries(errors)
      .filter(([k]) => k.startsWith(prefix))
      .map(([, v]) => v),
  };
}

export function useCategoryEditor(regionId: () => string, cycleId: () => string) {
  const { t } = useI18n();
  const view = shallowRef<CategoriesView>();
  const units = shallowRef<UnitView[]>([]);
  const draft = ref<DraftCategory[]>([]);
  const errors = ref<Record<string, string>>({});
  const loading = ref(false);
  const { saving, submit } = useFormSubmit(errors);

  const options = computed(() => units.value.filter(isResponsible));
  const unassigned = computed(() => unassignedOf(units.value, draft.value));
  const held = computed(() => holders(draft.value));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const [v, u] = await Promise.all([getCategoriesApi(regionId(), cycleId()), listUnitsApi(regionId())]);
      view.value = v;
      units.value = u.items;
      draft.value = draftFrom(v);
      errors.value = {};
    } finally {
      loading.value = false;
    }
  }

  const add = () => draft.value.push({ key: nextKey++, name: '', unitIds: [] });
  const remove = (i: number) => draft.value.splice(i, 1);
  function move(i: number, by: -1 | 1): void {
    const j = i + by;
    if (j < 0 || j >= draft.value.length) return;
    const list = draft.value;
    [list[i], list[j]] = [list[j]!, list[i]!];
  }

  async function save(): Promise<boolean> {
    const categories = draft.value.map((c) => ({ ...(c.categoryId ? { categoryId: c.categoryId } : {}), name: c.name.trim(), unitIds: c.unitIds }));
    errors.value = Object.fromEntries(checkAssignment(units.value, categories).map((p) => [p.path, p.message]));
    if (Object.keys(errors.value).length) return false;
    return submit(async () => {
      const saved = await saveCategoriesApi(regionId(), cycleId(), { version: view.value?.version ?? 0, categories });
      view.value = saved;
      draft.value = draftFrom(saved);
      ElMessage.success(t('categories.saved'));
    });
  }

  return { view, units, draft, errors, loading, saving, options, unassigned, held, load, add, remove, move, save };
}
