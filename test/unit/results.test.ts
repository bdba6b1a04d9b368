// Preliminary results (domain/results.ts): a unit's engine input from its scores and approved claims,
// what is missing named (never a silent 0), grading only once the whole category is complete, vetoes
// and severe deductions carried to the engine, and the comparison that keeps runs idempotent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCategory, mayStartRun, RUN_STALE_MS, sameContent, tableOrder, unitScoreInput } from '../../functions/domain/results.ts';
import { defaultGradingRules } from '../../functions/domain/scoring/grading-rules.ts';
import { computeTotal } from '../../functions/domain/scoring/total.ts';
import { totalRulesOf } from '../../functions/domain/plan.ts';
import type { ClaimRecord } from '../../functions/model/claim.ts';
import type { CategoryPlan } from '../../functions/model/plan.ts';
import type { ScoreRecord } from '../../functions/model/score.ts';

const plan: CategoryPlan = {
  totalPoints: 10_000,
  tree: [
    {
      id: '1',
      name: '重点工作',
      points: 9_000,
      common: false,
      children: [
        { id: '1.1', name: '地区生产总值', points: 6_000, assessorUnitId: 'tjj', common: false, method: { kind: 'completion' } },
        { id: '1.2', name: '党建工作', points: 3_000, assessorUnitId: 'zzb', common: true, method: { kind: 'deduction', perOccurrence: 100 } },
      ],
    },
    { id: '2', name: '群众满意度', points: 1_000, assessorUnitId: 'third', common: true, method: { kind: 'satisfaction' } },
  ],
  bonuses: [{ id: 'B1', name: '获国家表彰', points: 100, cap: 200, needsApproval: false }],
  deductions: [{ id: 'D1', name: '重大安全事故', points: 300, needsApproval: false, severe: true }],
  vetoes: [{ id: 'V1', name: '发生重大群体性事件' }],
  totals: { bonusCap: 500, deductionCap: null },
  grading: defaultGradingRules(),
  reviewWindowDays: 5,
} as CategoryPlan;

const score = (unitId: string, indicatorId: string, points: number, value: number | null, over: Partial<ScoreRecord> = {}): ScoreRecord => ({
  regionId: '450900',
  cycleId: '2025',
  unitId,
  indicatorId,
  categoryId: 'c1',
  assessorUnitId: 'tjj',
  points,
  common: false,
  methodKind: indicatorId === '2' ? 'satisfaction' : 'direct',
  planVersion: 1,
  inputs: indicatorId === '2' && value !== null ? { rate: value } : {},
  corrections: [],
  score: indicatorId === '2' ? null : value,
  explanation: [],
  status: 'submitted',
  version: 1,
  updatedAt: '',
  updatedBy: '',
  ...over,
});
const fullScores = (unitId: string, gdp: number, party: number, rate: number) => [score(unitId, '1.1', 6_000, gdp), score(unitId, '1.2', 3_000, party), score(unitId, '2', 1_000, rate)];
const claim = (unitId: string, kind: 'bonus' | 'deduction', amount: number, status: ClaimRecord['status'] = 'approved', severe = false): ClaimRecord => ({
  regionId: '450900',
  cycleId: '2025',
  unitId,
  id: `${unitId}-${kind}-${amount}`,
  unitName: unitId,
  categoryId: 'c1',
  kind,
  ruleId: kind === 'bonus' ? 'B1' : 'D1',
  name: kind === 'bonus' ? '获国家表彰' : '重大安全事故',
  occurrences: 1,
  amount,
  severe,
  needsApproval: false,
  raisedBy: { kind: kind === 'bonus' ? 'unit' : 'bureau', unitId },
  description: '',
  evidence: [],
  status,
  createdAt: '',
  createdBy: '',
  version: 1,
  updatedAt: '',
  updatedBy: '',
});
const byUnit = <T extends { unitId: string }>(items: T[]) => new Map([...new Set(items.map((i) => i.unitId))].map((u) => [u, items.filter((i) => i.unitId === u)]));
const category = (scores: ScoreRecord[], claims: ClaimRecord[] = [], vetoes: Record<string, string[]> = {}, unitIds = ['a', 'b', 'c']) => ({
  categoryId: 'c1',
  categoryName: '县（市、区）',
  plan,
  planVersion: 1,
  units: unitIds.map((u) => ({ unitId: u, name: `单位${u}` })),
  scoresByUnit: byUnit(scores),
  claimsByUnit: byUnit(claims),
  vetoesByUnit: new Map(Object.entries(vetoes)),
});

describe('a unit’s input', () => {
  it('takes the submitted scores, satisfaction as a rate, and only approved claims', () => {
    const { input, missing } = unitScoreInput(plan, fullScores('a', 5_400, 2_900, 8_750), [claim('a', 'bonus', 100), claim('a', 'deduction', 300, 'submitted')]);
    expect(missing).toEqual([]);
    expect(input.goals).toEqual([{ goalId: '1.1', points: 6_000, score: 5_400 }, { goalId: '1.2', points: 3_000, score: 2_900, common: true }]);
    expect(input.satisfaction).toEqual({ '2': 8_750 });
    expect(input.bonuses).toHaveLength(1);
    expect(input.deductions).toHaveLength(0);
  });
  it('names every leaf not scored, not submitted, without a score yet or scored on other points', () => {
    const { missing } = unitScoreInput(plan, [score('a', '1.1', 5_000, 4_000), score('a', '1.2', 3_000, null), score('a', '2', 1_000, 9_000, { status: 'draft' })], []);
    expect(missing.map((m) => [m.indicatorId, m.reason])).toEqual([
      ['1.1', '评分依据的分值 50.00 分与现行方案 60.00 分不同，须重新评分'],
      ['1.2', '得分尚不能计算（排名待本类别全部单位数值齐全）'],
      ['2', '评分尚未报送'],
    ]);
    expect(unitScoreInput(plan, [], []).missing.map((m) => m.reason)).toEqual(['考评单位尚未评分', '考评单位尚未评分', '第三方尚未录入满意率']);
  });
});

