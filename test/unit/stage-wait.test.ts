import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineInstant } from '../../functions/domain/dates.ts';
import { OFFICIAL_CALENDARS } from '../../functions/domain/calendar-data/index.ts';
import { WorkingCalendar } from '../../functions/domain/working-days.ts';
import { EXECUTION_LIFETIME_MS, isDueForReminder, isNewlyOverdue, mustContinueAsNew, planWait } from '../../functions/domain/stage-wait.ts';

const DAY = 86_400_000;
const official = new WorkingCalendar(OFFICIAL_CALENDARS);

describe('planWait', () => {
  it('waits until the deadline when it lies inside the execution lifetime', () => {
    const start = Date.parse('2025-01-01T00:00:00Z');
    const now = start + DAY;
    const plan = planWait('2025-03-31', start, now);
    expect(plan).toEqual({ untilDeadline: true, timeoutSeconds: Math.ceil((deadlineInstant('2025-03-31') - now) / 1000) });
  });

  it('waits only until the lifetime ends when the deadline is further away', () => {
    const start = Date.parse('2025-01-01T00:00:00Z');
    const plan = planWait('2026-12-31', start, start);
    expect(plan).toEqual({ untilDeadline: false, timeoutSeconds: EXECUTION_LIFETIME_MS / 1000 });
  });

  it('keeps waiting (for the lifetime) once the deadline has passed', () => {
    const start = Date.parse('2025-01-01T00:00:00Z');
    const now = deadlineInstant('2025-03-31') + DAY;
    expect(planWait('2025-03-31', start, now).untilDeadline).toBe(false);
  });

  it('inside its lifetime, never asks for less than a second nor outlives a Standard execution (1 year)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 329 }), fc.integer({ min: 0, max: 800 }), (elapsedDays, deadlineDays) => {
        const start = Date.parse('2025-01-01T00:00:00Z');
        const now = start + elapsedDays * DAY;
        const deadline = new Date(start + deadlineDays * DAY).toISOString().slice(0, 10);
        const { timeoutSeconds } = planWait(deadline, start, now);
        expect(timeoutSeconds).toBeGreaterThanOrEqual(1);
        expect(now + timeoutSeconds * 1000 - start).toBeLessThan(365 * DAY);
      }),
    );
  });
});

describe('continue as new', () => {
  it('hands over near the end of the lifetime only', () => {
    const start = 0;
    expect(mustContinueAsNew(start, EXECUTION_LIFETIME_MS - 2 * 60_000)).toBe(false);
    expect(mustContinueAsNew(start, EXECUTION_LIFETIME_MS)).toBe(true);
  });
});

describe('escalation and reminders', () => {
  const due = deadlineInstant('2025-03-31');

  it('escalates once: after the deadline, and only if not yet recorded', () => {
    expect(isNewlyOverdue('2025-03-31', undefined, due - 1)).toBe(false);
    expect(isNewlyOverdue('2025-03-31', undefined, due)).toBe(true);
    expect(isNewlyOverdue('2025-03-31', '2025-04-01T00:00:00Z', due + DAY)).toBe(false);
  });

  it('reminds once, when three working days or fewer are left', () => {
    // Deadline Mon 2025-03-31: on Wed 26 three working days follow (Thu, Fri, Mon), on Tue 25 four.
    const at = (iso: string) => Date.parse(iso);
    expect(isDueForReminder('2025-03-31', undefined, at('2025-03-25T02:00:00Z'), official)).toBe(false);
    expect(isDueForReminder('2025-03-31', undefined, at('2025-03-26T02:00:00Z'), official)).toBe(true);
    expect(isDueForReminder('2025-03-31', 'sent', at('2025-03-26T02:00:00Z'), official)).toBe(false);
    expect(isDueForReminder('2025-03-31', undefined, due, official)).toBe(false);
  });

  it('counts the National Day holiday as no working days', () => {
    // Deadline Thu 2025-10-09: 1–8 October are holidays, so on 30 September only one working day is left.
    expect(isDueForReminder('2025-10-09', undefined, Date.parse('2025-09-30T02:00:00Z'), official)).toBe(true);
    expect(isDueForReminder('2025-10-09', undefined, Date.parse('2025-09-25T02:00:00Z'), official)).toBe(false);
  });

  it('falls back to three calendar days for a year without calendar data', () => {
    const empty = new WorkingCalendar([]);
    const end2031 = deadlineInstant('2031-03-31');
    expect(isDueForReminder('2031-03-31', undefined, end2031 - 2 * DAY, empty)).toBe(true);
    expect(isDueForReminder('2031-03-31', undefined, end2031 - 4 * DAY, empty)).toBe(false);
  });
});
