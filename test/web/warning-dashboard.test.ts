// 预警监测 in the portal: the bureau's board from one request (totals, each chart fed with its table's
// rows, last year's trend beside this year's, most red, late reports) and its .xlsx export read back; a unit's goals with colour, the
// stored reason in Chinese and the locale's wording in English, and its tasks; an assessor unit's
// list filtered by colour.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { AssessorWarningsView, DashboardView, UnitWarningsView, WarningView } from '@shared/contracts/early-warning.ts';
import { configureHttp } from '@/api/http';
import { setLocale } from '@/i18n';
import { readWorkbook, cellText } from '@/utils/xlsx';
import AssessorWarnings from '@/views/dashboard/warning/AssessorWarnings.vue';
import UnitWarnings from '@/views/dashboard/warning/UnitWarnings.vue';
import WarningBoard from '@/views/dashboard/warning/WarningBoard.vue';
import { dashboardWorkbook } from '@/views/dashboard/warning/dashboard-xlsx';
import { plugins } from './setup';

// ECharts draws on a canvas jsdom has not: the chart records the option it is given instead.
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    props: { option: { type: Object, required: true } },
    setup: (props) => () => h('div', { class: 'chart-stub', 'data-option': JSON.stringify(props.option) }),
  }),
}));

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const counts = (green: number, yellow: number, red: number, missing = 0, late = 0) => ({ green, yellow, red, missing, late });

const dashboard: DashboardView = {
  cycleId: '2026',
  totals: counts(70, 20, 10, 3, 2),
  categories: [{ categoryId: 'c1', name: '县（市、区）', ...counts(30, 12, 8, 3, 2) }, { categoryId: 'c2', name: '市直单位', ...counts(40, 8, 2) }],
  units: [
    { unitId: 'yz', name: '玉州区', categoryId: 'c1', ...counts(10, 6, 5, 2, 1) },
    { unitId: 'fm', name: '福绵区', categoryId: 'c1', ...counts(20, 6, 3, 1, 1) },
    { unitId: 'jyj', name: '市教育局', categoryId: 'c2', ...counts(40, 8, 2) },
  ],
  months: [{ month: '2026-01', ...counts(100, 0, 0) }, { month: '2026-02', ...counts(80, 15, 5, 1, 0) }, { month: '2026-03', ...counts(70, 20, 10, 3, 2) }],
  mostRed: [
    { unitId: 'yz', name: '玉州区', categoryId: 'c1', ...counts(10, 6, 5, 2, 1) },
    { unitId: 'fm', name: '福绵区', categoryId: 'c1', ...counts(20, 6, 3, 1, 1) },
  ],
  lateUnits: [{ unitId: 'yz', name: '玉州区', categoryId: 'c1', ...counts(10, 6, 5, 2, 1) }],
  // The year before, month by month (its cycle's counters), for the trend's comparison.
  lastYear: { cycleId: '2025', months: Array.from({ length: 12 }, (_, i) => ({ month: `2025-${String(i + 1).padStart(2, '0')}`, ...counts(90 - i, i, i % 3) })) },
};

const warning = (over: Partial<WarningView> = {}): WarningView => ({
  unitId: 'yz', unitName: '玉州区', indicatorId: '1.1', categoryId: 'c1', assessorUnitId: 'tjj', name: '地区生产总值增长', unitOfMeasure: '%', target: 8,
  level: 'yellow',
  reasons: [{ code: 'below_expected', level: 'yellow', params: { date: '2026-06-30', expected: 4, uom: '%', period: '2026-05', value: 3.2, percent: 80, yellow: 90 }, text: '截至节点 2026-06-30 应达 4%，2026-05 期完成 3.2%，仅为 80%，低于黄色预警线 90%' }],
  milestoneDate: '2026-06-30', expected: 4, value: 3.2, valuePeriod: '2026-05', percent: 80, missing: 0, late: 0, since: '2026-07-01T00:00:00Z', version: 2, updatedAt: '2026-07-01T00:00:00Z',
  ...over,
});

