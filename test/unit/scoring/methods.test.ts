import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors.ts';
import { checkMethod, scoreGoal, type GoalInput, type ScoringMethod } from '../../../functions/domain/scoring/index.ts';

function problemsOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.details as { path: string; message: string }[];
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('completion ratio', () => {
  const m: ScoringMethod = { kind: 'completion' };
  it('scores points × actual / target', () => {
    const r = scoreGoal(3000, m, { kind: 'completion', target: 100, actual: 95 });
    expect(r.score).toBe(2850);
    expect(r.text).toContain('目标完成率法');
    expect(r.text).toContain('95.00%');
    expect(r.facts).toMatchObject({ target: '100', actual: '95', capped: false });
  });

  it('caps at 100 % so a goal never exceeds its points', () => {
    const r = scoreGoal(3000, m, { kind: 'completion', target: '100', actual: '130.5' });
    expect(r.score).toBe(3000);
    expect(r.facts.capped).toBe(true);
    expect(r.text).toContain('封顶 100.00%');
  });

  it('applies a lower cap', () => {
    expect(scoreGoal(1000, { kind: 'completion', capPercent: 9000 }, { kind: 'completion', target: 10, actual: 10 }).score).toBe(900);
  });

  it('rounds a third once: 10 × 1/3 = 3.33, 10 × 2/3 = 6.67', () => {
    expect(scoreGoal(1000, m, { kind: 'completion', target: 3, actual: 1 }).score).toBe(333);
    expect(scoreGoal(1000, m, { kind: 'completion', target: 3, actual: 2 }).score).toBe(667);
  });

  it('reads measures with many decimals exactly', () => {
    // 0.1 + 0.2 style values: 3 × 0.3 / 0.9 is exactly 1.00, never 0.99
    expect(scoreGoal(300, m, { kind: 'completion', target: '0.9', actual: '0.3' }).score).toBe(100);
  });

  it('handles lower-is-better targets (万元GDP能耗)', () => {
    const lower: ScoringMethod = { kind: 'completion', lowerIsBetter: true };
    expect(scoreGoal(500, lower, { kind: 'completion', target: '0.452', actual: '0.5' }).score).toBe(452);
    expect(scoreGoal(500, lower, { kind: 'completion', target: '0.452', actual: '0.4' }).score).toBe(500);
    expect(scoreGoal(500, lower, { kind: 'completion', target: '0.452', actual: 0 }).score).toBe(500);
    expect(scoreGoal(500, lower, { kind: 'completion', target: '0.452', actual: '0.5' }).text).toContain('数值越低越好');
  });

  it('gives 0, not a negative score, for a negative actual', () => {
    expect(scoreGoal(500, m, { kind: 'completion', target: 5, actual: '-1.2' }).score).toBe(0);
  });

  it('rejects a zero or negative target and a non-number', () => {
    expect(problemsOf(() => scoreGoal(500, m, { kind: 'completion', target: 0, actual: 3 }))).toEqual([
      { path: 'input.target', message: '目标值必须大于 0' },
    ]);
    expect(problemsOf(() => scoreGoal(500, m, { kind: 'completion', target: '-1', actual: 3 }))[0]!.path).toBe('input.target');
    expect(problemsOf(() => scoreGoal(500, m, { kind: 'completion', target: 1, actual: '1e3' }))[0]!.path).toBe('input.actual');
  });

  it('rejects a cap above 100 %', () => {
    expect(checkMethod({ kind: 'completion', capPercent: 12000 }, 500).map((p) => p.path)).toEqual(['method.capPercent']);
  });
});

describe('ranking', () => {
  // demo: 自治区对口部门考评排名 5 points, bands 5 / 4 / 3 / 0
  const bands: ScoringMethod = {
    kind: 'ranking',
    scale: 'bands',
    bands: [
      { upToRank: 1, percent: 10000 },
      { upToRank: 3, percent: 8000 },
      { upToRank: 5, percent: 6000 },
    ],
    otherwisePercent: 0,
  };
  it.each([
    [1, 500],
    [2, 400],
    [3, 400],
    [5, 300],
    [6, 0],
    [14, 0],
  ])('rank %i of 14 scores %i', (rank, score) => {
    expect(scoreGoal(500, bands, { kind: 'ranking', rank, count: 14 }).score).toBe(score);
  });

  it('explains the band', () => {
    expect(scoreGoal(500, bands, { kind: 'ranking', rank: 2, count: 14 }).text).toContain('属“前 3 名”档（80.00%）');
    expect(scoreGoal(500, bands, { kind: 'ranking', rank: 9, count: 14 }).text).toContain('未进入前 5 名');
  });

  it('is linear from the first to the last rank', () => {
    const linear: ScoringMethod = { kind: 'ranking', scale: 'linear' };
    expect(scoreGoal(1000, linear, { kind: 'ranking', rank: 1, count: 4 }).score).toBe(1000);
    expect(scoreGoal(1000, linear, { kind: 'ranking', rank: 2, count: 4 }).score).toBe(667);
    expect(scoreGoal(1000, linear, { kind: 'ranking', rank: 3, count: 4 }).score).toBe(333);
    expect(scoreGoal(1000, linear, { kind: 'ranking', rank: 4, count: 4 }).score).toBe(0);
    expect(scoreGoal(1000, linear, { kind: 'ranking', rank: 1, count: 1 }).score).toBe(1000);
    const floor50: ScoringMethod = { kind: 'ranking', scale: 'linear', lastPercent: 5000 };
    expect(scoreGoal(1000, floor50, { kind: 'ranking', rank: 3, count: 3 }).score).toBe(500);
    expect(scoreGoal(1000, floor50, { kind: 'ranking', rank: 2, count: 3 }).score).toBe(750);
  });

  it('rejects a rank outside 1..count and bands out of order', () => {
    expect(problemsOf(() => scoreGoal(500, bands, { kind: 'ranking', rank: 15, count: 14 }))[0]!.path).toBe('input.rank');
    expect(problemsOf(() => scoreGoal(500, bands, { kind: 'ranking', rank: 0, count: 14 }))[0]!.path).toBe('input.rank');
    const bad: ScoringMethod = { kind: 'ranking', scale: 'bands', bands: [{ upToRank: 3, percent: 8000 }, { upToRank: 2, percent: 9000 }], otherwisePercent: 9500 };
    expect(checkMethod(bad, 500).map((p) => p.path)).toEqual(['method.bands.1.upToRank', 'method.bands.1.percent', 'method.otherwisePercent']);
  });
});

