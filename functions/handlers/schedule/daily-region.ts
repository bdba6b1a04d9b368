// One region's share of the daily job (handlers/schedule/daily.ts starts one per region): for each of
// its open cycles the stage reminders and escalations, the units' stage duties, the early-warning
// colours and the progress-report deadlines; then the region's feedback and complaint deadlines.
// A region's work stays together because its cycles share one working calendar.
import { now } from '../../config/clock.ts';
import { beijingDate } from '../../domain/dates.ts';
import { loadWorkingCalendar } from '../../data/calendar.ts';
import { getCycle } from '../../data/cycles.ts';
import { isDueForReminder, isNewlyOverdue } from '../../domain/stage-wait.ts';
import { stageNumber } from '../../domain/stages.ts';
import { observedHandler } from '../../observability/middleware.ts';
import { escalateUnits, remindUnits } from '../workflow/duty-escalation.ts';
import { recomputeProvisional, sweepFeedback } from '../workflow/feedback-clock.ts';
import { escalateComplaints } from '../workflow/complaint-clock.ts';
import { escalateRectification } from '../workflow/rectify-clock.ts';
import { escalateStage, remindStage, systemActor } from '../workflow/escalation.ts';
import { refreshCycleWarnings } from '../workflow/warning-refresh.ts';
import { reportDeadlines } from '../workflow/report-deadlines.ts';

export const DAILY = 'system:daily';

/** What a daily run did, counted; the dispatcher adds the regions' counts up. */
export const emptySummary = () => ({
  cycles: 0,
  reminded: 0,
  escalated: 0,
  unitsReminded: 0,
  unitsEscalated: 0,
  warningsChanged: 0,
  feedbackEscalated: 0,
  feedbackProposed: 0,
  feedbackRecomputed: 0,
  reportsReminded: 0,
  reportsEscalated: 0,
  reportsBureauTold: 0,
  complaintsEscalated: 0,
  rectificationEscalated: 0,
});
export type DailySummary = ReturnType<typeof emptySummary>;

export interface RegionDay {
  regionId: string;
  /** The region's open cycles, as the dispatcher found them. */
  cycleIds: string[];
}

export async function runRegion({ regionId, cycleIds }: RegionDay): Promise<DailySummary> {
  const summary = emptySummary();
  const calendar = await loadWorkingCalendar(regionId);
  const actor = systemActor(regionId, DAILY);
  for (const cycleId of cycleIds) {
    const cycle = await getCycle(regionId, cycleId);
    const stage = cycle?.stages[cycle.currentStage - 1];
    if (!cycle || !stage || cycle.status !== 'open') continue;
    summary.cycles++;
    const t = now();
    if (isNewlyOverdue(stage.deadline, stage.escalatedAt, t)) {
      if (await escalateStage(cycle, stage, DAILY)) summary.escalated++;
    } else if (isDueForReminder(stage.deadline, stage.reminderSentAt, t, calendar)) {
      if (await remindStage(cycle, stage, DAILY)) summary.reminded++;
    }
    // Per unit (stage duties): reminders before each unit's deadline, and, once the stage itself is
    // escalated, the extensions that have passed undelivered.
    summary.unitsReminded += (await remindUnits(cycle, stage, actor, calendar)).recorded.length;
    if (stage.escalatedAt) summary.unitsEscalated += (await escalateUnits(cycle, stage, actor, true)).recorded.length;
    // Early warning (Art 12) belongs to the year's execution: once the cycle has moved past it, the
    // colours stay as the year ended.
    if (cycle.currentStage <= stageNumber('execution')) summary.warningsChanged += (await refreshCycleWarnings(regionId, cycleId, t, DAILY)).changed;
    // Progress reports (Art 13, in 过程管理): a reminder before each period's due day, the escalation
    // after it (the unit leader first, the bureau a few working days later).
    const reports = await reportDeadlines(cycle, actor, calendar);
    summary.reportsReminded += reports.reminded;
    summary.reportsEscalated += reports.escalated;
    summary.reportsBureauTold += reports.bureauTold;
  }
  if (cycleIds.length) {
    // Feedback during the year (Art 14): missed answers and results, and any provisional answer
    // date a calendar save left behind.
    const swept = await sweepFeedback(regionId, actor);
    summary.feedbackEscalated += swept.escalated;
    summary.feedbackProposed += swept.proposed;
    summary.feedbackRecomputed += await recomputeProvisional(regionId, Number(beijingDate(now()).slice(0, 4)) - 1, actor);
  }
  // Rectification (Art 25): plans past their deadline, the unit leader first, then the bureau.
  summary.rectificationEscalated += await escalateRectification(regionId, actor);
  // Complaints (Art 32), whether or not the region has an open cycle: overdue answers to the leader.
  summary.complaintsEscalated += await escalateComplaints(regionId, actor);
  return summary;
}

/** The worker Lambda, invoked asynchronously by the daily dispatcher (route `schedule daily-region`). */
export const handler = observedHandler((event: RegionDay) => runRegion(event), { route: 'schedule daily-region' });
