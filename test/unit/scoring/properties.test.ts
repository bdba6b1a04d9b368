import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeTotal,
  defaultGradingRules,
  gradeCategory,
  GRADES,
  maxTotal,
  scoreGoal,
  TOTAL_FLOOR,
  type GradeAdjustment,
  type GradingRules,
  type GradingResult,
  type GradingUnit,
  type TotalRules,
} from '../../../functions/domain/scoring/index.ts';

const amount = (max: number) => fc.integer({ min: 0, max });

const adjustment: fc.Arbitrary<GradeAdjustment> = fc.record({
  target: fc.constantFrom('grade', 'rank'),
  direction: fc.constantFrom('raise', 'lower'),
  steps: fc.integer({ min: 1, max: 3 }),
  reason: fc.constant('重点工作'),
  documentNumber: fc.constant('玉绩办〔2026〕1号'),
  approved: fc.boolean(),
});

/** Units with unique ids; totals from a narrow range so that ties and the fail line come up often. */
function unitsArb(opts: { effects: boolean }): fc.Arbitrary<GradingUnit[]> {
  return fc
    .uniqueArray(
      fc.record({
        unitId: fc.stringMatching(/^[a-z]{1,4}$/),
        total: fc.oneof(fc.integer({ min: 5500, max: 10500 }), fc.constantFrom(6000, 8000, 8000, 9000)),
        commonScore: fc.constantFrom(1500, 2000, 2500),
        veto: opts.effects ? fc.option(fc.constant('重大安全事故'), { nil: undefined, freq: 8 }) : fc.constant(undefined),
        severeDeductions: opts.effects ? fc.constantFrom(0, 0, 0, 1, 2) : fc.constant(0),
        adjustments: opts.effects ? fc.array(adjustment, { maxLength: 2 }) : fc.constant<GradeAdjustment[]>([]),
      }),
      { selector: (x) => x.unitId, maxLength: 40 },
    )
    .map((units) => units.map(({ veto, ...rest }) => (veto ? { ...rest, veto } : rest)));
}

const rulesArb: fc.Arbitrary<GradingRules> = fc.record({
  failLine: fc.constantFrom(6000, 7000),
  allocation: fc.oneof(
    fc.record({ mode: fc.constant('proportion' as const), firstPercent: fc.integer({ min: 0, max: 5000 }), secondPercent: fc.integer({ min: 0, max: 5000 }) }),
    fc.record({ mode: fc.constant('threshold' as const), firstFrom: fc.constant(9000), secondFrom: fc.constant(8000) }),
  ),
  ties: fc.constantFrom('shareRank', 'commonScoreThenShare'),
  quotaTie: fc.constantFrom('higher', 'lower'),
  severeLowering: fc.constantFrom('once', 'perDeduction'),
});

describe('totals', () => {
  const totalRules: TotalRules = {
    bonusCap: 500,
    deductionCaps: { capped: 200 },
    deductionCap: null,
    satisfaction: [
      { id: 'public', name: '社会公众评价', weight: 800 },
      { id: 'service', name: '服务对象评价', weight: 700 },
    ],
  };
  it('never exceed maxTotal nor go below the floor', () => {
    const goal = fc.integer({ min: 1, max: 3000 }).chain((points) => fc.record({ goalId: fc.constant('g'), points: fc.constant(points), score: fc.integer({ min: 0, max: points }) }));
    const item = fc.record({ ruleId: fc.constantFrom('capped', 'free'), name: fc.constant('项'), amount: fc.integer({ min: 1, max: 3000 }) });
    fc.assert(
      fc.property(fc.array(goal, { maxLength: 50 }), fc.array(item, { maxLength: 6 }), fc.array(item, { maxLength: 6 }), amount(10000), amount(10000), (goals, bonuses, deductions, p, s) => {
        const t = computeTotal(totalRules, { goals, bonuses, deductions, satisfaction: { public: p, service: s } });
        expect(t.total).toBeGreaterThanOrEqual(TOTAL_FLOOR);
        expect(t.total).toBeLessThanOrEqual(maxTotal(totalRules, goals.map((g) => g.points)));
        expect(t.bonus).toBeLessThanOrEqual(500);
        expect(Number.isSafeInteger(t.total)).toBe(true);
      }),
    );
  });

  it('goal scores stay in [0, points] for every method', () => {
    const points = fc.integer({ min: 1, max: 5000 });
    const measure = fc.oneof(fc.integer({ min: -1000, max: 100000 }).map(String), fc.double({ min: 0.001, max: 1e6, noNaN: true }).map((x) => x.toFixed(3)));
    fc.assert(
      fc.property(points, fc.integer({ min: 1, max: 10000 }), fc.boolean(), measure, fc.integer({ min: 1, max: 100000 }), (pts, cap, lower, actual, target) => {
        const r = scoreGoal(pts, { kind: 'completion', capPercent: cap, lowerIsBetter: lower }, { kind: 'completion', target, actual });
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(pts);
      }),
    );
    fc.assert(
      fc.property(points, fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 10000 }), fc.nat(), (pts, count, last, r0) => {
        const rank = (r0 % count) + 1;
        const r = scoreGoal(pts, { kind: 'ranking', scale: 'linear', lastPercent: last }, { kind: 'ranking', rank, count });
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(pts);
        if (rank > 1) {
          const better = scoreGoal(pts, { kind: 'ranking', scale: 'linear', lastPercent: last }, { kind: 'ranking', rank: rank - 1, count });
          expect(better.score).toBeGreaterThanOrEqual(r.score);
        }
      }),
    );
  });
});

