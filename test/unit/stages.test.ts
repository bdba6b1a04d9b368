import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beijingDate, deadlineInstant, isIsoDate, shiftIsoDate } from '../../functions/domain/dates.ts';
import { checkStageDates, defaultStageDates, STAGE_CODES, stageAt, timeline, type StageProgress } from '../../functions/domain/stages.ts';

describe('dates', () => {
  it('a deadline date ends at 24:00 Beijing time, i.e. 16:00 UTC that day', () => {
    expect(new Date(deadlineInstant('2025-03-31')).toISOString()).toBe('2025-03-31T16:00:00.000Z');
  });

  it('reads the Beijing date of an instant whatever the server zone', () => {
    expect(beijingDate(Date.parse('2026-10-07T16:30:00Z'))).toBe('2026-10-08');
    expect(beijingDate(Date.parse('2026-10-07T15:59:59Z'))).toBe('2026-10-07');
  });

  it.each([
    ['2025-02-29', false],
    ['2024-02-29', true],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['2025-12-31', true],
  ])('isIsoDate(%s) is %s', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });

  it('shifts dates across month and year ends', () => {
    expect(shiftIsoDate('2025-03-01', -1)).toBe('2025-02-28');
    expect(shiftIsoDate('2024-12-31', 1)).toBe('2025-01-01');
  });
});

describe('stage order', () => {
  it('has the eleven stages of SPEC.md in order', () => {
    expect(STAGE_CODES).toHaveLength(11);
    expect(stageAt(1)).toBe('plan');
    expect(stageAt(11)).toBe('closed');
    expect(() => stageAt(12)).toThrow(RangeError);
  });

  it('suggests dates that pass its own rules for any year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2020, max: 2099 }), (year) => {
        expect(checkStageDates(defaultStageDates(year))).toEqual([]);
      }),
    );
  });

  it('knows February has 29 days in a leap year', () => {
    expect(defaultStageDates(2028)[1]!.deadline).toBe('2028-02-29');
    expect(defaultStageDates(2027)[1]!.deadline).toBe('2027-02-28');
  });

  it('names the field when a stage ends before it opens', () => {
    const stages = defaultStageDates(2025);
    stages[3] = { ...stages[3]!, deadline: '2025-03-15' };
    const problems = checkStageDates(stages);
    expect(problems.map((p) => p.path)).toContain('stages.3.deadline');
  });

  it('refuses stages out of order or missing', () => {
    const stages = defaultStageDates(2025);
    expect(checkStageDates(stages.slice(0, 10))).toEqual([{ path: 'stages', message: expect.stringContaining('11') }]);
    const swapped = [stages[1]!, stages[0]!, ...stages.slice(2)];
    expect(checkStageDates(swapped).map((p) => p.path)).toEqual(expect.arrayContaining(['stages.0.code', 'stages.1.code']));
  });

  it('refuses a stage opening before the previous one', () => {
    const stages = defaultStageDates(2025);
    stages[2] = { ...stages[2]!, opensOn: '2025-01-15' };
    expect(checkStageDates(stages).map((p) => p.path)).toContain('stages.2.opensOn');
  });
});

describe('timeline', () => {
  const records: StageProgress[] = defaultStageDates(2025).map((s, i) => ({ ...s, index: i + 1 }));

  it('marks stages before the current one done, the current one counting down, the rest upcoming', () => {
    const now = Date.parse('2025-02-10T00:00:00Z');
    const t = timeline(records, 2, false, now);
    expect(t.map((s) => s.state).slice(0, 3)).toEqual(['done', 'current', 'upcoming']);
    expect(t[1]!.remainingMs).toBe(deadlineInstant('2025-02-28') - now);
    expect(t[1]!.overdue).toBe(false);
    expect(t[1]!.name).toBe('目标制定');
  });

  it('turns the current stage overdue at 24:00 Beijing time on its deadline, not before', () => {
    const due = deadlineInstant('2025-02-28');
    expect(timeline(records, 2, false, due - 1)[1]!.overdue).toBe(false);
    expect(timeline(records, 2, false, due)[1]!.overdue).toBe(true);
  });

  it('shows every stage done once the cycle is closed', () => {
    expect(timeline(records, 11, true, Date.now()).every((s) => s.state === 'done')).toBe(true);
  });

  it('has exactly one current stage for any open position and time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1.7e12, max: 1.9e12 }), (current, now) => {
        const t = timeline(records, current, false, now);
        expect(t.filter((s) => s.state === 'current')).toHaveLength(1);
        expect(t.findIndex((s) => s.state === 'current')).toBe(current - 1);
      }),
    );
  });
});
