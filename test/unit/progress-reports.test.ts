// Progress report rules: periods and due dates (monthly / quarterly, December due in January),
// lateness at 24:00 Beijing, which periods are open, the milestone expected by a period, who moves
// a report where, blank goals, declarations and fed values.
import { describe, expect, it } from 'vitest';
import { deadlineInstant } from '../../functions/domain/dates.ts';
import { currentPeriod, dueDateOf, expectedBy, frequencyOf, isLate, openPeriods, periodProblem, periodsOf, periodStart } from '../../functions/domain/progress-periods.ts';
import { blankGoals, countItems, entryProblems, fedConflict, isFilled, reportMove } from '../../functions/domain/progress-reports.ts';
import type { ProgressItemRecord } from '../../functions/model/progress-report.ts';
import { OFFICIAL_CALENDARS } from '../../functions/domain/calendar-data/index.ts';
import { BUREAU_ESCALATION_WORKING_DAYS, bureauEscalationDay, bureauEscalationDue, leaderEscalationDay, leaderEscalationDue } from '../../functions/domain/report-deadlines.ts';
import { WorkingCalendar } from '../../functions/domain/working-days.ts';

const at = (iso: string) => Date.parse(iso);

describe('periods and due dates', () => {
  it('lists the months or quarters of the cycle year', () => {
    expect(periodsOf(2026, 'monthly')).toHaveLength(12);
    expect(periodsOf(2026, 'monthly')[0]).toBe('2026-01');
    expect(periodsOf(2026, 'quarterly')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(frequencyOf('2026-Q3')).toBe('quarterly');
    expect(periodStart('2026-Q3')).toBe('2026-07-01');
  });

  it('is due on the schedule day of the month after the period; December and Q4 in January', () => {
    expect(dueDateOf('2026-03', 5)).toBe('2026-04-05');
    expect(dueDateOf('2026-12', 5)).toBe('2027-01-05');
    expect(dueDateOf('2026-Q1', 10)).toBe('2026-04-10');
    expect(dueDateOf('2026-Q4', 10)).toBe('2027-01-10');
  });

  it('is late from 24:00 Beijing on the due date', () => {
    expect(isLate('2026-04-05', deadlineInstant('2026-04-05') - 1)).toBe(false);
    expect(isLate('2026-04-05', at('2026-04-05T15:59:59Z'))).toBe(false);
    expect(isLate('2026-04-05', at('2026-04-05T16:00:00Z'))).toBe(true);
  });

  it('opens a period on its first day (Beijing), newest first', () => {
    const schedule = { frequency: 'monthly' as const, dueDay: 5 };
    expect(openPeriods(2026, schedule, at('2026-03-31T15:59:00Z'))[0]).toBe('2026-03');
    expect(openPeriods(2026, schedule, at('2026-03-31T16:00:00Z'))[0]).toBe('2026-04');
    expect(currentPeriod(2026, schedule, at('2025-12-20T00:00:00Z'))).toBeUndefined();
    expect(currentPeriod(2026, { frequency: 'quarterly', dueDay: 5 }, at('2026-05-01T00:00:00Z'))).toBe('2026-Q2');
  });

  it('refuses a period of another year, of the other frequency, or not begun', () => {
    const monthly = { frequency: 'monthly' as const, dueDay: 5 };
    const now = at('2026-05-10T00:00:00Z');
    expect(periodProblem('2026-05', 2026, monthly, now)).toBeUndefined();
    expect(periodProblem('2025-05', 2026, monthly, now)).toBeDefined();
    expect(periodProblem('2026-Q2', 2026, monthly, now)).toBeDefined();
    expect(periodProblem('2026-06', 2026, monthly, now)).toContain('尚未开始');
  });

  it('expects the latest milestone on or before the period end', () => {
    const ms = [{ date: '2026-06-30', expected: 45 }, { date: '2026-03-31', expected: 20 }, { date: '2026-12-31', expected: 100 }];
    expect(expectedBy(ms, '2026-02')).toBeUndefined();
    expect(expectedBy(ms, '2026-03')).toEqual({ date: '2026-03-31', expected: 20 });
    expect(expectedBy(ms, '2026-Q2')).toEqual({ date: '2026-06-30', expected: 45 });
    expect(expectedBy(ms, '2026-11')?.expected).toBe(45);
  });
});

const item = (over: Partial<ProgressItemRecord>): ProgressItemRecord =>
  ({ regionId: '450900', cycleId: '2026', unitId: 'u', period: '2026-03', indicatorId: '1.1', categoryId: 'c1', assessorUnitId: '', nothingToReport: false, evidence: [], status: 'draft', late: false, version: 1, updatedAt: '', updatedBy: '', ...over }) as ProgressItemRecord;

describe('report moves', () => {
  it('lets the unit edit and submit while the report is with it, the leader alone approve or return', () => {
    expect(reportMove('edit', undefined, 'unit_staff')).toEqual({ ok: true, to: 'draft' });
    expect(reportMove('edit', 'returned', 'unit_staff')).toEqual({ ok: true, to: 'returned' });
    expect(reportMove('edit', 'submitted', 'unit_staff').ok).toBe(false);
    expect(reportMove('edit', 'approved', 'unit_leader').ok).toBe(false);
    expect(reportMove('edit', 'draft', 'bureau_staff').ok).toBe(false);
    expect(reportMove('submit', 'draft', 'unit_staff')).toEqual({ ok: true, to: 'submitted' });
    expect(reportMove('approve', 'submitted', 'unit_staff').ok).toBe(false);
    expect(reportMove('approve', 'submitted', 'unit_leader')).toEqual({ ok: true, to: 'approved' });
    expect(reportMove('approve', 'draft', 'unit_leader')).toEqual({ ok: true, to: 'approved' });
    expect(reportMove('approve', 'approved', 'unit_leader').ok).toBe(false);
    expect(reportMove('return', 'draft', 'unit_leader').ok).toBe(false);
    expect(reportMove('return', 'submitted', 'unit_leader')).toEqual({ ok: true, to: 'returned' });
  });

  it('counts a goal filled by a value, a fed value, a narrative or a declaration; blank otherwise', () => {
    expect(isFilled(item({}))).toBe(false);
    expect(isFilled(item({ value: 0 }))).toBe(true);
    expect(isFilled(item({ narrative: '定性指标，按计划推进' }))).toBe(true);
    expect(isFilled(item({ nothingToReport: true, nothingReason: '按季统计' }))).toBe(true);
    expect(isFilled(item({ fed: { value: 3, systemId: 's', systemName: '统计', at: '' } }))).toBe(true);
    const items = [item({ indicatorId: '1.1', value: 1 }), item({ indicatorId: '1.2' }), item({ indicatorId: '2.1', nothingToReport: true, nothingReason: 'x' })];
    expect(blankGoals(['1.1', '1.2', '2.1', '3.1'], items)).toEqual(['1.2', '3.1']);
    expect(countItems(items)).toEqual({ filled: 2, nothingToReport: 1 });
  });

  it('wants a reason for a declaration and no value with it', () => {
    expect(entryProblems({ nothingToReport: true })).toEqual([expect.objectContaining({ path: 'body.nothingReason' })]);
    expect(entryProblems({ nothingToReport: true, nothingReason: '无', value: 3 }).map((p) => p.path)).toEqual(['body.value']);
    expect(entryProblems({ nothingToReport: false, value: 3 })).toEqual([]);
  });

  it('keeps a fed value: another value or a declaration is refused, the same value or none passes', () => {
    const fed = { value: 77, systemId: 'tj', systemName: '统计联网直报', at: '' };
    expect(fedConflict(undefined, { nothingToReport: false, value: 1 })).toBeUndefined();
    expect(fedConflict(fed, { nothingToReport: false, value: 78 })).toContain('统计联网直报');
    expect(fedConflict(fed, { nothingToReport: true, nothingReason: 'x' })).toBeDefined();
    expect(fedConflict(fed, { nothingToReport: false, value: 77 })).toBeUndefined();
    expect(fedConflict(fed, { nothingToReport: false, narrative: '核对无误' })).toBeUndefined();
  });
});

describe('escalation of a missed report: the unit leader, then the bureau', () => {
  const calendar = new WorkingCalendar(OFFICIAL_CALENDARS);
  // 2026-10-05 falls in the National Day holiday (10-01…10-07; 10-10 a make-up working day).
  const row = { delivered: false, deadline: '2026-10-05' };

  it('tells the leader on the first working day after the due day, not on the holidays before it', () => {
    expect(leaderEscalationDay('2026-10-05', calendar)).toBe('2026-10-08');
    expect(leaderEscalationDue(row, '2026-10-06', calendar)).toBe(false);
    expect(leaderEscalationDue(row, '2026-10-08', calendar)).toBe(true);
    expect(leaderEscalationDue({ ...row, missedDeadline: '2026-10-05' }, '2026-10-09', calendar)).toBe(false);
    expect(leaderEscalationDue({ ...row, delivered: true }, '2026-10-09', calendar)).toBe(false);
  });

  it('tells the bureau BUREAU_ESCALATION_WORKING_DAYS working days after the leader, once, only after the leader', () => {
    expect(BUREAU_ESCALATION_WORKING_DAYS).toBe(3);
    // 10-08 → 10-09, 10-10 (make-up Saturday), 10-12.
    expect(bureauEscalationDay('2026-10-05', calendar)).toBe('2026-10-12');
    const told = { ...row, missedDeadline: '2026-10-05' };
    expect(bureauEscalationDue(told, '2026-10-11', calendar)).toBe(false);
    expect(bureauEscalationDue(told, '2026-10-12', calendar)).toBe(true);
    expect(bureauEscalationDue(row, '2026-10-12', calendar)).toBe(false);
    expect(bureauEscalationDue({ ...told, bureauToldFor: '2026-10-05' }, '2026-10-13', calendar)).toBe(false);
    expect(bureauEscalationDue({ ...told, delivered: true }, '2026-10-13', calendar)).toBe(false);
    expect(bureauEscalationDay('2026-10-05', calendar, 1)).toBe('2026-10-09');
  });

  it('counts calendar days where the region has no calendar for the year', () => {
    expect(leaderEscalationDay('2031-03-05', calendar)).toBe('2031-03-06');
    expect(bureauEscalationDay('2031-03-05', calendar)).toBe('2031-03-09');
  });
});
