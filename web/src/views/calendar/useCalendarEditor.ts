// 工作日历: the year being viewed or edited, day toggling, the shared domain checks, and saving
// with the version the bureau loaded (someone else's save in between is refused, not overwritten).
import { ElMessage } from 'element-plus';
import { computed, reactive, ref } from 'vue';
import { officialCalendar } from '@shared/domain/calendar-data/index.ts';
import { shiftIsoDate } from '@shared/domain/dates.ts';
import { checkCalendarYear, isWeekend, weekdayOf } from '@shared/domain/working-days.ts';
import type { CalendarRecord, CalendarSummary } from '@shared/model/calendar.ts';
import { getCalendarYearApi, listCalendarYearsApi, saveCalendarYearApi } from '@/api/calendar';
import { ApiError } from '@/api/http';

export type DayMark = 'holiday' | 'workday' | 'normal';

export interface CalendarDraft {
  holidays: string[];
  workdays: string[];
  source: string;
}

export function markOf(draft: CalendarDraft, date: string): DayMark {
  if (draft.holidays.includes(date)) return 'holiday';
  if (draft.workdays.includes(date)) return 'workday';
  return 'normal';
}

/**
 * What a click makes of a day. A weekday can only become a holiday (it already is a working day);
 * a weekend day becomes a make-up working day first (the common case), then a holiday (inside a
 * holiday period), then plain weekend again.
 */
export function nextMark(date: string, current: DayMark): DayMark {
  if (!isWeekend(date)) return current === 'normal' ? 'holiday' : 'normal';
  return current === 'normal' ? 'workday' : current === 'workday' ? 'holiday' : 'normal';
}

/** Apply one click to the draft; the lists stay sorted. */
export function toggleDay(draft: CalendarDraft, date: string): DayMark {
  const mark = nextMark(date, markOf(draft, date));
  draft.holidays = draft.holidays.filter((d) => d !== date);
  draft.workdays = draft.workdays.filter((d) => d !== date);
  if (mark === 'holiday') draft.holidays = [...draft.holidays, date].sort();
  if (mark === 'workday') draft.workdays = [...draft.workdays, date].sort();
  return mark;
}

/** The days of a month as a Monday-first grid: `null` pads the first week. */
export function monthCells(year: number, month: number): (string | null)[] {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const cells: (string | null)[] = Array.from({ length: (weekdayOf(first) + 6) % 7 }, () => null);
  for (let d = first; d.slice(5, 7) === first.slice(5, 7); d = shiftIsoDate(d, 1)) cells.push(d);
  return cells;
}

const emptyDraft = (): CalendarDraft => ({ holidays: [], workdays: [], source: '' });
const draftOf = (c: { holidays: string[]; workdays: string[]; source?: string }): CalendarDraft => ({
  holidays: [...c.holidays].sort(),
  workdays: [...c.workdays].sort(),
  source: c.source ?? '',
});
const same = (a: CalendarDraft, b: CalendarDraft) => JSON.stringify(a) === JSON.stringify(b);

export function useCalendarEditor(regionId: () => string) {
  const years = ref<CalendarSummary[]>([]);
  const year = ref(new Date().getFullYear());
  /** The stored year; undefined when the year has not been set yet. */
  const stored = ref<CalendarRecord>();
  const draft = reactive<CalendarDraft>(emptyDraft());
  const saved = ref<CalendarDraft>(emptyDraft());
  const errors = ref<{ path: string; message: string }[]>([]);
  const loading = ref(false);
  const saving = ref(false);

  const dirty = computed(() => !same(draft, saved.value));
  const official = computed(() => officialCalendar(year.value));

  function show(next: CalendarDraft): void {
    Object.assign(draft, next);
    errors.value = [];
  }

  async function loadYears(): Promise<void> {
    years.value = (await listCalendarYearsApi(regionId())).items;
  }

  async function loadYear(y = year.value): Promise<void> {
    year.value = y;
    loading.value = true;
    try {
      stored.value = await getCalendarYearApi(regionId(), y);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
      stored.value = undefined;
    } finally {
      loading.value = false;
    }
    saved.value = stored.value ? draftOf(stored.value) : emptyDraft();
    show(draftOf(saved.value));
  }

  function toggle(date: string): void {
    toggleDay(draft, date);
    errors.value = [];
  }

  /** Start over from the State Council's arrangement shipped with the platform. */
  function useOfficial(): void {
    if (official.value) show(draftOf(official.value));
  }

  function discard(): void {
    show(draftOf(saved.value));
  }

  function validate(): boolean {
    errors.value = checkCalendarYear({ year: year.value, holidays: draft.holidays, workdays: draft.workdays });
    return errors.value.length === 0;
  }

  async function save(): Promise<boolean> {
    if (!validate()) return false;
    saving.value = true;
    try {
      const body = { holidays: draft.holidays, workdays: draft.workdays, source: draft.source.trim() || undefined, version: stored.value?.version };
      stored.value = await saveCalendarYearApi(regionId(), year.value, body);
      saved.value = draftOf(stored.value);
      show(draftOf(stored.value));
      await loadYears();
      return true;
    } catch (e) {
      if (e instanceof ApiError) {
        errors.value = e.details.map((d) => ({ path: d.path.replace(/^body\./, ''), message: d.message }));
        ElMessage.error(e.message);
        return false;
      }
      throw e;
    } finally {
      saving.value = false;
    }
  }

  return { years, year, stored, draft, dirty, official, errors, loading, saving, loadYears, loadYear, toggle, useOfficial, discard, save };
}
