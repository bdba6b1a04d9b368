// Stage duties with a deadline per period (Art 13): inside 过程管理 each unit with approved goals owes
// the report of every period by its due day. The stage-duty rules apply to each period's due date as
// to a stage deadline (domain/duties.ts reminderDue, missedDeadline): a reminder three working days
// before, and after it the unit recorded as late with its leader told and the bureau told who — each
// once per period, because the unit's duty record (DUTY#u#execution) keeps the due date it was last
// reminded of and the one it last missed, and due dates only move forward through the year.
import { beijingDate } from './dates.ts';
import { dueDateOf, periodsOf, type Schedule } from './progress-periods.ts';

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

export function reportMissedNotice(r: { unitName: string; period: string; dueDate: string }) {
  return {
    kind: 'progress.overdue',
    audience: 'unit_leader',
    title: `【逾期】致${r.unitName}负责人：${r.period} 进度报告未按期报送`,
    body: `本单位 ${r.period} 的进度报告未在 ${r.dueDate} 24:00 前审核报送，已记录为逾期，并已告知绩效办。请尽快补报，补报的报告将标记为逾期。`,
  };
}

export function bureauReportsMissedNotice(r: { period: string; dueDate: string; units: readonly string[] }) {
  return {
    kind: 'progress.overdue',
    title: `【逾期】${r.period} 进度报告：${r.units.length} 个单位未按期报送`,
    body: `以下单位未在 ${r.dueDate} 前审核报送 ${r.period} 的进度报告：${r.units.join('、')}。`,
  };
}
