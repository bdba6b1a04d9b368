// Goals as sheet rows (domain/goal-rows.ts) and the assessor unit's common indicators
// (domain/assessor-goals.ts): the tables an assessor unit sets, the rows it may write, the unit's and
// the assessor's sheets written and read back (a bad cell named by row and column), and export →
// import giving back exactly what was exported.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonIndicators, commonRowProblems, setByAssessor, type CategoryOfCycle } from '../../functions/domain/assessor-goals.ts';
import { coverage, goalLeaves } from '../../functions/domain/goals.ts';
import {
  ASSESSOR_SHEET,
  GOAL_COLUMNS,
  commonTargetsToRows,
  goalRowErrors,
  milestonesText,
  readCommonTargetRows,
  readUnitGoalRows,
  targetKey,
  unitGoalsToRows,
  UNIT_SHEET,
  type RowFields,
} from '../../functions/domain/goal-rows.ts';
import type { PlanNode } from '../../functions/domain/plan.ts';
import { stageNumber } from '../../functions/domain/stages.ts';

const leaf = (id: string, extra: Partial<PlanNode> = {}): PlanNode => ({ id, name: `指标${id}`, points: 500, method: { kind: 'completion' }, ...extra });
const tree = (assessor: string): PlanNode[] => [
  { id: '1', name: '职能工作', points: 1000, children: [leaf('1.1'), leaf('1.2', { assessorUnitId: assessor, common: false })] },
  { id: '2', name: '共性指标', points: 1000, children: [leaf('2.1', { assessorUnitId: assessor, common: true }), leaf('2.2', { assessorUnitId: 'other', common: true })] },
  { id: '3', name: '满意度', points: 500, children: [leaf('3.1', { method: { kind: 'satisfaction' }, assessorUnitId: assessor, common: true })] },
];
const categories: CategoryOfCycle[] = [
  { categoryId: 'c1', name: '县（市、区）', units: [{ unitId: 'u1', name: '玉州区' }, { unitId: 'u2', name: '福绵区' }], tree: tree('tjj') },
  { categoryId: 'c2', name: '市直部门', units: [{ unitId: 'u3', name: '市教育局' }], tree: tree('tjj') },
  { categoryId: 'c3', name: '无方案', units: [{ unitId: 'u4', name: '某单位' }] },
];
const GOAL_SETTING = stageNumber('goal_setting');

describe('common indicators of an assessor unit', () => {
  it('are its common goal leaves, by code across the categories, with every unit of those categories', () => {
    const [ind, ...rest] = commonIndicators(categories, 'tjj');
    expect(rest).toEqual([]);
    expect(ind!.indicatorId).toBe('2.1');
    expect(ind!.categories.map((c) => c.categoryId)).toEqual(['c1', 'c2']);
    expect(ind!.units.map((u) => u.unitId)).toEqual(['u1', 'u2', 'u3']);
  });
  it('leave out individual leaves, other assessors’ and the satisfaction surveys', () => {
    expect(commonIndicators(categories, 'other').map((i) => i.indicatorId)).toEqual(['2.2']);
    expect(commonIndicators(categories, 'nobody')).toEqual([]);
  });
  it('a common leaf with an assessor unit is set by it; a common leaf without one, or an individual one, by the unit', () => {
    expect(setByAssessor({ common: true, assessorUnitId: 'x' })).toBe(true);
    expect(setByAssessor({ common: true })).toBe(false);
    expect(setByAssessor({ common: false, assessorUnitId: 'x' })).toBe(false);
  });
  it('names a missing common goal as waiting for the assessor unit in the unit’s coverage', () => {
    const problems = coverage({ tree: tree('tjj') }, [], 2026);
    expect(problems.find((p) => p.indicatorId === '2.1')?.code).toBe('awaitingAssessor');
    expect(problems.find((p) => p.indicatorId === '1.1')?.code).toBe('missing');
  });
});

