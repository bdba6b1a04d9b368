// Stage duties with a deadline per period (Art 13): inside 过程管理 each unit with approved goals owes
// the report of every period by its due day. The stage-duty rules apply to each period's due date as
// to a stage deadline (domain/duties.ts reminderDue): a reminder three working days before; after it
// escalation in two steps (issue 12: "the unit leader, then the bureau") — on the first working day
// after the due day the unit is recorded as late and its leader told; if the report is still not
// approved BUREAU_ESCALATION_WORKING_DAYS working days later, the bureau is told who. Each once per
// period: the unit's duty record (DUTY#u#execution) keeps the due date it was last reminded of, the
// one its leader was told of and the one the bureau was told of; due dates only move forward.
import { beijingDate, shiftIsoDate } from './dates.ts';
import { dueDateOf, periodsOf, type Schedule } from './progress-periods.ts';
import { CalendarGapError, type WorkingCalendar } from './working-days.ts';

/** Working days between the leader's notice and the bureau's, while the report is still missing. */
export const BUREAU_ESCALATION_WORKING_DAYS = 3;

/** The date `n` working days after `date`; calendar days where the region's calendar has no data for that year. */
function workingDaysAfter(calendar: WorkingCalendar, date: string, n: number): string {
  try {
    return calendar.addWorkingDays(date, n);
  } catch (e) {
    if (!(e instanceof CalendarGapError)) throw e;
    return shiftIsoDate(date, n);
  }
}

/** The day the unit leader is told of a missed report: the first working day after the due day. */
export const leaderEscalationDay = (dueDate: string, calendar: WorkingCalendar) => workingDaysAfter(calendar, dueDate, 1);

/** The day the bureau is told: `after` working days after the leader's day. */
export const bureauEscalationDay = (dueDate: string, calendar: WorkingCalendar, after = BUREAU_ESCALATION_WORKING_DAYS) =>
  workingDaysAfter(calendar, leaderEscalationDay(dueDate, calendar), after);

/** A unit's standing for one period's report, as the daily job reads it. */
export interface ReportDutyRow {
  delivered: boolean;
  deadline: string;
  missedDeadline?: string;
  bureauToldFor?: string;
}

/** Whether the unit leader is owed the notice today: not delivered, the leader's day reached, not told of this due date yet. */
export const leaderEscalationDue = (row: ReportDutyRow, today: string, calendar: WorkingCalendar) =>
  !row.delivered && row.missedDeadline !== row.deadline && today >= leaderEscalationDay(row.deadline, calendar);

/** Whether the bureau is owed the notice today: still not delivered, the leader told, the bureau's day reached, not told yet. */
export const bureauEscalationDue = (row: ReportDutyRow, today: string, calendar: WorkingCalendar, after = BUREAU_ESCALATION_WORKING_DAYS) =>
  !row.delivered && row.missedDeadline === row.deadline && row.bureauToldFor !== row.deadline && today >= bureauEscalationDay(row.deadline, calendar, after);

/** A period and its due date. */
export interface PeriodDeadline {
  period: string;
  dueDate: string;
}

/** The period whose due date comes next (today included): what the reminder is about. */
export function nextDeadline(year: number, schedule: Schedule, now: number): PeriodDeadline | undefined {
  const today = beijingDate(now);
  return periodsOf(year, schedule.frequency)
    .map((period) => ({ period, dueDate: dueDateOf(period, schedule.dueDay) }))
    .find((d) => d.dueDate >= today);
}

/** The period whose due date passed last (before today): what the escalation is about. */
export function lastPassedDeadline(year: number, schedule: Schedule, now: number): PeriodDeadline | undefined {
  const today = beijingDate(now);
  return periodsOf(year, schedule.frequency)
    .map((period) => ({ period, dueDate: dueDateOf(period, schedule.dueDay) }))
    .filter((d) => d.dueDate < today)
    .at(-1);
}

export function reportReminderNotice(r: { unitName: string; period: string; dueDate: string }) {
  return {
    kind: 'progress.reminder',
    audience: 'unit_leader',
    title: `【提醒】致${r.unitName}负责人：${r.period} 进度报告即将截止`,
    body: `本单位 ${r.period} 的进度报告尚未审核报送，截止时间为 ${r.dueDate} 24:00，请及时填报并由单位负责人审核。`,
  };
}

export function reportMissedNotice(r: { unitName: string; period: string; dueDate: string; bureauOn: string }) {
  return {
    kind: 'progress.overdue',
    audience: 'unit_leader',
    title: `【逾期】致${r.unitName}负责人：${r.period} 进度报告未按期报送`,
    body: `本单位 ${r.period} 的进度报告未在 ${r.dueDate} 24:00 前审核报送，已记录为逾期；${r.bureauOn} 仍未报送的，将告知绩效办。请尽快补报，补报的报告将标记为逾期。`,
  };
}

export function bureauReportsMissedNotice(r: { period: string; dueDate: string; units: readonly string[] }) {
  return {
    kind: 'progress.overdue',
    title: `【逾期】${r.period} 进度报告：${r.units.length} 个单位未按期报送`,
    body: `以下单位未在 ${r.dueDate} 前审核报送 ${r.period} 的进度报告，已告知其负责人，至今仍未报送：${r.units.join('、')}。`,
  };
}