describe('grading', () => {
  it('gives every unit exactly one grade, a non-empty explanation and consistent ranks', () => {
    fc.assert(
      fc.property(rulesArb, unitsArb({ effects: true }), (rules, units) => {
        const r = gradeCategory(rules, units);
        expect(r.units.map((x) => x.unitId).sort()).toEqual(units.map((x) => x.unitId).sort());
        expect(r.units.map((x) => x.order)).toEqual(units.map((_, i) => i + 1));
        let before = 0;
        for (const g of GRADES) {
          const members = r.units.filter((x) => x.grade === g);
          expect(members.length).toBe(r.counts[g]);
          members.forEach((x, i) => {
            expect(x.explanation.length).toBeGreaterThan(0);
            expect(x.rankInGrade).toBeGreaterThanOrEqual(1);
            expect(x.rankInGrade).toBeLessThanOrEqual(i + 1);
            expect(x.position).toBe(before + x.rankInGrade);
          });
          before += members.length;
        }
        for (const x of r.units) {
          const src = units.find((s) => s.unitId === x.unitId)!;
          if (src.veto) expect(x.grade).toBe('fail');
        }
      }),
    );
  });

  it('does not depend on the input order', () => {
    fc.assert(
      fc.property(rulesArb, unitsArb({ effects: true }).chain((units) => fc.tuple(fc.constant(units), fc.shuffledSubarray(units, { minLength: units.length, maxLength: units.length }))), (rules, [units, shuffled]) => {
        expect(gradeCategory(rules, shuffled)).toEqual(gradeCategory(rules, units));
      }),
    );
  });

  it('fills the quotas by the floor rule when nothing else intervenes', () => {
    const distinct = fc.uniqueArray(fc.integer({ min: 0, max: 10000 }), { maxLength: 60 });
    fc.assert(
      fc.property(distinct, fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), fc.constantFrom('higher', 'lower'), (totals, p1, p2, quotaTie) => {
        const rules: GradingRules = { ...defaultGradingRules(), quotaTie, allocation: { mode: 'proportion', firstPercent: p1, secondPercent: p2 } };
        const r = gradeCategory(rules, totals.map((total, i) => ({ unitId: `u${i}`, total, commonScore: 0, severeDeductions: 0 })));
        const n = totals.filter((t) => t >= 6000).length;
        const first = Math.floor((n * p1) / 10000);
        const second = Math.floor((n * p2) / 10000);
        expect(r.counts).toEqual({ first, second, third: n - first - second, fail: totals.length - n });
      }),
    );
  });

  it('lets ties across a quota line only exceed the quotas (higher) or only fall short of them (lower)', () => {
    fc.assert(
      fc.property(unitsArb({ effects: false }), fc.constantFrom('higher', 'lower'), (units, quotaTie) => {
        const r = gradeCategory({ ...defaultGradingRules(), quotaTie }, units);
        const q = r.quotas!;
        const { first, second } = r.counts;
        if (quotaTie === 'higher') {
          expect(first).toBeGreaterThanOrEqual(q.first);
          expect(first + second).toBeGreaterThanOrEqual(q.first + q.second);
        } else {
          expect(first).toBeLessThanOrEqual(q.first);
          expect(first + second).toBeLessThanOrEqual(q.first + q.second);
        }
        expect(first + second + r.counts.third).toBe(r.passedCount);
      }),
    );
  });

  it('never lowers a unit when it gains points', () => {
    fc.assert(
      fc.property(rulesArb, unitsArb({ effects: true }), fc.nat(), fc.integer({ min: 1, max: 3000 }), (rules, units, pick, gain) => {
        fc.pre(units.length > 0);
        const i = pick % units.length;
        const id = units[i]!.unitId;
        const standing = (list: GradingUnit[]) => {
          const better = list.map((x, j) => (j === i ? { ...x, total: x.total + gain } : x));
          const of = (r: GradingResult) => r.units.find((x) => x.unitId === id)!;
          return [of(gradeCategory(rules, list)), of(gradeCategory(rules, better))] as const;
        };
        // With Art 23 decisions the grade still never drops. The position may: a decision places a
        // unit relative to the others of its grade, and gained points can change who those are
        // (the unit passes the fail line and the quotas grow, or it leaves a tie across a quota line).
        const [before, after] = standing(units);
        expect(GRADES.indexOf(after.grade)).toBeLessThanOrEqual(GRADES.indexOf(before.grade));
        const [plainBefore, plainAfter] = standing(units.map((x) => ({ ...x, adjustments: [] })));
        expect(GRADES.indexOf(plainAfter.grade)).toBeLessThanOrEqual(GRADES.indexOf(plainBefore.grade));
        expect(plainAfter.position).toBeLessThanOrEqual(plainBefore.position);
      }),
      { numRuns: 500 },
    );
  });
});
