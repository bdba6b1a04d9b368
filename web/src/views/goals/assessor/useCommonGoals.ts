// 共性指标目标: an assessor unit's common indicators, each a table of per-unit targets. Each row is
// a draft of its unit's goal, saved as the user types (a short pause after typing, or leaving the
// field: one version-checked save of that row) and, for many rows at once, saved whole (the API
// checks every row first and writes nothing when one is wrong; each wrong row shows its reason).
import { computed, reactive, ref, watch, type Ref } from 'vue';
import { t } from '@shared/contracts/lang.ts';
import { milestonesFrom, milestonesText } from '@shared/domain/goal-rows.ts';
import { getCommonGoalsApi, saveCommonGoalApi, saveCommonGoalsApi, type CommonGoalRow, type CommonGoalsView, type CommonRow } from '@/api/assessor-goals';
import { ApiError } from '@/api/http';

export type RowState = 'saved' | 'dirty' | 'saving' | 'error';

/** What the user typed in a row, as text, and where its save stands. */
export interface RowDraft {
  target: string;
  unitOfMeasure: string;
  milestones: string;
  responsible: string;
  /** The version of the unit's goal as last read or saved (0: none yet). */
  version: number;
  state: RowState;
  error?: string;
}

/** A pause in typing after which a row is saved. */
export const AUTOSAVE_MS = 1000;

export const draftOf = (row: CommonGoalRow): RowDraft => ({
  target: row.goal?.target === undefined ? '' : String(row.goal.target),
  unitOfMeasure: row.goal?.unitOfMeasure ?? '',
  milestones: milestonesText(row.goal?.milestones ?? []),
  responsible: row.goal?.responsible ?? '',
  version: row.goal?.version ?? 0,
  state: 'saved',
});

/** The row to send, or the reason it cannot be sent as typed. */
export function rowOf(unitId: string, d: RowDraft): CommonRow | { error: string } {
  const target = d.target.trim();
  if (target && !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(target)) return { error: t(`「${target}」不是数值`, `“${target}” is not a number`) };
  const ms = milestonesFrom(d.milestones.trim());
  if ('error' in ms) return { error: ms.error };
  return {
    unitId,
    version: d.version,
    ...(target ? { target: Number(target) } : {}),
    ...(d.unitOfMeasure.trim() ? { unitOfMeasure: d.unitOfMeasure.trim() } : {}),
    milestones: ms.milestones,
    ...(d.responsible.trim() ? { responsible: d.responsible.trim() } : {}),
  };
}

const messageOf = (e: unknown) => (e instanceof ApiError && e.details.length ? e.details.map((d) => d.message).join('；') : e instanceof Error ? e.message : String(e));

