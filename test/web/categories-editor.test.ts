import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkAssignment } from '@shared/domain/organisation.ts';
import { configureHttp } from '@/api/http';
import type { CategoriesView, UnitView } from '@/api/organisation';
import { useSessionStore } from '@/stores/session';
import CategoriesPage from '@/views/cycle/categories/index.vue';
import { draftFrom, errorsOf, holders, replaceIn, resolveStale, staleUnits, unassignedOf } from '@/views/cycle/categories/useCategoryEditor';
import { filterUnits, emptyFilters } from '@/views/unit/useUnitList';
import { bodyFor, checkBody, newDraft } from '@/views/unit/useUnitForms';
import { plugins } from './setup';

const unit = (unitId: string, name: string, extra: Partial<UnitView> = {}): UnitView => ({
  unitId,
  name,
  type: 'department',
  status: 'active',
  names: [{ name, from: '2024-01-01' }],
  version: 1,
  ...extra,
});

const units: UnitView[] = [
  unit('jxb', '市绩效办', { type: 'bureau' }),
  unit('yz', '玉州区', { type: 'county', category: '县（市、区）' }),
  unit('fm', '福绵区', { type: 'county', category: '县（市、区）' }),
  unit('jyj', '市教育局', { assessor: true, assessorField: '教育' }),
  unit('njj', '市农机局', { status: 'retired', retiredOn: '2025-06-30', names: [{ name: '市农机局', from: '' }, { name: '市农业机械化服务中心', from: '2020-01-01' }] }),
  unit('sqmy', '社情民意调查中心', { type: 'third_party' }),
];

