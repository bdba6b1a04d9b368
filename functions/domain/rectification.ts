// Rules of rectification (整改, Art 25–26): when plans may be filed, the deadline a plan may set, the
// moves each party may make, what is overdue, and the escalation an overdue plan owes.
//
// Decisions:
//   - Plans are filed from 整改 (stage 10) on, and still in 结果运用 (stage 11): the measures run into
//     the next year, and the cycle stays open until it is archived.
//   - A deadline is a Beijing date (ends 24:00), not before the day the plan is saved, and at most the
//     end of the year after the cycle's (RECTIFY_HORIZON_YEARS): rectification of year N is done in
//     year N+1, where key problems also become goals (Art 26).
//   - The unit leader approves a plan before it is public and reaches the bureau (as every unit
//     submission); the leader also marks it done (整改完成), with the result. The bureau accepts the
//     completion or returns it with a reason; a returned plan is worked on again under the same deadline.
//   - Overdue: approved or returned (still being worked on) after its deadline. Escalation as feedback's:
//     the unit leader the day after the deadline, the bureau BUREAU_AFTER_WORKING_DAYS working days later,
//     each once per deadline.
import { t } from '../contracts/lang.ts';
import type { CalendarYear } from '../model/calendar.ts';
import type { RectificationRecord, RectifyStatus } from '../model/rectification.ts';
import { BUREAU_AFTER_WORKING_DAYS, isPast, workingDaysLeft } from './feedback.ts';
import type { StageCode } from './stages.ts';

export const RECTIFY_STAGES: readonly StageCode[] = ['rectification', 'closed'];
export const RECTIFY_HORIZON_YEARS = 1;
/** Stages in which carrying into the next cycle runs (the bureau's 结转). */
export const CARRY_STAGES: readonly StageCode[] = ['rectification', 'closed'];

export type RectifyAction = 'save' | 'submit' | 'approve' | 'leaderReturn' | 'progress' | 'complete' | 'accept' | 'return';

const FROM: Record<RectifyAction, readonly RectifyStatus[]> = {
  save: ['draft'],
  submit: ['draft'],
  approve: ['draft', 'submitted'],
  leaderReturn: ['submitted'],
  progress: ['approved', 'returned'],
  complete: ['approved', 'returned'],
  accept: ['completed'],
  return: ['completed'],
};
const TO: Partial<Record<RectifyAction, RectifyStatus>> = { submit: 'submitted', approve: 'approved', leaderReturn: 'draft', complete: 'completed', accept: 'accepted', return: 'returned' };

/** The status after `action` (unchanged for a save or a progress report), or why it cannot be taken now. */
export function rectifyMove(status: RectifyStatus, action: RectifyAction): { ok: true; status: RectifyStatus } | { ok: false; message: string } {
  if (FROM[action].includes(status)) return { ok: true, status: TO[action] ?? status };
  const messages: Record<RectifyAction, string> = {
    save: t('整改计划已提交或已批准，不能再修改', 'The plan has been submitted or approved and can no longer be edited'),
    submit: t('只有草稿状态的整改计划才能提交', 'Only a draft plan can be submitted'),
    approve: t('该整改计划不在待审批状态', 'This plan is not waiting for approval'),
    leaderReturn: t('只有已提交的整改计划才能退回', 'Only a submitted plan can be returned'),
    progress: t('只有已批准、正在整改的计划才能报告进展', 'Progress is reported on an approved plan that is being worked on'),
    complete: t('只有已批准、正在整改的计划才能标记整改完成', 'Only an approved plan being worked on can be marked done'),
    accept: t('只有已报告整改完成的计划才能验收', 'Only a completed plan can be accepted'),
    return: t('只有已报告整改完成的计划才能退回', 'Only a completed plan can be returned'),
  };
  return { ok: false, message: messages[action] };
}

/** Why a deadline is refused, or undefined: not before today, not after the end of the year after the cycle's. */
export function deadlineProblem(deadline: string, today: string, cycleYear: number): string | undefined {
  const last = `${cycleYear + RECTIFY_HORIZON_YEARS}-12-31`;
  if (deadline < today) return t(`整改期限不能早于今天（${today}）`, `The deadline cannot be before today (${today})`);
  if (deadline > last) return t(`整改期限最迟为 ${last}（考评年度的次年年底）`, `The deadline is at the latest ${last} (the end of the year after the cycle's)`);
  return undefined;
}

/** Still being worked on: the deadline runs. */
export const isRunning = (status: RectifyStatus) => status === 'approved' || status === 'returned';

export const isOverdue = (r: Pick<RectificationRecord, 'status' | 'deadline'>, today: string) => isRunning(r.status) && isPast(r.deadline, today);

/** Public once the unit leader approved it (and ever after). */
export const isPublic = (status: RectifyStatus) => status !== 'draft' && status !== 'submitted';

/** The escalations a daily run owes an overdue plan: the leader (1) after the deadline, the bureau (2) some working days later; once each per deadline. */
export function escalationsDue(r: Pick<RectificationRecord, 'status' | 'deadline' | 'escalations'>, today: string, entered: readonly CalendarYear[]): (1 | 2)[] {
  if (!isOverdue(r, today)) return [];
  const done = (level: 1 | 2) => r.escalations.some((e) => e.due === r.deadline && e.level === level);
  const owed: (1 | 2)[] = [];
  if (!done(1)) owed.push(1);
  if (!done(2) && -workingDaysLeft(entered, today, r.deadline) >= BUREAU_AFTER_WORKING_DAYS) owed.push(2);
  return owed;
}

export const STATUS_NAMES: Record<RectifyStatus, [string, string]> = {
  draft: ['草稿', 'draft'],
  submitted: ['待单位负责人审批', 'awaiting the unit leader'],
  approved: ['整改中', 'in progress'],
  completed: ['已完成待验收', 'done, awaiting acceptance'],
  accepted: ['已验收', 'accepted'],
  returned: ['退回整改', 'returned'],
};
export const statusName = (s: RectifyStatus) => t(...STATUS_NAMES[s]);

export const leaderEscalation = (r: RectificationRecord) => ({
  kind: 'rectification.overdue',
  audience: 'unit_leader',
  title: t(`整改逾期：${r.problemTitle}`, `Rectification overdue: ${r.problemTitle}`),
  body: t(`「${r.problemTitle}」的整改期限为 ${r.deadline}，至今未完成，请督促整改并报告进展。`, `The rectification of “${r.problemTitle}” was due ${r.deadline} and is not done; please see it through and report progress.`),
});
export const bureauEscalation = (r: RectificationRecord) => ({
  kind: 'rectification.overdue',
  title: t(`整改逾期：${r.unitName}`, `Rectification overdue: ${r.unitName}`),
  body: t(`${r.unitName}「${r.problemTitle}」的整改期限为 ${r.deadline}，逾期未完成，已通知其单位负责人。`, `${r.unitName}: “${r.problemTitle}” was due ${r.deadline} and is not done; its leader has been told.`),
});
