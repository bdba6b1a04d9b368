// Assessor scoring rules (domain/assessor-scores.ts, score-writes.ts, score-rows.ts): one input per
// method, corrections only with a reason, the engine's score, rankings held back until the category is
// complete (ties share a rank), the sheets' reading (personal contacts refused), and the 2025 demo.
import { describe, expect, it } from 'vitest';
import { demoScoreItems } from '../../cdk/local/seed-scores.ts';
import { demoSelfAssessments } from '../../cdk/local/seed-self.ts';
import { computeScore, correctionOf, inputValue, rankAll, reportedValue } from '../../functions/domain/assessor-scores.ts';
import { ValidationError } from '../../functions/domain/errors.ts';
import { readScoreRows, readSurveyRows, SCORE_SHEET_HEADER } from '../../functions/domain/score-rows.ts';
import { planScoreWrites, type LeafAssignment } from '../../functions/domain/score-writes.ts';
import type { GoalRecord } from '../../functions/model/goal.ts';

const leaf = (id: string, points: number, method: LeafAssignment['leaf']['method']) => ({ id, name: `指标${id}`, points, method });
const assignment = (l: ReturnType<typeof leaf>, unitIds: string[]): LeafAssignment => ({ categoryId: 'c1', categoryName: '县（市、区）', units: unitIds.map((u) => ({ unitId: u, name: u })), leaf: l, planVersion: 1 });
const goal = (unitId: string, indicatorId: string, target: number): GoalRecord => ({ regionId: '450900', cycleId: '2026', unitId, indicatorId, categoryId: 'c1', planVersion: 1, assessorUnitId: 'a', status: 'approved', target, milestones: [], coUnitIds: [], version: 2, updatedAt: '', updatedBy: '' });
const ctx = { regionId: '450900', cycleId: '2026', assessorUnitId: 'a', by: 'yl_tjj', at: '2027-02-01T00:00:00.000Z' };

describe('inputs and corrections', () => {
  it('takes exactly the method’s field, named when missing or another', () => {
    expect(inputValue('completion', { actual: '12.5' })).toBe('12.5');
    expect(inputValue('qualitative', { level: 'good' })).toBe('good');
    const e = (() => {
      try {
        inputValue('completion', { level: 'good' });
      } catch (x) {
        return x as ValidationError;
      }
    })();
    expect((e!.details as { path: string }[]).map((d) => d.path)).toEqual(['body.inputs.actual', 'body.inputs.level']);
    expect(() => inputValue('completion', { actual: '1e5' })).toThrow(ValidationError);
  });
  it('records a change of what stood before only with a reason; the same value or nothing before is no correction', () => {
    expect(correctionOf('actual', undefined, '10', undefined, 'u', 't')).toBeUndefined();
    expect(correctionOf('actual', '10', '10.0', undefined, 'u', 't')).toBeUndefined();
    expect(() => correctionOf('actual', '10', '10.5', undefined, 'u', 't')).toThrow(ValidationError);
  });
  it('shows levels and hundredths as people read them', () => {
    expect(correctionOf('level', 'excellent', 'good', ' 材料不足 ', 'u', 't')).toEqual({ field: 'level', from: '优', to: '良', reason: '材料不足', by: 'u', at: 't' });
    expect(correctionOf('rate', 8750, 9000, '复核', 'u', 't')).toMatchObject({ from: '87.50%', to: '90.00%' });
    expect(() => correctionOf('score', 1000, 900, '  ', 'u', 't')).toThrow(ValidationError);
  });
  it('reads the unit’s reported value by method', () => {
    expect(reportedValue('completion', { achieved: 8.8 })).toBe('8.8');
    expect(reportedValue('deduction', { occurrences: 2 })).toBe(2);
    expect(reportedValue('satisfaction', { achieved: 1 })).toBeUndefined();
  });
});

