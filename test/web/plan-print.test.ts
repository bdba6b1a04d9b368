import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defaultPlan, type CategoryPlan, type PlanNode } from '@shared/domain/plan.ts';
import type { AssessorOption } from '@/api/plan';
import { i18n } from '@/i18n';
import PlanDocument from '@/views/cycle/plan-print/PlanDocument.vue';
import { buildPlanDocument, gradingSentences, type PlanDocumentInput } from '@/views/cycle/plan-print/plan-document';
import { plugins } from './setup';

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {});
const assessors: AssessorOption[] = [
  { unitId: 'tjj', name: '玉林市统计局', type: 'department' },
  { unitId: 'fgw', name: '玉林市发展和改革委员会', type: 'department' },
  { unitId: 'zzb', name: '中共玉林市委组织部', type: 'department' },
  { unitId: 'dcz', name: '自治区统计局社情民意调查中心', type: 'third_party' },
];
const leaf = (id: string, name: string, points: number, extra: Partial<PlanNode>): PlanNode => ({ id, name, points, assessorUnitId: 'tjj', common: false, ...extra });

const plan: CategoryPlan = {
  ...defaultPlan(),
  tree: [
    {
      id: '1',
      name: '经济高质量发展',
      points: 6_000,
      children: [
        leaf('1.1', '地区生产总值增速', 3_000, { method: { kind: 'completion', capPercent: 10_000 }, criteria: '按完成比例计分' }),
        leaf('1.2', '重点项目建设排名', 3_000, {
          assessorUnitId: 'fgw',
          method: { kind: 'ranking', scale: 'bands', bands: [{ upToRank: 2, percent: 10_000 }, { upToRank: 4, percent: 8_000 }], otherwisePercent: 6_000 },
        }),
      ],
    },
    {
      id: '2',
      name: '党的建设',
      points: 2_500,
      children: [
        {
          id: '2.1',
          name: '基层党建',
          points: 2_500,
          children: [
            leaf('2.1.1', '党风廉政建设', 1_500, { assessorUnitId: 'zzb', common: true, method: { kind: 'qualitative' } }),
            leaf('2.1.2', '安全生产', 1_000, { assessorUnitId: 'zzb', common: true, method: { kind: 'deduction', perOccurrence: 200, floor: 0 } }),
          ],
        },
      ],
    },
    leaf('3', '社会公众满意度', 1_500, { assessorUnitId: 'dcz', common: true, method: { kind: 'satisfaction' } }),
  ],
  bonuses: [{ id: 'b1', name: '获国家级表彰', points: 100, cap: 200, needsApproval: true }],
  deductions: [
    { id: 'd1', name: '被上级通报批评', points: 50, needsApproval: false, severe: false },
    { id: 'd2', name: '发生重大安全事故', points: 300, cap: 600, needsApproval: true, severe: true },
  ],
  vetoes: [{ id: 'v1', name: '发生重大群体性事件' }],
  totals: { bonusCap: 500, deductionCap: null },
  grading: { failLine: 6_500, allocation: { mode: 'proportion', firstPercent: 2_000, secondPercent: 5_000 }, ties: 'shareRank', quotaTie: 'higher', severeLowering: 'once' },
  reviewWindowDays: 7,
};

const input = (over: Partial<PlanDocumentInput['view']> = {}): PlanDocumentInput => ({
  regionName: '玉林市',
  year: 2028,
  categoryName: '县（市、区）',
  view: { version: 2, latestVersion: 2, current: true, updatedAt: '2028-01-05T02:30:00Z', updatedBy: 'yl_staff', plan, assessors, ...over },
  units: [{ name: '玉州区' }, { name: '福绵区' }, { name: '北流市' }],
});

