// The daily job's part for progress reports (domain/report-deadlines.ts): in 过程管理, remind every unit
// with approved goals whose report of the next period is not approved three working days before its
// due day; after the due day escalate in two steps — the unit leader on the first working day after
// it, the bureau (one notice naming the units) when the report is still not approved a few working
// days later — through the stage-duty records and storeMarks, each once per unit and period.
import { now, nowIso } from '../../config/clock.ts';
import { listGoalSets } from '../../data/goals.ts';
import type { Actor } from '../../data/commit.ts';
import type { Cycle } from '../../data/cycles.ts';
import { readDutyRecords, storeMarks } from '../../data/duties.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getSchedule, listAllReports } from '../../data/progress-reports.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getRegion } from '../../data/regions.ts';
import { beijingDate } from '../../domain/dates.ts';
import { reminderDue } from '../../domain/duties.ts';
import { defaultSchedule } from '../../domain/progress-periods.ts';
import {
  BUREAU_ESCALATION_WORKING_DAYS,
  bureauEscalationDay,
  bureauEscalationDue,
  bureauReportsMissedNotice,
  lastPassedDeadline,
  leaderEscalationDue,
  nextDeadline,
  reportMissedNotice,
  reportReminderNotice,
  type PeriodDeadline,
} from '../../domain/report-deadlines.ts';
import { isAtStage } from '../../domain/stages.ts';
import type { WorkingCalendar } from '../../domain/working-days.ts';

const STAGE = 'execution' as const;

/** Each unit that owes the period's report: delivered once its report is approved. */
async function rowsFor(cycle: Cycle, d: PeriodDeadline) {
  const [sets, reports, records, categories] = await Promise.all([
    listGoalSets(cycle.regionId, cycle.cycleId),
    listAllReports(cycle.regionId, cycle.cycleId, d.period),
    readDutyRecords(cycle.regionId, cycle.cycleId, STAGE, true),
    getCategorySet(cycle.regionId, cycle.cycleId),
  ]);
  const names = new Map((categories?.categories ?? []).flatMap((c) => c.units.map((u) => [u.unitId, u.name] as const)));
  const approved = new Set(reports.filter((r) => r.status === 'approved').map((r) => r.unitId));
  return sets
    .filter((s) => s.status === 'approved')
    .map((s) => {
      const record = records.get(s.unitId);
      return {
        unitId: s.unitId,
        unitName: names.get(s.unitId) ?? s.unitId,
        delivered: approved.has(s.unitId),
        deadline: d.dueDate,
        ...(record?.remindedFor ? { remindedFor: record.remindedFor } : {}),
        ...(record?.missedDeadline ? { missedDeadline: record.missedDeadline } : {}),
        ...(record?.bureauToldFor ? { bureauToldFor: record.bureauToldFor } : {}),
      };
    });
}

export async function reportDeadlines(cycle: Cycle, actor: Actor, calendar: WorkingCalendar): Promise<{ reminded: number; escalated: number; bureauTold: number }> {
  if (cycle.status !== 'open' || !isAtStage(cycle, STAGE)) return { reminded: 0, escalated: 0, bureauTold: 0 };
  const stored = await getSchedule(cycle.regionId, cycle.cycleId);
  const schedule = stored ? { frequency: stored.frequency, dueDay: stored.dueDay } : defaultSchedule();
  const bureauAfter = stored?.bureauAfterDays ?? BUREAU_ESCALATION_WORKING_DAYS;
  const year = Number(cycle.cycleId);
  const t = now();
  const today = beijingDate(t);
  const at = nowIso();
  const link = (period: string) => `/progress/${cycle.cycleId}?period=${period}`;
  let escalated = 0;
  let bureauTold = 0;
  const passed = lastPassedDeadline(year, schedule, t);
  if (passed) {
    const rows = await rowsFor(cycle, passed);
    // Step 1: the unit leader, on the first working day after the due day.
    const toLeader = rows.filter((r) => leaderEscalationDue(r, today, calendar));
    if (toLeader.length) {
      const bureauOn = bureauEscalationDay(passed.dueDate, calendar, bureauAfter);
      await storeMarks(
        actor,
        cycle.regionId,
        cycle.cycleId,
        STAGE,
        'missed',
        toLeader.map((r) => ({ unitId: r.unitId, deadline: passed.dueDate, notice: noticeItem({ regionId: cycle.regionId, unitId: r.unitId, at, link: link(passed.period), ...reportMissedNotice({ unitName: r.unitName, ...passed, bureauOn }) }) })),
        () => [],
        at,
      );
      escalated = toLeader.length;
      for (const r of toLeader) r.missedDeadline = passed.dueDate;
    }
    // Step 2: the bureau, once the report is still missing `bureauAfter` working days later.
    const toBureau = rows.filter((r) => bureauEscalationDue(r, today, calendar, bureauAfter));
    if (toBureau.length) {
      const bureauUnitId = (await getRegion(cycle.regionId))?.bureauUnitId;
      const names = new Map(toBureau.map((r) => [r.unitId, r.unitName]));
      await storeMarks(
        actor,
        cycle.regionId,
        cycle.cycleId,
        STAGE,
        'bureau',
        toBureau.map((r) => ({ unitId: r.unitId, deadline: passed.dueDate })),
        (batch) => (bureauUnitId ? [noticeItem({ regionId: cycle.regionId, unitId: bureauUnitId, at, link: `/progress-reports/${cycle.cycleId}?period=${passed.period}`, ...bureauReportsMissedNotice({ ...passed, units: batch.map((u) => names.get(u.unitId)!) }) })] : []),
        at,
      );
      bureauTold = toBureau.length;
    }
  }
  let reminded = 0;
  const next = nextDeadline(year, schedule, t);
  if (next) {
    const due = (await rowsFor(cycle, next)).filter((r) => reminderDue(r, t, beijingDate(t), calendar));
    if (due.length) {
      await storeMarks(
        actor,
        cycle.regionId,
        cycle.cycleId,
        STAGE,
        'reminded',
        due.map((r) => ({ unitId: r.unitId, deadline: next.dueDate, notice: noticeItem({ regionId: cycle.regionId, unitId: r.unitId, at, link: link(next.period), ...reportReminderNotice({ unitName: r.unitName, ...next }) }) })),
        () => [],
        at,
      );
      reminded = due.length;
    }
  }
  return { reminded, escalated, bureauTold };
}
