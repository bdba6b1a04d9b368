// The rectification clock outside a request (Art 25): the daily job escalates every plan still being
// worked on after its deadline — the unit leader first, the bureau some working days later — each once
// per deadline, recorded on the plan in the same version-checked commit as its notice, so a second run
// (or two at once) never tells twice. Read from the region's DUE# index (one Query).
import { now, nowIso } from '../../config/clock.ts';
import { listCalendarYears } from '../../data/calendar.ts';
import type { Actor } from '../../data/commit.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getRectification, listRectificationDueBy, storeRectification } from '../../data/rectification.ts';
import { getRegion } from '../../data/regions.ts';
import { beijingDate, shiftIsoDate } from '../../domain/dates.ts';
import { ConflictError } from '../../domain/errors.ts';
import { bureauEscalation, escalationsDue, leaderEscalation } from '../../domain/rectification.ts';
import type { RectificationRecord } from '../../model/rectification.ts';

/** Escalates the region's overdue plans; answers how many notices were sent now. */
export async function escalateRectification(regionId: string, actor: Actor): Promise<number> {
  const today = beijingDate(now());
  const [due, entered, region] = await Promise.all([listRectificationDueBy(regionId, shiftIsoDate(today, -1)), listCalendarYears(regionId), getRegion(regionId)]);
  let sent = 0;
  for (const listed of due) {
    const r = await getRectification(regionId, listed.cycleId, listed.unitId, listed.problemId);
    if (!r) continue;
    const owed = escalationsDue(r, today, entered);
    if (!owed.length) continue;
    const at = nowIso();
    const after: RectificationRecord = { ...r, escalations: [...r.escalations, ...owed.map((level) => ({ due: r.deadline, level, at }))], version: r.version + 1, updatedAt: at, updatedBy: actor.username };
    const notices = owed.flatMap((level) =>
      level === 1 ? [noticeItem({ regionId, unitId: r.unitId, at, link: '/rectification', ...leaderEscalation(r) })] : region ? [noticeItem({ regionId, unitId: region.bureauUnitId, at, link: '/rectification-tracking', ...bureauEscalation(r) })] : [],
    );
    try {
      // The cycle may have been archived meanwhile: the daily job does not hold it to a stage.
      await storeRectification(actor, { action: 'rectification.escalate', before: r, after, notices, stages: [], detail: { levels: owed } });
      sent += notices.length;
    } catch (e) {
      // Someone moved it meanwhile: the next run sees it as it is then.
      if (!(e instanceof ConflictError)) throw e;
    }
  }
  return sent;
}
