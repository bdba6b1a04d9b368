// Self-assessment rules (domain/self-assessment.ts): the input each method takes, the engine's preview
// of the unit's own score (never for a ranking, never while something is missing), the fields a method
// does not take refused by name, what is missing before submission (each goal named), and the set's moves.
import { describe, expect, it } from 'vitest';
import { foreignInputs, inputProblems, isComplete, missing, readableByAssessor, selfMethod, selfMove, selfPreview } from '../../functions/domain/self-assessment.ts';
import { scoreGoal } from '../../functions/domain/scoring/index.ts';

const completion = { kind: 'completion' as const };
const deduction = { kind: 'deduction' as const, perOccurrence: 50 };
const qualitative = { kind: 'qualitative' as const };
const direct = { kind: 'direct' as const };
const ranking = { kind: 'ranking' as const, scale: 'linear' as const };

describe('the method a goal is self-assessed by', () => {
  it('is the plan’s, except a satisfaction leaf or a leaf without one', () => {
    expect(selfMethod(completion)).toEqual(completion);
    expect(selfMethod({ kind: 'satisfaction' })).toBeUndefined();
    expect(selfMethod(undefined)).toBeUndefined();
  });
});

describe('the preview of the own score', () => {
  it('is the engine’s score and sentence for completion, deduction, qualitative and direct', () => {
    expect(selfPreview(800, completion, { achieved: 95 }, 100)).toEqual({ selfScore: 760, explanation: [scoreGoal(800, completion, { kind: 'completion', target: 100, actual: 95 }).text] });
    expect(selfPreview(300, deduction, { occurrences: 2 }, 0)).toMatchObject({ selfScore: 200 });
    expect(selfPreview(500, qualitative, { level: 'good' }, undefined)).toMatchObject({ selfScore: 425 });
    expect(selfPreview(500, direct, { selfScore: 455 }, undefined)).toMatchObject({ selfScore: 455 });
  });

  it('keeps hundredths exact where a float would not (0.1 + 0.2)', () => {
    // 10 points, 0.3 of a target 0.9: one third, 3.33 points, never 3.3333…
    const p = selfPreview(1000, completion, { achieved: 0.3 }, 0.9);
    expect(p.selfScore).toBe(333);
    expect(Number.isInteger(p.selfScore)).toBe(true);
  });

  it('is never given for a ranking (the assessor ranks once all values are in), nor while input is missing', () => {
    const r = selfPreview(500, ranking, { achieved: 3 }, 6);
    expect(r.selfScore).toBeUndefined();
    expect(r.explanation[0]).toContain('排名法');
    expect(selfPreview(800, completion, {}, 100)).toEqual({ explanation: [] });
    expect(selfPreview(800, completion, { achieved: 95 }, undefined).selfScore).toBeUndefined();
  });

  it('is withheld while the input breaks the method (an own score above the points)', () => {
    expect(selfPreview(500, direct, { selfScore: 501 }, undefined)).toEqual({ explanation: [] });
    expect(inputProblems(500, direct, { selfScore: 501 }, undefined)).toEqual([{ path: 'body.selfScore', message: expect.any(String) }]);
    expect(inputProblems(800, completion, { achieved: 5 }, 0)).toEqual([{ path: 'goal.target', message: expect.any(String) }]);
    expect(inputProblems(800, completion, { achieved: 5 }, 10)).toEqual([]);
  });
});

describe('fields a method does not take', () => {
  it('are refused by name', () => {
    expect(foreignInputs('completion', { achieved: 1, level: 'good' }).map((p) => p.path)).toEqual(['body.level']);
    expect(foreignInputs('direct', { selfScore: 100, occurrences: 1 }).map((p) => p.path)).toEqual(['body.occurrences']);
    expect(foreignInputs('qualitative', { level: 'fair', narrative: 'x' })).toEqual([]);
  });
});

describe('what keeps the set from being submitted', () => {
  const goals = [
    { indicatorId: '1.1', name: '地区生产总值增长', methodKind: 'completion' as const },
    { indicatorId: '1.2', name: '安全生产', methodKind: 'deduction' as const },
    { indicatorId: '2.1', name: '营商环境', methodKind: 'qualitative' as const },
    { indicatorId: '2.2', name: '无方法指标' },
  ];
  it('names each goal: not assessed, its input or its narrative missing, no method in the plan', () => {
    const items = new Map([
      ['1.1', { achieved: 7, narrative: '完成' }],
      ['1.2', { narrative: '  ' }],
    ]);
    const problems = missing(goals, items);
    expect(problems.map((p) => [p.indicatorId, p.code])).toEqual([
      ['1.2', 'input'],
      ['1.2', 'narrative'],
      ['2.1', 'not_started'],
      ['2.2', 'no_method'],
    ]);
    expect(problems[0]!.message).toContain('安全生产');
    expect(isComplete('completion', { achieved: 7, narrative: '完成' })).toBe(true);
    expect(isComplete('deduction', { occurrences: 0, narrative: '无' })).toBe(true);
    expect(isComplete('deduction', { narrative: '无' })).toBe(false);
  });
});

describe('moves of the set', () => {
  it('lets the unit’s people edit while it is with the unit, the leader alone submit, the bureau review a submitted set', () => {
    expect(selfMove('edit', undefined, 'unit_staff')).toEqual({ ok: true, to: 'draft' });
    expect(selfMove('edit', 'returned', 'unit_leader')).toEqual({ ok: true, to: 'returned' });
    expect(selfMove('edit', 'submitted', 'unit_staff').ok).toBe(false);
    expect(selfMove('edit', 'draft', 'bureau_staff').ok).toBe(false);
    expect(selfMove('submit', 'draft', 'unit_staff').ok).toBe(false);
    expect(selfMove('submit', 'returned', 'unit_leader')).toEqual({ ok: true, to: 'submitted' });
    expect(selfMove('submit', 'approved', 'unit_leader').ok).toBe(false);
    expect(selfMove('approve', 'submitted', 'bureau_staff')).toEqual({ ok: true, to: 'approved' });
    expect(selfMove('return', 'draft', 'bureau_staff').ok).toBe(false);
  });

  it('shows an assessor unit a submitted or approved set only', () => {
    expect([undefined, 'draft', 'returned', 'submitted', 'approved'].map((s) => readableByAssessor(s as never))).toEqual([false, false, false, true, true]);
  });
});