describe('a category', () => {
  it('is graded only when every unit is complete; an incomplete unit has no total, never 0', () => {
    const partial = computeCategory(category([...fullScores('a', 6_000, 3_000, 9_000), ...fullScores('b', 5_000, 2_000, 8_000), score('c', '1.1', 6_000, 3_000)]));
    expect(partial.get('c')).toMatchObject({ complete: false, total: null, breakdown: null, place: null });
    expect(partial.get('a')).toMatchObject({ complete: true, total: 9_900, place: null });
    const whole = computeCategory(category([...fullScores('a', 6_000, 3_000, 9_000), ...fullScores('b', 5_000, 2_000, 8_000), ...fullScores('c', 3_000, 1_000, 7_000)]));
    expect([...whole.values()].map((r) => [r.total, r.place?.gradeName])).toEqual([
      // 2 pass: 一等 ⌊2 × 30%⌋ = 0 places, 二等 ⌊2 × 50%⌋ = 1 (the engine's quotas).
      [9_900, '二等'],
      [7_800, '三等'],
      [4_700, '不合格'],
    ]);
    expect(whole.get('a')!.breakdown!.lines.at(-1)).toContain('总分');
  });
  it('carries an approved veto and a severe deduction to the grading, with the reason', () => {
    const scores = [...fullScores('a', 6_000, 3_000, 9_000), ...fullScores('b', 5_000, 2_000, 8_000), ...fullScores('c', 5_500, 2_500, 8_000)];
    const out = computeCategory(category(scores, [claim('b', 'deduction', 300, 'approved', true)], { a: ['发生重大群体性事件：某事'] }));
    expect(out.get('a')!.place).toMatchObject({ grade: 'fail' });
    expect(out.get('a')!.place!.explanation[0]).toContain('一票否决');
    expect(out.get('b')!.breakdown!.severeDeductions).toBe(1);
    expect(out.get('b')!.place!.explanation.join()).toContain('情节严重');
  });
  it('totals equal the engine’s computeTotal of the same input, and grading is independent of unit order (property)', () => {
    const pts = fc.integer({ min: 0, max: 3_000 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6_000 }), pts, fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 12 }), (rows) => {
        const ids = rows.map((_, i) => `u${String(i).padStart(2, '0')}`);
        const scores = rows.flatMap(([g, p, r], i) => fullScores(ids[i]!, g, p, r));
        const claims = rows.flatMap(([, , , b], i) => (b > 0 ? [claim(ids[i]!, 'bonus', b)] : []));
        const forward = computeCategory(category(scores, claims, {}, ids));
        const backward = computeCategory(category([...scores].reverse(), [...claims].reverse(), {}, [...ids].reverse()));
        for (const id of ids) {
          const r = forward.get(id)!;
          const { input } = unitScoreInput(plan, scores.filter((s) => s.unitId === id), claims.filter((c) => c.unitId === id));
          expect(r.total).toBe(computeTotal(totalRulesOf(plan), input).total);
          expect(Number.isInteger(r.total)).toBe(true);
          expect(sameContent(r, backward.get(id)!)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('runs', () => {
  it('rewrite a result only when its content changed (stored key order and run fields do not count)', () => {
    const out = computeCategory(category([...fullScores('a', 6_000, 3_000, 9_000)], [], {}, ['a']));
    const r = out.get('a')!;
    const stored = JSON.parse(JSON.stringify({ version: 3, runId: 'x', computedAt: 'y', ...Object.fromEntries(Object.entries(r).reverse()) }));
    expect(sameContent(stored, r)).toBe(true);
    expect(sameContent(stored, { ...r, total: r.total! - 1 })).toBe(false);
    expect(sameContent(undefined, r)).toBe(false);
  });
  it('start when none runs, or the running one outlived Lambda’s limit', () => {
    const t0 = Date.parse('2026-02-01T00:00:00Z');
    expect(mayStartRun(undefined, t0)).toBe(true);
    expect(mayStartRun({ status: 'running', startedAt: new Date(t0).toISOString() }, t0 + 1000)).toBe(false);
    expect(mayStartRun({ status: 'running', startedAt: new Date(t0).toISOString() }, t0 + RUN_STALE_MS + 1)).toBe(true);
    expect(mayStartRun({ status: 'done', startedAt: new Date(t0).toISOString() }, t0)).toBe(true);
  });
  it('list graded units in grading order, then totals, then the incomplete', () => {
    const rows = [
      { place: null, total: null, unitName: '乙' },
      { place: null, total: 5_000, unitName: '甲' },
      { place: null, total: 6_000, unitName: '丙' },
    ];
    expect([...rows].sort(tableOrder).map((r) => r.unitName)).toEqual(['丙', '甲', '乙']);
  });
});
