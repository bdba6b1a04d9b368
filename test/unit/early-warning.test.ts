// The early-warning rule (Art 12): each colour and its reason, the plan's thresholds, and properties
// that hold for any goal (a better value never makes the colour worse, more missed reports never
// make it better, the colour is always the worst reason's).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { achievement, nextChange, ruleOf, warningOf, type PeriodReport, type WarningGoal } from '../../functions/domain/early-warning.ts';
import { DEFAULT_WARNING_RULE, warningRule, type WarningLevel } from '../../functions/model/early-warning.ts';

const goal: WarningGoal = {
  target: 100,
  unitOfMeasure: '%',
  milestones: [
    { date: '2026-06-30', expected: 50 },
    { date: '2026-12-31', expected: 100 },
  ],
};
const month = (m: number) => `2026-${String(m).padStart(2, '0')}`;
/** Monthly periods Jan..n, due the 10th of the month after, each reported with `values[i]` (undefined: not reported, null: nothing to report). */
const periods = (values: (number | null | undefined)[], late: number[] = []): PeriodReport[] =>
  values.map((v, i) => ({
    period: month(i + 1),
    due: `${month(i + 2 > 12 ? 12 : i + 2)}-10`,
    report: v === undefined ? undefined : v === null ? { kind: 'nothing' as const, late: late.includes(i + 1) } : { kind: 'value' as const, value: v, late: late.includes(i + 1) },
  }));
const rank = { green: 0, yellow: 1, red: 2 } as const satisfies Record<WarningLevel, number>;

describe('early warning', () => {
  it('is green before the first milestone, naming it', () => {
    const w = warningOf(goal, periods([10, 20, 30]), '2026-04-05');
    expect(w.level).toBe('green');
    expect(w.reasons.map((r) => r.code)).toEqual(['no_milestone_yet']);
    expect(w.reasons[0]!.text).toContain('2026-06-30');
  });

  it('turns yellow the day after a milestone passes with the value below 90 % of it, naming milestone, period and values', () => {
    const reports = periods([10, 20, 30, 35, 40]);
    expect(warningOf(goal, reports, '2026-06-30').level).toBe('green');
    const w = warningOf(goal, reports, '2026-07-01');
    expect(w).toMatchObject({ level: 'yellow', milestoneDate: '2026-06-30', expected: 50, value: 40, valuePeriod: '2026-05', percent: 80 });
    expect(w.reasons[0]!.code).toBe('below_expected');
    expect(w.reasons[0]!.text).toBe('截至节点 2026-06-30 应达 50%，2026-05 期完成 40%，仅为 80%，低于黄色预警线 90%');
  });

  it('is red below 70 %, and red once a milestone has passed unmet for more than the grace days', () => {
    expect(warningOf(goal, periods([10, 20, 30, 30, 30, 34]), '2026-07-05').reasons[0]!.code).toBe('far_below_expected');
    const reports = periods([10, 20, 30, 35, 40, 40]);
    expect(warningOf(goal, reports, '2026-07-30').level).toBe('yellow');
    const late = warningOf(goal, reports, '2026-07-31');
    expect(late.level).toBe('red');
    expect(late.reasons[0]).toMatchObject({ code: 'milestone_overdue', params: { days: 31, grace: 30 } });
  });

  it('is green at or above 90 %, and a later "nothing to report" keeps the last value', () => {
    const w = warningOf(goal, periods([10, 20, 30, 40, 45, null]), '2026-07-05');
    expect(w).toMatchObject({ level: 'green', value: 45, valuePeriod: '2026-05', percent: 90 });
  });

  it('counts missed reports once their due date has passed: one yellow, two red, naming the periods', () => {
    expect(warningOf(goal, periods([10, 20, undefined]), '2026-04-10').level).toBe('green');
    const one = warningOf(goal, periods([10, 20, undefined]), '2026-04-11');
    expect(one).toMatchObject({ level: 'yellow', missing: 1 });
    expect(one.reasons[0]!.text).toBe('1 期进度未报（2026-03）');
    const two = warningOf(goal, periods([10, undefined, undefined]), '2026-04-11');
    expect(two).toMatchObject({ level: 'red', missing: 2 });
    expect(two.reasons[0]!.code).toBe('reports_missing');
  });

  it('counts late reports apart from missed ones', () => {
    expect(warningOf(goal, periods([10, 20, 30], [2, 3]), '2026-04-20')).toMatchObject({ level: 'green', late: 2, missing: 0 });
  });

  it('a passed milestone without any value is yellow, then red after the grace', () => {
    expect(warningOf(goal, [], '2026-07-02').reasons[0]!.code).toBe('milestone_no_value');
    expect(warningOf(goal, [], '2026-08-15').reasons[0]!.code).toBe('milestone_overdue');
  });

  it('keeps every reason, the worst first', () => {
    const w = warningOf(goal, periods([10, 20, 30, 35, 40, undefined]), '2026-07-11');
    expect(w.reasons.map((r) => [r.code, r.level])).toEqual([
      ['below_expected', 'yellow'],
      ['report_missing', 'yellow'],
    ]);
  });

  it('takes the plan thresholds', () => {
    const strict = warningRule.parse({ yellowBelowPercent: 100, redBelowPercent: 85, milestoneGraceDays: 0, missedForYellow: 1, missedForRed: 1 });
    const reports = periods([10, 20, 30, 40, 46]);
    expect(warningOf(goal, reports, '2026-07-01').level).toBe('green');
    expect(warningOf(goal, reports, '2026-07-01', strict).level).toBe('red');
    expect(ruleOf({ warning: { yellowBelowPercent: 95 } })).toEqual({ ...DEFAULT_WARNING_RULE, yellowBelowPercent: 95 });
    expect(ruleOf(undefined)).toEqual(DEFAULT_WARNING_RULE);
    expect(warningRule.safeParse({ yellowBelowPercent: 60, redBelowPercent: 70 }).success).toBe(false);
  });

  it('reads a lower-is-better indicator the other way round', () => {
    expect(achievement(8, 10, true)).toBe(100);
    expect(achievement(20, 10, true)).toBe(50);
    const lower: WarningGoal = { milestones: [{ date: '2026-06-30', expected: 10 }], lowerIsBetter: true };
    expect(warningOf(lower, periods([30, 25, 20, 15, 13]), '2026-07-01').level).toBe('yellow');
    expect(warningOf(lower, periods([30, 25, 20, 15, 9]), '2026-07-01').level).toBe('green');
  });
});

