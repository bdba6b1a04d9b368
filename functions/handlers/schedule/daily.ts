// The daily job (EventBridge Scheduler, 01:00 Beijing time): reminders before stage deadlines and a
// safety net that records any missed stage deadline the workflow has not recorded yet.
import { now } from '../../config/clock.ts';
import { beijingDate } from '../../domain/dates.ts';
import { loadWorkingCalendar } from '../../data/calendar.ts';
import { getCycle, listOpenCycles } from '../../data/cycles.ts';
import type { WorkingCalendar } from '../../domain/working-days.ts';
import { isDueForReminder, isNewlyOverdue } from '../../domain/stage-wait.ts';
import { logger } from '../../observability/logger.ts';
import { observedHandler } from '../../observability/middleware.ts';
import { escalateUnits, remindUnits } from '../workflow/duty-escalation.ts';
import { recomputeProvisional, sweepFeedback } from '../workflow/feedback-clock.ts';
import { escalateComplaints } from '../workflow/complaint-clock.ts';
import { listRegions } from '../../data/regions.ts';
import { escalateStage, remindStage, systemActor } from '../workflow/escalation.ts';
import { refreshCycleWarnings } from '../workflow/warning-refresh.ts';
import { reportDeadlines } from '../workflow/report-deadlines.ts';

const DAILY = 'system:daily';

async function run() {
  const summary = { cycles: 0, reminded: 0, escalated: 0, unitsReminded: 0, unitsEscalated: 0, warningsChanged: 0, feedbackEscalated: 0, feedbackProposed: 0, feedbackRecomputed: 0, reportsReminded: 0, reportsEscalated: 0, reportsBureauTold: 0, complaintsEscalated: 0 };
  const calendars = new Map<string, Promise<WorkingCalendar>>();
  const calendarOf = (regionId: string) => {
    if (!calendars.has(regionId)) calendars.set(regionId, loadWorkingCalendar(regionId));
    return calendars.get(regionId)!;
  };
  for (const open of await listOpenCycles()) {
    const cycle = await getCycle(open.regionId, open.cycleId);
    const stage = cycle?.stages[cycle.currentStage - 1];
    if (!cycle || !stage || cycle.status !== 'open') continue;
    summary.cycles++;
    const t = now();
    if (isNewlyOverdue(stage.deadline, stage.escalatedAt, t)) {
      if (await escalateStage(cycle, stage, DAILY)) summary.escalated++;
    } else if (isDueForReminder(stage.deadline, stage.reminderSentAt, t, await calendarOf(cycle.regionId))) {
      if (await remindStage(cycle, stage, DAILY)) summary.reminded++;
    }
    // Per unit (stage duties): reminders before each unit's deadline, and, once the stage itself is
    // escalated, the extensions that have passed undelivered.
    const actor = systemActor(cycle.regionId, DAILY);
    summary.unitsReminded += (await remindUnits(cycle, stage, actor, await calendarOf(cycle.regionId))).recorded.length;
    if (stage.escalatedAt) summary.unitsEscalated += (await escalateUnits(cycle, stage, actor, true)).recorded.length;
    // Early warning (Art 12): goals whose colour moves with the date.
    summary.warningsChanged += (await refreshCycleWarnings(cycle.regionId, cycle.cycleId, t, DAILY)).changed;
    // Progress reports (Art 13): a reminder before each period's due day, the escalation after it
    // (the unit leader first, the bureau a few working days later).
    const reports = await reportDeadlines(cycle, actor, await calendarOf(cycle.regionId));
    summary.reportsReminded += reports.reminded;
    summary.reportsEscalated += reports.escalated;
    summary.reportsBureauTold += reports.bureauTold;
  }
  // Feedback during the year (Art 14), per region: missed answers and results, and any provisional
  // answer date a calendar save left behind.
  for (const regionId of new Set((await listOpenCycles()).map((c) => c.regionId))) {
    const actor = systemActor(regionId, DAILY);
    const swept = await sweepFeedback(regionId, actor);
    summary.feedbackEscalated += swept.escalated;
    summary.feedbackProposed += swept.proposed;
    summary.feedbackRecomputed += await recomputeProvisional(regionId, Number(beijingDate(now()).slice(0, 4)) - 1, actor);
  }
  // Complaints (Art 32), in every region (a complaint may name no cycle): overdue answers to the leader.
  for (const region of await listRegions()) summary.complaintsEscalated += await escalateComplaints(region.regionId, systemActor(region.regionId, DAILY));
  logger.info('daily job', summary);
  return summary;
}

/** The scheduled Lambda (route `schedule daily` in the logs and metrics). */
export const handler = observedHandler(run, { route: 'schedule daily' });
