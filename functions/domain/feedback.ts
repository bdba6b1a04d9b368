// Rules of feedback and rectification during the year (Art 14): the answer clock (10 working days
// after receipt, the day of receipt not counted), the result clock (the sender's date), lateness,
// the moves each party may make, escalation of a missed clock and the Art 20 deduction proposal.
import { t } from '../contracts/lang.ts';
import type { CalendarYear } from '../model/calendar.ts';
import type { DueDate, FeedbackEscalation, FeedbackRecord, FeedbackStatus, ProposalReason } from '../model/feedback.ts';
import { shiftIsoDate } from './dates.ts';
import { fillCalendar } from './statutory-holidays.ts';

/** Art 14: the unit answers within 10 working days of receipt. */
export const ANSWER_WORKING_DAYS = 10;
/** The bureau hears of a missed clock this many working days after the unit leader did. */
export const BUREAU_AFTER_WORKING_DAYS = 3;

const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * The answer's due date: provisional when a year it is counted across has no entered notice (the
 * statutory holidays fill it in). Ten working days never span more than the next year's start.
 */
export function answerDue(entered: readonly CalendarYear[], receivedOn: string): DueDate {
  const years = [yearOf(receivedOn), yearOf(receivedOn) + 1];
  const { calendar, provisional } = fillCalendar(entered, years);
  const date = calendar.addWorkingDays(receivedOn, ANSWER_WORKING_DAYS);
  // Counted days lie in (receivedOn, date]: only the years they fall in decide.
  const first = yearOf(shiftIsoDate(receivedOn, 1));
  return { date, provisional: [first, yearOf(date)].some((y) => provisional.has(y)) };
}

/**
 * Working days from `today` to `due` (0 on the due day itself, negative once it has passed), on the
 * entered years and provisional ones where needed.
 */
export function workingDaysLeft(entered: readonly CalendarYear[], today: string, due: string): number {
  const years = new Set<number>();
  for (let y = Math.min(yearOf(today), yearOf(due)); y <= Math.max(yearOf(today), yearOf(due)); y++) years.add(y);
  return fillCalendar(entered, years).calendar.workingDaysBetween(today, due);
}

/** Calendar days from `today` to `due` (the result clock is a date the sender set). */
export const calendarDaysLeft = (today: string, due: string) => Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);

/** Which clock the unit is on: the answer while open, the result once answered or sent back, none otherwise. */
export function runningClock(status: FeedbackStatus): 'answer' | 'result' | undefined {
  if (status === 'open') return 'answer';
  if (status === 'answered' || status === 'returned') return 'result';
  return undefined;
}

/** The date the unit owes something by, if it owes anything. */
export function owedBy(f: Pick<FeedbackRecord, 'status' | 'answerDue' | 'resultDue'>): string | undefined {
  const clock = runningClock(f.status);
  return clock === 'answer' ? f.answerDue.date : clock === 'result' ? f.resultDue : undefined;
}

/** A deadline given as a date ends 24:00 Beijing: past it only from the next day. */
export const isPast = (due: string, today: string) => today > due;

export function isOverdue(f: Pick<FeedbackRecord, 'status' | 'answerDue' | 'resultDue'>, today: string): boolean {
  const due = owedBy(f);
  return due !== undefined && isPast(due, today);
}

export type FeedbackAction = 'answer' | 'report' | 'accept' | 'return';

const FROM: Record<FeedbackAction, readonly FeedbackStatus[]> = {
  answer: ['open'],
  report: ['answered', 'returned'],
  accept: ['reported'],
  return: ['reported'],
};
const TO: Record<FeedbackAction, FeedbackStatus> = { answer: 'answered', report: 'reported', accept: 'accepted', return: 'returned' };

/** The status after `action`, or why it cannot be taken now. */
export function feedbackMove(status: FeedbackStatus, action: FeedbackAction): { ok: true; status: FeedbackStatus } | { ok: false; message: string } {
  if (FROM[action].includes(status)) return { ok: true, status: TO[action] };
  const messages: Record<FeedbackAction, string> = {
    answer: t('该反馈已答复，不能再次答复', 'This feedback has been answered already'),
    report: t('只有已答复或被退回的反馈才能报告整改结果', 'A result is reported only after the answer, or after the result was sent back'),
    accept: t('只有已报告整改结果的反馈才能认可', 'Only a reported result can be accepted'),
    return: t('只有已报告整改结果的反馈才能退回', 'Only a reported result can be sent back'),
  };
  return { ok: false, message: messages[action] };
}

/** Whether the caller's unit sent the item (the bureau's items are decided by the bureau's roles). */
export function isSender(f: Pick<FeedbackRecord, 'senderKind' | 'senderUnitId'>, caller: { unitId: string }, callerIsBureau: boolean): boolean {
  return f.senderKind === 'bureau' ? callerIsBureau : f.senderUnitId === caller.unitId;
}

/**
 * The escalations a daily run owes for the clock the unit is on: level 1 (the unit leader) once the
 * due date has passed, level 2 (the bureau) once it is BUREAU_AFTER_WORKING_DAYS working days past;
 * each once per deadline (a new result date after a return is a new deadline).
 */
export function escalationsDue(f: Pick<FeedbackRecord, 'status' | 'answerDue' | 'resultDue' | 'escalations'>, today: string, entered: readonly CalendarYear[]): { clock: 'answer' | 'result'; due: string; level: 1 | 2 }[] {
  const clock = runningClock(f.status);
  const due = owedBy(f);
  if (!clock || !due || !isPast(due, today)) return [];
  const done = (level: 1 | 2) => f.escalations.some((e: FeedbackEscalation) => e.clock === clock && e.due === due && e.level === level);
  const owed: { clock: 'answer' | 'result'; due: string; level: 1 | 2 }[] = [];
  if (!done(1)) owed.push({ clock, due, level: 1 });
  if (!done(2) && -workingDaysLeft(entered, today, due) >= BUREAU_AFTER_WORKING_DAYS) owed.push({ clock, due, level: 2 });
  return owed;
}

/** Art 20: feedback unanswered past its due date, or answered late, is proposed for a deduction. */
export function proposalReasonOf(f: Pick<FeedbackRecord, 'status' | 'answerDue' | 'answer'>, today: string): ProposalReason | undefined {
  if (f.answer) return f.answer.late ? 'answeredLate' : undefined;
  return f.status === 'open' && isPast(f.answerDue.date, today) ? 'unanswered' : undefined;
}

/** Problems with the sender's result date, given the answer's due date. */
export function resultDueProblem(resultDue: string, receivedOn: string, answer: DueDate): string | undefined {
  if (resultDue <= receivedOn) return t('整改结果报告日期应晚于送达日期', 'The result is due after the date of receipt');
  if (resultDue < answer.date) return t(`整改结果报告日期不能早于答复截止日（${answer.date}）`, `The result cannot be due before the answer (${answer.date})`);
  return undefined;
}
