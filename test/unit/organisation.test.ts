import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguageSource } from '../../functions/contracts/lang.ts';
import { DomainError } from '../../functions/domain/errors.ts';
import {
  categoriesEditable,
  categoriesFromHints,
  categoriesView,
  checkAssignment,
  checkMerge,
  expectCategoriesEditable,
  isResponsible,
  nameProblem,
  newUnitId,
  normaliseName,
  planCategorySet,
  planEdit,
  planMerge,
  planNewUnit,
  planNewUnits,
  planRename,
  planRetire,
  successorOf,
  unassignedUnits,
  type UnitFacts,
} from '../../functions/domain/organisation.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import type { CategorySet, UnitRecord } from '../../functions/model/unit.ts';

const units: (UnitFacts & { category?: string })[] = [
  { unitId: 'jxb', name: '市绩效办', type: 'bureau' },
  { unitId: 'yz', name: '玉州区', type: 'county', category: '县（市、区）' },
  { unitId: 'fm', name: '福绵区', type: 'county', category: '县（市、区）' },
  { unitId: 'jyj', name: '市教育局', type: 'department', category: '市直政府部门' },
  { unitId: 'old', name: '市农机局', type: 'department', status: 'retired', category: '市直政府部门' },
  { unitId: 'sqmy', name: '社情民意调查中心', type: 'third_party' },
];

describe('units', () => {
  it('counts neither the bureau, a third party nor a retired unit as responsible', () => {
    expect(units.filter(isResponsible).map((u) => u.unitId)).toEqual(['yz', 'fm', 'jyj']);
  });

  it('gives short ids that were never taken', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.9999, noNaN: true }), { minLength: 6, maxLength: 6 }), (draws) => {
        let i = 0;
        expect(newUnitId(new Set(), () => draws[i++]!)).toMatch(/^u-[a-z2-9]{6}$/);
      }),
    );
    // A clash draws again.
    const seq = [0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0];
    let i = 0;
    expect(newUnitId(new Set(['u-aaaaaa']), () => seq[i++]!)).toBe('u-saaaaa');
  });

  it('keeps names unique among active units only, ignoring spacing', () => {
    expect(nameProblem(units, ' 玉州区 ', 'name')?.message).toContain('玉州区');
    expect(nameProblem(units, '市农机局', 'name')).toBeUndefined(); // retired: its name is free again
    expect(nameProblem(units, '玉州区', 'name', new Set(['yz']))).toBeUndefined();
  });

  it('normalises names: NFC, trimmed, runs of white space as one space', () => {
    expect(normaliseName(' 玉林市Cafe\u0301 \t 中心 ')).toBe('玉林市Café 中心');
    expect(nameProblem([{ unitId: 'c', name: '玉林市Café中心', type: 'other' }], '玉林市Cafe\u0301中心', 'name')?.path).toBe('name');
  });
});

describe('merge planning', () => {
  it('accepts A, B into an existing active unit', () => {
    expect(checkMerge(units, { sources: ['yz', 'fm'], into: { unitId: 'jyj' } })).toEqual([]);
  });

  it('lets a new unit take over a source name (the sources retire in the same step)', () => {
    expect(checkMerge(units, { sources: ['yz', 'fm'], into: { name: '玉州区', type: 'county' } })).toEqual([]);
    expect(checkMerge(units, { sources: ['yz'], into: { name: '福绵区', type: 'county' } })[0]?.path).toBe('into.name');
  });

  it('names each bad source and a bad target', () => {
    const problems = checkMerge(units, { sources: ['yz', 'yz', 'nope', 'old', 'jxb'], into: { unitId: 'yz' } });
    expect(problems.map((p) => p.path)).toEqual(['sources.1.unitId', 'sources.2.unitId', 'sources.3.unitId', 'sources.4.unitId', 'into.unitId']);
    expect(checkMerge(units, { sources: [], into: { unitId: 'old' } }).map((p) => p.path)).toEqual(['sources', 'into.unitId']);
  });
});