describe('early warning properties', () => {
  const value = fc.integer({ min: 0, max: 200 });
  const day = fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const reports = fc.array(fc.option(value, { nil: undefined }), { minLength: 0, maxLength: 12 });

  it('a higher reported value never makes the colour worse', () => {
    fc.assert(
      fc.property(reports, value, value, day, (values, a, b, today) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const w = (v: number) => warningOf(goal, periods([...values, v]), today).level;
        expect(rank[w(hi)]).toBeLessThanOrEqual(rank[w(lo)]);
      }),
    );
  });

  it('a report not made never makes the colour better', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 12 }), fc.nat(), day, (values, drop, today) => {
        const i = drop % values.length;
        // Drop a report, keeping the latest value so the comparison is only about the missing period.
        if (i === values.length - 1) return;
        const full = warningOf(goal, periods(values), today);
        const gap = warningOf(goal, periods(values.map((v, j) => (j === i ? undefined : v))), today);
        expect(rank[gap.level]).toBeGreaterThanOrEqual(rank[full.level]);
        expect(gap.missing).toBeGreaterThanOrEqual(full.missing);
      }),
    );
  });

  it('always gives a reason at its colour first, and a sentence for each', () => {
    fc.assert(
      fc.property(reports, day, (values, today) => {
        const w = warningOf(goal, periods(values), today);
        expect(w.reasons.length).toBeGreaterThan(0);
        expect(w.reasons[0]!.level).toBe(w.level);
        for (const r of w.reasons) {
          expect(rank[r.level]).toBeLessThanOrEqual(rank[w.level]);
          expect(r.text).not.toMatch(/undefined|NaN/);
        }
      }),
    );
  });
});

describe('next change', () => {
  it('is the day after the next milestone, its grace, or an unreported due date', () => {
    expect(nextChange(goal, periods([10, 20, 30]), '2026-04-05')).toBe('2026-07-01');
    expect(nextChange(goal, [...periods([10, 20, 30]), { period: '2026-04', due: '2026-05-05' }], '2026-04-05')).toBe('2026-05-06');
    expect(nextChange(goal, periods([10, 20, 30]), '2026-07-01')).toBe('2026-07-31');
    expect(nextChange(goal, [], '2027-02-01')).toBeUndefined();
  });
});