describe('scores', () => {
  it('are the engine’s, satisfaction weighted by the leaf’s points and rounded half up', () => {
    expect(computeScore(leaf('3.1', 1500, { kind: 'satisfaction' }), { rate: 8750 })).toMatchObject({ score: 1313 });
    expect(computeScore(leaf('1.1', 2000, { kind: 'completion' }), { target: '90', actual: '81' }).score).toBe(1800);
    expect(computeScore(leaf('2.2', 800, { kind: 'deduction', perOccurrence: 100, floor: 0 }), { occurrences: 9 }).score).toBe(0);
  });
  it('rank the highest value first, ties sharing a rank, only once every unit has a value', () => {
    expect(rankAll(new Map([['a', '5'], ['b', '7.0']]), ['a', 'b', 'c'])).toBeUndefined();
    const ranks = rankAll(new Map([['a', '5'], ['b', '7.0'], ['c', '7'], ['d', '-1']]), ['a', 'b', 'c', 'd'])!;
    expect(Object.fromEntries([...ranks].map(([u, r]) => [u, r.rank]))).toEqual({ b: 1, c: 1, a: 3, d: 4 });
  });
  it('of a ranking leaf wait for the category, then every unit is scored (unchanged units keep their version while waiting)', () => {
    const l = leaf('1.3', 500, { kind: 'ranking', scale: 'bands', bands: [{ upToRank: 1, percent: 10_000 }], otherwisePercent: 5_000 });
    const a = assignment(l, ['u1', 'u2', 'u3']);
    const goals = new Map(['u1', 'u2', 'u3'].map((u) => [u, goal(u, '1.3', 6)]));
    const one = planScoreWrites([a], [{ unitId: 'u1', value: '9' }], { scores: new Map(), goals, reported: new Map() }, ctx);
    expect(one.writes.map((w) => [w.after.unitId, w.after.score])).toEqual([['u1', null]]);
    const two = planScoreWrites([a], [{ unitId: 'u2', value: '3' }], { scores: new Map([['u1', one.writes[0]!.after]]), goals, reported: new Map() }, ctx);
    expect(two.writes.map((w) => w.after.unitId)).toEqual(['u2']);
    const scores = new Map([['u1', one.writes[0]!.after], ['u2', two.writes[0]!.after]]);
    const all = planScoreWrites([a], [{ unitId: 'u3', value: '5' }], { scores, goals, reported: new Map() }, ctx);
    expect(Object.fromEntries(all.writes.map((w) => [w.after.unitId, [w.after.inputs.rank, w.after.score, w.after.version]]))).toEqual({ u3: [2, 250, 1], u1: [1, 500, 2], u2: [3, 250, 2] });
  });
  it('name each unit’s problem: no approved goal, a submitted score, a correction without reason, a stale version', () => {
    const l = leaf('1.1', 2000, { kind: 'completion' });
    const a = assignment(l, ['u1', 'u2', 'u3', 'u4']);
    const submitted = { ...planScoreWrites([a], [{ unitId: 'u2', value: '1' }], { scores: new Map(), goals: new Map([['u2', goal('u2', '1.1', 10)]]), reported: new Map() }, ctx).writes[0]!.after, status: 'submitted' as const };
    const res = planScoreWrites(
      [a],
      [{ unitId: 'u1', value: '5' }, { unitId: 'u2', value: '5' }, { unitId: 'u3', value: '5' }, { unitId: 'u4', value: '5', version: 3 }],
      { scores: new Map([['u2', submitted]]), goals: new Map([['u2', goal('u2', '1.1', 10)], ['u3', goal('u3', '1.1', 10)], ['u4', goal('u4', '1.1', 10)]]), reported: new Map([['u3', '6']]) },
      ctx,
    );
    expect(res.problems.map((p) => [p.unitId, p.status, p.path])).toEqual([['u1', 409, 'goal'], ['u2', 409, 'status'], ['u3', 400, 'body.reason'], ['u4', 409, 'body.version']]);
    expect(res.writes).toEqual([]);
  });
});