export function useCommonGoals(regionId: () => string, assessorUnitId: () => string, cycleId: Ref<string | undefined>) {
  const view = ref<CommonGoalsView>();
  const loading = ref(false);
  const loadError = ref('');
  const selected = ref<string>();
  /** Drafts by `indicator|unit`. */
  const drafts = reactive(new Map<string, RowDraft>());
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const inFlight = new Map<string, Promise<void>>();
  /** Rows save themselves as typed; off, typed rows wait for the whole-table save (all or nothing). */
  const autosave = ref(true);
  const tableError = ref('');
  const savingTable = ref(false);

  const key = (indicatorId: string, unitId: string) => `${indicatorId}|${unitId}`;
  const indicator = computed(() => view.value?.indicators.find((i) => i.indicatorId === selected.value));

  function resetDrafts(): void {
    drafts.clear();
    for (const ind of view.value?.indicators ?? []) for (const r of ind.rows) drafts.set(key(ind.indicatorId, r.unitId), draftOf(r));
  }

  async function load(): Promise<void> {
    if (!cycleId.value || !assessorUnitId()) return;
    loading.value = true;
    loadError.value = '';
    try {
      view.value = await getCommonGoalsApi(regionId(), cycleId.value, assessorUnitId());
      resetDrafts();
      if (!view.value.indicators.some((i) => i.indicatorId === selected.value)) selected.value = view.value.indicators[0]?.indicatorId;
    } catch (e) {
      loadError.value = messageOf(e);
    } finally {
      loading.value = false;
    }
  }
  watch([cycleId, assessorUnitId], load, { immediate: true });

  /** The row's goal in the view after a save, so counts and the worklist follow. */
  function applySaved(indicatorId: string, row: CommonGoalRow, saved: NonNullable<CommonGoalRow['goal']>): void {
    const ind = view.value?.indicators.find((i) => i.indicatorId === indicatorId);
    if (!ind) return;
    row.goal = saved;
    ind.withTarget = ind.rows.filter((r) => r.goal?.target !== undefined && !!r.goal.unitOfMeasure).length;
  }

  async function saveRow(indicatorId: string, row: CommonGoalRow): Promise<void> {
    const k = key(indicatorId, row.unitId);
    clearTimeout(timers.get(k));
    timers.delete(k);
    await inFlight.get(k);
    const d = drafts.get(k);
    if (!d || d.state !== 'dirty') return;
    const body = rowOf(row.unitId, d);
    if ('error' in body) {
      d.state = 'error';
      d.error = body.error;
      return;
    }
    d.state = 'saving';
    const typed = JSON.stringify(body);
    const run = (async () => {
      try {
        const saved = await saveCommonGoalApi(regionId(), cycleId.value!, assessorUnitId(), indicatorId, body);
        d.version = saved.version;
        applySaved(indicatorId, row, saved);
        // Typed on while it was saving: the row stays to be saved again.
        const still = rowOf(row.unitId, d);
        d.state = 'error' in still || JSON.stringify({ ...still, version: body.version }) === typed ? 'saved' : 'dirty';
        d.error = undefined;
        if (d.state === 'dirty' && autosave.value) schedule(indicatorId, row);
      } catch (e) {
        d.state = 'error';
        d.error = e instanceof ApiError && e.status === 409 ? `${e.message}` : messageOf(e);
      }
    })();
    inFlight.set(k, run);
    await run;
    inFlight.delete(k);
  }

  function schedule(indicatorId: string, row: CommonGoalRow): void {
    const k = key(indicatorId, row.unitId);
    clearTimeout(timers.get(k));
    timers.set(k, setTimeout(() => void saveRow(indicatorId, row), AUTOSAVE_MS));
  }

  /** Called on every keystroke in a row: marks it to be saved after a pause. */
  function typed(indicatorId: string, row: CommonGoalRow): void {
    const d = drafts.get(key(indicatorId, row.unitId));
    if (!d) return;
    d.state = 'dirty';
    d.error = undefined;
    if (autosave.value) schedule(indicatorId, row);
  }

  /** Leaving a field saves its row at once (while rows save as typed). */
  const left = (indicatorId: string, row: CommonGoalRow) => (autosave.value ? saveRow(indicatorId, row) : Promise.resolve());

  const pending = computed(() => (indicator.value?.rows ?? []).filter((r) => ['dirty', 'error'].includes(drafts.get(key(indicator.value!.indicatorId, r.unitId))?.state ?? '')));

  /** Saves every changed row of the selected table at once: all or nothing, each wrong row named. */
  async function saveTable(): Promise<boolean> {
    const ind = indicator.value;
    if (!ind) return false;
    tableError.value = '';
    const rows = pending.value;
    const bodies: CommonRow[] = [];
    for (const r of rows) {
      const d = drafts.get(key(ind.indicatorId, r.unitId))!;
      clearTimeout(timers.get(key(ind.indicatorId, r.unitId)));
      const body = rowOf(r.unitId, d);
      if ('error' in body) {
        d.state = 'error';
        d.error = body.error;
      } else bodies.push(body);
    }
    if (bodies.length < rows.length || !bodies.length) return false;
    savingTable.value = true;
    try {
      const fresh = await saveCommonGoalsApi(regionId(), cycleId.value!, assessorUnitId(), ind.indicatorId, bodies);
      const at = view.value!.indicators.findIndex((i) => i.indicatorId === ind.indicatorId);
      view.value!.indicators.splice(at, 1, fresh);
      for (const r of fresh.rows) if (bodies.some((b) => b.unitId === r.unitId)) drafts.set(key(ind.indicatorId, r.unitId), draftOf(r));
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      tableError.value = e.message;
      for (const detail of e.details) {
        const m = /^body\.rows\.(\d+)/.exec(detail.path);
        const body = m ? bodies[Number(m[1])] : undefined;
        const d = body && drafts.get(key(ind.indicatorId, body.unitId));
        if (d) {
          d.state = 'error';
          d.error = [d.error, detail.message].filter(Boolean).join('；');
        }
      }
      return false;
    } finally {
      savingTable.value = false;
    }
  }

  const draft = (indicatorId: string, unitId: string) => drafts.get(key(indicatorId, unitId));

  return { view, loading, loadError, selected, indicator, draft, typed, left, saveRow, saveTable, pending, autosave, tableError, savingTable, load };
}