describe('plan print: the document', () => {
  it('has the official title and the version line', () => {
    // Prepare
    plugins();

    // Act
    const doc = buildPlanDocument(input(), t);
    const old = buildPlanDocument(input({ version: 1, current: false, reason: '调整权重' }), t);

    // Assess
    expect(doc.title).toBe('玉林市2028年度绩效考评方案（县（市、区））');
    expect(doc.meta).toEqual(['第 2 版　2028-01-05 10:30 由 yl_staff 保存']);
    expect(old.meta).toEqual(['第 1 版　2028-01-05 10:30 由 yl_staff 保存', '（历史版本，现行为第 2 版）', '修改原因：调整权重']);
  });

  it('names the bureau leader who approved a version made after the plan stage, not who saved it', () => {
    plugins();
    const doc = buildPlanDocument(input({ version: 3, reason: '机构改革', approvedBy: 'yl_leader', approvedAt: '2028-04-01T01:00:00.000Z' }), t);
    expect(doc.meta).toEqual(['第 3 版　2028-04-01 09:00 经 yl_leader 批准', '修改原因：机构改革']);
  });

  it('groups each parent over the rows of its leaves, with a total row', () => {
    // Prepare
    plugins();

    // Act
    const doc = buildPlanDocument(input(), t);

    // Assess: three name columns (the tree goes three deep), one row per scored indicator
    expect(doc.levels).toEqual(['一级指标', '二级指标', '三级指标']);
    expect(doc.rows.map((r) => r.code)).toEqual(['1.1', '1.2', '2.1.1', '2.1.2', '3']);
    const cells = (code: string) => doc.rows.find((r) => r.code === code)!.cells.map((c) => [c.id, c.rowspan, c.colspan, c.points ?? '']);
    expect(cells('1.1')).toEqual([['1', 2, 1, '（60分）'], ['1.1', 1, 2, '']]);
    expect(cells('1.2')).toEqual([['1.2', 1, 2, '']]);
    expect(cells('2.1.1')).toEqual([['2', 2, 1, '（25分）'], ['2.1', 2, 1, '（25分）'], ['2.1.1', 1, 1, '']]);
    expect(cells('2.1.2')).toEqual([['2.1.2', 1, 1, '']]);
    expect(cells('3')).toEqual([['3', 1, 3, '']]);
    expect(doc.rows.map((r) => r.points)).toEqual(['30', '30', '15', '10', '15']);
    expect(doc.total).toEqual({ points: '100', note: '' });
    expect(buildPlanDocument(input({ plan: { ...plan, totalPoints: 12_000 } }), t).total.note).toBe('一级指标分值合计与类别总分 120 分不符');
  });

  it('writes each method with its parameters, the assessor by name and 共性/个性', () => {
    // Prepare
    plugins();

    // Act
    const rows = buildPlanDocument(input(), t).rows.map((r) => [r.method, r.params, r.assessor, r.common, r.criteria]);

    // Assess
    expect(rows).toEqual([
      ['目标完成率法', '封顶 100%', '玉林市统计局', '个性', '按完成比例计分'],
      ['排名法', '第1–2名 100%；第3–4名 80%；其余 60%', '玉林市发展和改革委员会', '个性', ''],
      ['定性评价法', '优 100%；良 85%；中 70%；差 50%', '中共玉林市委组织部', '共性', ''],
      ['扣分法', '每次扣 2 分，最低 0 分', '中共玉林市委组织部', '共性', ''],
      ['满意度评价', '按满意度测评结果计分', '自治区统计局社情民意调查中心', '共性', ''],
    ]);
  });

  it('lists bonus and deduction items, severe ones marked, veto items and the units', () => {
    // Prepare
    plugins();

    // Act
    const doc = buildPlanDocument(input(), t);

    // Assess
    expect(doc.bonuses).toEqual([{ no: 1, name: '获国家级表彰', points: '1', cap: '2', approval: '是' }]);
    expect(doc.bonusNotes).toEqual(['加分合计不超过 5 分（第十九条）。']);
    expect(doc.deductions).toEqual([
      { no: 1, name: '被上级通报批评', points: '0.5', cap: '不设', approval: '否', severe: false },
      { no: 2, name: '发生重大安全事故', points: '3', cap: '6', approval: '是', severe: true },
    ]);
    expect(doc.deductionNotes).toEqual(['扣分合计不设上限（第二十条）。', '标注「情节严重」的扣分事项，除扣分外，等次评定时降低一个等次。']);
    expect(buildPlanDocument(input({ plan: { ...plan, bonuses: [], deductions: [] } }), t)).toMatchObject({ bonuses: [], bonusNotes: [], deductions: [], deductionNotes: [] });
    expect(doc.vetoes).toEqual(['发生重大群体性事件']);
    expect(doc.units).toEqual(['玉州区', '福绵区', '北流市']);
  });

  it('states the grading rules in sentences', () => {
    // Prepare
    plugins();

    // Act
    const sentences = gradingSentences(plan, t);
    const threshold = gradingSentences(
      { ...plan, tree: [], grading: { failLine: 6_000, allocation: { mode: 'threshold', firstFrom: 9_000, secondFrom: 8_050 }, ties: 'commonScoreThenShare', quotaTie: 'lower', severeLowering: 'perDeduction' } },
      t,
    );

    // Assess
    expect(sentences).toEqual([
      '年度考评总分低于 65 分的，评定为不合格等次；有一票否决事项的，直接评定为不合格等次。',
      '其余单位按总分由高到低排序，前 20% 评定为一等，其后 50% 评定为二等，其余评定为三等；名额按合格单位数乘以比例计算，小数部分舍去。',
      '总分相同的单位并列同一名次，按共性指标得分高低排列先后。',
      '并列单位跨越等次名额界线的，均评定为较高等次，占用下一等次名额。',
      '有情节严重扣分事项的单位，在名额分配后降低一个等次，所空名额不递补。',
      '满意度测评结果按以下权重计入总分（第十八条）：社会公众满意度 15 分。',
      '被考评单位对考评结果有异议的，可在结果反馈之日起 7 个工作日内申请复核（第二十一条）。',
    ]);
    expect(threshold).toEqual([
      '年度考评总分低于 60 分的，评定为不合格等次；有一票否决事项的，直接评定为不合格等次。',
      '其余单位总分达到 90 分的评定为一等，达到 80.5 分的评定为二等，其余评定为三等。',
      '总分相同的单位按共性指标得分高低区分名次，共性指标得分也相同的并列。',
      '并列单位跨越等次名额界线的，均评定为较低等次。',
      '有情节严重扣分事项的单位，在名额分配后每项降低一个等次，所空名额不递补。',
      '被考评单位对考评结果有异议的，可在结果反馈之日起 7 个工作日内申请复核（第二十一条）。',
    ]);
    // Art 28: a grassroots factor other than 1.00 is stated; 1.00 says nothing.
    expect(gradingSentences({ ...plan, grassrootsFactor: 120 }, t).at(-1)).toBe('奖励运用时，本类别按基层单位系数 1.20 折算（第二十八条）。');
    expect(gradingSentences({ ...plan, grassrootsFactor: 100 }, t)).toEqual(sentences);
  });

  it('renders the table with spanning parent cells, the total row and the rules', () => {
    // Prepare
    const global = { plugins: plugins() };

    // Act
    const wrapper = mount(PlanDocument, { props: { doc: buildPlanDocument(input(), t) }, global });

    // Assess
    const table = wrapper.get('[data-testid="plan-print-indicators"]');
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['编号', '一级指标', '二级指标', '三级指标', '分值', '评分方法', '评分标准', '考评单位', '共性/个性']);
    expect(table.findAll('tbody tr')).toHaveLength(6);
    const top = wrapper.get('[data-testid="plan-print-name-1"]');
    expect(top.attributes('rowspan')).toBe('2');
    expect(top.text()).toBe('经济高质量发展（60分）');
    expect(wrapper.get('[data-testid="plan-print-name-1.1"]').attributes('colspan')).toBe('2');
    expect(wrapper.get('[data-testid="plan-print-name-3"]').attributes('colspan')).toBe('3');
    // Every row has the same number of columns once the spans are counted.
    const width = (cells: { attributes(n: string): string | undefined }[]) => cells.reduce((s, c) => s + Number(c.attributes('colspan') ?? 1), 0);
    expect(width(wrapper.findAll('[data-testid="plan-print-row-1.1"] td'))).toBe(9);
    expect(width(wrapper.findAll('[data-testid="plan-print-row-3"] td'))).toBe(9);
    expect(wrapper.get('[data-testid="plan-print-row-1.2"]').text()).toContain('排名法第1–2名 100%；第3–4名 80%；其余 60%');
    expect(wrapper.get('[data-testid="plan-print-total"]').text()).toBe('合计100');
    expect(wrapper.get('[data-testid="plan-print-deductions"]').text()).toContain('发生重大安全事故36是（降等）是');
    expect(wrapper.findAll('[data-testid="plan-print-veto"]').map((p) => p.text())).toEqual(['（1）发生重大群体性事件']);
    expect(wrapper.findAll('[data-testid="plan-print-grading"]')[6]!.text()).toBe('7. 被考评单位对考评结果有异议的，可在结果反馈之日起 7 个工作日内申请复核（第二十一条）。');
    expect(wrapper.get('[data-testid="plan-print-units"]').text()).toBe('本类别考评对象共 3 个：玉州区、福绵区、北流市。');
  });
});
