import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText } from '@/utils/xlsx';
import { readSampleTable } from '@/views/simulate/sample-table';
import { rulesOf, draftOf } from '@/views/simulate/rules-draft';
import { simulate } from '@/views/simulate/simulation';
import { readSampleFile, resultBlob, templateBlob } from '@/views/simulate/xlsx-io';

async function workbookBuffer(fill: (wb: ExcelJS.Workbook) => void): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer).slice().buffer;
}

describe('simulate: xlsx', () => {
  it('reads back a workbook written with exceljs: numbers, formulas, rich text, a blank row', async () => {
    // Prepare
    const data = await workbookBuffer((wb) => {
      wb.addWorksheet('封面').addRow(['不是数据']);
      const sheet = wb.addWorksheet('模拟数据');
      sheet.addRow(['单位名称', '总分', '共性指标得分', '一票否决原因', '严重扣分次数']);
      sheet.addRow(['玉州区', 92.35, 28.6, null, 0]);
      sheet.addRow([]);
      sheet.addRow([{ richText: [{ text: '北流' }, { text: '市' }] }, { formula: '80+10.12', result: 90.12 }, '27.90', '无', null]);
      sheet.addRow(['福绵区', 79.8, 25.1, '发生较大安全生产责任事故', 1]);
    });

    // Act
    const read = readSampleTable(await readSampleFile(data));

    // Assess
    expect(read.problems).toEqual([]);
    expect(read.units).toEqual([
      { name: '玉州区', total: 9235, commonScore: 2860, severeDeductions: 0 },
      { name: '北流市', total: 9012, commonScore: 2790, severeDeductions: 0 },
      { name: '福绵区', total: 7980, commonScore: 2510, severeDeductions: 1, veto: '发生较大安全生产责任事故' },
    ]);
  });

  it('reports a bad cell with its Excel row number and imports nothing', async () => {
    // Prepare
    const data = await workbookBuffer((wb) => {
      const sheet = wb.addWorksheet('Sheet1');
      sheet.addRow(['单位名称', '总分']);
      sheet.addRow(['容县', 88.76]);
      sheet.addRow(['陆川县', 86.405]);
    });

    // Act
    const read = readSampleTable(await readSampleFile(data));

    // Assess
    expect(read.units).toEqual([]);
    expect(read.problems).toEqual([{ row: 3, column: 'total', message: '应为最多两位小数的数值，如 85.50' }]);
  });

  it('gives a template whose header row is recognised and which holds no data', async () => {
    // Act
    const rows = await readSampleFile(await (await templateBlob()).arrayBuffer());

    // Assess
    expect(rows[0]!.slice(0, 3)).toEqual(['单位名称', '总分', '共性指标得分']);
    expect(readSampleTable(rows)).toEqual({ units: [], problems: [{ message: '没有数据行' }], hasHeader: true });
  });

  it('exports the result in display order with grades and explanations', async () => {
    // Prepare
    const rules = rulesOf(draftOf()).rules!;
    const units = readSampleTable([['甲', '90'], ['乙', '59.99'], ['丙', '75']]).units;
    const result = simulate(rules, units);

    // Act
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await resultBlob(result, rules)).arrayBuffer());

    // Assess
    const sheet = wb.getWorksheet('模拟结果')!;
    const row = (r: number) => [1, 2, 3, 4, 6, 7].map((c) => cellText(sheet.getRow(r).getCell(c).value));
    expect([row(2), row(3), row(4)]).toEqual([
      ['1', '1', '甲', '90', '二等', '1'],
      ['2', '2', '丙', '75', '三等', '1'],
      ['3', '3', '乙', '59.99', '不合格', '1'],
    ]);
    expect(cellText(sheet.getRow(4).getCell(9).value)).toContain('低于不合格线 60.00 分');
  });
});
