// A missed stage deadline: recorded once, with a notice to the bureau. Used by the workflow's
// timeout path and by the daily job as a safety net.
import { nowIso } from '../../config/clock.ts';
import type { Actor } from '../../data/commit.ts';
import { markStageOnce, type Cycle, type StageItem } from '../../data/cycles.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getRegion } from '../../data/regions.ts';
import { overdueNotice, reminderNotice } from '../../domain/notices.ts';

export const systemActor = (regionId: string, username: string): Actor => ({ username, role: 'system', regionId });

async function bureauNotice(cycle: Cycle, stage: StageItem, text: { kind: string; title: string; body: string }, at: string) {
  const region = await getRegion(cycle.regionId);
  if (!region) throw new Error(`region ${cycle.regionId} not found`);
  return noticeItem({
    regionId: cycle.regionId,
    unitId: region.bureauUnitId,
    at,
    ...text,
    link: `/cycles/${cycle.cycleId}`,
  });
}

export async function escalateStage(cycle: Cycle, stage: StageItem, by: string): Promise<boolean> {
  const at = nowIso();
  const notice = await bureauNotice(cycle, stage, overdueNotice({ cycleName: cycle.name, ...stage }), at);
  return markStageOnce(systemActor(cycle.regionId, by), stage, 'escalatedAt', [notice], at);
}

export async function remindStage(cycle: Cycle, stage: StageItem, by: string): Promise<boolean> {
  const at = nowIso();
  const notice = await bureauNotice(cycle, stage, reminderNotice({ cycleName: cycle.name, ...stage }), at);
  return markStageOnce(systemActor(cycle.regionId, by), stage, 'reminderSentAt', [notice], at);
}
