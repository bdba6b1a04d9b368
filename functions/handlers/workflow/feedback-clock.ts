// The feedback clocks outside a request: the daily job escalates a missed answer or result (the unit
// leader, then the bureau; once per deadline and level) and proposes Art 20 deductions for unanswered
// feedback; a calendar save turns provisional answer dates into official ones. Each item is its own
// version-checked commit (staged): a run cut short is finished by the next, which finds what is left.
import { now, nowIso } from '../../config/clock.ts';
import type { Actor } from '../../data/commit.ts';
import { listCalendarYears } from '../../data/calendar.ts';
import { getFeedback, listFeedbackDueBy, listProvisionalFeedback, readUnitFeedback, storeFeedback } from '../../data/feedback.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getRegion } from '../../data/regions.ts';
import { beijingDate, shiftIsoDate } from '../../domain/dates.ts';
import { ConflictError } from '../../domain/errors.ts';
import { answerDue, escalationsDue, proposalReasonOf } from '../../domain/feedback.ts';
import { bureauEscalation, leaderEscalation, recomputedNotice } from '../../domain/feedback-notices.ts';
import type { CalendarYear } from '../../model/calendar.ts';
import type { FeedbackRecord } from '../../model/feedback.ts';

const TRIES = 3;

/** Runs `move` on the item as stored now, again if someone changed it in between; a move that finds nothing to do answers false. */
async function retrying(f: FeedbackRecord, move: (current: FeedbackRecord) => Promise<boolean>): Promise<boolean> {
  let current: FeedbackRecord | undefined = f;
  for (let tries = 1; current; tries++) {
    try {
      return await move(current);
    } catch (e) {
      if (!(e instanceof ConflictError) || tries === TRIES) throw e;
      current = await getFeedback(f.regionId, f.cycleId, f.unitId, f.feedbackId);
    }
  }
  return false;
}

/** Escalations and proposals the region's open feedback owes today: answers how many items moved. */
export async function sweepFeedback(regionId: string, actor: Actor): Promise<{ escalated: number; proposed: number }> {
  const today = beijingDate(now());
  const [due, entered, region] = await Promise.all([listFeedbackDueBy(regionId, shiftIsoDate(today, -1)), listCalendarYears(regionId), getRegion(regionId)]);
  const summary = { escalated: 0, proposed: 0 };
  for (const item of due) {
    await retrying(item, async (f) => {
      const owed = escalationsDue(f, today, entered);
      if (!owed.length) return false;
      const at = nowIso();
      const notices = owed.flatMap((e) =>
        e.level === 1
          ? [noticeItem({ regionId, unitId: f.unitId, at, link: '/feedback', ...leaderEscalation(f, e.clock, e.due) })]
          : [...new Set([region?.bureauUnitId ?? f.senderUnitId, f.senderUnitId])].map((unitId) => noticeItem({ regionId, unitId, at, link: '/feedback', ...bureauEscalation(f, e.clock, e.due) })),
      );
      const reason = proposalReasonOf(f, today);
      // The proposal is made once, when the answer is first found missing (a late answer updates it).
      const { proposals } = reason === 'unanswered' && owed.some((e) => e.clock === 'answer' && e.level === 1) ? await readUnitFeedback(regionId, f.cycleId, f.unitId) : { proposals: [] };
      const propose = reason === 'unanswered' && owed.some((e) => e.clock === 'answer' && e.level === 1) && !proposals.some((p) => p.feedbackId === f.feedbackId);
      const after: FeedbackRecord = {
        ...f,
        escalations: [...f.escalations, ...owed.map((e) => ({ ...e, at }))],
        history: [...f.history, ...owed.map((e) => ({ step: 'escalate' as const, at, by: actor.username, role: actor.role, note: `${e.clock === 'answer' ? '答复' : '整改结果'}逾期（截止 ${e.due}），已通知${e.level === 1 ? '单位负责人' : '绩效办'}` }))],
        version: f.version + 1,
        updatedAt: at,
        updatedBy: actor.username,
      };
      await storeFeedback(actor, {
        action: 'feedback.escalate',
        before: f,
        after,
        notices,
        ...(propose
          ? {
              proposal: {
                regionId,
                cycleId: f.cycleId,
                unitId: f.unitId,
                feedbackId: f.feedbackId,
                unitName: f.unitName,
                ...(f.indicatorId ? { indicatorId: f.indicatorId, indicatorName: f.indicatorName } : {}),
                problem: f.problem,
                reason: 'unanswered' as const,
                answerDue: f.answerDue.date,
                status: 'proposed' as const,
                proposedAt: at,
                proposedBy: actor.username,
              },
            }
          : {}),
        detail: { escalations: owed, ...(propose ? { proposed: 'unanswered' } : {}) },
      });
      summary.escalated++;
      if (propose) summary.proposed++;
      return true;
    });
  }
  return summary;
}

/** A provisional answer date counted again on the years entered now; undefined when it is still provisional. */
function firmed(f: FeedbackRecord, entered: readonly CalendarYear[]) {
  const due = answerDue(entered, f.receivedOn);
  return due.provisional ? undefined : due;
}

/**
 * After the bureau enters `year`'s notice: every open item whose answer date was provisional across
 * it gets the official date (audited, with a notice to the unit). Answers how many were recomputed.
 */
export async function recomputeProvisional(regionId: string, year: number, actor: Actor): Promise<number> {
  const [items, entered] = await Promise.all([listProvisionalFeedback(regionId, year), listCalendarYears(regionId)]);
  let count = 0;
  for (const item of items) {
    const moved = await retrying(item, async (f) => {
      if (f.status !== 'open' || !f.answerDue.provisional) return false;
      const due = firmed(f, entered);
      if (!due) return false;
      const at = nowIso();
      const after: FeedbackRecord = {
        ...f,
        answerDue: due,
        history: [...f.history, { step: 'recompute', at, by: actor.username, role: actor.role, note: `${f.answerDue.date}（暂定）→ ${due.date}` }],
        version: f.version + 1,
        updatedAt: at,
        updatedBy: actor.username,
      };
      await storeFeedback(actor, {
        action: 'feedback.recompute',
        before: f,
        after,
        notices: [noticeItem({ regionId, unitId: f.unitId, at, link: '/feedback', ...recomputedNotice(after, f.answerDue.date) })],
        detail: { from: f.answerDue, year },
      });
      return true;
    });
    if (moved) count++;
  }
  return count;
}
