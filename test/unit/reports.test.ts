// The annual reports' pure builders (Art 24): a unit's lost points by indicator and 一级指标 with the
// category's average, the confirmed place, claims; a result recomputed past the confirmed version is
// refused; the region report's grades, statistics, bands, most-missed ranking and last year's figures.
// Property: over any scores, Σ lost + Σ scored = Σ points, for the unit and for each group.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRegionReport, mostMissed } from '../../functions/domain/region-report.ts';
import { bandsOf, roundedMean, statsOf } from '../../functions/domain/report-stats.ts';
import { scoresByUnit } from '../../functions/domain/report-leaves.ts';
import { buildUnitReport } from '../../functions/domain/unit-report.ts';
import { defaultPlan } from '../../functions/domain/plan.ts';
import type { ClaimRecord } from '../../functions/model/claim.ts';
import type { ConfirmationRecord, ConfirmedUnit } from '../../functions/model/grade-decision.ts';
import type { CategoryPlan } from '../../functions/model/plan.ts';
import type { ResultRecord } from '../../functions/model/result.ts';
import type { ScoreRecord } from '../../functions/model/score.ts';

const plan: CategoryPlan = {
  ...defaultPlan(),
  tree: [
    {
      id: '1',
      name: '经济发展',
      points: 6000,
      children: [
        { id: '1.1', name: '地区生产总值增速', points: 4000, method: { kind: 'completion' }, assessorUnitId: 'tjj', criteria: '完成目标得满分' },
        { id: '1.2', name: '固定资产投资', points: 2000, method: { kind: 'direct' }, assessorUnitId: 'tjj' },
      ],
    },
    { id: '2', name: '群众满意度', points: 4000, method: { kind: 'satisfaction' }, assessorUnitId: 'third' },
  ],
};

const score = (unitId: string, indicatorId: string, points: number, got: number | null, extra: Partial<ScoreRecord> = {}): ScoreRecord => ({
  regionId: '450900',
  cycleId: '2025',
  unitId,
  indicatorId,
  categoryId: 'c1',
  assessorUnitId: 'tjj',
  points,
  common: false,
  methodKind: 'completion',
  planVersion: 1,
  inputs: {},
  corrections: [],
  score: got,
  explanation: [`得分 ${got}`],
  status: 'submitted',
  version: 1,
  updatedAt: '2025-12-01T00:00:00Z',
  updatedBy: 'yl_tjj',
  ...extra,
});

const rowsOf = (unitId: string, s11: number, s12: number, rate: number) => [
  score(unitId, '1.1', 4000, s11, { corrections: [{ field: 'actual', from: '90', to: '80', reason: '统计口径更正', by: 'yl_tjj', at: '2025-12-01T00:00:00Z' }] }),
  score(unitId, '1.2', 2000, s12, { methodKind: 'direct' }),
  score(unitId, '2', 4000, null, { methodKind: 'satisfaction', inputs: { rate }, assessorUnitId: 'third' }),
];
const scores = [...rowsOf('a', 3000, 2000, 9000), ...rowsOf('b', 4000, 1000, 8000)];

