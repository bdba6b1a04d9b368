// The notice builder (domain/results-notice.ts) and the eligibility rule (domain/results-use.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNotice, staleCategories, type CategoryInput } from '../../functions/domain/results-notice.ts';
import { eligibilityOf, factorProblem, weighted } from '../../functions/domain/results-use.ts';
import { GRADES } from '../../functions/domain/scoring/grading-rules.ts';
import type { ConfirmationRecord, ConfirmedUnit } from '../../functions/model/grade-decision.ts';

const unit = (unitId: string, order: number, over: Partial<ConfirmedUnit> = {}): ConfirmedUnit => ({
  unitId,
  unitName: `单位${unitId}`,
  total: 9000 - order * 100,
  grade: 'second',
  gradeName: '二等',
  rankInGrade: order,
  position: order,
  order,
  tied: false,
  vetoed: false,
  resultVersion: 1,
  gradeDecisions: [],
  ...over,
});
const snapshot = (categoryId: string, version: number, units: ConfirmedUnit[]): ConfirmationRecord => ({
  regionId: '450900',
  cycleId: '2025',
  categoryId,
  categoryName: `类别${categoryId}`,
  version,
  confirmedAt: '2026-03-21T07:00:00.000Z',
  confirmedBy: 'yl_leader',
  counts: { first: 0, second: units.length, third: 0, fail: 0 },
  units,
});

describe('buildNotice', () => {
  const confirmed: CategoryInput = {
    categoryId: 'c1',
    name: '县（市、区）',
    freeze: { status: 'confirmed', confirmedVersion: 2 },
    confirmation: snapshot('c1', 2, [
      unit('b', 2, { gradeDecisions: [{ target: 'grade', direction: 'raise', steps: 1, documentNumber: '玉绩办〔2026〕5号' }], grade: 'first', gradeName: '一等' }),
      unit('a', 1),
      unit('v', 3, { vetoed: true, grade: 'fail', gradeName: '不合格' }),
    ]),
    factor: 120,
  };
  const never: CategoryInput = { categoryId: 'c2', name: '市直部门' };
  const reopened: CategoryInput = { categoryId: 'c3', name: '中直区直', freeze: { status: 'reopened', confirmedVersion: 1 }, confirmation: snapshot('c3', 1, [unit('x', 1)]) };

  it('lists only confirmed categories, naming the others and why', () => {
    const built = buildNotice([confirmed, never, reopened], new Map([['v', ['发生重大安全生产责任事故']]]));
    expect(built.categories.map((c) => c.categoryId)).toEqual(['c1']);
    expect(built.missing).toEqual([
      { categoryId: 'c2', categoryName: '市直部门', reason: 'unconfirmed' },
      { categoryId: 'c3', categoryName: '中直区直', reason: 'reopened' },
    ]);
  });

  it('orders units as graded, keeps Art 23 changes with their 文号 and vetoes by item name only', () => {
    const [c] = buildNotice([confirmed], new Map([['v', ['发生重大安全生产责任事故']]])).categories;
    expect(c!.units.map((u) => u.unitId)).toEqual(['a', 'b', 'v']);
    expect(c!.units[1]!.changes).toEqual([{ target: 'grade', direction: 'raise', steps: 1, documentNumber: '玉绩办〔2026〕5号' }]);
    expect(c!.units[2]).toMatchObject({ grade: 'fail', vetoes: ['发生重大安全生产责任事故'] });
    expect(c!.units[0]!.vetoes).toEqual([]);
    expect(c).toMatchObject({ confirmationVersion: 2, factor: 120 });
  });

  it('says 一票否决 for a vetoed unit whose veto items are unknown, and defaults the factor to 1.00', () => {
    const [c] = buildNotice([{ ...confirmed, factor: undefined }], new Map()).categories;
    expect(c!.units[2]!.vetoes).toEqual(['一票否决']);
    expect(c!.factor).toBe(100);
  });

  it('treats a freeze naming a newer version than the snapshot read as not confirmed', () => {
    expect(buildNotice([{ ...confirmed, freeze: { status: 'confirmed', confirmedVersion: 3 } }], new Map()).missing[0]!.reason).toBe('reopened');
  });
});

describe('staleCategories', () => {
  it('names categories reopened or confirmed again since drafting', () => {
    const notice = { categories: buildNotice([{ categoryId: 'c1', name: '甲', freeze: { status: 'confirmed', confirmedVersion: 1 }, confirmation: snapshot('c1', 1, [unit('a', 1)]) }], new Map()).categories };
    expect(staleCategories(notice, [{ categoryId: 'c1', name: '甲', freeze: { status: 'confirmed', confirmedVersion: 1 } }])).toEqual([]);
    expect(staleCategories(notice, [{ categoryId: 'c1', name: '甲', freeze: { status: 'reopened', confirmedVersion: 1 } }])).toEqual(['类别c1']);
    expect(staleCategories(notice, [{ categoryId: 'c1', name: '甲', freeze: { status: 'confirmed', confirmedVersion: 2 } }])).toEqual(['类别c1']);
  });
});

describe('eligibility', () => {
  const grade = fc.constantFrom(...GRADES);
  const total = fc.integer({ min: -5000, max: 12000 });
  const factor = fc.integer({ min: 1, max: 500 });

  it('不合格 is never eligible and loses award eligibility; 三等 and above are eligible', () => {
    fc.assert(fc.property(grade, total, factor, (g, t, f) => {
      const e = eligibilityOf({ grade: g, total: t }, f);
      expect(e.eligible).toBe(g !== 'fail');
      expect(e.lostAward).toBe(g === 'fail');
    }));
  });

  it('depends on the grade alone, never on the rank inside it or the total', () => {
    fc.assert(fc.property(grade, total, total, factor, (g, t1, t2, f) => {
      expect(eligibilityOf({ grade: g, total: t1 }, f).eligible).toBe(eligibilityOf({ grade: g, total: t2 }, f).eligible);
    }));
  });

  it('applies the factor exactly in hundredths, half away from zero', () => {
    expect(weighted(8765, 120)).toBe(10518);
    expect(weighted(8765, 100)).toBe(8765);
    expect(weighted(1, 150)).toBe(2); // 1.5 hundredths → 2
    expect(weighted(-1, 150)).toBe(-2);
    expect(weighted(333, 133)).toBe(443); // 442.89 → 443
    fc.assert(fc.property(total, factor, (t, f) => {
      const w = weighted(t, f);
      expect(Number.isInteger(w)).toBe(true);
      // Within half a hundredth of the exact product, computed in integers (× 100).
      expect(Math.abs(w * 100 - t * f)).toBeLessThanOrEqual(50);
      expect(weighted(t, 100)).toBe(t);
    }));
    expect(() => weighted(1.5, 100)).toThrow(RangeError);
  });

  it('accepts factors 0.01–5.00 in whole hundredths only', () => {
    expect(factorProblem(120)).toBeUndefined();
    for (const bad of [0, 501, 12.5, -100]) expect(factorProblem(bad)).toBeDefined();
  });
});
