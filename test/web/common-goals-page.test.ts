// 共性指标目标 as the assessor unit (市统计局) sees it: its worklist counts the units with a target;
// a row typed in is saved on its own a moment after typing stops (or on leaving the field) with the
// version read, a 409 is shown on the row; the whole table is saved at once and a refusal names the
// wrong row. And 本单位目标 shows a common goal as set by the assessor unit, with no edit button.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { CommonGoalsView } from '@shared/contracts/assessor-goals.ts';
import type { UnitGoalsView } from '@shared/contracts/goals.ts';
import { configureHttp } from '@/api/http';
import { useSessionStore } from '@/stores/session';
import CommonGoalsPage from '@/views/goals/assessor/index.vue';
import { AUTOSAVE_MS } from '@/views/goals/assessor/useCommonGoals';
import UnitGoalsPage from '@/views/goals/unit/index.vue';
import { plugins } from './setup';
import { caller, unitLeader, units } from './users-fixtures';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const input = (id: string) => document.body.querySelector<HTMLInputElement>(`[data-testid="${id}"] input, input[data-testid="${id}"]`)!;
const BASE = '/api/regions/450900/cycles/2027/assessors/tjj/common-goals';

const row = (unitId: string, unitName: string, goal?: ReturnType<typeof savedGoal>) => ({ unitId, unitName, categoryId: 'c1', categoryName: '县（市、区）', setStatus: 'draft' as const, editable: true, ...(goal ? { goal } : {}) });
const savedGoal = (unitId: string, target: number, version: number) => ({
  cycleId: '2027', unitId, indicatorId: '2.4', categoryId: 'c1', planVersion: 1, assessorUnitId: 'tjj', status: 'draft' as const, target, unitOfMeasure: '%', milestones: [], coUnitIds: [], version, updatedAt: '2027-03-01T00:00:00Z', updatedBy: 'yl_tjj',
});
const view = (): CommonGoalsView => ({
  cycleId: '2027',
  assessorUnitId: 'tjj',
  assessorName: '市统计局',
  stage: 2,
  year: 2027,
  indicators: [
    {
      indicatorId: '2.4',
      name: '统计数据质量',
      categories: [{ categoryId: 'c1', categoryName: '县（市、区）', name: '统计数据质量', points: 500, criteria: '按统计执法检查结果评定' }],
      rows: [row('yz', '玉州区'), row('fm', '福绵区', savedGoal('fm', 3, 2))],
      withTarget: 1,
    },
  ],
});

