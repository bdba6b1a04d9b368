// 考评类别 editor of one cycle: a draft of categories with their units, the units left over, the
// domain's checks before sending, and the server's field errors mapped back to each category.
// A saved assignment may hold units retired or merged since: they are flagged in their category,
// with one click to remove them or to put the unit they were merged into in their place.
import { ElMessage } from 'element-plus';
import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { checkAssignment, isActive, isResponsible, successorOf, unassignedUnits } from '@shared/domain/organisation.ts';
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

/** A unit of a category that can no longer be graded: retired, merged, or (never expected) unknown. */
export interface StaleUnit {
  unitId: string;
  name: string;
  retiredOn?: string;
  /** The unit it was merged into (its name), when it was merged. */
  mergedInto?: string;
  /** The active responsible unit that can take its place in this category, when there is one. */
  replacement?: { unitId: string; name: string };
  /** Why there is no replacement though it was merged: the unit it went to is in another category. */
  replacementElsewhere?: { name: string; category: string };
}

/**
 * The stale units of each category of the draft, in the draft's order. `snapshot` gives the names the
 * saved assignment recorded, for a unit the list does not know. A merged unit's replacement follows
 * the merges to the active unit now doing its work, if that unit is responsible and not already in
 * another category.
 */
export function staleUnits(units: readonly UnitView[], draft: readonly DraftCategory[], snapshot: ReadonlyMap<string, string> = new Map()): StaleUnit[][] {
  const byId = new Map(units.map((u) => [u.unitId, u]));
  const held = holders(draft);
  return draft.map((c, i) =>
    c.unitIds.flatMap((id): StaleUnit[] => {
      const u = byId.get(id);
      if (u && isActive(u)) return [];
      if (!u) return [{ unitId: id, name: snapshot.get(id) ?? id }];
      const stale: StaleUnit = { unitId: id, name: u.name, retiredOn: u.retiredOn };
      if (u.mergedInto) stale.mergedInto = byId.get(u.mergedInto)?.name ?? u.mergedInto;
      const next = successorOf(units, id);
      if (next && isResponsible(next)) {
        const k = held.get(next.unitId);
        if (k === undefined || k === i) stale.replacement = { unitId: next.unitId, name: next.name };
        else stale.replacementElsewhere = { name: next.name, category: draft[k]!.name || String(k + 1) };
      }
      return [stale];
    }),
  );
}

/** Category `i` without `unitId`, or with `withId` in its place (once, if the category has it already). */
export function replaceIn(draft: DraftCategory[], i: number, unitId: string, withId?: string): void {
  const c = draft[i];
  if (!c) return;
  const next: string[] = [];
  for (const id of c.unitIds) {
    const put = id === unitId ? withId : id;
    if (put && !next.includes(put)) next.push(put);
  }
  c.unitIds = next;
}

/**
 * Every stale unit of the draft dealt with: a merged one replaced by its successor where it can be,
 * any other removed. Counts what was done.
 */
export function resolveStale(units: readonly UnitView[], draft: DraftCategory[]): { replaced: number; removed: number } {
  let replaced = 0;
  let removed = 0;
  // One at a time: a replacement puts a unit in a category, which changes what the next one can do.
  for (;;) {
    const stale = staleUnits(units, draft);
    const i = stale.findIndex((list) => list.length > 0);
    if (i < 0) return { replaced, removed };
    const s = stale[i]![0]!;
    replaceIn(draft, i, s.unitId, s.replacement?.unitId);
    if (s.replacement) replaced++;
    else removed++;
  }
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
  /** Names the saved assignment recorded, for units the list no longer knows. */
  const snapshotNames = computed(() => new Map((view.value?.categories ?? []).flatMap((c) => c.units.map((u) => [u.unitId, u.name] as const))));
  const stale = computed(() => staleUnits(units.value, draft.value, snapshotNames.value));
  const staleCount = computed(() => stale.value.reduce((n, list) => n + list.length, 0));

  /** Unit errors point at positions in a category's list: once the list changes they no longer fit. */
  function dropUnitErrors(i?: number): void {
    const fits = (k: string) => (i === undefined ? !/^categories\.\d+\.unitIds\./.test(k) : !k.startsWith(`categories.${i}.unitIds.`));
    errors.value = Object.fromEntries(Object.entries(errors.value).filter(([k]) => fits(k)));
  }

  /** Remove a stale unit from category `i`, or put its replacement in its place. */
  function fixStale(i: number, unitId: string, withId?: string): void {
    replaceIn(draft.value, i, unitId, withId);
    dropUnitErrors(i);
  }

  function fixAllStale(): void {
    const { replaced, removed } = resolveStale(units.value, draft.value);
    dropUnitErrors();
    ElMessage.success(t('categories.staleFixed', { replaced, removed }));
  }

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

  return { view, units, draft, errors, loading, saving, options, unassigned, held, stale, staleCount, load, add, remove, move, save, fixStale, fixAllStale };
}