describe('early warning in the portal', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    setLocale('zh-CN');
  });

  async function mountWith(component: any, props: Record<string, unknown>, body: unknown) {
    // The board also reads the recolour runs (none here).
    fetchMock.mockImplementation(async (u) => json(200, String(u).endsWith('/warning-runs') ? { items: [] } : body));
    wrapper = mount(component, { props, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
    await flushPromises();
  }

  it('the bureau’s board reads the dashboard in one request (and the recolour runs), each chart beside its table, last year’s trend dashed beside this year’s', async () => {
    await mountWith(WarningBoard, { regionId: '450900', cycleId: '2026', year: 2026 }, dashboard);
    expect(fetchMock.mock.calls.map(([u]) => String(u)).sort()).toEqual(['/api/regions/450900/cycles/2026/dashboard', '/api/regions/450900/cycles/2026/warning-runs']);
    expect(q('warning-total-red')!.textContent).toContain('10');
    expect(q('warning-total-missing')!.textContent).toContain('3');
    await vi.waitFor(() => expect(document.body.querySelectorAll('.chart-stub').length).toBe(3), { timeout: 15_000 });
    const options = [...document.body.querySelectorAll<HTMLElement>('.chart-stub')].map((c) => JSON.parse(c.dataset.option!));
    expect(options.map((o) => o.series.map((s: any) => s.type).join())).toEqual(['bar,bar,bar', 'line,line,line,line,line,line', 'bar,bar,bar']);
    expect(options[0].series.map((s: any) => s.name)).toEqual(['正常', '黄色预警', '红色预警']);
    expect(options[0].xAxis.data).toEqual(['县（市、区）', '市直单位']);
    expect(options[0].series[2].data).toEqual([8, 2]);
    // The months of the year, this year's so far, 2025's dashed all year.
    expect(options[1].xAxis.data).toEqual(Array.from({ length: 12 }, (_, i) => `${String(i + 1).padStart(2, '0')}月`));
    expect(options[1].series[1].data).toEqual([0, 15, 20, ...Array(9).fill(null)]);
    expect(options[1].series.slice(3).map((s: any) => [s.name, s.lineStyle.type])).toEqual([['2025年正常', 'dashed'], ['2025年黄色预警', 'dashed'], ['2025年红色预警', 'dashed']]);
    expect(options[1].series[4].data).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(q('trend-last-year')!.textContent).toContain('2025');
    // The table beside it: 2025's same month (green / yellow / red).
    expect(q('table-trend')!.textContent).toContain('2025年同月');
    expect(q('table-trend')!.textContent).toContain('89 / 1 / 1');
    expect(options[2].yAxis.data).toEqual(['玉州区', '福绵区']);
    expect(q('table-category')!.textContent).toContain('县（市、区）');
    expect(q('table-most-red')!.textContent).toContain('玉州区');
    expect(q('table-late')!.textContent).toContain('玉州区');
    expect(q('table-late')!.textContent).not.toContain('市教育局');
    // ECharts loads lazily, and slowly on a busy machine.
  }, 30_000);

  it('keeps bars in their rows’ order, labels with their data (only the trend’s months are merged and sorted)', async () => {
    const { default: WarningChart } = await import('@/views/dashboard/warning/WarningChart.vue');
    // Not in code-point order: a sort would put 中… first.
    const rows = [{ label: '县（市、区）', ...counts(4, 5, 6) }, { label: '中直区直驻市单位', ...counts(1, 2, 3) }];
    wrapper = mount(WarningChart, { props: { kind: 'bars', rows }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
    const option = JSON.parse(document.body.querySelector<HTMLElement>('.chart-stub')!.dataset.option!);
    expect(option.xAxis.data).toEqual(['县（市、区）', '中直区直驻市单位']);
    expect(option.series[2].data).toEqual([6, 3]);
  });

  it('exports the board’s tables to .xlsx, one sheet each, read back as written', async () => {
    const workbook = await readWorkbook(await (await dashboardWorkbook(dashboard, (id) => (id === 'c1' ? '县（市、区）' : '市直单位'))).arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['各类别', '各单位', '月度趋势', '红色预警最多的单位', '迟报漏报', '2025年月度趋势']);
    const row = (sheet: number, n: number) => (workbook.worksheets[sheet]!.getRow(n).values as unknown[]).slice(1).map((v) => cellText(v as never));
    expect(row(0, 1)).toEqual(['类别', '正常', '黄色预警', '红色预警', '漏报期数', '迟报期数']);
    expect(row(0, 4)).toEqual(['合计', '70', '20', '10', '3', '2']);
    expect(row(1, 2)).toEqual(['玉州区', '县（市、区）', '10', '6', '5', '2', '1']);
    expect(row(2, 3)).toEqual(['2026-02', '80', '15', '5', '1', '0']);
    expect(row(5, 13)).toEqual(['2025-12', '79', '11', '2', '0', '0']);
  });

  it('a unit sees its goals with colour and why, in Chinese as stored and in English from the locale, and its tasks', async () => {
    const view: UnitWarningsView = {
      cycleId: '2026', unitId: 'yz', totals: counts(1, 1, 0),
      goals: [
        { indicatorId: '1.1', name: '地区生产总值增长', target: 8, unitOfMeasure: '%', milestones: [{ date: '2026-06-30', expected: 4 }], level: 'yellow', warning: warning(), tasks: [{ cycleId: '2026', unitId: 'yz', indicatorId: '1.1', taskId: 't1', title: '全年统计监测', departmentId: 'd1', owner: '黄海', due: '2026-09-30', lateConfirmed: false, version: 1, createdAt: '', createdBy: '', updatedAt: '', updatedBy: '' }] },
        { indicatorId: '1.2', name: '财政收入', milestones: [], tasks: [] },
      ],
    };
    await mountWith(UnitWarnings, { regionId: '450900', cycleId: '2026', unitId: 'yz' }, view);
    expect(String(fetchMock.mock.calls[0]![0])).toBe('/api/regions/450900/cycles/2026/units/yz/warnings');
    const table = q('unit-warnings-table')!.textContent!;
    expect(table).toContain('黄色预警');
    expect(table).toContain('截至节点 2026-06-30 应达 4%，2026-05 期完成 3.2%，仅为 80%，低于黄色预警线 90%');
    expect(table).toContain('尚未计算');
    setLocale('en');
    await flushPromises();
    expect(q('unit-warnings-table')!.textContent).toContain('Milestone 2026-06-30 expects 4%; 2026-05 reached 3.2%, only 80%, below the yellow line of 90%');
  });

  it('an assessor unit filters its indicators across the units by colour', async () => {
    const view: AssessorWarningsView = { cycleId: '2026', assessorUnitId: 'tjj', totals: counts(1, 1, 0), items: [warning(), warning({ unitId: 'fm', unitName: '福绵区', level: 'green', reasons: [{ code: 'no_milestone_yet', level: 'green', params: {}, text: '目标未设节点，暂按正常' }] })] };
    await mountWith(AssessorWarnings, { regionId: '450900', cycleId: '2026', unitId: 'tjj' }, view);
    expect(String(fetchMock.mock.calls[0]![0])).toBe('/api/regions/450900/cycles/2026/assessors/tjj/warnings');
    expect(q('assessor-warnings-table')!.textContent).toContain('福绵区');
    const yellow = [...document.body.querySelectorAll<HTMLElement>('.el-radio-button')].find((b) => b.textContent!.includes('黄色预警'))!;
    yellow.querySelector('input')!.click();
    await flushPromises();
    expect(q('assessor-warnings-table')!.textContent).toContain('玉州区');
    expect(q('assessor-warnings-table')!.textContent).not.toContain('福绵区');
    expect(q('assessor-warnings-pager')).toBeNull();
  });

  it('pages an assessor unit’s long list, 50 rows a page', async () => {
    const items = Array.from({ length: 120 }, (_, i) => warning({ unitId: `u${i}`, unitName: `单位${String(i).padStart(3, '0')}` }));
    await mountWith(AssessorWarnings, { regionId: '450900', cycleId: '2026', unitId: 'tjj' }, { cycleId: '2026', assessorUnitId: 'tjj', totals: counts(0, 120, 0), items });
    expect(document.body.querySelectorAll('[data-testid="assessor-warnings-table"] .el-table__body tr').length).toBe(50);
    expect(q('assessor-warnings-pager')!.textContent).toContain('120');
    q('assessor-warnings-pager')!.querySelector<HTMLElement>('.btn-next')!.click();
    await flushPromises();
    expect(q('assessor-warnings-table')!.textContent).toContain('单位050');
    expect(q('assessor-warnings-table')!.textContent).not.toContain('单位049');
  });
});