const view = (editable: boolean): CategoriesView => ({
  version: 3,
  editable,
  categories: [{ categoryId: 'c1', name: '县（市、区）', order: 1, units: [{ unitId: 'yz', name: '玉州区（旧名）', type: 'county' }] }],
  unassigned: [],
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('category editor logic', () => {
  it('computes the responsible units no category holds, as the draft changes', () => {
    // Prepare
    const draft = draftFrom(view(true));

    // Act
    const before = unassignedOf(units, draft).map((u) => u.unitId);
    draft[0]!.unitIds.push('fm');
    const after = unassignedOf(units, draft).map((u) => u.unitId);

    // Assess: neither the bureau, the third party nor the retired unit is ever "unassigned"
    expect(before).toEqual(['fm', 'jyj']);
    expect(after).toEqual(['jyj']);
  });

  it('knows which category holds a unit and gathers each category’s errors', () => {
    // Prepare
    const draft = [...draftFrom(view(true)), { key: 99, name: '部门', unitIds: ['jyj', 'yz'] }];
    const errors = { 'categories.1.name': '重复', 'categories.1.unitIds.1': '「玉州区」已在类别「县（市、区）」中', 'categories.10.unitIds.0': 'x' };

    // Act + Assess
    expect(holders(draft).get('yz')).toBe(0);
    expect(holders(draft).get('jyj')).toBe(1);
    expect(errorsOf(errors, 1)).toEqual({ name: '重复', units: ['「玉州区」已在类别「县（市、区）」中'] });
    expect(errorsOf(errors, 0)).toEqual({ name: undefined, units: [] });
  });
});

// A saved assignment from before: 兴业县 retired since, 博白县 merged into 陆川县, 北流市 merged into 玉州区
// (which another category holds), 容县 merged into 市农机局, itself retired.
const later: UnitView[] = [
  ...units,
  unit('xy', '兴业县', { type: 'county', status: 'retired', retiredOn: '2030-08-01' }),
  unit('bb', '博白县', { type: 'county', status: 'retired', retiredOn: '2030-08-01', mergedInto: 'lc' }),
  unit('lc', '陆川县', { type: 'county' }),
  unit('bl', '北流市', { type: 'county', status: 'retired', retiredOn: '2030-08-01', mergedInto: 'yz' }),
  unit('rx', '容县', { type: 'county', status: 'retired', retiredOn: '2030-08-01', mergedInto: 'njj' }),
];
const staleView = (): CategoriesView => ({
  version: 5,
  editable: true,
  categories: [
    { categoryId: 'c1', name: '城区', order: 1, units: [{ unitId: 'yz', name: '玉州区', type: 'county' }] },
    {
      categoryId: 'c2',
      name: '县',
      order: 2,
      units: ['fm', 'xy', 'bb', 'bl', 'rx', 'gone'].map((unitId) => ({ unitId, name: unitId === 'gone' ? '已删除的单位' : unitId, type: 'county' as const })),
    },
  ],
  unassigned: [],
});

describe('stale units in a saved assignment', () => {
  it('flags each retired or merged unit in its category with what became of it and what can take its place', () => {
    // Act
    const stale = staleUnits(later, draftFrom(staleView()), new Map([['gone', '已删除的单位']]));

    // Assess
    expect(stale[0]).toEqual([]);
    expect(stale[1]).toEqual([
      { unitId: 'xy', name: '兴业县', retiredOn: '2030-08-01' },
      { unitId: 'bb', name: '博白县', retiredOn: '2030-08-01', mergedInto: '陆川县', replacement: { unitId: 'lc', name: '陆川县' } },
      { unitId: 'bl', name: '北流市', retiredOn: '2030-08-01', mergedInto: '玉州区', replacementElsewhere: { name: '玉州区', category: '城区' } },
      { unitId: 'rx', name: '容县', retiredOn: '2030-08-01', mergedInto: '市农机局' },
      { unitId: 'gone', name: '已删除的单位' },
    ]);
  });

  it('removes a unit, or puts its replacement in its place once', () => {
    const draft = [{ key: 1, name: '县', unitIds: ['fm', 'bb', 'lc', 'xy'] }];
    replaceIn(draft, 0, 'bb', 'lc');
    expect(draft[0]!.unitIds).toEqual(['fm', 'lc', 'xy']);
    replaceIn(draft, 0, 'xy');
    expect(draft[0]!.unitIds).toEqual(['fm', 'lc']);
  });

  it('fixes everything in one go: merged units replaced where possible, the rest removed, and the result saves', () => {
    // Prepare
    const draft = draftFrom(staleView());

    // Act
    const done = resolveStale(later, draft);

    // Assess
    expect(done).toEqual({ replaced: 1, removed: 4 });
    expect(draft.map((c) => c.unitIds)).toEqual([['yz'], ['fm', 'lc']]);
    expect(staleUnits(later, draft).flat()).toEqual([]);
    expect(checkAssignment(later, draft)).toEqual([]);
  });
});

describe('unit list and forms logic', () => {
  it('filters by keyword (former names too), type, status and assessor', () => {
    expect(filterUnits(units, emptyFilters()).map((u) => u.unitId)).toEqual(['jxb', 'yz', 'fm', 'jyj', 'sqmy']);
    expect(filterUnits(units, { ...emptyFilters(), status: '', keyword: '农业机械' }).map((u) => u.unitId)).toEqual(['njj']);
    expect(filterUnits(units, { ...emptyFilters(), type: 'county' }).map((u) => u.unitId)).toEqual(['yz', 'fm']);
    expect(filterUnits(units, { ...emptyFilters(), assessor: 'yes' }).map((u) => u.unitId)).toEqual(['jyj']);
  });

  it('builds a merge into a new unit with each source’s version, and checks it with the shared schema', () => {
    // Prepare
    const draft = { ...newDraft(), sources: ['yz', 'fm'], name: '玉州区', type: 'county' as const, reason: '区划调整' };

    // Act
    const body = bodyFor('merge', draft, undefined, units) as any;

    // Assess
    expect(body.sources).toEqual([{ unitId: 'yz', version: 1 }, { unitId: 'fm', version: 1 }]);
    expect(body.newUnit).toMatchObject({ name: '玉州区', type: 'county' });
    expect(checkBody('merge', body)).toEqual({});
    expect(Object.keys(checkBody('retire', { on: '2025-13-01', reason: '', version: 1 }))).toEqual(['on', 'reason']);
  });
});

describe('categories page', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  async function mountPage(role: 'bureau_staff' | 'unit_staff', v: CategoriesView) {
    fetchMock.mockImplementation(async (url) => (String(url).endsWith('/categories') ? json(200, v) : json(200, { items: units })));
    const wrapper = mount(CategoriesPage, { props: { cycleId: '2030' }, global: { plugins: plugins() } });
    useSessionStore().me = { username: 'u', name: 'u', role, regionId: '450900', unitId: 'x', roleName: '' };
    await flushPromises();
    return wrapper;
  }

  it('highlights the unassigned units for the bureau and shows server errors at the category', async () => {
    // Prepare
    const wrapper = await mountPage('bureau_staff', view(true));

    // Assess: unassigned
    const alert = wrapper.get('[data-testid="categories-unassigned"]');
    expect(alert.text()).toContain('尚有 2 个绩效责任单位未划入任何类别');
    expect(alert.text()).toContain('福绵区');
    expect(alert.text()).not.toContain('社情民意调查中心');

    // Act: the server refuses
    fetchMock.mockResolvedValueOnce(
      json(400, { error: { code: 'VALIDATION', message: '考评类别有误', details: [{ path: 'body.categories.0.unitIds.0', message: '「玉州区」已撤销' }] } }),
    );
    await wrapper.get('[data-testid="categories-save"]').trigger('click');
    await flushPromises();

    // Assess: the PUT carried the version read, the error sits at the category
    const [url, init] = fetchMock.mock.calls.at(-1)!;
    expect(String(url)).toBe('/api/regions/450900/cycles/2030/categories');
    expect(init?.method).toBe('PUT');
    expect(JSON.parse(String(init?.body))).toEqual({ version: 3, categories: [{ categoryId: 'c1', name: '县（市、区）', unitIds: ['yz'] }] });
    expect(wrapper.get('[data-testid="category-0"]').text()).toContain('「玉州区」已撤销');
  });

  it('flags the units retired or merged since, fixes them in one click and saves the corrected list', async () => {
    // Prepare
    fetchMock.mockImplementation(async (url) => (String(url).endsWith('/categories') ? json(200, staleView()) : json(200, { items: later })));
    const wrapper = mount(CategoriesPage, { props: { cycleId: '2030' }, global: { plugins: plugins() } });
    useSessionStore().me = { username: 'u', name: 'u', role: 'bureau_staff', regionId: '450900', unitId: 'x', roleName: '' };
    await flushPromises();

    // Assess: the alert counts them, each sits in its category with its tag and its fixes
    expect(wrapper.get('[data-testid="categories-stale"]').text()).toContain('本周期的类别中有 5 个单位已撤销或已合并');
    expect(wrapper.find('[data-testid="category-stale-0"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="category-stale-1-xy"]').text()).toContain('已撤销');
    // The select's own tags read as names with what became of them, not as bare ids
    expect(wrapper.get('[data-testid="category-1"]').text()).toContain('兴业县（已撤销）');
    const bb = wrapper.get('[data-testid="category-stale-1-bb"]');
    expect(bb.text()).toContain('已并入「陆川县」');
    expect(bb.text()).toContain('替换为「陆川县」');
    expect(wrapper.get('[data-testid="category-stale-1-bl"]').text()).toContain('「玉州区」已在类别「城区」中');
    expect(wrapper.find('[data-testid="category-stale-replace-1-bl"]').exists()).toBe(false);

    // Act: replace 博白县 by hand, then fix the rest in one click
    await wrapper.get('[data-testid="category-stale-replace-1-bb"]').trigger('click');
    expect(wrapper.find('[data-testid="category-stale-1-bb"]').exists()).toBe(false);
    await wrapper.get('[data-testid="categories-fix-stale"]').trigger('click');
    expect(wrapper.find('[data-testid="categories-stale"]').exists()).toBe(false);
    fetchMock.mockResolvedValueOnce(json(200, { ...staleView(), version: 6 }));
    await wrapper.get('[data-testid="categories-save"]').trigger('click');
    await flushPromises();

    // Assess: what was sent
    const [, init] = fetchMock.mock.calls.at(-1)!;
    expect(init?.method).toBe('PUT');
    expect(JSON.parse(String(init?.body))).toEqual({
      version: 5,
      categories: [
        { categoryId: 'c1', name: '城区', unitIds: ['yz'] },
        { categoryId: 'c2', name: '县', unitIds: ['fm', 'lc'] },
      ],
    });
  });

  it('shows the cycle’s snapshot read-only once the plan stage is over', async () => {
    // Act
    const wrapper = await mountPage('bureau_staff', view(false));

    // Assess
    expect(wrapper.find('[data-testid="categories-readonly"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="categories-save"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="categories-unassigned"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="category-0"]').text()).toContain('玉州区（旧名）');
  });
});