describe('common-indicator targets page', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  async function mountPage(answer: (url: string, init?: RequestInit) => Response | undefined) {
    fetchMock.mockImplementation(async (url, init) => answer(String(url), init) ?? (String(url) === BASE ? json(200, view()) : json(404, { error: { code: 'NOT_FOUND', message: String(url) } })));
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/common-goals/:cycleId?', name: 'common-goals', component: CommonGoalsPage }] });
    const plugs = plugins();
    useSessionStore().me = { ...caller('yl_tjj', 'assessor_staff', 'tjj'), roleName: '' };
    wrapper = mount(CommonGoalsPage, { props: { cycleId: '2027' }, global: { plugins: [...plugs, router] }, attachTo: document.body });
    await flushPromises();
  }
  const sent = (method: string) => fetchMock.mock.calls.filter(([, init]) => init?.method === method).map(([url, init]) => ({ url: String(url), body: JSON.parse(String(init!.body)) }));
  async function type(id: string, value: string) {
    const el = input(id);
    el.value = value;
    el.dispatchEvent(new Event('input'));
    await flushPromises();
  }

  it('lists the indicator per category with how many units have a target, and its table of units', async () => {
    await mountPage(() => undefined);
    expect(q('common-count-c1-2.4')?.textContent?.trim()).toBe('已填 1 / 2');
    expect(q('common-table-title')?.textContent).toContain('2.4 统计数据质量');
    expect(input('common-target-fm').value).toBe('3');
    expect(input('common-target-yz').value).toBe('');
  });

  it('saves a row a moment after typing stops, with the version read; the worklist count follows', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await mountPage((url, init) => (init?.method === 'PUT' && url === `${BASE}/2.4` ? json(200, savedGoal('yz', 8, 1)) : undefined));
    await type('common-target-yz', '8');
    await type('common-uom-yz', '%');
    await type('common-milestones-yz', '2027-06-30：4');
    expect(q('common-state-yz')?.textContent).toBe('待保存');
    expect(sent('PUT')).toEqual([]);
    vi.advanceTimersByTime(AUTOSAVE_MS);
    await flushPromises();
    expect(sent('PUT')).toEqual([{ url: `${BASE}/2.4`, body: { unitId: 'yz', version: 0, target: 8, unitOfMeasure: '%', milestones: [{ date: '2027-06-30', expected: 4 }] } }]);
    expect(q('common-state-yz')?.textContent).toBe('已保存');
    expect(q('common-count-c1-2.4')?.textContent?.trim()).toBe('已填 2 / 2');
  });

  it('with 输入后自动保存 off, keeps typed rows for the whole-table save', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await mountPage(() => undefined);
    q('common-autosave')!.click();
    await flushPromises();
    await type('common-target-yz', '8');
    input('common-target-yz').dispatchEvent(new Event('blur'));
    vi.advanceTimersByTime(AUTOSAVE_MS * 3);
    await flushPromises();
    expect(sent('PUT')).toEqual([]);
    expect(q('common-state-yz')?.textContent).toBe('待保存');
    expect(q('common-table-save')?.textContent).toContain('1 行');
  });

  it('shows a row’s conflict (409) on the row, and a milestone it cannot read without sending it', async () => {
    await mountPage((_url, init) => (init?.method === 'PUT' ? json(409, { error: { code: 'CONFLICT', message: '「福绵区」的目标已被他人修改，请刷新后重试' } }) : undefined));
    await type('common-target-fm', '4');
    input('common-target-fm').dispatchEvent(new Event('blur'));
    await flushPromises();
    expect(sent('PUT')[0]!.body).toMatchObject({ unitId: 'fm', version: 2, target: 4 });
    expect(q('common-state-fm')?.textContent).toBe('有误');
    expect(q('common-error-fm')?.textContent).toContain('已被他人修改');
    await type('common-milestones-yz', '六月底完成一半');
    input('common-milestones-yz').dispatchEvent(new Event('blur'));
    await flushPromises();
    expect(sent('PUT')).toHaveLength(1);
    expect(q('common-error-yz')?.textContent).toContain('无法识别');
  });

  it('saves the changed rows as one table; a refusal names the wrong row and keeps every row to be saved', async () => {
    let answer = json(400, { error: { code: 'VALIDATION', message: '表中有 1 处问题，未保存任何一行', details: [{ path: 'body.rows.1.milestones.0.date', message: '节点日期 2028-01-31 不在 2027 年度内' }] } });
    await mountPage((url, init) => (init?.method === 'POST' && url === `${BASE}/2.4` ? answer : undefined));
    await type('common-target-yz', '8');
    await type('common-uom-yz', '%');
    await type('common-milestones-fm', '2028-01-31：1');
    expect(q('common-table-save')?.textContent).toContain('2 行');
    q('common-table-save')!.click();
    await flushPromises();
    expect(sent('POST')[0]!.body.rows.map((r: { unitId: string }) => r.unitId)).toEqual(['yz', 'fm']);
    expect(q('common-table-error')?.textContent).toContain('未保存任何一行');
    expect(q('common-error-fm')?.textContent).toContain('不在 2027 年度内');
    expect(q('common-state-yz')?.textContent).toBe('待保存');
    const fresh = view().indicators[0]!;
    answer = json(201, { ...fresh, rows: [row('yz', '玉州区', savedGoal('yz', 8, 1)), row('fm', '福绵区', savedGoal('fm', 3, 3))], withTarget: 2 });
    await type('common-milestones-fm', '');
    q('common-table-save')!.click();
    await flushPromises();
    expect(q('common-state-yz')?.textContent).toBe('已保存');
    expect(q('common-count-c1-2.4')?.textContent?.trim()).toBe('已填 2 / 2');
  });
});

