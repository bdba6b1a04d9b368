// The indicator sheet in the browser: rows in and out of .xlsx through the lazy exceljs helpers.
// The layout itself (columns, method texts) is the shared domain/plan-rows.ts.
import { treeToRows, type RowError } from '@shared/domain/plan-rows.ts';
import type { PlanNode } from '@shared/domain/plan.ts';
import { newWorkbook, readWorkbook, sheetRows, workbookBlob } from '@/utils/xlsx';

/** The first sheet as rows of cell texts (row 1 first), ready for the import API. */
export async function readPlanSheet(data: ArrayBuffer): Promise<string[][]> {
  const workbook = await readWorkbook(data);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  // Trailing empty cells are dropped; a merged 一级 cell gives its value on every row it covers.
  return sheetRows(sheet).map((r) => r.map((c) => c.trim()));
}

export async function rowsWorkbook(rows: string[][], sheetName: string): Promise<Blob> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((r) => sheet.addRow(r));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => (c.width = i < 3 ? 24 : i === rows[0]!.length - 1 ? 48 : 16));
  return workbookBlob(workbook);
}

export const treeWorkbook = (tree: readonly PlanNode[], unitName: (id: string) => string, sheetName: string) => rowsWorkbook(treeToRows(tree, unitName), sheetName);

/** The import's bad cells as a sheet; `header` names the columns row, column and reason. */
export const errorsWorkbook = (errors: readonly RowError[], header: [string, string, string], sheetName: string) =>
  rowsWorkbook([header, ...errors.map((e) => [String(e.row), e.column, e.message])], sheetName);