describe('category assignment', () => {
  it('accepts one category per responsible unit and reports who is left', () => {
    const cats = [{ name: '县（市、区）', unitIds: ['yz', 'fm'] }];
    expect(checkAssignment(units, cats)).toEqual([]);
    expect(unassignedUnits(units, cats).map((u) => u.unitId)).toEqual(['jyj']);
  });

  it('reports each problem at its field', () => {
    const problems = checkAssignment(units, [
      { name: ' ', unitIds: ['yz'] },
      { name: '甲', unitIds: ['yz', 'ghost', 'old', 'sqmy', 'jxb'] },
      { name: '甲 ', unitIds: ['fm', 'fm'] },
    ]);
    expect(problems).toEqual([
      { path: 'categories.0.name', message: '类别名称不能为空' },
      { path: 'categories.1.unitIds.0', message: '「玉州区」已在第 1 个类别中' },
      { path: 'categories.1.unitIds.1', message: '单位 ghost 不存在' },
      { path: 'categories.1.unitIds.2', message: '「市农机局」已撤销，请将其从本类别中移除' },
      { path: 'categories.1.unitIds.3', message: '「社情民意调查中心」不是绩效责任单位' },
      { path: 'categories.1.unitIds.4', message: '「市绩效办」不是绩效责任单位' },
      { path: 'categories.2.name', message: '类别名称「甲」与第 2 个类别重复' },
      { path: 'categories.2.unitIds.1', message: '「福绵区」重复选择' },
    ]);
  });

  it('says what became of a retired unit and what to do about it', () => {
    const merged: UnitFacts[] = [
      ...units,
      { unitId: 'a', name: '市甲局', type: 'department', status: 'retired', retiredOn: '2030-07-01', mergedInto: 'b' },
      { unitId: 'b', name: '市乙局', type: 'department', status: 'retired', retiredOn: '2030-09-01', mergedInto: 'jyj' },
      { unitId: 'c', name: '市丙局', type: 'department', status: 'retired', retiredOn: '2030-07-01', mergedInto: 'sqmy' },
      { unitId: 'd', name: '市丁局', type: 'department', status: 'retired', mergedInto: 'old' },
    ];
    expect(checkAssignment(merged, [{ name: '甲', unitIds: ['a', 'b', 'c', 'd'] }]).map((p) => p.message)).toEqual([
      // A merged into B, and B later into 市教育局: the one to put in its place is 市教育局.
      '「市甲局」已于 2030-07-01 并入「市乙局」，请将其从本类别中移除，或替换为「市教育局」',
      '「市乙局」已于 2030-09-01 并入「市教育局」，请将其从本类别中移除，或替换为「市教育局」',
      // Merged into a unit that is not graded, or into one retired since: removal only.
      '「市丙局」已于 2030-07-01 并入「社情民意调查中心」，请将其从本类别中移除',
      '「市丁局」已并入「市农机局」，请将其从本类别中移除',
    ]);
  });

  it('follows merges to the active unit doing the work now, never looping', () => {
    const chain: UnitFacts[] = [
      { unitId: 'a', name: 'A', type: 'department', status: 'retired', mergedInto: 'b' },
      { unitId: 'b', name: 'B', type: 'department', status: 'retired', mergedInto: 'c' },
      { unitId: 'c', name: 'C', type: 'department' },
      { unitId: 'x', name: 'X', type: 'department', status: 'retired', mergedInto: 'y' },
      { unitId: 'y', name: 'Y', type: 'department', status: 'retired', mergedInto: 'x' },
      { unitId: 'z', name: 'Z', type: 'department', status: 'retired' },
    ];
    expect(successorOf(chain, 'a')?.unitId).toBe('c');
    expect(successorOf(chain, 'c')).toBeUndefined();
    expect(successorOf(chain, 'x')).toBeUndefined();
    expect(successorOf(chain, 'z')).toBeUndefined();
    expect(successorOf(chain, 'nobody')).toBeUndefined();
  });

  it('never places a unit twice, whatever the draft', () => {
    const ids = units.map((u) => u.unitId);
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...ids), { maxLength: 6 }), { maxLength: 4 }), (lists) => {
        const cats = lists.map((unitIds, i) => ({ name: `类${i}`, unitIds }));
        const clean = checkAssignment(units, cats).length === 0;
        const all = lists.flat();
        if (clean) expect(new Set(all).size).toBe(all.length);
      }),
    );
  });

  it('builds the default categories from the units’ hints, skipping retired units', () => {
    expect(categoriesFromHints(units)).toEqual([
      { name: '县（市、区）', unitIds: ['yz', 'fm'] },
      { name: '市直政府部门', unitIds: ['jyj'] },
    ]);
  });
});