describe('common-indicator targets page for the bureau', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });
  it('opens the first assessor unit of the region on the bureau’s behalf', async () => {
    const fetchMock = vi.fn<typeof fetch>(async (url) => (String(url).endsWith('/units') ? json(200, { items: units }) : String(url) === BASE ? json(200, view()) : json(404, { error: { code: 'NOT_FOUND', message: String(url) } })));
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/common-goals/:cycleId?', name: 'common-goals', component: CommonGoalsPage }] });
    const plugs = plugins();
    useSessionStore().me = { ...caller('yl_staff', 'bureau_staff', 'jxb'), roleName: '' };
    const w = mount(CommonGoalsPage, { props: { cycleId: '2027' }, global: { plugins: [...plugs, router] }, attachTo: document.body });
    await flushPromises();
    // 市统计局 is the fixture region's only assessor unit: its worklist, not the bureau's own unit's.
    expect(fetchMock.mock.calls.map(([u]) => String(u))).toContain(BASE);
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('/assessors/jxb/'))).toBe(false);
    expect(q('common-goals-assessor')).not.toBeNull();
    expect(q('common-count-c1-2.4')?.textContent?.trim()).toBe('已填 1 / 2');
    w.unmount();
  });
});

describe('unit goals page with a common goal', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });
  it('marks it as set by the assessor unit, without an edit button, and names it waiting while unset', async () => {
    const leaves = [
      { indicatorId: '1.1', name: '地区生产总值增速', parents: ['经济发展'], points: 500 },
      { indicatorId: '2.4', name: '统计数据质量', parents: ['共性指标'], points: 500, common: true, assessorUnitId: 'tjj' },
      { indicatorId: '2.5', name: '党的建设', parents: ['共性指标'], points: 500, common: true, assessorUnitId: 'jyj' },
    ];
    const unitView: UnitGoalsView = {
      cycleId: '2027', unitId: 'yz', unitName: '玉州区', categoryId: 'c1', categoryName: '县（市、区）', planVersion: 1, stage: 2,
      set: { status: 'draft', version: 1, counts: { draft: 1, submitted: 0, returned: 0, approved: 0 } },
      editable: true,
      leaves,
      goals: [{ ...savedGoal('yz', 8, 1), indicatorId: '2.4', status: 'draft' }],
      problems: [{ indicatorId: '2.5', code: 'awaitingAssessor', path: 'goals.2.5', message: '共性指标「2.5 党的建设」待考评单位制定目标' }],
    };
    const fetchMock = vi.fn<typeof fetch>(async (url) => (String(url).endsWith('/units') ? json(200, { items: units }) : json(200, unitView)));
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/goals/:cycleId?', name: 'unit-goals', component: UnitGoalsPage }] });
    const plugs = plugins();
    useSessionStore().me = { ...unitLeader, roleName: '' };
    const w = mount(UnitGoalsPage, { props: { cycleId: '2027' }, global: { plugins: [...plugs, router] }, attachTo: document.body });
    await flushPromises();
    expect(q('goal-assessor-2.4')?.textContent?.trim()).toBe('由考评单位制定：市统计局');
    expect(q('goal-edit-2.4')).toBeNull();
    expect(q('goal-assessor-2.5')?.textContent?.trim()).toBe('待考评单位制定');
    expect(q('goal-edit-1.1')).not.toBeNull();
    expect(q('goals-problem-2.5')?.textContent).toContain('待考评单位制定目标');
    expect(q('goal-sheet-template')).not.toBeNull();
    w.unmount();
  });
});
