import { describe, expect, it } from 'vitest';
import type { UnitFacts } from '../../functions/domain/organisation.ts';
import {
  findUnitHeader,
  MAX_IMPORT_UNITS,
  nameHistory,
  parseUnitRows,
  parseUnitType,
  unitHeader,
  unitsToRows,
  unitTemplateRows,
} from '../../functions/domain/unit-rows.ts';

const existing: UnitFacts[] = [
  { unitId: 'jxb', name: '市绩效办', type: 'bureau' },
  { unitId: 'yz', name: '玉州区', type: 'county' },
  { unitId: 'jyj', name: '市教育局', type: 'department' },
  { unitId: 'old', name: '市农机局', type: 'department', status: 'retired' },
];

const HEADER = unitHeader();
const sheet = (...rows: string[][]) => [HEADER, ...rows];
const problems = (rows: string[][]) => parseUnitRows(rows, existing).errors.map((e) => [e.row, e.column, e.message]);

describe('unit rows: a good sheet', () => {
  it('turns every row into a unit to create, with the Chinese labels read', () => {
    const res = parseUnitRows(
      sheet(
        ['兴业县', '', '县（市、区）', '县（市、区）', '否', ''],
        ['  城西街道  ', '城西', '镇(街道)', '', '', ''],
        ['市数据局', '数据局', '部门', '市直政府部门', '是', '数字政府'],
        ['社情民意调查中心（新）', '', '第三方机构', '', '否', ''],
        ['市档案馆', '', '其他', '', 'N', ''],
      ),
      existing,
    );
    expect(res.errors).toEqual([]);
    expect(res.headerRow).toBe(1);
    expect(res.units).toEqual([
      { type: 'county', name: '兴业县', assessor: false, category: '县（市、区）' },
      { type: 'town', name: '城西街道', shortName: '城西', assessor: false },
      { type: 'department', name: '市数据局', shortName: '数据局', assessor: true, assessorField: '数字政府', category: '市直政府部门' },
      { type: 'third_party', name: '社情民意调查中心（新）', assessor: false },
      { type: 'other', name: '市档案馆', assessor: false },
    ]);
    expect(res.entries.map((e) => e.row)).toEqual([2, 3, 4, 5, 6]);
  });

  it('takes back a retired unit’s name, skips blank rows and ignores export-only columns', () => {
    const rows = unitsToRows([{ name: '市农机局', type: 'department', status: 'active', names: [{ name: '市农机局', from: '2031-01-01' }] }]);
    rows.splice(1, 0, ['', '', '']);
    const res = parseUnitRows(rows, existing);
    expect(res.errors).toEqual([]);
    expect(res.units).toEqual([{ type: 'department', name: '市农机局', assessor: false }]);
    expect(res.entries[0]!.row).toBe(3);
  });

  it('reads the template’s example rows without a problem', () => {
    expect(parseUnitRows(unitTemplateRows(), existing).errors).toEqual([]);
  });
});

describe('unit rows: header detection', () => {
  it('finds the header below title rows, by name, in any column order and with required marks', () => {
    const rows = [
      ['玉林市绩效责任单位名单'],
      ['填表说明：类型填「县（市、区）」「镇（街道）」「部门」「第三方机构」「其他」'],
      [],
      ['序号', '考评领域', '类型', '*单位名称', '简称', '默认类别', '考评单位'],
      ['1', '统计', '部门', '市统计局（新）', '', '', '是'],
    ];
    expect(findUnitHeader(rows)).toBe(3);
    const res = parseUnitRows(rows, existing);
    expect(res.errors).toEqual([]);
    expect(res.headerRow).toBe(4);
    expect(res.units).toEqual([{ type: 'department', name: '市统计局（新）', assessor: true, assessorField: '统计' }]);
    expect(res.entries[0]!.row).toBe(5);
  });

  it('reports a sheet without a header row, or without data', () => {
    expect(problems([['单位名称', '简称'], ['市数据局', '']])).toEqual([[1, '单位名称', '找不到表头行（应有「单位名称」「单位类型」等列）']]);
    expect(problems([['标题'], HEADER, []])).toEqual([[2, '单位名称', '表格没有数据行']]);
  });
});

