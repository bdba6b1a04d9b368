// .xlsx reading and writing through exceljs, loaded on first use only: it is large and most pages
// never need it, so it must stay out of the first chunk (always import it through loadExcel()).
import type { CellValue, Workbook, Worksheet } from 'exceljs';

type ExcelModule = typeof import('exceljs');

let loading: Promise<ExcelModule> | undefined;

/** The exceljs module (a CommonJS/UMD bundle: its exports may sit on `default`). */
export function loadExcel(): Promise<ExcelModule> {
  loading ??= import('exceljs').then((m) => ((m as { default?: ExcelModule }).default ?? m) as ExcelModule);
  return loading;
}

export async function newWorkbook(): Promise<Workbook> {
  const { Workbook } = await loadExcel();
  return new Workbook();
}

export async function readWorkbook(data: ArrayBuffer): Promise<Workbook> {
  const workbook = await newWorkbook();
  await workbook.xlsx.load(data);
  return workbook;
}

// Formula injection (CSV/DDE injection). A text a user typed — a unit or person name, a reason, a
// pasted sample — may start like a formula: `=cmd|' /C calc'!A0`, `+SUM(1)`, `-2+3`, `@SUM(1)`.
// exceljs writes a string as a string cell, so the file itself holds no formula; but a spreadsheet
// turns such a cell into a live formula as soon as someone edits it (F2, Enter), and a copy pasted
// elsewhere as text does so at once. So every export writes its cells through safeCell(): a text
// that starts with = + - @ or a tab or line break, and is not a plain number (-2 stays -2), gets
// a leading apostrophe, the spreadsheet convention for "this is text". Reading a sheet back
// (cellText) removes exactly that apostrophe, so an exported list or error sheet imports unchanged.
// Imports do not refuse such texts on that ground alone: each column's own rules apply (a number
// column refuses `=1+1` as not a number; a name may be `=A1`-like text and is stored as typed).

const FORMULA_START = /^[=+\-@\t\r\n]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A text as an export writes it: one that a spreadsheet would read as a formula gets a leading apostrophe. */
export function safeCellText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** What an export may put in a cell: plain values only (never a formula object), texts made safe. */
export type ExportValue = string | number | boolean | Date | null | undefined;
export const safeCell = (value: ExportValue): ExportValue => (typeof value === 'string' ? safeCellText(value) : value);

/** The one way exports add a row: every cell through safeCell(). */
export function addSafeRow(sheet: Worksheet, values: readonly ExportValue[]) {
  return sheet.addRow(values.map(safeCell));
}

/** A text read from a sheet, without the apostrophe safeCellText() put before a formula-like text. */
export function unquoteCellText(text: string): string {
  return text.startsWith("'") && safeCellText(text.slice(1)) === text ? text.slice(1) : text;
}

/** A cell as the text a user sees: numbers in their shortest form, formulas by their result. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return unquoteCellText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return unquoteCellText(value.richText.map((r) => r.text).join(''));
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result);
  if ('text' in value) return String(value.text);
  return '';
}

/** The sheet as rows of cell texts, from row 1 and column 1; empty rows stay (row n is index n − 1). */
export function sheetRows(sheet: Worksheet): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

export async function workbookBlob(workbook: Workbook): Promise<Blob> {
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** The first sheet as rows of trimmed cell texts (row 1 first): what the sheet import APIs take. */
export async function readFirstSheet(data: ArrayBuffer): Promise<string[][]> {
  const sheet = (await readWorkbook(data)).worksheets[0];
  if (!sheet) return [];
  return sheetRows(sheet).map((r) => r.map((c) => c.trim()));
}

/**
 * Rows as a one-sheet workbook, header bold. Every cell is written as text (made safe from formula
 * injection), so 是/否, names and numbers-as-names read back exactly as typed; `widths` per column, 16 for any column beyond them.
 */
export async function rowsWorkbook(rows: readonly (readonly string[])[], sheetName: string, widths: readonly number[]): Promise<Blob> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((r) => addSafeRow(sheet, r));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => (c.width = widths[i] ?? 16));
  return workbookBlob(workbook);
}
