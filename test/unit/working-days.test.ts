import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDARS } from '../../functions/domain/calendar-data/index.ts';
import { shiftIsoDate } from '../../functions/domain/dates.ts';
import { CalendarGapError, checkCalendarYear, isWeekend, WorkingCalendar } from '../../functions/domain/working-days.ts';

const cal = new WorkingCalendar(OFFICIAL_CALENDARS);
const datesOf = (year: number) => {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = shiftIsoDate(d, 1)) out.push(d);
  return out;
};

describe('shipped calendars (2024–2026)', () => {
  it.each([2024, 2025, 2026])('%i agrees with chinese-days on every day of the year', (year) => {
    const ours = datesOf(year).filter((d) => cal.isWorkingDay(d));
    // Strings, never Date objects: the library reads a Date in the host's zone.
    const theirs = datesOf(year).filter((d) => chineseDays.isWorkday(d));
    expect(ours).toEqual(theirs);
  });

  it.each([2024, 2025, 2026])('%i lists the same holidays and make-up days as chinese-days', (year) => {
    const data = OFFICIAL_CALENDARS.find((c) => c.year === year)!;
    expect(data.workdays).toEqual(datesOf(year).filter((d) => isWeekend(d) && chineseDays.isWorkday(d)));
    expect(data.holidays).toEqual(chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false));
    expect(data.source).toBe(`国务院办公厅关于${year}年部分节假日安排的通知`);
  });

  it.each(OFFICIAL_CALENDARS.map((c) => [c.year, c] as const))('%i passes its own rules', (_year, data) => {
    expect(checkCalendarYear(data)).toEqual([]);
  });

  it('matches the notices: 2026 has 248 working days, 2026 Spring Festival 02-15..23 with 02-14 and 02-28 worked', () => {
    expect(datesOf(2026).filter((d) => cal.isWorkingDay(d))).toHaveLength(248);
    for (const d of datesOf(2026).filter((x) => x >= '2026-02-15' && x <= '2026-02-23')) expect(cal.kindOf(d)).toBe('holiday');
    expect(cal.kindOf('2026-02-14')).toBe('workday');
    expect(cal.kindOf('2026-02-28')).toBe('workday');
    expect(cal.kindOf('2026-10-10')).toBe('workday');
    expect(cal.kindOf('2025-01-26')).toBe('workday');
  });
});