const confirmed = (unitId: string, unitName: string, total: number, order: number, grade: ConfirmedUnit['grade'], extra: Partial<ConfirmedUnit> = {}): ConfirmedUnit => ({
  unitId, unitName, total, grade, gradeName: { first: '一等', second: '二等', third: '三等', fail: '不合格' }[grade], rankInGrade: 1, position: order, order, tied: false, vetoed: false, resultVersion: 2, gradeDecisions: [], ...extra,
});
const snapshot: ConfirmationRecord = {
  regionId: '450900', cycleId: '2025', categoryId: 'c1', categoryName: '县（市、区）', version: 1, confirmedAt: '2026-01-10T02:00:00Z', confirmedBy: 'yl_leader',
  counts: { first: 1, second: 1, third: 0, fail: 0 },
  units: [confirmed('a', '甲县', 8800, 2, 'second'), confirmed('b', '乙县', 8900, 1, 'first')],
};
const result: ResultRecord = {
  regionId: '450900', cycleId: '2025', unitId: 'a', unitName: '甲县', categoryId: 'c1', categoryName: '县（市、区）', planVersion: 1, complete: true, missing: [],
  breakdown: { goalSum: 5000, bonusRaw: 200, bonus: 200, deductionRaw: 0, deduction: 0, satisfaction: 3600, commonScore: 0, severeDeductions: 0, total: 8800, lines: ['总分 = 88.00 分'] },
  total: 8800, place: null, vetoes: [], gradeDecisions: [{ id: 'd1', target: 'grade', direction: 'raise', steps: 1, reason: '重大贡献', documentNumber: '玉绩办〔2026〕3号', approvedAt: '2026-01-05T00:00:00Z' }],
  runId: 'r', computedAt: '2026-01-01T00:00:00Z', version: 2,
};
const claim = (kind: ClaimRecord['kind'], status: ClaimRecord['status'], amount: number): ClaimRecord => ({
  regionId: '450900', cycleId: '2025', unitId: 'a', id: `${kind}-${status}`, unitName: '甲县', categoryId: 'c1', kind, ruleId: 'b1', name: kind === 'bonus' ? '获国家级表彰' : '通报批评', occurrences: 1, amount, severe: false, needsApproval: true,
  raisedBy: { kind: 'unit', unitId: 'a' }, description: '事实', evidence: [], status, decision: status === 'approved' ? { outcome: 'approved', by: 'yl_leader', at: '2025-12-20T00:00:00Z', reason: '属实' } : undefined,
  createdAt: '2025-12-01T00:00:00Z', createdBy: 'x', version: 1, updatedAt: '2025-12-01T00:00:00Z', updatedBy: 'x',
});
const inputs = {
  region: { regionId: '450900', name: '玉林市', bureauName: '玉林市绩效办' },
  cycle: { cycleId: '2025', year: 2025 },
  unitId: 'a',
  snapshot,
  result,
  plan,
  categoryScores: scores,
  claims: [claim('bonus', 'approved', 200), claim('deduction', 'rejected', 100)],
  problems: [],
  unitNames: new Map([['tjj', '市统计局'], ['third', '第三方机构']]),
};

