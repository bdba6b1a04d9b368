import { flushPromises, mount } from '@vue/test-utils';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseUnitRows, UNIT_TYPE_NAMES, type UnitRowSource } from '@shared/domain/unit-rows.ts';
import { ApiError } from '@/api/http';
import zh from '@/locales/zh-CN.json';
import { problemIndex } from '@/utils/sheet-rows';
import { cellText, readFirstSheet } from '@/utils/xlsx';
import UnitImportDialog from '@/views/unit/UnitImportDialog.vue';
import { rowErrorsOf } from '@/composables/useSheetImport';
import { unitErrorRows, unitErrorsWorkbook, unitsWorkbook, unitTemplateWorkbook } from '@/views/unit/unit-xlsx';
import { plugins } from './setup';

const existing = [
  { unitId: 'jxb', name: '市绩效办', type: 'bureau' as const },
  { unitId: 'jyj', name: '市教育局', type: 'department' as const },
];

async function workbookBuffer(fill: (wb: ExcelJS.Workbook) => void): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer).slice().buffer;
}

describe('units: xlsx', () => {
  it('uses the portal’s type names', () => {
    // Assess
    expect(zh.units.types).toEqual(UNIT_TYPE_NAMES);
  });

  it('reads back a hand-made workbook: a title row, merged title, rich text, numbers and a blank row', async () => {
    // Prepare
    const data = await workbookBuffer((wb) => {
      const sheet = wb.addWorksheet('名单');
      sheet.addRow(['2031年度新增绩效责任单位']);
      sheet.mergeCells('A1:F1');
      sheet.addRow(['单位名称', '简称', '单位类型', '默认考评类别', '是否考评单位', '考评领域']);
      sheet.addRow([{ richText: [{ text: '玉林市' }, { text: '数据局' }] }, '市数据局', '部门', '市直政府部门', '是', '数字政府']);
      sheet.addRow([]);
      sheet.addRow(['城西街道', null, '镇（街道）', null, '否']);
      sheet.addRow(['第 3 中心', 2031, '其他']);
    });

    // Act
    const rows = await readFirstSheet(data);
    const res = parseUnitRows(rows, existing);

    // Assess
    expect(res.errors).toEqual([]);
    expect(res.headerRow).toBe(2);
    expect(res.units).toEqual([
      { type: 'department', name: '玉林市数据局', shortName: '市数据局', assessor: true, assessorField: '数字政府', category: '市直政府部门' },
      { type: 'town', name: '城西街道', assessor: false },
      { type: 'other', name: '第 3 中心', shortName: '2031', assessor: false },
    ]);
    expect(res.entries.map((e) => e.row)).toEqual([3, 5, 6]);
  });

  it('exports units so that the sheet reads back to the same units, with 状态 and 名称沿革', async () => {
    // Prepare
    const units: UnitRowSource[] = [
      { name: '玉林市数据局', shortName: '市数据局', type: 'department', category: '市直政府部门', assessor: true, assessorField: '数字政府', status: 'active', names: [{ name: '玉林市大数据发展局', from: '' }, { name: '玉林市数据局', from: '2030-01-01' }] },
      { name: '兴业县', type: 'county', category: '县（市、区）', status: 'active', names: [{ name: '兴业县', from: '' }] },
      { name: '社情民意调查中心', type: 'third_party', status: 'active' },
    ];

    // Act
    const rows = await readFirstSheet(await (await unitsWorkbook(units)).arrayBuffer());

    // Assess
    expect(rows[0]).toEqual(['单位名称', '简称', '单位类型', '默认考评类别', '是否考评单位', '考评领域', '状态', '名称沿革']);
    expect(rows[1]).toEqual(['玉林市数据局', '市数据局', '部门', '市直政府部门', '是', '数字政府', '在用', '玉林市大数据发展局 → 玉林市数据局（2030-01-01起）']);
    expect(parseUnitRows(rows, existing).units).toEqual([
      { type: 'department', name: '玉林市数据局', shortName: '市数据局', assessor: true, assessorField: '数字政府', category: '市直政府部门' },
      { type: 'county', name: '兴业县', assessor: false, category: '县（市、区）' },
      { type: 'third_party', name: '社情民意调查中心', assessor: false },
    ]);
  });

  it('gives a template that imports without a problem', async () => {
    // Act
    const rows = await readFirstSheet(await (await unitTemplateWorkbook()).arrayBuffer());

    // Assess
    expect(rows[0]).toEqual(['单位名称', '简称', '单位类型', '默认考评类别', '是否考评单位', '考评领域']);
    expect(parseUnitRows(rows, existing).errors).toEqual([]);
  });

  it('writes 错误数据 as the bad rows with their reasons, importable again once corrected', async () => {
    // Prepare
    const rows = [
      ['单位名称', '简称', '单位类型', '默认考评类别', '是否考评单位', '考评领域'],
      ['市数据局', '', '局', '', '否', ''],
      ['市医保局', '', '部门', '', '否', ''],
      ['市教育局', '', '部门', '', '否', '体育'],
    ];
    const { entries, errors } = parseUnitRows(rows, existing);

    // Act
    const blob = await unitErrorsWorkbook(entries, errors);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await blob.arrayBuffer());

    // Assess
    const sheet = wb.getWorksheet('错误数据')!;
    const row = (r: number) => (sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1).map(cellText);
    expect(row(1)).toEqual(['单位名称', '简称', '单位类型', '默认考评类别', '是否考评单位', '考评领域', '原行号', '错误原因']);
    expect(row(2)).toEqual(['市数据局', '', '局', '', '否', '', '2', '单位类型：未知的单位类型「局」，应为县（市、区）、镇（街道）、部门、第三方机构、其他之一']);
    expect(row(3)).toEqual(['市教育局', '', '部门', '', '否', '体育', '4', '单位名称：名称「市教育局」已被在用单位使用；考评领域：填写了考评领域，但「是否考评单位」不是「是」']);
    expect(sheet.rowCount).toBe(3);
    const fixed = unitErrorRows(entries, errors).map((r, i) => (i === 1 ? ['市数据局', '', '部门', ...r.slice(3)] : r));
    expect(parseUnitRows(fixed.slice(0, 2), existing).errors).toEqual([]);
  });

  it('lists problems of the whole sheet first, without cells', () => {
    // Act
    const { entries, errors } = parseUnitRows([['说明'], ['单位名称', '单位类型']], existing);

    // Assess
    expect(unitErrorRows(entries, errors).slice(1)).toEqual([['', '', '', '', '', '', '2', '单位名称：表格没有数据行']]);
  });

  it('takes the row report out of a refused import', () => {
    // Prepare
    const e = new ApiError(400, 'VALIDATION', '表格有 1 处错误', [
      { path: 'body.rows.3', message: '第 4 行「单位类型」：未知', row: 4, column: '单位类型', reason: '未知' } as never,
      { path: 'body.rows', message: '表格为空' },
    ]);

    // Act & Assess
    expect(rowErrorsOf(e)).toEqual([{ row: 4, column: '单位类型', message: '未知' }]);
    expect(problemIndex(rowErrorsOf(e)).get('4|单位类型')).toEqual(['未知']);
  });
});

