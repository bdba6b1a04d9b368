import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rowsToTree } from '@shared/domain/plan-rows.ts';
import { defaultPlan, type CategoryPlan, type PlanNode } from '@shared/domain/plan.ts';
import { addNode, childSum, marksOf, nextId, removeNode } from '@/views/cycle/plan/plan-draft';
import { readPlanSheet, treeWorkbook } from '@/views/cycle/plan/plan-xlsx';

const leaf = (id: string, name: string, points: number): PlanNode => ({ id, name, points, method: { kind: 'direct' }, assessorUnitId: 'jxb', common: false });
const plan = (tree: PlanNode[]): CategoryPlan => ({ ...defaultPlan(), tree });

describe('plan editor: sum marks', () => {
  it('marks the parent whose children do not add up, and the tree against the total', () => {
    const tree = [
      { id: '1', name: '职能工作', points: 6_000, children: [leaf('1.1', '重点工作', 3_000), leaf('1.2', '业务工作', 2_500)] },
      { id: '2', name: '共性指标', points: 3_000, children: [leaf('2.1', '党建', 3_000)] },
    ];
    const marks = marksOf(plan(tree));
    expect([...marks.keys()]).toEqual(['', '1']);
    expect(marks.get('1')).toEqual(['「职能工作」下级指标分值合计 55.00 分，与本指标分值 60.00 分不符']);
    expect(childSum(tree[0]!)).toBe(5_500);
    tree[0]!.children![1]!.points = 3_000;
    expect([...marksOf(plan(tree)).keys()]).toEqual(['']);
    expect(marksOf({ ...plan(tree), totalPoints: 9_000 }).size).toBe(0);
  });

  it('adds nodes with free codes and strips scoring fields from a new parent', () => {
    const tree: PlanNode[] = [leaf('1', '甲', 10_000)];
    const child = addNode(tree, tree[0]);
    expect(child.id).toBe('1.1');
    expect(tree[0]).not.toHaveProperty('method');
    expect(nextId(tree)).toBe('2');
    removeNode(tree, '1.1');
    expect(tree[0]!.children).toEqual([]);
  });
});

describe('plan editor: xlsx', () => {
  it('reads an exported sheet back into the same tree, and a hand-made sheet with merged 一级 cells', async () => {
    const tree = [{ id: '1', name: '职能工作', points: 10_000, children: [{ ...leaf('1.1', '重点工作', 10_000), method: { kind: 'deduction' as const, perOccurrence: 50, floor: 0 } }] }];
    const blob = await treeWorkbook(tree, (id) => (id === 'jxb' ? '市绩效办' : id), '指标体系');
    const rows = await readPlanSheet(await blob.arrayBuffer());
    expect(rows[2]).toEqual(['', '重点工作', '100', '扣分法', '每次扣0.5分；保底0分', '市绩效办', '个性', '']);
    expect(rowsToTree(rows, [{ unitId: 'jxb', name: '市绩效办' }]).tree).toEqual(tree);

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('指标');
    sheet.addRow(['一级指标', '二级指标', '分值', '评分方法', '方法参数']);
    sheet.addRow(['职能工作（60分）', '重点工作', 40, '直接评分法']);
    sheet.addRow([null, '业务工作', 20, '直接评分法']);
    sheet.mergeCells('A2:A3');
    const data = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer).slice().buffer;
    const read = rowsToTree(await readPlanSheet(data), []);
    expect(read.errors).toEqual([]);
    expect(read.tree[0]).toMatchObject({ name: '职能工作', points: 6_000, children: [{ name: '重点工作', points: 4_000 }, { name: '业务工作', points: 2_000 }] });
  });
});
