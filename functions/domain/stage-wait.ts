// How long the workflow waits in a stage. A Standard execution lives at most one year, while a
// cycle runs about two, so an execution hands over to a fresh one before its lifetime runs out.
import { beijingDate, deadlineInstant } from './dates.ts';
import { CalendarGapError, type WorkingCalendar } from './working-days.ts';

/** Work inside one execution for at most this long (a year is the hard limit). */
export const EXECUTION_LIFETIME_MS = 330 * 86_400_000;

export interface WaitPlan {
  /** Seconds the task-token wait may last before Step Functions times it out. */
  timeoutSeconds: number;
  /** True when the timeout is the stage deadline, false when it is only the execution's lifetime. */
  untilDeadline: boolean;
}

/**
 * The wait for a stage: until the deadline if it is still ahead (and inside the lifetime), else
 * until the lifetime ends, so that a stage past its deadline keeps waiting for the bureau.
 */
export function planWait(deadline: string, executionStartedAt: number, now: number): WaitPlan {
  const lifetimeLeft = executionStartedAt + EXECUTION_LIFETIME_MS - now;
  const untilDue = deadlineInstant(deadline) - now;
  const untilDeadline = untilDue > 0 && untilDue <= lifetimeLeft;
  const ms = untilDeadline ? untilDue : lifetimeLeft;
  return { timeoutSeconds: Math.max(1, Math.ceil(ms / 1000)), untilDeadline };
}

/** After a timeout: hand over to a new execution when this one is at the end of its lifetime. */
export function mustContinueAsNew(executionStartedAt: number, now: number): boolean {
  return now - executionStartedAt >= EXECUTION_LIFETIME_MS - 60_000;
}

/** A stage's deadline has passed and nobody has recorded it yet. */
export function isNewlyOverdue(deadline: string, escalatedAt: string | undefined, now: number): boolean {
  return escalatedAt === undefined && now >= deadlineInstant(deadline);
}

/** Reminders go out when this many working days are left before a stage deadline (SPEC.md default). */
export const REMINDER_WORKING_DAYS = 3;

/**
 * The deadline is near enough for the reminder and has not passed yet: at most three working days
 * left after today (Beijing date). Without a calendar for the years involved it falls back to three
 * calendar days, since a reminder a little early beats none.
 */
export function isDueForReminder(
  deadline: string,
  reminderSentAt: string | undefined,
  now: number,
  calendar: WorkingCalendar,
): boolean {
  const due = deadlineInstant(deadline);
  if (reminderSentAt !== undefined || now >= due) return false;
  try {
    return calendar.workingDaysBetween(beijingDate(now), deadline) <= REMINDER_WORKING_DAYS;
  } catch (e) {
    if (!(e instanceof CalendarGapError)) throw e;
    return due - now <= REMINDER_WORKING_DAYS * 86_400_000;
  }
}
