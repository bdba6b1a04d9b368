// Provisional working days for a year whose holiday notice (国务院办公厅节假日安排通知) is not
// entered yet. The law fixes which days are statutory holidays (全国年节及纪念日放假办法, 2025
// revision): New Year's Day 1, Spring Festival 4 (除夕 to 初三), Qingming 1, Labour Day 2, Dragon
// Boat 1, Mid-Autumn 1, National Day 3. The notice adds bridging days and make-up working days that
// nobody can know in advance, so a date counted this way is only provisional: weekends off, no
// make-up days, and every date it gives is marked so until the notice is entered.
import { Lunar } from 'lunar-typescript';
import type { CalendarYear } from '../model/calendar.ts';
import { shiftIsoDate } from './dates.ts';
import { WorkingCalendar } from './working-days.ts';

const ymd = (s: { toYmd(): string }) => s.toYmd();

/** The statutory holidays of `year` as fixed by law, ascending. */
export function statutoryHolidays(year: number): string[] {
  const springFestival = ymd(Lunar.fromYmd(year, 1, 1).getSolar());
  // 清明 is a solar term; lunar year `year` starts between Jan 21 and Feb 20, so its table holds this April's.
  const qingming = ymd(Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明']!);
  const days = [
    `${year}-01-01`,
    // 除夕 is the day before 正月初一 (腊月廿九 or 三十, whichever ends the lunar year).
    shiftIsoDate(springFestival, -1),
    springFestival,
    shiftIsoDate(springFestival, 1),
    shiftIsoDate(springFestival, 2),
    qingming,
    `${year}-05-01`,
    `${year}-05-02`,
    ymd(Lunar.fromYmd(year, 5, 5).getSolar()),
    ymd(Lunar.fromYmd(year, 8, 15).getSolar()),
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ];
  return [...new Set(days)].sort();
}

/** A year as the law alone gives it: statutory holidays, no make-up working days. */
export function provisionalYear(year: number): CalendarYear {
  return { year, holidays: statutoryHolidays(year), workdays: [], source: '法定节假日（暂定，未录入当年放假通知）' };
}

/**
 * The region's entered years, with each of `needed` that is not entered filled in provisionally.
 * `provisional` names the years filled in: a date counted across one of them is provisional.
 */
export function fillCalendar(entered: readonly CalendarYear[], needed: Iterable<number>): { calendar: WorkingCalendar; provisional: Set<number> } {
  const have = new Set(entered.map((y) => y.year));
  const provisional = new Set([...needed].filter((y) => !have.has(y)));
  return { calendar: new WorkingCalendar([...entered, ...[...provisional].map(provisionalYear)]), provisional };
}
