// The page's Excel files: reading an uploaded sample, the blank template, the result export.
// exceljs arrives through loadExcel() only, so none of this weighs on the first chunk.
import type { Worksheet } from 'exceljs';
import { GRADE_NAMES, GRADES, type GradingResult, type GradingRules } from '@shared/domain/scoring/index.ts';
import { addSafeRow, newWorkbook, readWorkbook, sheetRows, workbookBlob } from '@/utils/xlsx';
import { COLUMN_HEADERS, COLUMN_KEYS, type ColumnKey } from './columns';
import { resultRows, rulesLines } from './simulation';

export const SAMPLE_SHEET = '模拟数据';
/** Refused before parsing: a sample of 1000 units is far smaller. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The rows of the sheet named 模拟数据, else of the first sheet. */
export async function readSampleFile(data: ArrayBuffer): Promise<string[][]> {
  const workbook = await readWorkbook(data);
  const sheet = workbook.getWorksheet(SAMPLE_SHEET) ?? workbook.worksheets[0];
  return sheet ? sheetRows(sheet) : [];
}

const NOTES: Record<ColumnKey, string> = {
  name: '必填；同一表内不得重复',
  total: '必填；最多两位小数，如 85.50；小数点用“.”',
  commonScore: '选填，空为 0；总分相同时按此排列先后',
  veto: '选填；写明事由即按一票否决评为不合格，“无”或空表示没有',
  severeDeductions: '选填，空为 0；情节严重的扣分项数（第二十条）',
  adjustTarget: '选填；第二十三条调整：“等次”或“位次”',
  adjustDirection: '有调整时必填：“提高”或“降低”',
  adjustSteps: '选填，空为 1；调整几个等次或几个位次',
  adjustReason: '有调整时必填',
  adjustDocument: '已批准时必填，如 玉绩办〔2026〕3号',
  adjustApproved: '“是”或“否”，空为否；未批准的调整不生效',
};

function header(sheet: Worksheet, titles: string[], widths: number[]): void {
  addSafeRow(sheet, titles).font = { bold: true };
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The blank sample sheet; with `unitNames` (a plan's category) one row per unit, scores left blank. */
export async function templateBlob(unitNames: readonly string[] = []): Promise<Blob> {
  const workbook = await newWorkbook();
  const data = workbook.addWorksheet(SAMPLE_SHEET);
  header(data, COLUMN_KEYS.map((k) => COLUMN_HEADERS[k]), [28, 10, 14, 26, 14, 10, 10, 10, 24, 22, 8]);
  for (const name of unitNames) addSafeRow(data, [name]);
  // Show figures with two decimals: 85.50, not 85.5.
  for (const k of ['total', 'commonScore'] as const) data.getColumn(COLUMN_KEYS.indexOf(k) + 1).numFmt = '0.00';
  const notes = workbook.addWorksheet('填写说明');
  header(notes, ['列', '说明'], [16, 60]);
  for (const k of COLUMN_KEYS) addSafeRow(notes, [COLUMN_HEADERS[k], NOTES[k]]);
  return workbookBlob(workbook);
}

export async function resultBlob(result: GradingResult, rules: GradingRules): Promise<Blob> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet('模拟结果');
  header(sheet, ['序号', '总位次', '单位名称', '总分', '共性指标得分', '等次', '等次内位次', '并列', '评定说明'], [6, 8, 28, 10, 14, 8, 12, 6, 100]);
  for (const r of resultRows(result)) {
    const row = addSafeRow(sheet, [r.order, r.position, r.name, Number(r.total), Number(r.commonScore), r.gradeName, r.rankInGrade, r.tied ? '是' : '', r.explanation.join('\n')]);
    row.getCell(9).alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.getColumn(4).numFmt = '0.00';
  sheet.getColumn(5).numFmt = '0.00';

  const summary = workbook.addWorksheet('规则与统计');
  header(summary, ['项目', '内容'], [16, 90]);
  rulesLines(rules).forEach((line, i) => addSafeRow(summary, [i ? '' : '评定规则', line]));
  addSafeRow(summary, ['合格单位', result.passedCount]);
  if (result.quotas) addSafeRow(summary, ['名额', `一等 ${result.quotas.first} 个，二等 ${result.quotas.second} 个`]);
  for (const g of GRADES) addSafeRow(summary, [GRADE_NAMES[g], result.counts[g]]);
  addSafeRow(summary, ['说明', '模拟评定结果，仅供制定规则参考，不是正式考评结果']);
  return workbookBlob(workbook);
}