// ── The unit rules moved out of the data layer: pure functions over the units as read ──────────
const R = '450900';
const record = (unitId: string, name: string, extra: Partial<UnitRecord> = {}): UnitRecord => ({
  regionId: R,
  unitId,
  name,
  type: 'department',
  status: 'active',
  names: [{ name, from: '2024-01-01' }],
  version: 1,
  ...extra,
});
const region: UnitRecord[] = [
  record('jxb', '市绩效办', { type: 'bureau' }),
  record('jyj', '市教育局', { version: 3 }),
  record('tjj', '市统计局', { shortName: '统计局', assessor: true, assessorField: '统计', category: '市直政府部门' }),
  record('yz', '玉州区', { type: 'county' }),
  record('njj', '市农机局', { status: 'retired', retiredOn: '2025-06-30', version: 2 }),
  record('zgh', '市总工会', { status: 'retired', retiredOn: '2030-07-01', mergedInto: 'jyj', version: 2 }),
];

/** The error a rule throws, for its status and fields. */
function refusal(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('not refused');
}
const fields = (e: DomainError) => (e.details as { path: string; message: string }[]).map((d) => [d.path, d.message]);

describe('adding units', () => {
  it('gives a new unit a fresh id, its normalised name and its first name from today', () => {
    const u = planNewUnit(region, R, { type: 'county', name: ' 兴业县 ', assessor: false }, '2030-05-01');
    expect(u).toMatchObject({ regionId: R, name: '兴业县', status: 'active', version: 1, names: [{ name: '兴业县', from: '2030-05-01' }] });
    expect(region.some((x) => x.unitId === u.unitId)).toBe(false);
  });

  it('refuses a name an active unit has (400 naming body.name), but takes a retired unit’s name', () => {
    const e = refusal(() => planNewUnit(region, R, { type: 'department', name: '市教育局', assessor: false }, '2030-05-01'));
    expect(e.statusCode).toBe(400);
    expect(fields(e)).toEqual([['body.name', '名称「市教育局」已被在用单位使用']]);
    expect(planNewUnit(region, R, { type: 'department', name: '市农机局', assessor: false }, '2030-05-01').name).toBe('市农机局');
  });

  it('refuses an import naming a taken name or the same name twice, each at its place', () => {
    const e = refusal(() =>
      planNewUnits(region, R, [{ type: 'department', name: '市数据局', assessor: false }, { type: 'department', name: '市数据局', assessor: false }, { type: 'department', name: '玉州区', assessor: false }], '2030-05-01'),
    );
    expect(fields(e).map(([p]) => p)).toEqual(['body.units.1.name', 'body.units.2.name']);
    const ok = planNewUnits(region, R, [{ type: 'department', name: '市数据局', assessor: false }, { type: 'department', name: '市医保局', assessor: false }], '2030-05-01');
    expect(new Set(ok.map((u) => u.unitId)).size).toBe(2);
  });
});

