// A feedback item as the API shows it: both clocks with their due dates and days left (working days
// for the answer, calendar days for the result), and what the caller may do with it now.
import type { FeedbackView } from '../../contracts/feedback.ts';
import { calendarDaysLeft, isPast, isSender, runningClock, workingDaysLeft } from '../../domain/feedback.ts';
import { BUREAU_ROLES, type Caller } from '../../domain/roles.ts';
import type { CalendarYear } from '../../model/calendar.ts';
import type { FeedbackRecord } from '../../model/feedback.ts';

export function feedbackView(f: FeedbackRecord, today: string, entered: readonly CalendarYear[], caller: Caller): FeedbackView {
  const { regionId: _, ...rest } = f;
  const clock = runningClock(f.status);
  const own = caller.unitId === f.unitId && (caller.role === 'unit_staff' || caller.role === 'unit_leader');
  const resultDone = f.status === 'reported' || f.status === 'accepted';
  return {
    ...rest,
    answerClock: {
      ...f.answerDue,
      ...(clock === 'answer' ? { daysLeft: workingDaysLeft(entered, today, f.answerDue.date) } : {}),
      done: f.answer !== undefined,
      late: f.answer?.late ?? false,
      overdue: clock === 'answer' && isPast(f.answerDue.date, today),
    },
    resultClock: {
      date: f.resultDue,
      provisional: false,
      ...(clock === 'result' ? { daysLeft: calendarDaysLeft(today, f.resultDue) } : {}),
      done: resultDone,
      late: f.result?.late ?? false,
      overdue: clock === 'result' && isPast(f.resultDue, today),
    },
    canAnswer: own && f.status === 'open',
    canReport: own && (f.status === 'answered' || f.status === 'returned'),
    canDecide: f.status === 'reported' && isSender(f, caller, BUREAU_ROLES.includes(caller.role)),
  };
}
