// 单位管理 导入 on the page: a picked sheet is previewed by a dry run, confirmed, and the dialog closes;
// an import refused with row errors (the list changed since the preview) shows them in place.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureHttp } from '@/api/http';
import type { UnitView } from '@/api/organisation';
import { useSessionStore } from '@/stores/session';
import UnitsPage from '@/views/unit/index.vue';
import { plugins } from './setup';

const units: UnitView[] = [{ unitId: 'jxb', name: '市绩效办', type: 'bureau', status: 'active', names: [{ name: '市绩效办', from: '' }], version: 1 }];
const header = ['单位名称', '简称', '单位类型', '默认考评类别', '是否考评单位', '考评领域'];
const entry = { row: 2, cells: { name: '市数据局', shortName: '', type: '部门', category: '', assessor: '否', assessorField: '' } };

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function sheetFile(): Promise<File> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('单位名单');
  sheet.addRow(header);
  sheet.addRow(['市数据局', '', '部门', '', '否', '']);
  return new File([(await wb.xlsx.writeBuffer()) as ArrayBuffer], '单位.xlsx');
}

describe('units page: 导入', () => {
  let wrapper: VueWrapper | undefined;
  const importCalls = () => vi.mocked(fetch).mock.calls.filter(([u]) => String(u).endsWith('/import'));
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  /** The page as the bureau sees it, a sheet picked and previewed; `imported` answers the real import. */
  async function pickSheet(imported: () => Response) {
    const answer = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!String(input).endsWith('/import')) return json(200, { items: units });
      const body = JSON.parse(String(init?.body)) as { rows: string[][]; dryRun?: boolean };
      expect(body.rows).toEqual([header, ['市数据局', '', '部门', '', '否', '']]);
      return body.dryRun ? json(200, { dryRun: true, valid: true, headerRow: 1, count: 1, entries: [entry], errors: [] }) : imported();
    };
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(answer));
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
    const installed = plugins();
    useSessionStore().me = { username: 'u', name: 'u', role: 'bureau_staff', regionId: '450900', unitId: 'jxb', roleName: '' };
    wrapper = mount(UnitsPage, { global: { plugins: installed }, attachTo: document.body });
    await flushPromises();
    // As the upload calls the page when a file is chosen (it is read in the browser, never uploaded).
    (wrapper.findComponent({ name: 'ElUpload' }).props('onChange') as (file: { raw: File }) => void)({ raw: await sheetFile() });
    await vi.waitFor(() => expect(q('unit-import-summary')?.textContent).toContain('共 1 个单位，检查无误'));
  }

  it('previews the sheet, imports it on confirmation and closes', async () => {
    // Prepare
    await pickSheet(() => json(200, { count: 1, items: [] }));

    // Act
    q('unit-import-confirm')!.click();
    await flushPromises();

    // Assess
    expect(importCalls()).toHaveLength(2);
    expect(wrapper!.findComponent({ name: 'UnitImportDialog' }).props('modelValue')).toBe(false);
    expect(document.body.textContent).toContain('已导入 1 个单位');
  });

  it('shows the row errors of a refused import in place of the preview', async () => {
    // Prepare
    const refusal = { error: { code: 'VALIDATION', message: '表格有 1 处错误', details: [{ path: 'body.rows.1', message: '第 2 行', row: 2, column: '单位名称', reason: '名称「市数据局」已被在用单位使用' }] } };
    await pickSheet(() => json(400, refusal));

    // Act
    q('unit-import-confirm')!.click();
    await flushPromises();

    // Assess
    expect(q('unit-import-summary')?.textContent).toContain('表格有 1 处错误（涉及 1 行）');
    expect(q('unit-import-bad-2-name')?.textContent).toContain('已被在用单位使用');
    expect(q('unit-import-confirm')?.hasAttribute('disabled')).toBe(true);
  });
});
