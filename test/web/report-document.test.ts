// The annual reports as documents (Art 24): the unit report's numbered sections, the indicator table
// with the points lost and why, the claims, the Art 23 change with its 文号, each chart with its table
// (the unit's band marked), the problems with the key ones marked, the bureau and the date; the region
// report's category (grades, most missed, "no previous year") and its .xlsx export.
import { mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { describe, expect, it, vi } from 'vitest';
import type { RegionCategoryView, RegionReportView, UnitReportView } from '@/api/reports';
import UnitReportDocument from '@/views/reports/UnitReportDocument.vue';
import RegionCategory from '@/views/reports/region/RegionCategory.vue';
import { regionReportWorkbook } from '@/views/reports/region/region-xlsx';
import { i18n } from '@/i18n';
import { plugins } from './setup';

// ECharts draws on a canvas jsdom has not: the chart records the option it is given instead.
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    props: { option: { type: Object, required: true } },
    setup: (props) => () => h('div', { class: 'chart-stub', 'data-option': JSON.stringify(props.option) }),
  }),
}));

const stats = { count: 3, mean: 8500, median: 8600, max: 9300, min: 7600 };
const bands = [
  { from: null, to: 6000, count: 0, units: [] },
  { from: 6000, to: 7000, count: 0, units: [] },
  { from: 7000, to: 8000, count: 1, units: ['丙县'] },
  { from: 8000, to: 9000, count: 1, units: ['甲县'] },
  { from: 9000, to: 10000, count: 1, units: ['乙县'] },
  { from: 10000, to: null, count: 0, units: [] },
];
const report: UnitReportView = {
  regionId: '450900', regionName: '玉林市', bureauName: '玉林市绩效考评领导小组办公室', cycleId: '2025', year: 2025, unitId: 'a', unitName: '甲县', categoryId: 'c1', categoryName: '县（市、区）',
  planVersion: 1, confirmedVersion: 1, confirmedAt: '2026-03-21T02:00:00Z', total: 8600, grade: 'second', gradeName: '二等', rankInGrade: 1, position: 2, unitsInCategory: 3,
  breakdown: { goalSum: 5000, bonusRaw: 200, bonus: 200, deductionRaw: 100, deduction: 100, satisfaction: 3500, lines: [] },
  points: 10000, lost: 1500,
  groups: [
    { id: '1', name: '经济发展', points: 6000, score: 5000, lost: 1000, categoryAverage: 5200, leaves: [
      { id: '1.1', path: [], name: '地区生产总值增速', points: 6000, score: 5000, lost: 1000, method: '目标完成率法', criteria: '', assessorUnitName: '市统计局', explanation: ['目标完成率法：实际值 5 ÷ 目标值 6，得分 50.00 分'], comments: ['actual：6 → 5（统计口径更正）'] },
    ] },
    { id: '2', name: '群众满意度', points: 4000, score: 3500, lost: 500, categoryAverage: 3400, leaves: [
      { id: '2', path: [], name: '群众满意度', points: 4000, score: 3500, lost: 500, method: '满意度评价', criteria: '', assessorUnitName: '第三方', explanation: ['满意率 87.50%'], comments: [] },
    ] },
  ],
  claims: [
    { kind: 'deduction', name: '通报批评', occurrences: 1, amount: 100, severe: false, description: '未按时报送', decidedAt: '2025-12-01T00:00:00Z', reason: '属实' },
    { kind: 'bonus', name: '国家级表彰', occurrences: 1, amount: 200, severe: false, description: '获国务院表彰', decidedAt: '2025-12-01T00:00:00Z', reason: '经核实' },
  ],
  vetoes: [],
  gradeDecisions: [{ target: 'grade', direction: 'raise', steps: 1, reason: '抗洪救灾表现突出', documentNumber: '玉绩办〔2026〕3号', approvedAt: '2026-03-01T00:00:00Z' }],
  gradePlace: [],
  comparison: { stats, bands, counts: { first: 1, second: 1, third: 1, fail: 0 } },
  problems: [
    { id: 'score:1.1', kind: 'score', title: '地区生产总值增速未达目标', detail: '失分 10.00 分。', key: false },
    { id: 'satisfaction:2', kind: 'satisfaction', title: '群众满意度偏低', detail: '满意率 87.50%。', key: true },
  ],
};

