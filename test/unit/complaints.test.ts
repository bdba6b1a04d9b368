// Complaint rules (Art 32): the answer's due date in working days on the region's calendar (receipt
// not counted; provisional across a year without an entered notice), overdue and the once-per-due-date
// escalation, the query code, masking of contact details and who sees them, and the moves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDARS } from '../../functions/domain/calendar-data/index.ts';
import { clientHash, codeHash, newQueryCode } from '../../functions/identity/complaint-codes.ts';
import {
  COMPLAINT_ANSWER_WORKING_DAYS,
  complaintDue,
  escalationDue,
  isComplaintOverdue,
  maskContact,
  maskEmail,
  maskName,
  maskPhone,
  moveRefusal,
  seesContact,
  statusAfter,
} from '../../functions/domain/complaints.ts';
import { shiftIsoDate } from '../../functions/domain/dates.ts';
import { WorkingCalendar } from '../../functions/domain/working-days.ts';
import { CODE_PATTERN } from '../../functions/model/complaint.ts';

const official = new WorkingCalendar(OFFICIAL_CALENDARS);

describe('the answer’s due date', () => {
  it('is 15 working days after receipt, the day of receipt not counted', () => {
    expect(COMPLAINT_ANSWER_WORKING_DAYS).toBe(15);
    expect(complaintDue(OFFICIAL_CALENDARS, '2026-12-03')).toEqual({ date: '2026-12-24', provisional: false });
    // Across National Day 2026 (1–7 October off; Saturday 10 October a working day).
    const due = complaintDue(OFFICIAL_CALENDARS, '2026-09-28');
    expect(due.provisional).toBe(false);
    expect(official.workingDaysBetween('2026-09-28', due.date)).toBe(15);
  });

  it('always lands on a working day exactly 15 working days on, within the entered years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 340 }), (n) => {
        const received = shiftIsoDate('2025-01-01', n);
        const due = complaintDue(OFFICIAL_CALENDARS, received);
        expect(due.provisional).toBe(false);
        expect(official.isWorkingDay(due.date)).toBe(true);
        expect(official.workingDaysBetween(received, due.date)).toBe(15);
      }),
    );
  });

  it('is provisional when it is counted across a year whose notice is not entered', () => {
    expect(complaintDue(OFFICIAL_CALENDARS, '2026-12-20')).toEqual({ date: '2027-01-11', provisional: true });
    expect(complaintDue(OFFICIAL_CALENDARS.filter((c) => c.year !== 2026), '2026-03-02').provisional).toBe(true);
  });

  it('is overdue only after the due date ends (24:00 Beijing), and escalated once per due date', () => {
    const c = { status: 'handling' as const, due: { date: '2026-12-24', provisional: false } };
    expect(isComplaintOverdue(c, '2026-12-24')).toBe(false);
    expect(isComplaintOverdue(c, '2026-12-25')).toBe(true);
    expect(isComplaintOverdue({ ...c, status: 'answered' }, '2027-01-30')).toBe(false);
    expect(escalationDue(c, '2026-12-25')).toBe(true);
    expect(escalationDue({ ...c, escalatedFor: '2026-12-24' }, '2026-12-28')).toBe(false);
  });
});

describe('the query code', () => {
  it('is 16 characters of an unambiguous alphabet, unique in practice, matched without dashes or case', () => {
    const codes = new Set(Array.from({ length: 2000 }, newQueryCode));
    expect(codes.size).toBe(2000);
    for (const code of [...codes].slice(0, 50)) {
      expect(code).toMatch(CODE_PATTERN);
      expect(code).not.toMatch(/[01OIL]/);
      expect(codeHash(code.toLowerCase().replace(/-/g, ''))).toBe(codeHash(code));
    }
    expect(codeHash('ABCD-EFGH-JKMN-PQRS')).not.toBe(codeHash('ABCD-EFGH-JKMN-PQRT'));
  });

  it('a client address is kept as a hash per day only', () => {
    expect(clientHash('203.0.113.9', '2026-12-03')).not.toContain('203');
    expect(clientHash('203.0.113.9', '2026-12-03')).not.toBe(clientHash('203.0.113.9', '2026-12-04'));
  });
});

describe('contact details', () => {
  it('are masked: the surname, the first three and last four digits, the first letter of the mailbox', () => {
    expect(maskName('陈建国')).toBe('陈**');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('李')).toBe('*');
    expect(maskPhone('13907751234')).toBe('139****1234');
    expect(maskPhone('0775-2821234')).toBe('077****1234');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskEmail('chen.jianguo@example.cn')).toBe('c***@example.cn');
    expect(maskContact({ name: '陈建国', phone: '13907751234' })).toEqual({ name: '陈**', phone: '139****1234' });
  });

  it('are seen in clear by the bureau leader and the assigned staff member only', () => {
    expect(seesContact({ handler: 'yl_staff' }, { username: 'yl_leader', role: 'bureau_leader' })).toBe(true);
    expect(seesContact({ handler: 'yl_staff' }, { username: 'yl_staff', role: 'bureau_staff' })).toBe(true);
    expect(seesContact({ handler: 'yl_staff' }, { username: 'yl_staff2', role: 'bureau_staff' })).toBe(false);
    expect(seesContact({}, { username: 'yl_staff', role: 'bureau_staff' })).toBe(false);
  });
});

describe('moves', () => {
  const staff = { username: 'yl_staff', role: 'bureau_staff' as const };
  const leader = { username: 'yl_leader', role: 'bureau_leader' as const };
  it('staff answer an open complaint (only the handler once assigned); the leader decides a pending answer', () => {
    expect(moveRefusal('answer', { status: 'received' }, staff)).toBeUndefined();
    expect(moveRefusal('answer', { status: 'handling', handler: 'other' }, staff)).toContain('other');
    expect(moveRefusal('answer', { status: 'received' }, leader)).toBeDefined();
    expect(moveRefusal('approve', { status: 'handling' }, leader)).toBeDefined();
    expect(moveRefusal('approve', { status: 'pending_approval' }, leader)).toBeUndefined();
    expect(moveRefusal('assign', { status: 'answered' }, leader)).toBeDefined();
    expect(statusAfter('answer', {})).toBe('pending_approval');
    expect(statusAfter('approve', {})).toBe('answered');
    expect(statusAfter('return', { handler: 'yl_staff' })).toBe('handling');
    expect(statusAfter('return', {})).toBe('received');
  });
});
