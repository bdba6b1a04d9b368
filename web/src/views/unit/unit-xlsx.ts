// The unit list in the browser: rows in and out of .xlsx through the lazy exceljs helpers. The layout
// itself (columns, type labels, 是/否) is the shared domain/unit-rows.ts, which the import API reads too.
import { UNIT_COLUMN_KEYS, unitHeader, unitsToRows, unitTemplateRows, type RowError, type UnitRowEntry, type UnitRowSource } from '@shared/domain/unit-rows.ts';
import { newWorkbook, readWorkbook, sheetRows, workbookBlob } from '@/utils/xlsx';

/** The first sheet as rows of cell texts (row 1 first), ready for the import API. */
export async function readUnitSheet(data: ArrayBuffer): Promise<string[][]> {
  const workbook = await readWorkbook(data);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  return sheetRows(sheet).map((r) => r.map((c) => c.trim()));
}

/** Rows as a one-sheet workbook, header bold; every cell text so 是/否 and names stay as typed. */
export async function unitRowsWorkbook(rows: readonly (readonly string[])[], sheetName: string, widths: readonly number[] = []): Promise<Blob> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((r) => sheet.addRow([...r]));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => (c.width = widths[i] ?? (i === 0 ? 36 : 16)));
  return workbookBlob(workbook);
}

const WIDTHS = [36, 14, 14, 18, 14, 16];

export const unitTemplateWorkbook = () => unitRowsWorkbook(unitTemplateRows(), '单位名单', WIDTHS);

export const unitsWorkbook = (units: readonly UnitRowSource[]) => unitRowsWorkbook(unitsToRows(units), '单位名单', [...WIDTHS, 10, 60]);

/**
 * 错误数据: each bad data row with its cells, its sheet row and the reasons, in the import layout so
 * the sheet can be corrected and imported again (原行号 and 错误原因 are ignored on import). Problems
 * of the sheet as a whole (no header, too many rows) come first, without cells.
 */
export function errorRows(entries: readonly UnitRowEntry[], errors: readonly RowError[]): string[][] {
  const byRow = new Map<number, RowError[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const reasons = (list: RowError[]) => list.map((e) => `${e.column}：${e.message}`).join('；');
  const dataRows = new Set(entries.map((e) => e.row));
  const whole = [...byRow].filter(([row]) => !dataRows.has(row));
  return [
    [...unitHeader(), '原行号', '错误原因'],
    ...whole.map(([row, list]) => [...UNIT_COLUMN_KEYS.map(() => ''), String(row), reasons(list)]),
    ...entries.filter((e) => byRow.has(e.row)).map((e) => [...UNIT_COLUMN_KEYS.map((k) => e.cells[k]), String(e.row), reasons(byRow.get(e.row)!)]),
  ];
}

export const errorsWorkbook = (entries: readonly UnitRowEntry[], errors: readonly RowError[]) => unitRowsWorkbook(errorRows(entries, errors), '错误数据', [...WIDTHS, 8, 60]);
