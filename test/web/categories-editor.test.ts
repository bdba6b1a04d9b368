import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureHttp } from '@/api/http';
import type { CategoriesView, UnitView } from '@/api/organisation';
import { useSessionStore } from '@/stores/session';
import CategoriesPage from '@/views/cycle/categories/index.vue';
import { draftFrom, errorsOf, holders, unassignedOf } from '@/views/cycle/categories/useCategoryEditor';
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
