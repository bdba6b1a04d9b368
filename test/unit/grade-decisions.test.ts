// Art 23 decisions and confirmation as pure rules (domain/confirmation.ts), and their way through the
// computation's grading (domain/results.ts → scoring/grading.ts): what may be proposed (never a raise
// of a vetoed unit, a grade no further than 一等 or 不合格), the 文号's form, approved decisions moving
// the place and never the total (shown apart, with the 文号), and when a category may be confirmed.
import { describe, expect, it } from 'vitest';
import { adjustmentsOf, appliedOf, confirmProblems, DOCUMENT_NUMBER, isFrozen, proposalRefusal, type DecisionLike } from '../../functions/domain/confirmation.ts';
import { computeCategory, sameContent } from '../../functions/domain/results.ts';
import { defaultGradingRules } from '../../functions/domain/scoring/grading-rules.ts';
import { documentNumber } from '../../functions/model/grade-decision.ts';
import type { CategoryPlan } from '../../functions/model/plan.ts';
import type { ScoreRecord } from '../../functions/model/score.ts';

const decision = (id: string, over: Partial<DecisionLike> = {}): DecisionLike => ({
  id,
  target: 'grade',
  direction: 'raise',
  steps: 1,
  reason: '承担全市重大专项任务成效突出',
  status: 'approved',
  decision: { documentNumber: '玉绩办〔2026〕3号', at: '2026-03-25T02:00:00.000Z' },
  ...over,
});

describe('what may be proposed', () => {
  it('never a raise of a vetoed unit, grade or rank; a lowering may', () => {
    const vetoed = { vetoes: ['重大安全事故：…'], grade: 'fail' as const };
    expect(proposalRefusal({ target: 'grade', direction: 'raise', steps: 1 }, vetoed)?.zh).toContain('一票否决的结果不得提高');
    expect(proposalRefusal({ target: 'rank', direction: 'raise', steps: 2 }, vetoed)?.zh).toContain('一票否决');
    expect(proposalRefusal({ target: 'rank', direction: 'lower', steps: 1 }, vetoed)).toBeUndefined();
  });
  it('a grade no further than 一等 or 不合格; a 不合格 from the score may be raised (SPEC Decisions)', () => {
    expect(proposalRefusal({ target: 'grade', direction: 'raise', steps: 1 }, { vetoes: [], grade: 'first' })?.zh).toBe('该单位已是一等，不能再提高等次');
    expect(proposalRefusal({ target: 'grade', direction: 'raise', steps: 2 }, { vetoes: [], grade: 'second' })?.zh).toBe('该单位的等次最多只能提高 1 等');
    expect(proposalRefusal({ target: 'grade', direction: 'lower', steps: 2 }, { vetoes: [], grade: 'third' })?.zh).toBe('该单位的等次最多只能降低 1 等');
    expect(proposalRefusal({ target: 'grade', direction: 'raise', steps: 3 }, { vetoes: [], grade: 'fail' })).toBeUndefined();
    // Not graded yet: only the veto rule applies.
    expect(proposalRefusal({ target: 'grade', direction: 'raise', steps: 3 }, { vetoes: [], grade: null })).toBeUndefined();
  });
  it('a 文号 reads issuer, 〔year〕, number 号', () => {
    for (const ok of ['玉绩办〔2026〕3号', '玉绩办[2025]12号', '玉政办（2025）7 号']) expect(DOCUMENT_NUMBER.test(ok), ok).toBe(true);
    for (const bad of ['3号', '玉绩办2026年3号', '玉绩办〔26〕3号', '玉绩办〔2026〕号', '']) expect(DOCUMENT_NUMBER.test(bad), bad).toBe(false);
    expect(documentNumber.safeParse(' 玉绩办〔2026〕3号 ').data).toBe('玉绩办〔2026〕3号');
    expect(documentNumber.safeParse('玉绩办〔2026〕3号\u200b').success).toBe(false);
  });
});

