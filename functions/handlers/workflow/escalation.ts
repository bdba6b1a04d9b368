// A missed stage deadline: recorded once, with a notice to the bureau. Used by the workflow's
// timeout path and by the daily job as a safety net.
import { nowIso } from '../../config/clock.ts';
import type { Actor } from '../../data/commit.ts';
import { markStageOnce, type Cycle, type StageItem } from '../../data/cycles.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getRegion } from '../../data/regions.ts';
import { overdueNotice, reminderNotice } from '../../domain/notices.ts';
import { escalateUnits, missedStageDeadline } from './duty-escalation.ts';
import { logger } from '../../observability/logger.ts';
import { businessEvent } from '../../observability/metrics.ts';

export const systemActor = (regionId: string, username: string): Actor => ({ username, role: 'system', regionId });

async function bureauNotice(cycle: Cycle, text: { kind: string; title: string; body: string }, at: string) {
  const region = await getRegion(cycle.regionId);
  if (!region) throw new Error(`region ${cycle.regionId} not found`);
  return noticeItem({ regionId: cycle.regionId, unitId: region.bureauUnitId, at, ...text, link: `/cycles/${cycle.cycleId}` });
}

/** Mark the stage overdue (escalation) or reminded, once, with the notice to the bureau (naming `units` that missed it); false if already marked. */
async function markWithNotice(cycle: Cycle, stage: StageItem, mark: 'escalatedAt' | 'reminderSentAt', by: string, units: readonly string[] = []) {
  const at = nowIso();
  const text = mark === 'escalatedAt' ? overdueNotice({ cycleName: cycle.name, ...stage, units }) : reminderNotice({ cycleName: cycle.name, ...stage });
  const marked = await markStageOnce(systemActor(cycle.regionId, by), stage, mark, [await bureauNotice(cycle, text, at)], at);
  if (marked) {
    const escalated = mark === 'escalatedAt';
    logger.info(escalated ? 'escalation fired' : 'reminder sent', { regionId: cycle.regionId, cycleId: cycle.cycleId, stage: stage.index, by });
    businessEvent(escalated ? 'EscalationFired' : 'ReminderSent');
  }
  return marked;
}

/** The stage's deadline passed: first every unit that missed its duties is recorded and told (stage duties), then the stage, once, with the bureau's notice naming them. */
export async function escalateStage(cycle: Cycle, stage: StageItem, by: string) {
  const units = missedStageDeadline(await escalateUnits(cycle, stage, systemActor(cycle.regionId, by), false), stage);
  return markWithNotice(cycle, stage, 'escalatedAt', by, units);
}
export const remindStage = (cycle: Cycle, stage: StageItem, by: string) => markWithNotice(cycle, stage, 'reminderSentAt', by);
