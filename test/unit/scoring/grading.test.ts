import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors.ts';
import {
  defaultGradingRules,
  gradeCategory,
  type GradeAdjustment,
  type GradingResult,
  type GradingRules,
  type GradingUnit,
} from '../../../functions/domain/scoring/index.ts';

const rules = defaultGradingRules();

/** u('A', 90) → unit A with total 90.00 and common score 20.00. */
function u(unitId: string, total: number, extra: Partial<GradingUnit> = {}): GradingUnit {
  return { unitId, total: Math.round(total * 100), commonScore: 2000, severeDeductions: 0, ...extra };
}
const ten = () => ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'].map((id, i) => u(id, 95 - i * 3)); // 95, 92, ... 68

const grades = (r: GradingResult) => Object.fromEntries(r.units.map((x) => [x.unitId, x.grade]));
const of = (r: GradingResult, id: string) => r.units.find((x) => x.unitId === id)!;
const approved = (a: Omit<GradeAdjustment, 'approved' | 'reason' | 'documentNumber'>): GradeAdjustment => ({
  ...a,
  reason: '在全市重点工作中取得优异成绩',
  documentNumber: '玉绩办〔2026〕3号',
  approved: true,
});

describe('grading with the SPEC defaults', () => {
  it('gives 10 passing units 3 一等, 5 二等, 2 三等 in score order', () => {
    const r = gradeCategory(rules, ten());
    expect(r.quotas).toEqual({ first: 3, second: 5 });
    expect(r.counts).toEqual({ first: 3, second: 5, third: 2, fail: 0 });
    expect(r.units.map((x) => `${x.unitId}${x.gradeName}${x.rankInGrade}/${x.position}`)).toEqual([
      'A一等1/1', 'B一等2/2', 'C一等3/3',
      'D二等1/4', 'E二等2/5', 'F二等3/6', 'G二等4/7', 'H二等5/8',
      'I三等1/9', 'J三等2/10',
    ]);
    expect(of(r, 'A').explanation[0]).toBe(
      '合格单位 10 个，一等名额 ⌊10 × 30.00%⌋ = 3 个，二等名额 ⌊10 × 50.00%⌋ = 5 个，其余为三等；总分 95.00 分，在合格单位中排第 1 位，评为一等',
    );
    expect(of(r, 'A').explanation.at(-1)).toBe('评定结果：一等，等次内第 1 名，总位次第 1 位');
  });

  it('passes 60.00 exactly and fails 59.99; quotas count only passing units, rounded down', () => {
    const units = [...ten().slice(0, 7), u('X', 60), u('Y', 59.99), u('Z', 12)];
    const r = gradeCategory(rules, units);
    expect(r.passedCount).toBe(8);
    expect(r.quotas).toEqual({ first: 2, second: 4 }); // ⌊2.4⌋, ⌊4⌋
    expect(grades(r)).toMatchObject({ A: 'first', B: 'first', C: 'second', F: 'second', G: 'third', X: 'third', Y: 'fail', Z: 'fail' });
    expect(of(r, 'Y').explanation[0]).toBe('总分 59.99 分，低于不合格线 60.00 分，评为不合格');
    expect(of(r, 'Y').rankInGrade).toBe(1);
    expect(of(r, 'Z').position).toBe(10);
  });

  it('fails a vetoed unit whatever its score, and quotas shrink accordingly', () => {
    const units = ten();
    units[0] = { ...units[0]!, veto: '发生重大生产安全责任事故' };
    const r = gradeCategory(rules, units);
    expect(of(r, 'A').grade).toBe('fail');
    expect(of(r, 'A').explanation[0]).toBe('一票否决：发生重大生产安全责任事故，评为不合格');
    expect(r.quotas).toEqual({ first: 2, second: 4 });
    expect(r.counts).toEqual({ first: 2, second: 4, third: 3, fail: 1 });
    expect(of(r, 'B').position).toBe(1);
  });

  it('lowers a severe deduction 三等 → 不合格 and 一等 → 二等 after quotas, without refilling', () => {
    const units = ten().map((x) => (x.unitId === 'B' || x.unitId === 'J' ? { ...x, severeDeductions: 1 } : x));
    const r = gradeCategory(rules, units);
    expect(of(r, 'B').allocatedGrade).toBe('first');
    expect(of(r, 'B').grade).toBe('second');
    expect(of(r, 'J').grade).toBe('fail');
    // D stays 二等: B's 一等 place is not refilled
    expect(r.counts).toEqual({ first: 2, second: 6, third: 1, fail: 1 });
    expect(of(r, 'D').grade).toBe('second');
    // B ranks first inside 二等 by its score
    expect(of(r, 'B').rankInGrade).toBe(1);
    expect(of(r, 'B').position).toBe(3);
    expect(of(r, 'B').explanation).toContain('有 1 项情节严重的扣分（第二十条），名额分配后降低 1 个等次：一等 → 二等，所空名额不递补');
    expect(of(r, 'J').explanation.some((l) => l.includes('三等 → 不合格'))).toBe(true);
  });

  it('lowers once for several severe deductions by default, once each when configured', () => {
    const units = ten().map((x) => (x.unitId === 'A' ? { ...x, severeDeductions: 2 } : x));
    expect(of(gradeCategory(rules, units), 'A').grade).toBe('second');
    expect(of(gradeCategory({ ...rules, severeLowering: 'perDeduction' }, units), 'A').grade).toBe('third');
  });

  it('applies an approved Art 23 raise or lower of a grade last, with its document number', () => {
    const units = ten().map((x) =>
      x.unitId === 'D' ? { ...x, adjustments: [approved({ target: 'grade', direction: 'raise' })] } : x.unitId === 'A' ? { ...x, adjustments: [approved({ target: 'grade', direction: 'lower', steps: 2 })] } : x,
    );
    const r = gradeCategory(rules, units);
    expect(grades(r)).toMatchObject({ A: 'third', B: 'first', C: 'first', D: 'first', E: 'second' });
    expect(r.counts).toEqual({ first: 3, second: 4, third: 3, fail: 0 });
    expect(of(r, 'D').explanation).toContain('依第二十三条报批提高等次 1 等（理由：在全市重点工作中取得优异成绩）：二等 → 一等（文号 玉绩办〔2026〕3号）');
    expect(of(r, 'A').rankInGrade).toBe(1);
  });

  it('ignores an adjustment that is not approved yet and says so', () => {
    const units = ten().map((x) => (x.unitId === 'D' ? { ...x, adjustments: [{ target: 'grade', direction: 'raise', reason: '待批', approved: false } as const] } : x));
    const r = gradeCategory(rules, units);
    expect(of(r, 'D').grade).toBe('second');
    expect(of(r, 'D').explanation.some((l) => l.includes('尚未批准，未生效'))).toBe(true);
  });

  it('never lifts a veto', () => {
    const units = ten().map((x) =>
      x.unitId === 'A' ? { ...x, veto: '领导班子成员严重违纪违法', adjustments: [approved({ target: 'grade', direction: 'raise', steps: 3 }), approved({ target: 'rank', direction: 'raise' })] } : x,
    );
    const r = gradeCategory(rules, units);
    expect(of(r, 'A').grade).toBe('fail');
    expect(of(r, 'A').explanation.filter((l) => l.includes('一票否决的结果不得提高'))).toHaveLength(2);
  });

  it('requires a document number and a reason on an approved adjustment', () => {
    const units = ten().map((x) => (x.unitId === 'D' ? { ...x, adjustments: [{ target: 'grade', direction: 'raise', reason: ' ', approved: true } as const] } : x));
    try {
      gradeCategory(rules, units);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).details).toEqual([
        { path: 'units.3.adjustments.0.reason', message: '必须说明理由' },
        { path: 'units.3.adjustments.0.documentNumber', message: '已批准的调整必须填写批准文号' },
      ]);
    }
  });

  it('raises and lowers a rank inside the grade', () => {
    const units = ten().map((x) =>
      x.unitId === 'H' ? { ...x, adjustments: [approved({ target: 'rank', direction: 'raise', steps: 2 })] } : x.unitId === 'A' ? { ...x, adjustments: [approved({ target: 'rank', direction: 'lower' })] } : x,
    );
    const r = gradeCategory(rules, units);
    expect(r.units.map((x) => x.unitId).join('')).toBe('BACDEHFGIJ');
    expect(of(r, 'H').rankInGrade).toBe(3);
    expect(of(r, 'H').position).toBe(6);
    expect(of(r, 'A').rankInGrade).toBe(2);
  });
});

