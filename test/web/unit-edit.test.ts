// 单位管理 编辑: the draft starts from the unit, the body carries every editable field and the version
// read, the shared schema catches an assessor without a field, and the page sends a PUT.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureHttp } from '@/api/http';
import type { UnitView } from '@/api/organisation';
import { useSessionStore } from '@/stores/session';
import UnitsPage from '@/views/unit/index.vue';
import { bodyFor, checkBody, draftFor, newDraft } from '@/views/unit/useUnitForms';
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
  unit('slj', '玉林市水利局', { category: '市直政府部门', version: 4 }),
  unit('tjj', '玉林市统计局', { shortName: '市统计局', assessor: true, assessorField: '统计', category: '市直政府部门' }),
  unit('njj', '市农机局', { status: 'retired', retiredOn: '2025-06-30' }),
];

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('unit edit form logic', () => {
  it('starts from the unit’s current values', () => {
    expect(draftFor('edit', units[2])).toMatchObject({ name: '玉林市统计局', shortName: '市统计局', assessor: true, assessorField: '统计', category: '市直政府部门' });
    expect(draftFor('edit', units[1])).toMatchObject({ shortName: '', assessor: false, assessorField: '', category: '市直政府部门' });
    expect(draftFor('rename', units[2])).toMatchObject({ name: '玉林市统计局', shortName: '市统计局', assessor: false });
    expect(draftFor('merge', units[1]).sources).toEqual(['slj']);
  });

  it('sends every editable field with the version read, never the name', () => {
    const draft = { ...draftFor('edit', units[1]), assessor: true, assessorField: ' 水利 ', shortName: ' 市水利局 ' };
    const body = bodyFor('edit', draft, units[1], units);
    expect(body).toEqual({ shortName: '市水利局', assessor: true, assessorField: '水利', category: '市直政府部门', version: 4 });
    expect(checkBody('edit', body)).toEqual({});
  });

  it('drops the field when the designation is withdrawn, and clears an emptied short name', () => {
    const draft = { ...draftFor('edit', units[2]), assessor: false, shortName: '' };
    expect(bodyFor('edit', draft, units[2], units)).toEqual({ shortName: '', assessor: false, assessorField: undefined, category: '市直政府部门', version: 1 });
  });

  it('refuses a look-alike name in the page, as the API does', () => {
    for (const name of ['玉林市教育\u200B局', '玉林市\u202E局育教']) {
      expect(checkBody('create', bodyFor('create', { ...newDraft(), name }, undefined, units))).toEqual({ name: '含有不可见字符或控制字符' });
      expect(checkBody('rename', bodyFor('rename', { ...draftFor('rename', units[1]), name }, units[1], units))).toEqual({ name: '含有不可见字符或控制字符' });
    }
  });

  it('asks for the assessor field of an assessor unit', () => {
    const draft = { ...draftFor('edit', units[1]), assessor: true };
    expect(checkBody('edit', bodyFor('edit', draft, units[1], units))).toEqual({ assessorField: '考评单位须填写考评领域' });
  });
});

describe('units page: 编辑', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  async function mountPage() {
    fetchMock.mockImplementation(async () => json(200, { items: units }));
    const installed = plugins();
    useSessionStore().me = { username: 'u', name: 'u', role: 'bureau_staff', regionId: '450900', unitId: 'jxb', roleName: '' };
    const wrapper = mount(UnitsPage, { global: { plugins: installed }, attachTo: document.body });
    await flushPromises();
    return wrapper;
  }

  it('offers 编辑 for active units only, and sends the edit as a PUT with the version read', async () => {
    // Prepare
    const wrapper = await mountPage();
    expect(wrapper.find('[data-testid="unit-edit-slj"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="unit-edit-njj"]').exists()).toBe(false);

    // Act: open the dialog on 水利局, designate it as assessor without a field, then with one
    await wrapper.get('[data-testid="unit-edit-slj"]').trigger('click');
    await flushPromises();
    const form = document.querySelector('[data-testid="unit-form"]')!;
    expect(form.textContent).toContain('更名');
    expect(document.querySelector('[data-testid="unit-form-name"]')).toBeNull();
    (document.querySelector('[data-testid="unit-form-assessor"]') as HTMLElement).click();
    await flushPromises();
    (document.querySelector('[data-testid="unit-form-save"]') as HTMLElement).click();
    await flushPromises();

    // Assess: refused in the page (the field marked, its message given), nothing sent
    const fieldInput = document.querySelector('[data-testid="unit-form-assessorField"]') as HTMLInputElement;
    expect(fieldInput.closest('.el-form-item')!.classList).toContain('is-error');
    expect(wrapper.findComponent({ name: 'UnitDialog' }).props('errors')).toEqual({ assessorField: '考评单位须填写考评领域' });
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'PUT')).toHaveLength(0);

    // Act
    fieldInput.value = '水利';
    fieldInput.dispatchEvent(new Event('input'));
    fetchMock.mockImplementation(async (_url, init) =>
      init?.method === 'PUT' ? json(200, { ...units[1], assessor: true, assessorField: '水利', version: 5 }) : json(200, { items: units }),
    );
    (document.querySelector('[data-testid="unit-form-save"]') as HTMLElement).click();
    await flushPromises();

    // Assess
    const [url, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'PUT')!;
    expect(String(url)).toBe('/api/regions/450900/units/slj');
    expect(JSON.parse(String(init?.body))).toEqual({ shortName: '', assessor: true, assessorField: '水利', category: '市直政府部门', version: 4 });
    wrapper.unmount();
  });
});