describe('the unit report document', () => {
  const w = mount(UnitReportDocument, { props: { report }, global: { plugins: plugins() } });
  const text = w.text();

  it('reads as the bureau sends it: title, unit, numbered sections, issuer and date', () => {
    expect(w.get('[data-testid=report-title]').text()).toBe('玉林市2025年度绩效考评结果报告');
    expect(text).toContain('——甲县');
    expect(w.findAll('h2').map((s) => s.text())).toEqual(['一、总体情况', '二、分项得分与失分情况', '三、加分与扣分情况', '四、一票否决与等次调整', '五、与同类别单位比较', '六、存在的主要问题']);
    expect(w.get('[data-testid=report-overall]').text()).toContain('总得分 86.00 分，在“县（市、区）”类别 3 个单位中位列第 2 名，评定等次为二等');
    expect(w.get('[data-testid=report-issuer]').text()).toBe('玉林市绩效考评领导小组办公室2026年3月21日');
  });

  it('gives each indicator its points lost and why, with the assessor’s correction', () => {
    const row = w.get('[data-testid="report-leaf-1.1"]').text();
    expect(row).toContain('60.00');
    expect(row).toContain('10.00');
    expect(row).toContain('实际值 5 ÷ 目标值 6');
    expect(row).toContain('考评单位更正：actual：6 → 5（统计口径更正）');
  });

  it('lists bonuses before deductions, and the Art 23 change with its 文号', () => {
    const claims = w.get('[data-testid=report-claims]').findAll('tbody tr').map((r) => r.text());
    expect(claims[0]).toContain('国家级表彰');
    expect(claims[0]).toContain('+2.00');
    expect(claims[1]).toContain('−1.00');
    expect(w.get('[data-testid=report-art23]').text()).toBe('经绩效办领导批准（玉绩办〔2026〕3号），等次上调 1 级。理由：抗洪救灾表现突出');
  });

  it("draws each chart with its table: the unit's band in red, its 一级指标 against the category's average", () => {
    const bandChart = JSON.parse(w.get('[data-testid=report-chart-bands] .chart-stub').attributes('data-option')!);
    expect(bandChart.series[0].data.map((d: { value: number }) => d.value)).toEqual([0, 0, 1, 1, 1, 0]);
    expect(bandChart.series[0].data[3].itemStyle.color).toBe('#c0392b');
    expect(w.get('[data-testid=report-chart-bands] .report-doc__own').text()).toBe('80–901');
    const groups = JSON.parse(w.get('[data-testid=report-chart-groups] .chart-stub').attributes('data-option')!);
    expect(groups.series.map((s: { data: { value: number }[] }) => s.data.map((d) => d.value))).toEqual([[50, 35], [52, 34]]);
    expect(w.get('[data-testid=report-chart-groups] table').text()).toContain('52.00');
  });

  it('lists the problems found, the key ones marked', () => {
    expect(w.get('[data-testid="report-problem-score:1.1"]').text()).not.toContain('重点问题');
    expect(w.get('[data-testid="report-problem-satisfaction:2"]').text()).toContain('（二）群众满意度偏低【重点问题】：满意率 87.50%。');
  });
});

const category: Extract<RegionCategoryView, { status: 'confirmed' }> = {
  status: 'confirmed', categoryId: 'c1', name: '县（市、区）', units: 3, confirmedVersion: 1, confirmedAt: '2026-03-21T02:00:00Z',
  counts: { first: 1, second: 1, third: 1, fail: 0 },
  grades: [
    { grade: 'first', gradeName: '一等', units: [{ unitId: 'b', unitName: '乙县', total: 9300, rankInGrade: 1, vetoed: false, decided: false }] },
    { grade: 'second', gradeName: '二等', units: [{ unitId: 'a', unitName: '甲县', total: 8600, rankInGrade: 1, vetoed: false, decided: true }] },
    { grade: 'third', gradeName: '三等', units: [{ unitId: 'c', unitName: '丙县', total: 7600, rankInGrade: 1, vetoed: false, decided: false }] },
    { grade: 'fail', gradeName: '不合格', units: [] },
  ],
  stats, bands,
  missed: [{ indicatorId: '1.1', name: '地区生产总值增速', groupName: '经济发展', points: 6000, lostSum: 2500, lostAverage: 833, unitsLosing: 2, units: 3 }],
  previous: { status: 'none' },
};

describe('the region report', () => {
  it('shows a category: grades with their units, most missed, and no previous year', () => {
    const w = mount(RegionCategory, { props: { category, no: 1, previousYear: 2024 }, global: { plugins: plugins() } });
    expect(w.get('h2').text()).toBe('一、县（市、区）（3 个单位）');
    expect(w.get('[data-testid=region-grades-c1]').text()).toContain('甲县（调整）');
    expect(w.get('[data-testid=region-missed-c1]').text()).toContain('25.008.332/3');
    expect(w.get('[data-testid=region-yoy-c1]').text()).toBe('2024年度无考评周期，不作比较。');
  });

  it('compares with last year when it is confirmed', () => {
    const w = mount(RegionCategory, { props: { category: { ...category, previous: { status: 'confirmed', stats: { ...stats, mean: 8000 }, counts: { first: 0, second: 2, third: 1, fail: 0 } } }, no: 1, previousYear: 2024 }, global: { plugins: plugins() } });
    const rows = w.get('[data-testid=region-yoy-c1]').findAll('tbody tr').map((r) => r.findAll('td').map((c) => c.text()));
    expect(rows[0]).toEqual(['平均分', '80.00', '85.00', '+5.00']);
    expect(rows[2]).toEqual(['一等', '0', '1', '1']);
  });

  it('exports the tables as .xlsx, one sheet each, a category not confirmed marked', async () => {
    plugins();
    const view: RegionReportView = { regionId: '450900', regionName: '玉林市', bureauName: '玉林市绩效办', cycleId: '2025', year: 2025, previousYear: 2024, categories: [category, { status: 'unconfirmed', categoryId: 'c2', name: '市直部门', units: 20 }] };
    const wb = await regionReportWorkbook(view, (k, p) => i18n.global.t(k, p ?? {}));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['等次分布', '得分统计', '失分较多的指标']);
    const row = (sheet: number, r: number) => (wb.worksheets[sheet]!.getRow(r).values as unknown[]).slice(1);
    expect(row(0, 3)).toEqual(['县（市、区）', '二等', 1, '甲县', 86, '第二十三条调整']);
    expect(row(1, 2).slice(0, 6)).toEqual(['县（市、区）', 3, 85, 86, 93, 76]);
    expect(row(1, 3)).toEqual(['市直部门', 20, '尚未确认']);
    expect(row(2, 2)).toEqual(['县（市、区）', 1, '1.1', '地区生产总值增速', '经济发展', 60, 25, 8.33, '2/3']);
  });
});
