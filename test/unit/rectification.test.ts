import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDARS } from '../../functions/domain/calendar-data/index.ts';
import { deadlineProblem, escalationsDue, isOverdue, isPublic, rectifyMove } from '../../functions/domain/rectification.ts';
import { RECTIFY_STATUSES } from '../../functions/model/rectification.ts';

describe('rectification deadlines', () => {
  it('not before today; at the latest the end of the year after the cycle’s; today and that last day pass', () => {
    expect(deadlineProblem('2026-12-03', '2026-12-03', 2025)).toBeUndefined();
    expect(deadlineProblem('2026-12-31', '2026-12-03', 2025)).toBeUndefined();
    expect(deadlineProblem('2026-12-02', '2026-12-03', 2025)).toContain('2026-12-03');
    expect(deadlineProblem('2027-01-01', '2026-12-03', 2025)).toContain('2026-12-31');
  });

  it('overdue: a plan being worked on from the day after its deadline (24:00 Beijing); a draft, a completion, an accepted plan never', () => {
    expect(isOverdue({ status: 'approved', deadline: '2026-12-03' }, '2026-12-03')).toBe(false);
    expect(isOverdue({ status: 'approved', deadline: '2026-12-03' }, '2026-12-04')).toBe(true);
    expect(isOverdue({ status: 'returned', deadline: '2026-12-03' }, '2026-12-04')).toBe(true);
    for (const status of ['draft', 'submitted', 'completed', 'accepted'] as const) expect(isOverdue({ status, deadline: '2026-01-01' }, '2026-12-04')).toBe(false);
  });
});

describe('moves', () => {
  it('each party’s moves from the statuses they apply to, and the status after', () => {
    expect(rectifyMove('draft', 'submit')).toEqual({ ok: true, status: 'submitted' });
    expect(rectifyMove('draft', 'approve')).toEqual({ ok: true, status: 'approved' });
    expect(rectifyMove('submitted', 'leaderReturn')).toEqual({ ok: true, status: 'draft' });
    expect(rectifyMove('approved', 'progress')).toEqual({ ok: true, status: 'approved' });
    expect(rectifyMove('returned', 'complete')).toEqual({ ok: true, status: 'completed' });
    expect(rectifyMove('completed', 'return')).toEqual({ ok: true, status: 'returned' });
    expect(rectifyMove('completed', 'accept')).toEqual({ ok: true, status: 'accepted' });
    expect(rectifyMove('approved', 'save').ok).toBe(false);
    expect(rectifyMove('accepted', 'progress').ok).toBe(false);
    expect(rectifyMove('approved', 'accept').ok).toBe(false);
  });

  it('public once the leader approved it, and ever after', () => {
    expect(RECTIFY_STATUSES.filter(isPublic)).toEqual(['approved', 'completed', 'accepted', 'returned']);
  });
});

describe('escalation of an overdue plan', () => {
  const plan = (escalations: { due: string; level: 1 | 2; at: string }[] = [], deadline = '2026-11-20') => ({ status: 'approved' as const, deadline, escalations });
  it('the leader the day after; the bureau three working days after the deadline; once each per deadline', () => {
    expect(escalationsDue(plan(), '2026-11-20', OFFICIAL_CALENDARS)).toEqual([]);
    expect(escalationsDue(plan(), '2026-11-21', OFFICIAL_CALENDARS)).toEqual([1]);
    // Fri 11-20 → Mon 23 (1), Tue 24 (2), Wed 25 (3).
    expect(escalationsDue(plan([{ due: '2026-11-20', level: 1, at: 'x' }]), '2026-11-24', OFFICIAL_CALENDARS)).toEqual([]);
    expect(escalationsDue(plan([{ due: '2026-11-20', level: 1, at: 'x' }]), '2026-11-25', OFFICIAL_CALENDARS)).toEqual([2]);
    expect(escalationsDue(plan([{ due: '2026-11-20', level: 1, at: 'x' }, { due: '2026-11-20', level: 2, at: 'y' }]), '2026-12-25', OFFICIAL_CALENDARS)).toEqual([]);
    // A new deadline (after a return) is escalated again.
    expect(escalationsDue(plan([{ due: '2026-11-20', level: 1, at: 'x' }], '2026-12-01'), '2026-12-02', OFFICIAL_CALENDARS)).toEqual([1]);
  });
});