describe('approved decisions', () => {
  it('alone reach the engine and the result, in the order approved', () => {
    const ds = [decision('b', { decision: { documentNumber: '玉绩办〔2026〕4号', at: '2026-03-26T00:00:00.000Z' } }), decision('a'), decision('p', { status: 'proposed', decision: undefined }), decision('r', { status: 'rejected', decision: { at: '2026-03-25T00:00:00.000Z' } })];
    expect(adjustmentsOf(ds).map((a) => a.documentNumber)).toEqual(['玉绩办〔2026〕3号', '玉绩办〔2026〕4号']);
    expect(adjustmentsOf(ds).every((a) => a.approved)).toBe(true);
    expect(appliedOf(ds).map((a) => a.id)).toEqual(['a', 'b']);
  });

  const plan = {
    totalPoints: 10_000,
    tree: [{ id: '1', name: '重点工作', points: 10_000, assessorUnitId: 'tjj', common: false, method: { kind: 'direct' } }],
    bonuses: [],
    deductions: [],
    vetoes: [],
    totals: { bonusCap: 500, deductionCap: null },
    grading: { ...defaultGradingRules(), allocation: { mode: 'threshold', firstFrom: 9_000, secondFrom: 8_000 } },
    reviewWindowDays: 5,
  } as unknown as CategoryPlan;
  const score = (unitId: string, value: number): ScoreRecord =>
    ({ regionId: '450900', cycleId: '2025', unitId, indicatorId: '1', categoryId: 'c1', assessorUnitId: 'tjj', points: 10_000, common: false, methodKind: 'direct', planVersion: 1, inputs: {}, corrections: [], score: value, explanation: [], status: 'submitted', version: 1, updatedAt: '', updatedBy: '' }) as ScoreRecord;
  const inputs = (decisions: Record<string, DecisionLike[]>, vetoes: Record<string, string[]> = {}, cScore = 7_000) => ({
    categoryId: 'c1',
    categoryName: '县（市、区）',
    plan,
    planVersion: 1,
    units: ['a', 'b', 'c'].map((u) => ({ unitId: u, name: `单位${u}` })),
    scoresByUnit: new Map([['a', [score('a', 9_500)]], ['b', [score('b', 8_500)]], ['c', [score('c', cScore)]]]),
    claimsByUnit: new Map(),
    vetoesByUnit: new Map(Object.entries(vetoes)),
    decisionsByUnit: new Map(Object.entries(decisions)),
  });

  it('move the grade, never the total; the result carries them with the 文号 and the explanation says so', () => {
    const before = computeCategory(inputs({}));
    const after = computeCategory(inputs({ b: [decision('x')] }));
    expect(before.get('b')!.place!.grade).toBe('second');
    expect(after.get('b')!.total).toBe(before.get('b')!.total);
    expect(after.get('b')!.place).toMatchObject({ allocatedGrade: 'second', grade: 'first' });
    expect(after.get('b')!.place!.explanation.join('\n')).toContain('依第二十三条报批提高等次 1 等');
    expect(after.get('b')!.place!.explanation.join('\n')).toContain('文号 玉绩办〔2026〕3号');
    expect(after.get('b')!.gradeDecisions).toEqual([{ id: 'x', target: 'grade', direction: 'raise', steps: 1, reason: '承担全市重大专项任务成效突出', documentNumber: '玉绩办〔2026〕3号', approvedAt: '2026-03-25T02:00:00.000Z' }]);
    expect(before.get('b')!.gradeDecisions).toBeUndefined();
    // A proposal not yet approved changes nothing, so a run writes nothing new for it.
    const pending = computeCategory(inputs({ b: [decision('y', { status: 'proposed', decision: undefined })] }));
    expect(sameContent(before.get('a'), pending.get('a')!)).toBe(true);
    expect(pending.get('b')!.place!.grade).toBe('second');
    expect(sameContent(before.get('b'), after.get('b')!)).toBe(false);
  });

  it('a rank raise moves the unit places up within its grade; a raise of a vetoed unit is not applied', () => {
    // b 85.00 and c 82.00 are both 二等; c raised one place comes first in it, its total unchanged.
    expect(computeCategory(inputs({}, {}, 8_200)).get('c')!.place).toMatchObject({ grade: 'second', rankInGrade: 2 });
    const ranked = computeCategory(inputs({ c: [decision('r', { target: 'rank', direction: 'raise', steps: 1 })] }, {}, 8_200));
    expect(ranked.get('c')).toMatchObject({ total: 8_200, place: { grade: 'second', rankInGrade: 1 } });
    expect(ranked.get('b')!.place).toMatchObject({ grade: 'second', rankInGrade: 2 });
    const vetoed = computeCategory(inputs({ a: [decision('v')] }, { a: ['重大安全事故：事实'] }));
    expect(vetoed.get('a')!.place!.grade).toBe('fail');
    expect(vetoed.get('a')!.place!.explanation.join('\n')).toContain('一票否决的结果不得提高');
  });
});

describe('confirmation', () => {
  const graded = { complete: true, place: {}, gradeDecisions: [{ id: 'x' }] };
  it('needs every unit computed, complete, graded, nothing pending and every approved decision in its result', () => {
    const problems = confirmProblems([
      { unitId: 'a', name: '甲', decisions: [] },
      { unitId: 'b', name: '乙', result: { complete: false, place: null }, decisions: [] },
      { unitId: 'c', name: '丙', result: { complete: true, place: null }, decisions: [] },
      { unitId: 'd', name: '丁', result: graded, decisions: [decision('z', { status: 'proposed', decision: undefined })] },
      { unitId: 'e', name: '戊', result: { complete: true, place: {} }, decisions: [decision('x')] },
      { unitId: 'f', name: '己', result: graded, decisions: [decision('x'), decision('q', { status: 'rejected', decision: { at: '2026-03-25T00:00:00.000Z' } })] },
    ]);
    expect(problems.map((p) => [p.unitId, p.zh])).toEqual([
      ['a', '甲：尚未计算结果'],
      ['b', '乙：结果不完整（评分未齐）'],
      ['c', '丙：尚未评定等次'],
      ['d', '丁：有待审批的第二十三条调整'],
      ['e', '戊：已批准的第二十三条调整尚未计入结果，请重新计算'],
    ]);
  });
  it('freezes while confirmed; a reopened category is not frozen', () => {
    expect(isFrozen(undefined)).toBe(false);
    expect(isFrozen({ status: 'confirmed' })).toBe(true);
    expect(isFrozen({ status: 'reopened' })).toBe(false);
  });
});
