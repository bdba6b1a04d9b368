import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  categoriesFromHints,
  checkAssignment,
  checkMerge,
  isResponsible,
  nameProblem,
  newUnitId,
  successorOf,
  unassignedUnits,
  type UnitFacts,
} from '../../functions/domain/organisation.ts';

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