describe('renaming, editing and retiring a unit', () => {
  it('keeps the history of names and refuses the same name, a taken one and a date before the current name’s', () => {
    const { before, after, from } = planRename(region, 'jyj', { name: '市教育和体育局', version: 3 }, '2030-05-01');
    expect(before.name).toBe('市教育局');
    expect(from).toBe('2030-05-01');
    expect(after).toMatchObject({ name: '市教育和体育局', version: 4, names: [{ name: '市教育局' }, { name: '市教育和体育局', from: '2030-05-01' }] });
    expect(fields(refusal(() => planRename(region, 'jyj', { name: '市教育局', from: '2020-01-01', version: 3 }, '2030-05-01')))).toEqual([
      ['body.name', '新名称与当前名称相同'],
      ['body.from', '启用日期不能早于当前名称的启用日期 2024-01-01'],
    ]);
    expect(fields(refusal(() => planRename(region, 'jyj', { name: '玉州区', version: 3 }, '2030-05-01')))).toEqual([['body.name', '名称「玉州区」已被在用单位使用']]);
  });

  it('refuses a stale version and a unit that is gone (409), and an unknown unit (404)', () => {
    expect(refusal(() => planRename(region, 'jyj', { name: '市教体局', version: 2 }, '2030-05-01')).statusCode).toBe(409);
    const merged = refusal(() => planRetire(region, 'zgh', { on: '2031-01-01', reason: '测试', version: 2 }));
    expect([merged.statusCode, merged.message]).toEqual([409, '「市总工会」已于 2030-07-01 并入「市教育局」，不能再修改']);
    expect(refusal(() => planEdit(region, 'njj', { assessor: false, version: 2 })).message).toBe('「市农机局」已于 2025-06-30 撤销，不能再修改');
    expect(refusal(() => planEdit(region, 'nobody', { assessor: false, version: 1 })).statusCode).toBe(404);
  });

  it('sets the edited fields, clears the emptied ones, and changes nothing for an edit that changes nothing', () => {
    const cleared = planEdit(region, 'tjj', { shortName: '', assessor: false, assessorField: '统计', category: '市直政府部门', version: 1 });
    expect(cleared.changed).toBe(true);
    expect(cleared.after).toMatchObject({ shortName: undefined, assessor: undefined, assessorField: undefined, category: '市直政府部门', version: 2 });
    const same = planEdit(region, 'tjj', { shortName: '统计局', assessor: true, assessorField: '统计', category: '市直政府部门', version: 1 });
    expect(same).toEqual({ before: region[2], after: region[2], changed: false });
  });

  it('retires any active unit but the bureau', () => {
    expect(planRetire(region, 'yz', { on: '2031-01-01', reason: '区划调整', version: 1 }).after).toMatchObject({ status: 'retired', retiredOn: '2031-01-01', retiredReason: '区划调整', version: 2 });
    const bureau = refusal(() => planRetire(region, 'jxb', { on: '2031-01-01', reason: '测试', version: 1 }));
    expect([bureau.statusCode, bureau.message]).toEqual([409, '绩效办不能撤销']);
  });
});

describe('merging units', () => {
  it('merges into an existing unit: the sources retire into it, it records where they came from', () => {
    const plan = planMerge(region, R, { sources: [{ unitId: 'yz', version: 1 }], into: { unitId: 'jyj', version: 3 }, on: '2031-01-01', reason: '机构改革' }, '2030-05-01');
    expect(plan.existing?.unitId).toBe('jyj');
    expect(plan.into).toMatchObject({ unitId: 'jyj', mergedFrom: ['yz'], version: 4 });
    expect(plan.sources.map((s) => s.after)).toEqual([expect.objectContaining({ unitId: 'yz', status: 'retired', mergedInto: 'jyj', retiredOn: '2031-01-01', version: 2 })]);
  });

  it('merges into a new unit, which may take a source’s name; a stale source is refused', () => {
    const plan = planMerge(region, R, { sources: [{ unitId: 'jyj', version: 3 }, { unitId: 'tjj', version: 1 }], newUnit: { type: 'department', name: '市教育局', assessor: false }, on: '2031-01-01', reason: '机构改革' }, '2030-05-01');
    expect(plan.existing).toBeUndefined();
    expect(plan.into).toMatchObject({ name: '市教育局', mergedFrom: ['jyj', 'tjj'], version: 1 });
    expect(plan.sources.every((s) => s.after.mergedInto === plan.into.unitId)).toBe(true);
    expect(refusal(() => planMerge(region, R, { sources: [{ unitId: 'jyj', version: 1 }], into: { unitId: 'tjj', version: 1 }, on: '2031-01-01', reason: '机构改革' }, '2030-05-01')).statusCode).toBe(409);
    expect(fields(refusal(() => planMerge(region, R, { sources: [{ unitId: 'yz', version: 1 }], newUnit: { type: 'department', name: '市统计局', assessor: false }, on: '2031-01-01', reason: '机构改革' }, '2030-05-01')))).toEqual([
      ['body.newUnit.name', '名称「市统计局」已被在用单位使用'],
    ]);
  });
});

