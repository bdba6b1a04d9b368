// The complaint clock outside a request (Art 32): the daily job tells the bureau leader of every
// complaint not answered by its due date — once per due date, recorded on the complaint in the same
// version-checked commit as the notice, so a second run (or two at once) never tells twice.
import { now, nowIso } from '../../config/clock.ts';
import type { Actor } from '../../data/commit.ts';
import { getComplaint, listComplaintsDueBy, storeComplaintMove } from '../../data/complaints.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getRegion } from '../../data/regions.ts';
import { escalationDue, escalationNotice } from '../../domain/complaints.ts';
import { beijingDate, shiftIsoDate } from '../../domain/dates.ts';
import { ConflictError } from '../../domain/errors.ts';

/** Escalates the region's overdue complaints; answers how many were escalated now. */
export async function escalateComplaints(regionId: string, actor: Actor): Promise<number> {
  const today = beijingDate(now());
  const [due, region] = await Promise.all([listComplaintsDueBy(regionId, shiftIsoDate(today, -1)), getRegion(regionId)]);
  if (!region) return 0;
  let escalated = 0;
  for (const listed of due) {
    const c = await getComplaint(regionId, listed.complaintId);
    if (!c || !escalationDue(c, today)) continue;
    const at = nowIso();
    const after = {
      ...c,
      escalatedFor: c.due.date,
      history: [...c.history, { step: 'escalate' as const, at, by: actor.username, role: actor.role, note: `逾期未答复（截止 ${c.due.date}），已报告绩效办领导` }],
      version: c.version + 1,
      updatedAt: at,
      updatedBy: actor.username,
    };
    try {
      await storeComplaintMove(actor, 'complaint.escalate', c, after, [noticeItem({ regionId, unitId: region.bureauUnitId, at, link: `/complaints/${c.complaintId}`, ...escalationNotice(c) })]);
      escalated++;
    } catch (e) {
      // Someone moved it meanwhile: the next run sees it as it is then.
      if (!(e instanceof ConflictError)) throw e;
    }
  }
  return escalated;
}