describe('a row the assessor writes', () => {
  const [ind] = commonIndicators(categories, 'tjj');
  const unit = ind!.units[0];
  const ctx = { stage: GOAL_SETTING, year: 2026 };
  const row = { target: 8, unitOfMeasure: '%', milestones: [{ date: '2026-06-30', expected: 4 }], version: 0 };
  it('may be written while the unit’s set is with it in goal setting', () => {
    expect(commonRowProblems(unit, row, {}, ctx, 'body')).toEqual([]);
    expect(commonRowProblems(unit, { ...row, version: 2 }, { setStatus: 'returned', goal: { status: 'returned', version: 2 } }, ctx, 'body')).toEqual([]);
  });
  it('is refused for a unit outside the table, a submitted set, an approved goal, a stale version, a milestone outside the year', () => {
    const paths = (...a: Parameters<typeof commonRowProblems>) => commonRowProblems(...a).map((p) => p.path);
    expect(paths(undefined, row, {}, ctx, 'body')).toEqual(['body.unitId']);
    expect(paths(unit, row, { setStatus: 'submitted' }, ctx, 'body')).toEqual(['body.unitId']);
    expect(paths(unit, { ...row, version: 3 }, { setStatus: 'returned', goal: { status: 'approved', version: 3 } }, ctx, 'body')).toEqual(['body.unitId']);
    expect(paths(unit, { ...row, version: 1 }, { goal: { status: 'draft', version: 2 } }, ctx, 'body')).toEqual(['body.version']);
    expect(paths(unit, { ...row, milestones: [{ date: '2027-01-31', expected: 1 }] }, {}, ctx, 'body.rows.4')).toEqual(['body.rows.4.milestones.0.date']);
    expect(paths(unit, row, {}, { ...ctx, stage: stageNumber('goal_review') }, 'body')).toEqual(['body.unitId']);
  });
});

describe('a unit’s sheet', () => {
  const leaves = goalLeaves({ tree: tree('tjj') });
  const sheetLeaves = leaves.map((node) => ({ node, parents: ['上级'] }));
  const name = (id: string) => (id === 'tjj' ? '市统计局' : id);
  it('is a template with a row per goal leaf, the assessor’s goals marked', () => {
    const rows = unitGoalsToRows(sheetLeaves, new Map(), name);
    expect(rows[0]).toEqual(UNIT_SHEET.map((c) => GOAL_COLUMNS[c]));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['1.1', '1.2', '2.1', '2.2']);
    expect(rows[3]!.at(-1)).toBe('市统计局');
    expect(rows[1]!.at(-1)).toBe('本单位');
  });
  it('reads back the unit’s own goals; empty rows change nothing', () => {
    const rows = unitGoalsToRows(sheetLeaves, new Map(), name);
    rows[1]![3] = '12.5';
    rows[1]![4] = '%';
    rows[1]![5] = '2026-06-30：6；2026-12-31：12.5';
    const { goals, errors } = readUnitGoalRows(rows, leaves, new Map(), 2026);
    expect(errors).toEqual([]);
    expect(goals).toEqual([{ indicatorId: '1.1', row: 2, fields: { target: 12.5, unitOfMeasure: '%', milestones: [{ date: '2026-06-30', expected: 6 }, { date: '2026-12-31', expected: 12.5 }] } }]);
  });
  it('names every bad cell by row and column, and refuses a change of a goal the assessor unit sets', () => {
    const rows = unitGoalsToRows(sheetLeaves, new Map(), name);
    rows[1]![3] = '十二';
    rows[2]![5] = '2026年6月：3';
    rows[3]![3] = '9';
    rows.push(['9.9', '', '', '1', '%']);
    rows.push(['1.1', '', '', '', '', '', '', '', '']);
    const { errors } = readUnitGoalRows(rows, leaves, new Map(), 2026);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, '目标值'],
      [3, '节点目标'],
      [4, '目标值'],
      [6, '指标编号'],
      [7, '指标编号'],
    ]);
    expect(errors[2]!.message).toContain('考评单位');
  });
  it('without its header names the missing column', () => {
    expect(readUnitGoalRows([['指标编号', '目标值']], leaves, new Map(), 2026).errors).toEqual([{ row: 1, column: '计量单位', message: expect.stringContaining('计量单位') }]);
    expect(readUnitGoalRows([['x']], leaves, new Map(), 2026).errors[0]).toMatchObject({ row: 1, column: '指标编号' });
  });
});