describe('unit rows: bad rows', () => {
  it('names the row, the column and the reason of each bad cell, and gives no units', () => {
    const long = (n: number) => '字'.repeat(n);
    const res = parseUnitRows(
      sheet(
        ['', '无名', '部门', '', '否', ''], // 2: empty name
        ['市数据局', '', '局', '', '否', ''], // 3: unknown type
        ['市数据局', '', '部门', '', '否', ''], // 4: duplicate of row 3
        ['市教育局', '', '部门', '', '否', ''], // 5: taken by an active unit
        ['市体育局', '', '部门', '', '否', '体育'], // 6: field without 是
        ['市文旅局', '', '部门', '', '是', ''], // 7: 是 without field
        ['市商务局', '', '部门', '', '可能', ''], // 8: neither 是 nor 否
        [long(61), long(21), '', long(41), '否', ''], // 9: too long, type missing
        ['某绩效办', '', '绩效办', '', '否', ''], // 10: bureau
        ['甲', '', '部门', '', '否', ''], // 11: too short
        ['市水利局（新）', '', '部门', '', '是', long(41)], // 12: field too long
        ['市医保局', '', '部门', '', '否', ''], // 13: good
      ),
      existing,
    );
    expect(res.units).toEqual([]);
    expect(res.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '单位名称', '请填写单位名称'],
      [3, '单位类型', '未知的单位类型「局」，应为县（市、区）、镇（街道）、部门、第三方机构、其他之一'],
      [4, '单位名称', '「市数据局」与第 3 行重复'],
      [5, '单位名称', '名称「市教育局」已被在用单位使用'],
      [6, '考评领域', '填写了考评领域，但「是否考评单位」不是「是」'],
      [7, '考评领域', '考评单位须填写考评领域'],
      [8, '是否考评单位', '应为「是」或「否」，不是「可能」'],
      [9, '单位名称', '不能超过 60 个字（现有 61 个）'],
      [9, '简称', '不能超过 20 个字（现有 21 个）'],
      [9, '默认考评类别', '不能超过 40 个字（现有 41 个）'],
      [9, '单位类型', '请填写单位类型（县（市、区）、镇（街道）、部门、第三方机构、其他）'],
      [10, '单位类型', '绩效办随行政区域设立，不能导入'],
      [11, '单位名称', '单位名称至少 2 个字'],
      [12, '考评领域', '不能超过 40 个字（现有 41 个）'],
    ]);
    // A good row keeps its unit in the preview even when others are bad.
    expect(res.entries.filter((e) => e.unit).map((e) => e.row)).toEqual([13]);
  });

  it('refuses look-alike texts (zero-width, bidi override, NUL, soft hyphen) as the create-unit form does', () => {
    expect(
      problems(
        sheet(
          ['市教\u200B育局', '', '部门', '', '否', ''],
          ['市\u202E局育教', '', '部门', '', '否', ''],
          ['市数据局\u0000', '数\u00AD据局', '部门', '', '否', ''],
          ['市统计局', '', '部门', '市直\u2060部门', '是', '统\u200D计'],
        ),
      ),
    ).toEqual([
      [2, '单位名称', '含有不可见字符或控制字符'],
      [3, '单位名称', '含有不可见字符或控制字符'],
      [4, '单位名称', '含有不可见字符或控制字符'],
      [4, '简称', '含有不可见字符或控制字符'],
      [5, '默认考评类别', '含有不可见字符或控制字符'],
      [5, '考评领域', '含有不可见字符或控制字符'],
    ]);
  });

  it('compares names with spaces squeezed', () => {
    expect(problems(sheet(['市 教育局', '', '部门', '', '否', ''], ['市  教育局', '', '部门', '', '否', '']))).toEqual([[3, '单位名称', '「市 教育局」与第 2 行重复']]);
    expect(problems(sheet([' 市教育局 ', '', '部门', '', '否', '']))).toEqual([[2, '单位名称', '名称「市教育局」已被在用单位使用']]);
  });

  it(`refuses more than ${MAX_IMPORT_UNITS} units at once, with one clear message`, () => {
    const rows = sheet(...Array.from({ length: MAX_IMPORT_UNITS + 1 }, (_, i) => [`新单位${i + 1}`, '', '部门', '', '否', '']));
    expect(problems(rows)).toEqual([[1, '单位名称', `每次最多导入 ${MAX_IMPORT_UNITS} 个单位，本表有 ${MAX_IMPORT_UNITS + 1} 个，请分批导入`]]);
    expect(problems(rows.slice(0, MAX_IMPORT_UNITS + 1))).toEqual([]);
  });
});

describe('unit rows: types and export', () => {
  it('reads the portal’s labels, common short forms and the type codes', () => {
    expect(['县（市、区）', '县(市、区)', '县', 'county'].map(parseUnitType)).toEqual(['county', 'county', 'county', 'county']);
    expect(['镇（街道）', '乡镇', '街道', '部门', '第三方', '第三方机构', '其它', '绩效办', '局', ''].map(parseUnitType)).toEqual([
      'town', 'town', 'town', 'department', 'third_party', 'third_party', 'other', 'bureau', undefined, undefined,
    ]);
  });

  it('exports the import columns plus 状态 and 名称沿革', () => {
    const rows = unitsToRows([
      { name: '玉林市工业和信息化委员会', shortName: '市工信委', type: 'department', category: '市直政府部门', assessor: true, assessorField: '工业', status: 'active', names: [{ name: '玉林市工业和信息化局', from: '' }, { name: '玉林市工业和信息化委员会', from: '2030-01-01' }] },
      { name: '玉林市烟草专卖局', type: 'department', status: 'retired', names: [{ name: '玉林市烟草专卖局', from: '' }] },
    ]);
    expect(rows).toEqual([
      ['单位名称', '简称', '单位类型', '默认考评类别', '是否考评单位', '考评领域', '状态', '名称沿革'],
      ['玉林市工业和信息化委员会', '市工信委', '部门', '市直政府部门', '是', '工业', '在用', '玉林市工业和信息化局 → 玉林市工业和信息化委员会（2030-01-01起）'],
      ['玉林市烟草专卖局', '', '部门', '', '否', '', '已撤销', '玉林市烟草专卖局'],
    ]);
    expect(nameHistory()).toBe('');
  });
});