describe('saving a cycle’s categories', () => {
  const save = (input: { version: number; categories: { categoryId?: string; name: string; unitIds: string[] }[] }, before?: CategorySet) =>
    planCategorySet({ regionId: R, cycleId: '2030', before, units: region, input, at: '2030-01-05T00:00:00.000Z', by: 'yl_staff' });

  it('changes only in the plan stage, named by its code', () => {
    expect(categoriesEditable({ status: 'open', currentStage: stageNumber('plan') })).toBe(true);
    expect(categoriesEditable({ status: 'open', currentStage: stageNumber('goal_setting') })).toBe(false);
    expect(categoriesEditable({ status: 'closed', currentStage: stageNumber('plan') })).toBe(false);
    expect(refusal(() => expectCategoriesEditable({ status: 'open', currentStage: stageNumber('execution') })).message).toBe('该考评周期已进入「过程管理」阶段，考评类别只能在「方案」阶段调整');
    expect(refusal(() => expectCategoriesEditable({ status: 'closed', currentStage: stageNumber('closed') })).message).toBe('该考评周期已结束，考评类别只能在「方案」阶段调整');
  });

  it('records each unit as it is now, gives new categories ids never used before, and counts the version up', () => {
    const first = save({ version: 0, categories: [{ name: ' 县（市、区） ', unitIds: ['yz'] }, { name: '部门', unitIds: ['jyj', 'tjj'] }] });
    expect(first).toMatchObject({ version: 1, nextNo: 3, updatedBy: 'yl_staff' });
    expect(first.categories).toEqual([
      { categoryId: 'c1', name: '县（市、区）', order: 1, units: [{ unitId: 'yz', name: '玉州区', shortName: undefined, type: 'county' }] },
      { categoryId: 'c2', name: '部门', order: 2, units: [{ unitId: 'jyj', name: '市教育局', shortName: undefined, type: 'department' }, { unitId: 'tjj', name: '市统计局', shortName: '统计局', type: 'department' }] },
    ]);
    const second = save({ version: 1, categories: [{ categoryId: 'c2', name: '部门', unitIds: ['jyj'] }, { name: '新类别', unitIds: [] }] }, first);
    expect(second.categories.map((c) => c.categoryId)).toEqual(['c2', 'c3']);
  });

  it('refuses a stale version (409), and a category of another cycle or a bad assignment (400, nothing built)', () => {
    expect(refusal(() => save({ version: 0, categories: [] }, save({ version: 0, categories: [] }))).statusCode).toBe(409);
    expect(fields(refusal(() => save({ version: 0, categories: [{ categoryId: 'c9', name: '县', unitIds: ['yz', 'njj'] }] })))).toEqual([
      ['body.categories.0.unitIds.1', '「市农机局」已于 2025-06-30 撤销，请将其从本类别中移除'],
      ['body.categories.0.categoryId', '类别 c9 不属于该周期'],
    ]);
  });

  it('shows who is left only while the categories can change', () => {
    const set = save({ version: 0, categories: [{ name: '县', unitIds: ['yz'] }] });
    expect(categoriesView(set, true, region).unassigned.map((u) => u.unitId)).toEqual(['jyj', 'tjj']);
    expect(categoriesView(set, false, region).unassigned).toEqual([]);
    expect(categoriesView(undefined, true, region)).toMatchObject({ version: 0, categories: [] });
  });
});

describe('the rules’ messages in English', () => {
  afterEach(() => setLanguageSource(() => 'zh'));

  it('answers in the caller’s language', () => {
    setLanguageSource(() => 'en');
    expect(fields(refusal(() => planNewUnit(region, R, { type: 'department', name: '市教育局', assessor: false }, '2030-05-01')))).toEqual([['body.name', 'The name “市教育局” is used by an active unit']]);
    expect(refusal(() => planRetire(region, 'jxb', { on: '2031-01-01', reason: 'test', version: 1 })).message).toBe('The bureau cannot be retired');
    expect(checkAssignment(units, [{ name: '', unitIds: [] }])[0]?.message).toBe('A category needs a name');
  });
});