describe('units: import preview', () => {
  it('marks each bad cell with its reason and allows no confirmation while anything is wrong', async () => {
    // Prepare
    const rows = [['单位名称', '简称', '单位类型', '默认考评类别', '是否考评单位', '考评领域'], ['市数据局', '', '局', '', '否', ''], ['市医保局', '', '部门', '', '否', '']];
    const { entries, errors } = parseUnitRows(rows, existing);

    // Act
    const wrapper = mount(UnitImportDialog, {
      props: { modelValue: true, fileName: '名单.xlsx', entries, errors, importing: false },
      global: { plugins: plugins() },
      attachTo: document.body,
    });
    await flushPromises();

    // Assess
    const q = (id: string) => document.body.querySelector(`[data-testid="${id}"]`);
    expect(q('unit-import-summary')?.textContent).toContain('表格有 1 处错误（涉及 1 行）');
    expect(q('unit-import-bad-2-type')?.textContent).toContain('未知的单位类型「局」');
    expect(q('unit-import-bad-3-type')).toBeNull();
    expect(q('unit-import-confirm')?.hasAttribute('disabled')).toBe(true);
    (q('unit-import-download-errors') as HTMLElement).click();
    expect(wrapper.emitted('downloadErrors')).toHaveLength(1);

    // Act: a sheet without problems
    await wrapper.setProps({ entries: parseUnitRows([rows[0]!, rows[2]!], existing).entries, errors: [] });

    // Assess
    expect(q('unit-import-summary')?.textContent).toContain('共 1 个单位，检查无误');
    expect(q('unit-import-confirm')?.hasAttribute('disabled')).toBe(false);
    expect(q('unit-import-download-errors')).toBeNull();
    (q('unit-import-confirm') as HTMLElement).click();
    expect(wrapper.emitted('confirm')).toHaveLength(1);
    wrapper.unmount();
  });
});