describe('deduction per occurrence', () => {
  // demo: 督查督办落实 3 points, −0.5 per overdue item, floor 0
  const m: ScoringMethod = { kind: 'deduction', perOccurrence: 50 };
  it('deducts from full points', () => {
    expect(scoreGoal(300, m, { kind: 'deduction', occurrences: 0 }).score).toBe(300);
    expect(scoreGoal(300, m, { kind: 'deduction', occurrences: 3 }).score).toBe(150);
  });
  it('stops at the floor', () => {
    expect(scoreGoal(300, m, { kind: 'deduction', occurrences: 9 }).score).toBe(0);
    const r = scoreGoal(300, { ...m, floor: 100 }, { kind: 'deduction', occurrences: 5 });
    expect(r.score).toBe(100);
    expect(r.facts.floored).toBe(true);
    expect(r.text).toContain('低于保底分');
  });
  it('rejects a floor above the points and a negative count', () => {
    expect(checkMethod({ kind: 'deduction', perOccurrence: 50, floor: 400 }, 300).map((p) => p.path)).toEqual(['method.floor']);
    expect(problemsOf(() => scoreGoal(300, m, { kind: 'deduction', occurrences: -1 }))[0]!.path).toBe('input.occurrences');
  });
});

describe('qualitative level', () => {
  const m: ScoringMethod = { kind: 'qualitative' };
  it.each([
    ['excellent', 800],
    ['good', 680],
    ['fair', 560],
    ['poor', 400],
  ] as const)('%s of 8 points scores %i by default (100/85/70/50 %%)', (level, score) => {
    expect(scoreGoal(800, m, { kind: 'qualitative', level }).score).toBe(score);
  });
  it('uses configured percents and names the level in Chinese', () => {
    const r = scoreGoal(500, { kind: 'qualitative', percents: { good: 9000 } }, { kind: 'qualitative', level: 'good' });
    expect(r.score).toBe(450);
    expect(r.text).toContain('“良”');
  });
  it('rejects percents that rise for a worse level', () => {
    expect(checkMethod({ kind: 'qualitative', percents: { fair: 9000 } }, 500).map((p) => p.path)).toEqual(['method.percents.fair']);
  });
});

describe('direct score', () => {
  const m: ScoringMethod = { kind: 'direct' };
  it('takes the assessor score as is', () => {
    const r = scoreGoal(800, m, { kind: 'direct', score: 735 });
    expect(r.score).toBe(735);
    expect(r.text).toBe('直接评分法：考评单位直接评定 7.35 分（满分 8.00 分）');
  });
  it.each([801, -1, 7.5])('rejects %s with a clear error', (score) => {
    const problems = problemsOf(() => scoreGoal(800, m, { kind: 'direct', score }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('input.score');
  });
  it('accepts the bounds 0 and full points', () => {
    expect(scoreGoal(800, m, { kind: 'direct', score: 0 }).score).toBe(0);
    expect(scoreGoal(800, m, { kind: 'direct', score: 800 }).score).toBe(800);
  });
});

describe('method and input must match', () => {
  it('names the expected method', () => {
    const input: GoalInput = { kind: 'direct', score: 100 };
    expect(problemsOf(() => scoreGoal(800, { kind: 'qualitative' }, input))).toEqual([{ path: 'input.kind', message: '应按“定性评价法”填报' }]);
  });
  it('rejects unknown kinds and non-positive points', () => {
    expect(checkMethod({ kind: 'lottery' } as never, 800)).toEqual([{ path: 'method.kind', message: '未知的评分方法' }]);
    expect(checkMethod({ kind: 'direct' }, 0).map((p) => p.path)).toEqual(['points']);
  });
});