describe('ties', () => {
  it('share a rank under shareRank, are listed by common score, and the next rank skips', () => {
    const units = [u('A', 90), u('B', 85, { commonScore: 1800 }), u('C', 85, { commonScore: 2200 }), u('D', 80), u('E', 70), u('F', 65), u('G', 62), u('H', 61), u('I', 60.5), u('J', 60)];
    const r = gradeCategory({ ...rules, ties: 'shareRank' }, units);
    expect(r.units.slice(0, 4).map((x) => `${x.unitId}${x.rankInGrade}${x.tied ? '=' : ''}`)).toEqual(['A1', 'C2=', 'B2=', 'D1']);
    expect(of(r, 'B').explanation.at(-1)).toBe('评定结果：一等，等次内第 2 名（总分相同，并列；按共性指标得分 18.00 分排列先后），总位次第 2 位');
  });

  it('are broken by common score by default (SPEC Decisions); units equal on both share the rank', () => {
    const units = [u('A', 90), u('B', 85, { commonScore: 1800 }), u('C', 85, { commonScore: 2200 }), u('D', 85, { commonScore: 1800 })];
    const r = gradeCategory({ ...rules, allocation: { mode: 'proportion', firstPercent: 10000, secondPercent: 0 } }, units);
    expect(r.units.map((x) => `${x.unitId}${x.rankInGrade}`)).toEqual(['A1', 'C2', 'B3', 'D3']);
    expect(of(r, 'C').explanation.at(-1)).toContain('按共性指标得分 22.00 分区分名次');
  });

  // 10 units, 一等 quota 3: the 3rd and 4th tie across the 一等/二等 boundary
  const straddle = () => [u('A', 95), u('B', 92), u('C', 90), u('D', 90), u('E', 85), u('F', 84), u('G', 83), u('H', 82), u('I', 81), u('J', 70)];

  it('put a tie across a quota boundary all in the higher grade by default, using places of the next grade', () => {
    const r = gradeCategory(rules, straddle());
    expect(r.counts).toEqual({ first: 4, second: 4, third: 2, fail: 0 });
    expect(of(r, 'D').grade).toBe('first');
    expect(of(r, 'D').rankInGrade).toBe(3);
    expect(of(r, 'C').explanation[0]).toContain('并列单位跨越名额界线，按规则均评为较高等次（占用下一等次名额）');
  });

  it('put such a tie all in the lower grade when configured', () => {
    const r = gradeCategory({ ...rules, quotaTie: 'lower' }, straddle());
    expect(r.counts).toEqual({ first: 2, second: 6, third: 2, fail: 0 });
    expect(of(r, 'C').grade).toBe('second');
    expect(of(r, 'D').rankInGrade).toBe(1);
  });

  it('never give equal totals different grades by allocation', () => {
    const units = ['A', 'B', 'C', 'D', 'E', 'F'].map((id) => u(id, 80));
    for (const quotaTie of ['higher', 'lower'] as const) {
      const r = gradeCategory({ ...rules, quotaTie }, units);
      expect(new Set(r.units.map((x) => x.grade)).size).toBe(1);
      expect(r.units.every((x) => x.rankInGrade === 1 && x.position === 1)).toBe(true);
    }
  });
});