describe('an assessor unit’s sheet', () => {
  const indicators = commonIndicators(categories, 'tjj');
  it('has a row per indicator and unit, and reads back the units by name', () => {
    const rows = commonTargetsToRows(indicators, new Map());
    expect(rows[0]).toEqual(ASSESSOR_SHEET.map((c) => GOAL_COLUMNS[c]));
    expect(rows.slice(1).map((r) => r[3])).toEqual(['玉州区', '福绵区', '市教育局']);
    rows[2]![4] = '7';
    rows[2]![5] = '%';
    const { targets, errors } = readCommonTargetRows(rows, indicators, 2026);
    expect(errors).toEqual([]);
    expect(targets).toEqual([{ indicatorId: '2.1', unitId: 'u2', row: 3, fields: { target: 7, unitOfMeasure: '%', milestones: [] } }]);
  });
  it('names an unknown indicator, a unit outside it, a repeated unit, a bad number', () => {
    const rows = [ASSESSOR_SHEET.map((c) => GOAL_COLUMNS[c]), ['2.2', '', '', '玉州区', '1', '%'], ['2.1', '', '', '陆川县', '1', '%'], ['2.1', '', '', '玉州区', '1', '%'], ['2.1', '', '', 'u1', '2', '%'], ['2.1', '', '', '福绵区', '1e99', '%']];
    const { errors } = readCommonTargetRows(rows, indicators, 2026);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, '指标编号'],
      [3, '单位名称'],
      [5, '单位名称'],
      [6, '目标值'],
    ]);
  });
  it('turns a checked row’s problems into row errors', () => {
    expect(goalRowErrors(4, [{ path: 'row.unitId', message: 'a' }, { path: 'row.milestones.0.date', message: 'b' }])).toEqual([
      { row: 4, column: '单位名称', message: 'a' },
      { row: 4, column: '节点目标', message: 'b' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// export → import gives back what was exported.

const text = (max: number) =>
  fc
    .string({ unit: fc.constantFrom(...'abc%元个亿 =+-@工程项目'.split('')), minLength: 1, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const figure = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)));
const milestones = fc
  .uniqueArray(fc.integer({ min: 1, max: 365 }), { maxLength: 4 })
  .chain((days) => fc.tuple(fc.constant([...days].sort((a, b) => a - b)), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: days.length, maxLength: days.length })))
  .map(([days, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return days.map((d, i) => ({ date: new Date(Date.UTC(2026, 0, d)).toISOString().slice(0, 10), expected: sorted[i]! }));
  });
const fields = (withNote: boolean): fc.Arbitrary<RowFields> =>
  fc
    .record({ target: fc.option(figure, { nil: undefined }), unitOfMeasure: fc.option(text(20), { nil: undefined }), milestones, responsible: fc.option(text(40), { nil: undefined }), scoringNote: withNote ? fc.option(text(200), { nil: undefined }) : fc.constant(undefined) })
    .filter((f) => f.target !== undefined || !!f.unitOfMeasure || f.milestones.length > 0 || !!f.responsible || !!f.scoringNote)
    .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as unknown as RowFields);

describe('export → import', () => {
  // Leaves whose scoring rule the unit may refine, so a scoring note may come back too.
  const own = [leaf('1.1', { refinable: true }), leaf('1.2', { refinable: true }), leaf('1.3', { method: { kind: 'qualitative' }, refinable: true })];
  it('gives back a unit’s goals as they were', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fields(true), { nil: undefined }), { minLength: own.length, maxLength: own.length }), (drafts) => {
        const goals = new Map(own.flatMap((l, i) => (drafts[i] ? [[l.id, drafts[i]!] as const] : [])));
        const rows = unitGoalsToRows(own.map((node) => ({ node, parents: [] })), goals, (id) => id);
        const { goals: read, errors } = readUnitGoalRows(rows, own, goals, 2026);
        expect(errors).toEqual([]);
        expect(new Map(read.map((g) => [g.indicatorId, g.fields]))).toEqual(goals);
      }),
      { numRuns: 200 },
    );
  });
  it('gives back an assessor unit’s targets as they were', () => {
    const indicators = commonIndicators(categories, 'tjj');
    const keys = indicators.flatMap((i) => i.units.map((u) => targetKey(i.indicatorId, u.unitId)));
    fc.assert(
      fc.property(fc.array(fc.option(fields(false), { nil: undefined }), { minLength: keys.length, maxLength: keys.length }), (drafts) => {
        const goals = new Map(keys.flatMap((k, i) => (drafts[i] ? [[k, drafts[i]!] as const] : [])));
        const { targets, errors } = readCommonTargetRows(commonTargetsToRows(indicators, goals), indicators, 2026);
        expect(errors).toEqual([]);
        expect(new Map(targets.map((x) => [targetKey(x.indicatorId, x.unitId), x.fields]))).toEqual(goals);
      }),
      { numRuns: 200 },
    );
  });
  it('writes milestones in the form it reads', () => {
    expect(milestonesText([{ date: '2026-03-31', expected: 1.5 }, { date: '2026-12-31', expected: -2 }])).toBe('2026-03-31：1.5；2026-12-31：-2');
  });
});