describe("a unit's report", () => {
  const r = buildUnitReport(inputs);

  it('lists each leaf under its 一级指标 with its score, the points lost and why', () => {
    expect(r.groups.map((g) => [g.id, g.points, g.score, g.lost])).toEqual([
      ['1', 6000, 5000, 1000],
      ['2', 4000, 3600, 400],
    ]);
    const gdp = r.groups[0]!.leaves[0]!;
    expect(gdp).toMatchObject({ id: '1.1', points: 4000, score: 3000, lost: 1000, method: '目标完成率法', assessorUnitName: '市统计局', criteria: '完成目标得满分', explanation: ['得分 3000'] });
    expect(gdp.comments).toEqual(['actual：90 → 80（统计口径更正）']);
    // Satisfaction: weight × rate, as the total counts it.
    expect(r.groups[1]!.leaves[0]).toMatchObject({ score: 3600, lost: 400, method: '满意度评价' });
    expect(r.points - r.lost).toBe(r.breakdown.goalSum + r.breakdown.satisfaction);
  });

  it("compares with the category: the average per 一级指标 over the category's units, the bands and grade counts", () => {
    expect(r.groups[0]!.categoryAverage).toBe(roundedMean(5000 + 5000, 2));
    expect(r.groups[1]!.categoryAverage).toBe(roundedMean(3600 + 3200, 2));
    expect(r.comparison.stats).toEqual({ count: 2, mean: 8850, median: 8850, max: 8900, min: 8800 });
    expect(r.comparison.bands.find((b) => b.from === 8000)).toMatchObject({ count: 2, units: ['甲县', '乙县'] });
    expect(r.comparison.counts).toEqual({ first: 1, second: 1, third: 0, fail: 0 });
  });

  it('states the confirmed place, the approved claims only, and the Art 23 change with its 文号', () => {
    expect(r).toMatchObject({ total: 8800, gradeName: '二等', position: 2, unitsInCategory: 2, confirmedVersion: 1 });
    expect(r.claims).toEqual([expect.objectContaining({ kind: 'bonus', amount: 200, reason: '属实' })]);
    expect(r.gradeDecisions).toEqual([expect.objectContaining({ documentNumber: '玉绩办〔2026〕3号', direction: 'raise' })]);
  });

  it('is refused when the result is no longer the confirmed version (a correction under way), or the unit is not in the snapshot', () => {
    expect(() => buildUnitReport({ ...inputs, result: { ...result, version: 3 } })).toThrow(/正在更正/);
    expect(() => buildUnitReport({ ...inputs, unitId: 'z' })).toThrow(/不在已确认/);
  });

  it('keeps Σ lost + Σ scored = Σ points for any scores within the points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 10_000 }), (s11, s12, rate) => {
        const rows = rowsOf('a', s11, s12, rate);
        const rep = buildUnitReport({ ...inputs, categoryScores: [...rows, ...rowsOf('b', 0, 0, 0)] });
        const leaves = rep.groups.flatMap((g) => g.leaves);
        expect(leaves.reduce((s, l) => s + l.lost + l.score, 0)).toBe(leaves.reduce((s, l) => s + l.points, 0));
        for (const g of rep.groups) expect(g.lost + g.score).toBe(g.points);
        expect(rep.points).toBe(10_000);
        for (const l of leaves) expect(l.lost).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('the region report', () => {
  it('ranks the indicators most missed by points lost over the units, ties by code', () => {
    const missed = mostMissed(plan, ['a', 'b'], scoresByUnit(scores));
    // 1.1: 1000 + 0; 1.2: 0 + 1000; 2: 400 + 800.
    expect(missed.map((m) => [m.indicatorId, m.lostSum, m.lostAverage, m.unitsLosing])).toEqual([
      ['2', 1200, 600, 2],
      ['1.1', 1000, 500, 1],
      ['1.2', 1000, 500, 1],
    ]);
    expect(mostMissed(plan, ['a', 'b'], scoresByUnit(scores), 1)).toHaveLength(1);
  });

  it('gives each confirmed category its grades in order, figures, and last year (none, unconfirmed or figures)', () => {
    const r = buildRegionReport({
      region: inputs.region,
      cycle: inputs.cycle,
      scores,
      categories: [
        { categoryId: 'c1', name: '县（市、区）', units: 2, snapshot, plan, previous: { ...snapshot, cycleId: '2024', units: [confirmed('a', '甲县', 7000, 1, 'first')] } },
        { categoryId: 'c2', name: '市直部门', units: 3 },
        { categoryId: 'c3', name: '开发区', units: 1, snapshot: { ...snapshot, categoryId: 'c3', units: [confirmed('a', '甲县', 5000, 1, 'fail', { vetoed: true })] }, plan, previous: null },
      ],
    });
    expect(r.previousYear).toBe(2024);
    const [c1, c2, c3] = r.categories;
    expect(c1).toMatchObject({ status: 'confirmed', counts: { first: 1, second: 1 }, stats: { mean: 8850 }, previous: { status: 'confirmed', stats: { mean: 7000 }, counts: { first: 1 } } });
    if (c1!.status !== 'confirmed') throw new Error('c1');
    expect(c1.grades.map((g) => [g.gradeName, g.units.map((u) => u.unitName)])).toEqual([['一等', ['乙县']], ['二等', ['甲县']], ['三等', []], ['不合格', []]]);
    expect(c2).toEqual({ status: 'unconfirmed', categoryId: 'c2', name: '市直部门', units: 3 });
    expect(c3).toMatchObject({ previous: { status: 'unconfirmed' } });
    const none = buildRegionReport({ region: inputs.region, cycle: inputs.cycle, scores, categories: [{ categoryId: 'c1', name: 'x', units: 2, snapshot, plan }] });
    expect(none.categories[0]).toMatchObject({ previous: { status: 'none' } });
  });

  it('figures: exact means, medians, and bands that hold every total once', () => {
    expect(roundedMean(5, 2)).toBe(3);
    expect(roundedMean(-5, 2)).toBe(-3);
    expect(statsOf([])).toEqual({ count: 0, mean: 0, median: 0, max: 0, min: 0 });
    expect(statsOf([6000, 5999, 10_001])).toEqual({ count: 3, mean: 7333, median: 6000, max: 10_001, min: 5999 });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_500 }), { maxLength: 60 }), (totals) => {
        const bands = bandsOf(totals.map((total, i) => ({ unitName: `u${i}`, total })));
        expect(bands.reduce((s, b) => s + b.count, 0)).toBe(totals.length);
        const s = statsOf(totals);
        if (totals.length) expect(s.mean >= s.min && s.mean <= s.max && s.median >= s.min && s.median <= s.max).toBe(true);
      }),
    );
  });
});