describe('threshold mode', () => {
  const t: GradingRules = { ...rules, allocation: { mode: 'threshold', firstFrom: 9000, secondFrom: 8000 } };
  it('grades by score lines, each line inclusive', () => {
    const r = gradeCategory(t, [u('A', 90), u('B', 89.99), u('C', 80), u('D', 79.99), u('E', 59.99)]);
    expect(grades(r)).toEqual({ A: 'first', B: 'second', C: 'second', D: 'third', E: 'fail' });
    expect(r.quotas).toBeNull();
    expect(of(r, 'B').explanation[0]).toBe('总分 89.99 分，达到二等分数线 80.00 分、未达一等分数线，评为二等');
  });
  it('rejects lines in the wrong order', () => {
    expect(() => gradeCategory({ ...rules, allocation: { mode: 'threshold', firstFrom: 7000, secondFrom: 8000 } }, [])).toThrow(ValidationError);
  });
});

describe('input checks', () => {
  it('rejects duplicate units and fractional totals', () => {
    try {
      gradeCategory(rules, [u('A', 90), u('A', 80), { ...u('B', 70), total: 70.5 }]);
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).details).toEqual([
        { path: 'units.1.unitId', message: '单位重复' },
        { path: 'units.2.total', message: expect.any(String) },
      ]);
    }
  });
  it('grades an empty category', () => {
    expect(gradeCategory(rules, []).units).toEqual([]);
  });
});

describe('Art 23 rank changes', () => {
  const move = (id: string, direction: 'raise' | 'lower', steps = 1) => ({ id, a: approved({ target: 'rank', direction, steps }) });
  const graded = (units: GradingUnit[], moves: { id: string; a: GradeAdjustment }[]) =>
    gradeCategory({ ...rules, allocation: { mode: 'proportion', firstPercent: 0, secondPercent: 0 } }, units.map((x) => ({ ...x, adjustments: moves.filter((m) => m.id === x.unitId).map((m) => m.a) })))
      .units.map((x) => `${x.unitId}${x.rankInGrade}`);
  it('passes whole tie groups of unmoved units and leaves the mover alone', () => {
    const units = [u('A', 90), u('B', 80), u('C', 80), u('D', 70)];
    expect(graded(units, [move('D', 'raise')])).toEqual(['A1', 'D2', 'B3', 'C3']);
    expect(graded(units, [move('B', 'raise')])).toEqual(['B1', 'A2', 'C3', 'D4']);
    expect(graded(units, [move('C', 'lower')])).toEqual(['A1', 'B2', 'C3', 'D4']);
    expect(graded(units, [move('A', 'lower', 9)])).toEqual(['B1', 'C1', 'D3', 'A4']);
    expect(graded(units, [move('A', 'raise', 3)])).toEqual(['A1', 'B2', 'C2', 'D4']);
  });
  it('counts places among the unmoved units, so two changes never push each other', () => {
    // Both tied first and both lowered one place: each lands below the unmoved unit after them.
    const units = [u('A', 80), u('B', 80), u('C', 70), u('D', 60)];
    expect(graded(units, [move('A', 'lower'), move('B', 'lower')])).toEqual(['C1', 'A2', 'B2', 'D4']);
    // A unit that gains a point is never placed lower for it.
    const better = units.map((x) => (x.unitId === 'A' ? { ...x, total: x.total + 1 } : x));
    expect(graded(better, [move('A', 'lower'), move('B', 'lower')])).toEqual(['C1', 'A2', 'B3', 'D4']);
  });
});
