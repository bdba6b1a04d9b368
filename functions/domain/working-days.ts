// Chinese working days (SPEC.md "Deadlines"; Art 14, Art 21): Monday–Friday, except the statutory
// holidays (法定节假日), plus the weekend days declared make-up working days (调休上班日). Both come
// from the State Council's notice for each year, so the calendar is data, one item per year.
import { t } from '../contracts/lang.ts';
import type { CalendarYear } from '../model/calendar.ts';
import { deadlineInstant, isIsoDate, shiftIsoDate } from './dates.ts';
import { ConflictError, DomainError } from './errors.ts';

export type { CalendarYear };

export type DayKind = 'holiday' | 'workday' | 'weekend' | 'weekday';

/**
 * A computation reached a year nobody has entered. Guessing from weekends alone would give wrong
 * deadlines around New Year and Spring Festival, so it stops and names the year instead.
 */
export class CalendarGapError extends DomainError {
  constructor(readonly year: number) {
    const message = t(
      `${year} 年的工作日历尚未设置（未录入法定节假日安排），无法计算工作日`,
      `The working-day calendar of ${year} has not been set (no statutory holidays entered); working days cannot be counted`,
    );
    super(422, 'CALENDAR_GAP', message, [{ path: `calendar.${year}`, message }]);
  }
}

const yearOf = (date: string) => Number(date.slice(0, 4));
/** 0 = Sunday … 6 = Saturday; the date is a calendar date, so UTC is safe here. */
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
export const isWeekend = (date: string) => weekdayOf(date) === 0 || weekdayOf(date) === 6;

function assertDate(date: string): void {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
}

export class WorkingCalendar {
  private readonly data = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();

  constructor(years: readonly CalendarYear[]) {
    for (const y of years) this.data.set(y.year, { holidays: new Set(y.holidays), workdays: new Set(y.workdays) });
  }

  /** Years with data, ascending. */
  get years(): number[] {
    return [...this.data.keys()].sort((a, b) => a - b);
  }

  covers(year: number): boolean {
    return this.data.has(year);
  }

  kindOf(date: string): DayKind {
    assertDate(date);
    const y = this.data.get(yearOf(date));
    if (!y) throw new CalendarGapError(yearOf(date));
    if (y.holidays.has(date)) return 'holiday';
    if (y.workdays.has(date)) return 'workday';
    return isWeekend(date) ? 'weekend' : 'weekday';
  }

  isWorkingDay(date: string): boolean {
    const kind = this.kindOf(date);
    return kind === 'workday' || kind === 'weekday';
  }

  /**
   * The date `n` working days after `date`. The day of receipt is never counted: day 1 is the first
   * working day after `date`. A negative `n` counts back (day -1 is the last working day before
   * `date`), for reminders; `n = 0` is `date` itself.
   */
  addWorkingDays(date: string, n: number): string {
    assertDate(date);
    if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
    const step = n < 0 ? -1 : 1;
    let day = date;
    for (let left = Math.abs(n); left > 0; ) {
      day = shiftIsoDate(day, step);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /** Working days in (from, to]: so `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Negative if `to` is earlier. */
  workingDaysBetween(from: string, to: string): number {
    assertDate(from);
    assertDate(to);
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = shiftIsoDate(from, 1); day <= to; day = shiftIsoDate(day, 1)) if (this.isWorkingDay(day)) count++;
    return count;
  }

  /** The deadline `n` working days after receipt on `receivedOn`: that date, ending 24:00 Beijing time. */
  deadline(receivedOn: string, n: number): { date: string; deadlineAt: string } {
    const date = this.addWorkingDays(receivedOn, n);
    return { date, deadlineAt: new Date(deadlineInstant(date)).toISOString() };
  }
}

export interface CalendarProblem {
  /** Field at fault, e.g. `holidays.3`. */
  path: string;
  message: string;
}

/**
 * Rules one year's data must follow. A weekend day may be a holiday only as part of a holiday
 * period (e.g. 2025-05-31..06-02); alone it is noise that hides mistakes.
 */
export function checkCalendarYear(data: Pick<CalendarYear, 'year' | 'holidays' | 'workdays'>): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const { year } = data;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return [{ path: 'year', message: t('年份应在 2000–2100 之间', 'The year must be between 2000 and 2100') }];
  const holidays = new Set(data.holidays);
  const workdays = new Set(data.workdays);
  const check = (list: string[], field: 'holidays' | 'workdays') => {
    const seen = new Set<string>();
    list.forEach((date, i) => {
      const at = `${field}.${i}`;
      if (!isIsoDate(date)) return problems.push({ path: at, message: t(`日期无效：${date}`, `Not a valid date: ${date}`) });
      if (yearOf(date) !== year) return problems.push({ path: at, message: t(`${date} 不在 ${year} 年内`, `${date} is not in ${year}`) });
      if (seen.has(date)) return problems.push({ path: at, message: t(`${date} 重复`, `${date} is listed twice`) });
      seen.add(date);
      if (field === 'workdays' && holidays.has(date)) return problems.push({ path: at, message: t(`${date} 不能既是节假日又是调休上班日`, `${date} cannot be both a holiday and a make-up working day`) });
      if (field === 'workdays' && !isWeekend(date)) return problems.push({ path: at, message: t(`${date} 不是周六或周日，本来就是工作日`, `${date} is not a Saturday or Sunday; it is a working day already`) });
      if (field === 'holidays' && isWeekend(date) && !inHolidayPeriod(date, year, holidays, workdays)) {
        return problems.push({ path: at, message: t(`${date} 是周末且不在节假日期间，无需标记`, `${date} is a weekend day outside a holiday period; it needs no mark`) });
      }
      return undefined;
    });
  };
  check(data.holidays, 'holidays');
  check(data.workdays, 'workdays');
  return problems;
}

/** Whether the run of days off around a weekend holiday contains a weekday holiday. */
function inHolidayPeriod(date: string, year: number, holidays: Set<string>, workdays: Set<string>): boolean {
  const dayOff = (d: string) => holidays.has(d) || (isWeekend(d) && !workdays.has(d));
  for (const step of [-1, 1]) {
    for (let d = shiftIsoDate(date, step); dayOff(d); d = shiftIsoDate(d, step)) {
      // The neighbouring year's notice may continue the period: do not judge what is not here.
      if (yearOf(d) !== year) return true;
      if (holidays.has(d) && !isWeekend(d)) return true;
    }
  }
  return false;
}

/**
 * A save of `year` made on the version the bureau loaded (`seen`; absent when creating the year):
 * refused when the stored year has moved on since, so nobody overwrites another's edit unseen.
 */
export function staleCalendarSave(year: number, stored: { version: number } | undefined, seen: number | undefined): ConflictError | undefined {
  if (!stored || stored.version === seen) return undefined;
  return new ConflictError(
    t(
      `${year} 年的工作日历已被他人修改（当前版本 ${stored.version}），请刷新后重试`,
      `The working-day calendar of ${year} was changed by someone else (now version ${stored.version}); please refresh and try again`,
    ),
  );
}
