// The periods of a cycle's progress reports (Art 13) and their due dates: months (2026-03) or
// quarters (2026-Q1) of the cycle's year; each due on the schedule's day of the month after the
// period (24:00 Beijing). A report submitted after that is late, and stays so.
import { t } from '../contracts/lang.ts';
import { beijingDate, deadlineInstant } from './dates.ts';
import type { ReportFrequency } from '../model/progress-report.ts';

export const DEFAULT_FREQUENCY: ReportFrequency = 'monthly';
export const DEFAULT_DUE_DAY = 5;

export interface Schedule {
  frequency: ReportFrequency;
  dueDay: number;
}
export const defaultSchedule = (): Schedule => ({ frequency: DEFAULT_FREQUENCY, dueDay: DEFAULT_DUE_DAY });

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Every period of a year, in order. */
export function periodsOf(year: number, frequency: ReportFrequency): string[] {
  return frequency === 'monthly' ? Array.from({ length: 12 }, (_, i) => `${year}-${pad2(i + 1)}`) : [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}

/** The first and last month (1–12) of a period, and its year. */
function monthsOf(period: string): { year: number; first: number; last: number } {
  const year = Number(period.slice(0, 4));
  const rest = period.slice(5);
  if (rest.startsWith('Q')) {
    const q = Number(rest.slice(1));
    return { year, first: q * 3 - 2, last: q * 3 };
  }
  const m = Number(rest);
  return { year, first: m, last: m };
}

export const frequencyOf = (period: string): ReportFrequency => (period.slice(5).startsWith('Q') ? 'quarterly' : 'monthly');

/** The first day of a period. */
export function periodStart(period: string): string {
  const { year, first } = monthsOf(period);
  return `${year}-${pad2(first)}-01`;
}

/** The period's report is due on `dueDay` of the month after it. */
export function dueDateOf(period: string, dueDay: number): string {
  const { year, last } = monthsOf(period);
  const y = last === 12 ? year + 1 : year;
  const m = last === 12 ? 1 : last + 1;
  return `${y}-${pad2(m)}-${pad2(dueDay)}`;
}

/** Submitted at `instant` after the due date's 24:00 Beijing. */
export const isLate = (dueDate: string, instant: number) => instant >= deadlineInstant(dueDate);

/** A period of the schedule in the cycle's year that has begun by `now`; else the reason it is not. */
export function periodProblem(period: string, cycleYear: number, schedule: Schedule, now: number): string | undefined {
  if (Number(period.slice(0, 4)) !== cycleYear || !periodsOf(cycleYear, schedule.frequency).includes(period)) {
    return t(
      `本周期按${schedule.frequency === 'monthly' ? '月' : '季度'}填报，没有 ${period} 这一期`,
      `This cycle reports ${schedule.frequency}; ${period} is not one of its periods`,
    );
  }
  if (periodStart(period) > beijingDate(now)) return t(`${period} 尚未开始，不能填报`, `${period} has not begun yet`);
  return undefined;
}

/** The periods of the cycle's year that have begun by `now`, newest first (what the unit may report). */
export function openPeriods(cycleYear: number, schedule: Schedule, now: number): string[] {
  const today = beijingDate(now);
  return periodsOf(cycleYear, schedule.frequency)
    .filter((p) => periodStart(p) <= today)
    .reverse();
}

/** The period whose report is due next after `now` (or the last one of the year). */
export function currentPeriod(cycleYear: number, schedule: Schedule, now: number): string | undefined {
  return openPeriods(cycleYear, schedule, now)[0];
}

/**
 * The value a goal's milestones expect by a period's last day: the latest milestone on or before it
 * (undefined before the first). Shown beside the unit's figure so a goal behind it is seen.
 */
export function expectedBy(milestones: readonly { date: string; expected: number }[], period: string): { date: string; expected: number } | undefined {
  const { year, last } = monthsOf(period);
  const end = `${year}-${pad2(last)}-31`;
  return [...milestones].filter((m) => m.date <= end).sort((a, b) => a.date.localeCompare(b.date)).at(-1);
}
