import { mount } from '@vue/test-utils';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { rowsToTree } from '@shared/domain/plan-rows.ts';
import { defaultPlan, type CategoryPlan, type PlanNode } from '@shared/domain/plan.ts';
import { i18n } from '@/i18n';
import MethodDialog from '@/views/cycle/plan/MethodDialog.vue';
import { addNode, childSum, defaultMethod, depthOf, marksOf, methodProblems, methodSummary, nextId, removeNode } from '@/views/cycle/plan/plan-draft';
import { treeWorkbook } from '@/views/cycle/plan/plan-xlsx';
import { readFirstSheet } from '@/utils/xlsx';
import { plugins } from './setup';

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
    const rows = await readFirstSheet(await blob.arrayBuffer());
    expect(rows[2]).toEqual(['', '重点工作', '100', '扣分法', '每次扣0.5分；保底0分', '市绩效办', '个性', '', '']);
    expect(rowsToTree(rows, [{ unitId: 'jxb', name: '市绩效办' }]).tree).toEqual(tree);

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('指标');
    sheet.addRow(['一级指标', '二级指标', '分值', '评分方法', '方法参数']);
    sheet.addRow(['职能工作（60分）', '重点工作', 40, '直接评分法']);
    sheet.addRow([null, '业务工作', 20, '直接评分法']);
    sheet.mergeCells('A2:A3');
    const data = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer).slice().buffer;
    const read = rowsToTree(await readFirstSheet(data), []);
    expect(read.errors).toEqual([]);
    expect(read.tree[0]).toMatchObject({ name: '职能工作', points: 6_000, children: [{ name: '重点工作', points: 4_000 }, { name: '业务工作', points: 2_000 }] });
  });
});

describe('plan editor: methods', () => {
  it('sums up each method in one line, in the user’s language', () => {
    // Prepare
    plugins();
    const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {});

    // Assess
    expect(methodSummary({ kind: 'completion', capPercent: 10_000, lowerIsBetter: true }, t)).toBe('封顶 100%；越低越好');
    expect(methodSummary({ kind: 'ranking', scale: 'bands', bands: [{ upToRank: 2, percent: 10_000 }, { upToRank: 4, percent: 8_000 }], otherwisePercent: 6_050 }, t)).toBe(
      '第1–2名 100%；第3–4名 80%；其余 60.5%',
    );
    expect(methodSummary({ kind: 'ranking', scale: 'linear' }, t)).toBe('线性，末名 0%');
    expect(methodSummary({ kind: 'deduction', perOccurrence: 50 }, t)).toBe('每次扣 0.5 分，最低 0 分');
    expect(methodSummary(defaultMethod('qualitative'), t)).toBe('优 100%；良 85%；中 70%；差 50%');
    expect(methodSummary({ kind: 'direct' }, t)).toBe('考评单位直接打分');
    expect(methodSummary(undefined, t)).toBe('');
    expect(depthOf('2.3')).toBe(2);
  });

  it('checks a method against the leaf’s points', () => {
    // Assess
    expect(methodProblems({ kind: 'deduction', perOccurrence: 600 }, 500)).toEqual([expect.stringContaining('每次扣分')]);
    expect(methodProblems({ kind: 'deduction', perOccurrence: 200 }, 500)).toEqual([]);
    expect(methodProblems({ kind: 'satisfaction' }, 500)).toEqual([]);
  });

  it('edits a leaf’s method on a copy in the dialog and hands it back on 确定', async () => {
    // Prepare
    const node: PlanNode = { ...leaf('1.2', '重点项目排名', 500), method: defaultMethod('ranking') };
    const wrapper = mount(MethodDialog, { props: { node: null, disabled: false }, global: { plugins: plugins() }, attachTo: document.body });
    await wrapper.setProps({ node });
    await nextTick();
    const body = () => document.body.querySelector('[data-testid="plan-method-dialog"]')?.closest('.el-overlay') ?? document.body;

    // Act: a second band
    (body().querySelector('[data-testid="method-band-add"]') as HTMLElement).click();
    await nextTick();

    // Assess
    expect(body().querySelector('[data-testid="plan-method-summary"]')!.textContent).toBe('排名法：第1–3名 100%；第4–6名 80%；其余 0%');
    expect(node.method).toEqual(defaultMethod('ranking')); // untouched until 确定
    (body().querySelector('[data-testid="plan-method-ok"]') as HTMLElement).click();
    const [method, criteria] = wrapper.emitted('apply')![0]!;
    expect(method).toMatchObject({ kind: 'ranking', bands: [{ upToRank: 3, percent: 10_000 }, { upToRank: 6, percent: 8_000 }] });
    expect(criteria).toBe('');
    wrapper.unmount();
  });
});