describe('addWorkingDays', () => {
  it.each([
    // receipt day not counted: Mon + 1 = Tue
    ['2025-03-03', 1, '2025-03-04'],
    // Fri + 1 = Mon
    ['2025-03-07', 1, '2025-03-10'],
    // received on a Saturday: day 1 is Monday
    ['2025-03-08', 1, '2025-03-10'],
    // 2025 National Day + Mid-Autumn: 10-01..08 off, Sun 09-28 and Sat 10-11 worked
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-26', 10, '2025-10-16'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-10-10', 1, '2025-10-11'],
    // 2026 Spring Festival: 02-15..23 off, Sat 02-14 and Sat 02-28 worked (spike note: findWorkday(3, '2026-02-13'))
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 3, '2026-02-25'],
    ['2026-02-27', 1, '2026-02-28'],
    // 2026 National Day: 10-01..07 off, Sat 10-10 worked (findWorkday(5, '2026-09-30'))
    ['2026-09-30', 5, '2026-10-13'],
    // Art 14's ten working days across New Year 2025/2026 (Sun 2026-01-04 worked)
    ['2025-12-24', 10, '2026-01-08'],
    ['2025-03-03', 0, '2025-03-03'],
    // counting back, for reminders
    ['2025-10-09', -1, '2025-09-30'],
  ])('%s + %i working days = %s', (from, n, expected) => {
    expect(cal.addWorkingDays(from, n)).toBe(expected);
  });

  it('agrees with chinese-days findWorkday for positive n inside the data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * 365 }), fc.integer({ min: 1, max: 40 }), (offset, n) => {
        const from = shiftIsoDate('2024-01-01', offset);
        expect(cal.addWorkingDays(from, n)).toBe(chineseDays.findWorkday(n, from));
      }),
    );
  });

  it('adding n then m equals adding n + m, lands on a working day, and counts back with workingDaysBetween', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * 365 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 }), (offset, n, m) => {
        const from = shiftIsoDate('2024-01-01', offset);
        const end = cal.addWorkingDays(from, n + m);
        expect(cal.addWorkingDays(cal.addWorkingDays(from, n), m)).toBe(end);
        expect(cal.isWorkingDay(end)).toBe(true);
        expect(cal.workingDaysBetween(from, end)).toBe(n + m);
        expect(cal.workingDaysBetween(end, from)).toBe(-(n + m));
      }),
    );
  });

  it('refuses to guess beyond the data, naming the missing year', () => {
    const run = () => cal.addWorkingDays('2026-12-28', 10);
    expect(run).toThrow(CalendarGapError);
    expect(run).toThrow(/2027 年的工作日历尚未设置/);
    try {
      run();
    } catch (e) {
      expect(e).toMatchObject({ statusCode: 422, code: 'CALENDAR_GAP', year: 2027 });
    }
    expect(() => cal.isWorkingDay('2023-12-29')).toThrow(CalendarGapError);
    // a gap in the middle is a gap too
    const patchy = new WorkingCalendar(OFFICIAL_CALENDARS.filter((c) => c.year !== 2025));
    expect(() => patchy.addWorkingDays('2024-12-20', 20)).toThrow(/2025/);
  });

  it('does not need the receipt day\'s year, only the days it counts', () => {
    expect(cal.addWorkingDays('2023-12-31', 1)).toBe('2024-01-02');
  });

  it('refuses a fractional count or a malformed date', () => {
    expect(() => cal.addWorkingDays('2025-03-03', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-02-30', 1)).toThrow(RangeError);
  });
});

describe('deadline', () => {
  it('ends at 24:00 Beijing time on the N-th working day after receipt', () => {
    expect(cal.deadline('2026-09-30', 5)).toEqual({ date: '2026-10-13', deadlineAt: '2026-10-13T16:00:00.000Z' });
  });
});

describe('checkCalendarYear', () => {
  const base = { year: 2027, holidays: ['2027-01-01'], workdays: [] as string[] };

  it.each([
    [{ holidays: ['2027-02-30'] }, 'holidays.0', '日期无效'],
    [{ holidays: ['2026-10-01'] }, 'holidays.0', '不在 2027 年内'],
    [{ holidays: ['2027-01-01', '2027-01-01'] }, 'holidays.1', '重复'],
    [{ holidays: ['2027-01-01'], workdays: ['2027-01-01'] }, 'workdays.0', '既是节假日又是调休上班日'],
    [{ workdays: ['2027-01-04'] }, 'workdays.0', '不是周六或周日'],
    // 2027-03-06 is a Saturday with no holiday next to it
    [{ holidays: ['2027-03-06'] }, 'holidays.0', '无需标记'],
  ])('%o is refused at its path', (change, path, message) => {
    const problems = checkCalendarYear({ ...base, ...change });
    expect(problems).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('allows weekend days inside a holiday period and at the year edge', () => {
    // 2025 Dragon Boat: Sat 05-31, Sun 06-01, Mon 06-02; and a Sat Jan 2 next to Fri Jan 1 (2027)
    expect(checkCalendarYear({ year: 2025, holidays: ['2025-05-31', '2025-06-01', '2025-06-02'], workdays: [] })).toEqual([]);
    expect(checkCalendarYear({ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] })).toEqual([]);
    // a weekend that reaches into the next year's notice is not judged here
    expect(checkCalendarYear({ year: 2022, holidays: ['2022-12-31'], workdays: [] })).toEqual([]);
  });

  it('refuses a year out of range', () => {
    expect(checkCalendarYear({ year: 1999, holidays: [], workdays: [] })).toEqual([{ path: 'year', message: expect.any(String) }]);
  });
});