describe('sheets', () => {
  it('read an indicator’s inputs, naming a bad cell and an unknown or repeated unit', () => {
    const rows = [SCORE_SHEET_HEADER, ['u1', '', '', '', '优', '材料齐全'], ['u2', '', '', '', '极好', ''], ['x9', '', '', '', '良', ''], ['u1', '', '', '', '良', ''], ['u3', '', '', '', '', '']];
    const read = readScoreRows(rows, 'qualitative', new Set(['u1', 'u2', 'u3']));
    expect(read.rows).toEqual([{ row: 2, unitId: 'u1', value: 'excellent', reason: '材料齐全' }]);
    expect(read.errors.map((e) => [e.row, e.column])).toEqual([[3, '评分输入'], [4, '单位编号'], [5, '单位编号']]);
  });
  it('read survey rates in percent with two decimals, and refuse personal contacts by header or by cell', () => {
    const leaves = [{ id: '3.1', name: '社会公众评价' }, { id: '3.2', name: '服务对象评价' }];
    const ok = readSurveyRows([['单位编号', '单位名称', '3.1 社会公众评价（%）', '3.2 服务对象评价（%）'], ['u1', '甲', '87.5', ''], ['u2', '乙', '90.25%', '88']], leaves, new Set(['u1', 'u2']));
    expect(ok).toEqual({ rows: [{ row: 2, unitId: 'u1', rates: [{ indicatorId: '3.1', rate: 8750 }] }, { row: 3, unitId: 'u2', rates: [{ indicatorId: '3.1', rate: 9025 }, { indicatorId: '3.2', rate: 8800 }] }], errors: [] });
    expect(readSurveyRows([['单位编号', '受访者身份证号', '3.1']], leaves, new Set()).errors[0]).toMatchObject({ row: 1, column: '受访者身份证号' });
    const cells = readSurveyRows([['单位编号', '备注', '3.1'], ['u1', '450902199001011234', '80'], ['u2', '0775-2821234', '101']], leaves, new Set(['u1', 'u2']));
    expect(cells.rows).toEqual([]);
    expect(cells.errors.map((e) => [e.row, e.column])).toEqual([[2, '备注'], [3, '备注'], [3, '3.1']]);
  });
});

describe('the 2025 demo scores', () => {
  const items = demoScoreItems();
  const scores = items.filter((i) => i.entity === 'score') as unknown as { unitId: string; indicatorId: string; score: number | null; status: string; corrections: unknown[]; assessorUnitId: string }[];
  it('score every unit on every assessed leaf, submitted, each with a score', () => {
    expect(scores.length).toBeGreaterThan(200);
    expect(scores.every((s) => s.status === 'submitted' && typeof s.score === 'number')).toBe(true);
    expect(scores.filter((s) => s.indicatorId === '3.1').length).toBe(scores.filter((s) => s.indicatorId === '2.1').length);
  });
  it('hold two corrections with reasons, and a submitted tally per assessor unit', () => {
    expect(scores.filter((s) => s.corrections.length).map((s) => `${s.unitId}/${s.indicatorId}`).sort()).toEqual(['yl-fumian/1.1', 'yl-gaj/2.4']);
    // Each corrects what the unit self-assessed (cdk/local/seed-self.ts), with its reason.
    const self = demoSelfAssessments().items.find((i) => i.entity === 'selfAssessment' && i.unitId === 'yl-fumian' && i.indicatorId === '1.1') as { achieved: number };
    const fumian = scores.find((s) => s.unitId === 'yl-fumian' && s.indicatorId === '1.1') as unknown as { corrections: { from: string; reason: string }[] };
    expect(fumian.corrections[0]).toMatchObject({ from: String(self.achieved), reason: expect.stringContaining('终审数据') });
    const tallies = items.filter((i) => i.entity === 'scoreTally') as unknown as { unitId: string; status: string }[];
    expect(new Set(tallies.map((t) => t.unitId))).toEqual(new Set(scores.map((s) => s.assessorUnitId)));
    expect(tallies.every((t) => t.status === 'submitted')).toBe(true);
  });
});
