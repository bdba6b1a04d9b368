import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { Lunar } from 'lunar-typescript';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDARS } from '../../functions/domain/calendar-data/index.ts';
import { shiftIsoDate } from '../../functions/domain/dates.ts';
import { answerDue, calendarDaysLeft, escalationsDue, feedbackMove, isOverdue, proposalReasonOf, resultDueProblem, workingDaysLeft } from '../../functions/domain/feedback.ts';
import { fillCalendar, statutoryHolidays } from '../../functions/domain/statutory-holidays.ts';
import { isWeekend, WorkingCalendar } from '../../functions/domain/working-days.ts';
import type { FeedbackRecord } from '../../functions/model/feedback.ts';

const official = new WorkingCalendar(OFFICIAL_CALENDARS);
const dayIn = (year: number) => fc.integer({ min: 0, max: 364 }).map((n) => shiftIsoDate(`${year}-01-01`, n));

describe('statutory holidays (the 2025 revision of the law)', () => {
  it('2027: 元旦, 除夕–初三, 清明, 劳动节 2 days, 端午, 中秋, 国庆 3 days', () => {
    expect(statutoryHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-02-05', // 除夕
      '2027-02-06', // 春节
      '2027-02-07',
      '2027-02-08',
      '2027-04-05', // 清明 (solar term)
      '2027-05-01',
      '2027-05-02',
      '2027-06-09', // 端午
      '2027-09-15', // 中秋
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
  });

  it.each([2025, 2026])('%i: every statutory holiday is a day off in the State Council notice', (year) => {
    for (const d of statutoryHolidays(year)) expect(chineseDays.isHoliday(d), d).toBe(true);
    expect(statutoryHolidays(year)).toHaveLength(13);
  });

  it('is thirteen days of the year, twelve when 中秋 falls in National Day (as in 2020)', () => {
    expect(statutoryHolidays(2020)).toHaveLength(12);
    fc.assert(
      fc.property(fc.integer({ min: 2025, max: 2090 }), (year) => {
        const days = statutoryHolidays(year);
        const midAutumn = Lunar.fromYmd(year, 8, 15).getSolar().toYmd();
        const midAutumnInNationalDay = midAutumn >= `${year}-10-01` && midAutumn <= `${year}-10-03`;
        expect(days).toContain(midAutumn);
        expect(days).toHaveLength(midAutumnInNationalDay ? 12 : 13);
        for (const d of days) expect(d.startsWith(String(year))).toBe(true);
      }),
    );
  });
});

describe('the answer clock: 10 working days after receipt', () => {
  it('2026-09-30 across National Day and the make-up Saturday 10-10: due 2026-10-20, not provisional', () => {
    // 10-01..10-07 off; 10-08 (1), 10-09 (2), Sat 10-10 make-up (3), 10-12..16 (4–8), 10-19 (9), 10-20 (10).
    expect(answerDue(OFFICIAL_CALENDARS, '2026-09-30')).toEqual({ date: '2026-10-20', provisional: false });
  });

  it('a receipt in a year with its notice gives the official deadline, never provisional', () => {
    fc.assert(
      fc.property(dayIn(2025), (d) => {
        const due = answerDue(OFFICIAL_CALENDARS, d);
        expect(due).toEqual({ date: official.addWorkingDays(d, 10), provisional: false });
      }),
    );
  });

  it('a 2027 receipt (no notice) is provisional: statutory holidays and weekends off', () => {
    // Receipt on 除夕 eve 2027-02-04 (Thu): 02-05 (Fri) .. 02-08 (Mon) off, weekends off.
    expect(answerDue(OFFICIAL_CALENDARS, '2027-02-04')).toEqual({ date: '2027-02-22', provisional: true });
    fc.assert(
      fc.property(dayIn(2027), (d) => {
        const due = answerDue(OFFICIAL_CALENDARS, d);
        expect(due.provisional).toBe(true);
        expect(isWeekend(due.date)).toBe(false);
        expect(statutoryHolidays(Number(due.date.slice(0, 4)))).not.toContain(due.date);
        expect(fillCalendar(OFFICIAL_CALENDARS, [2027, 2028]).calendar.workingDaysBetween(d, due.date)).toBe(10);
      }),
    );
  });

  it('late December 2026 into 2027 is provisional; the same date once 2027 is entered is not', () => {
    const due = answerDue(OFFICIAL_CALENDARS, '2026-12-24');
    expect(due.provisional).toBe(true);
    // 12-25, 28–31 (5), 2027-01-01 off, 01-04..08 (10).
    expect(due.date).toBe('2027-01-08');
    const with2027 = [...OFFICIAL_CALENDARS, { year: 2027, holidays: ['2027-01-01', '2027-01-04'], workdays: [] }];
    expect(answerDue(with2027, '2026-12-24')).toEqual({ date: '2027-01-11', provisional: false });
    // Early in the year, the day of receipt alone in the entered year does not make it firm.
    expect(answerDue(OFFICIAL_CALENDARS, '2026-12-10').provisional).toBe(false);
  });

  it('working days left: 0 on the due day, negative after it, counted on the official calendar', () => {
    expect(workingDaysLeft(OFFICIAL_CALENDARS, '2026-09-30', '2026-10-20')).toBe(10);
    expect(workingDaysLeft(OFFICIAL_CALENDARS, '2026-10-20', '2026-10-20')).toBe(0);
    expect(workingDaysLeft(OFFICIAL_CALENDARS, '2026-10-22', '2026-10-20')).toBe(-2);
    expect(calendarDaysLeft('2026-10-20', '2026-11-01')).toBe(12);
  });
});

const item = (over: Partial<FeedbackRecord>): FeedbackRecord => ({
  regionId: '450900',
  cycleId: '2026',
  unitId: 'u1',
  feedbackId: 'f1',
  unitName: 'U',
  senderKind: 'bureau',
  senderUnitId: 'bureau',
  senderUnitName: 'B',
  problem: 'p',
  evidence: [],
  receivedOn: '2026-09-30',
  answerDue: { date: '2026-10-20', provisional: false },
  resultDue: '2026-11-30',
  status: 'open',
  escalations: [],
  history: [],
  raisedAt: '',
  raisedBy: '',
  version: 1,
  updatedAt: '',
  updatedBy: '',
  ...over,
});

describe('moves, escalation and proposals', () => {
  it('each move only from its statuses', () => {
    expect(feedbackMove('open', 'answer')).toEqual({ ok: true, status: 'answered' });
    expect(feedbackMove('answered', 'answer').ok).toBe(false);
    expect(feedbackMove('returned', 'report')).toEqual({ ok: true, status: 'reported' });
    expect(feedbackMove('open', 'report').ok).toBe(false);
    expect(feedbackMove('reported', 'return')).toEqual({ ok: true, status: 'returned' });
    expect(feedbackMove('accepted', 'accept').ok).toBe(false);
  });

  it('the unit leader the day after the due date, the bureau 3 working days later, each once per deadline', () => {
    const f = item({});
    expect(escalationsDue(f, '2026-10-20', OFFICIAL_CALENDARS)).toEqual([]);
    expect(escalationsDue(f, '2026-10-21', OFFICIAL_CALENDARS)).toEqual([{ clock: 'answer', due: '2026-10-20', level: 1 }]);
    const once = item({ escalations: [{ clock: 'answer', due: '2026-10-20', level: 1, at: 'x' }] });
    expect(escalationsDue(once, '2026-10-22', OFFICIAL_CALENDARS)).toEqual([]);
    expect(escalationsDue(once, '2026-10-23', OFFICIAL_CALENDARS)).toEqual([{ clock: 'answer', due: '2026-10-20', level: 2 }]);
    // Both at once when the job first runs long after.
    expect(escalationsDue(f, '2026-12-01', OFFICIAL_CALENDARS)).toHaveLength(2);
    // A result sent back with a new date is a new deadline.
    const returned = item({ status: 'returned', resultDue: '2026-12-10', escalations: [{ clock: 'result', due: '2026-11-30', level: 1, at: 'x' }] });
    expect(escalationsDue(returned, '2026-12-11', OFFICIAL_CALENDARS)).toEqual([{ clock: 'result', due: '2026-12-10', level: 1 }]);
    expect(escalationsDue(item({ status: 'reported' }), '2027-03-01', OFFICIAL_CALENDARS)).toEqual([]);
  });

  it('overdue and the Art 20 proposal', () => {
    expect(isOverdue(item({}), '2026-10-21')).toBe(true);
    expect(isOverdue(item({ status: 'answered' }), '2026-10-21')).toBe(false);
    expect(proposalReasonOf(item({}), '2026-10-20')).toBeUndefined();
    expect(proposalReasonOf(item({}), '2026-10-21')).toBe('unanswered');
    expect(proposalReasonOf(item({ status: 'answered', answer: { explanation: 'e', measures: 'm', evidence: [], at: 'x', by: 'y', late: true } }), '2026-10-21')).toBe('answeredLate');
    expect(proposalReasonOf(item({ status: 'answered', answer: { explanation: 'e', measures: 'm', evidence: [], at: 'x', by: 'y', late: false } }), '2026-12-21')).toBeUndefined();
  });

  it('the result date follows receipt and the answer', () => {
    expect(resultDueProblem('2026-09-30', '2026-09-30', { date: '2026-10-20', provisional: false })).toBeDefined();
    expect(resultDueProblem('2026-10-19', '2026-09-30', { date: '2026-10-20', provisional: false })).toBeDefined();
    expect(resultDueProblem('2026-10-20', '2026-09-30', { date: '2026-10-20', provisional: false })).toBeUndefined();
  });
});
