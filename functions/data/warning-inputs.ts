// What early warning reads of a unit's progress reports (data/progress-reports.ts): the cycle's
// schedule (one GetItem) and the unit's reports and items of the cycle's year (one Query of
// PROGRESS#u#year-), turned into each goal's periods for the rule (domain/early-warning.ts).
import type { PeriodReport } from '../domain/early-warning.ts';
import { defaultSchedule, dueDateOf, periodsOf, type Schedule } from '../domain/progress-periods.ts';
import type { ProgressItemRecord, ProgressReportRecord } from '../model/progress-report.ts';
import { getSchedule, readUnitYear } from './progress-reports.ts';

export interface UnitProgress {
  schedule: Schedule;
  reports: Map<string, ProgressReportRecord>;
  /** By period, then indicator. */
  items: Map<string, Map<string, ProgressItemRecord>>;
}

export async function readUnitProgress(regionId: string, cycleId: string, unitId: string): Promise<UnitProgress> {
  const [schedule, year] = await Promise.all([getSchedule(regionId, cycleId), readUnitYear(regionId, cycleId, unitId, cycleId)]);
  const out: UnitProgress = { schedule: schedule ? { frequency: schedule.frequency, dueDay: schedule.dueDay } : defaultSchedule(), reports: new Map(), items: new Map() };
  for (const r of year.reports) out.reports.set(r.period, r);
  for (const i of year.items) {
    if (!out.items.has(i.period)) out.items.set(i.period, new Map());
    out.items.get(i.period)!.set(i.indicatorId, i);
  }
  return out;
}

/**
 * A goal's periods for the rule: every period of the year due on or after `from` (the date the
 * goals were approved: nothing was owed before), each with its approved report's value or
 * declaration. A report submitted and awaiting the leader is made, not missed, but gives no value yet.
 */
export function periodsForGoal(progress: UnitProgress, year: number, indicatorId: string, from: string): PeriodReport[] {
  return periodsOf(year, progress.schedule.frequency).flatMap((period): PeriodReport[] => {
    const report = progress.reports.get(period);
    const due = report?.dueDate ?? dueDateOf(period, progress.schedule.dueDay);
    if (due < from) return [];
    if (!report || report.status === 'draft' || report.status === 'returned') return [{ period, due }];
    const item = progress.items.get(period)?.get(indicatorId);
    if (report.status !== 'approved' || !item) return [{ period, due, report: { kind: 'nothing', late: report.late } }];
    return [{ period, due, report: item.value !== undefined && !item.nothingToReport ? { kind: 'value', value: item.value, late: report.late } : { kind: 'nothing', late: report.late } }];
  });
}
