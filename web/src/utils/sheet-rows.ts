// What every row-by-row sheet import (units, accounts) shows of its problems: the per-cell index the
// preview marks cells with, and the 错误数据 sheet a user corrects and imports again.
import type { RowError } from '@shared/domain/plan-rows.ts';

/** One data row of a previewed sheet: its 1-based sheet row and its cells by column key. */
export interface SheetEntry<K extends string = string> {
  row: number;
  cells: Record<K, string>;
}

/** A previewed column: its key in the cells, its header in the sheet (errors name it), its minimum width. */
export interface SheetColumn {
  key: string;
  label: string;
  width: number;
}

/** Problems by `row|column header`, for marking cells. */
export function problemIndex(errors: readonly RowError[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const e of errors) index.set(`${e.row}|${e.column}`, [...(index.get(`${e.row}|${e.column}`) ?? []), e.message]);
  return index;
}

/**
 * 错误数据: each bad data row with its cells, its sheet row and the reasons, in the import layout
 * (`header` over `keys`) so the sheet can be corrected and imported again (原行号 and 错误原因 are
 * ignored on import). Problems of the sheet as a whole (no header, too many rows) come first, without cells.
 */
export function errorSheetRows<K extends string>(header: readonly string[], keys: readonly K[], entries: readonly SheetEntry<K>[], errors: readonly RowError[]): string[][] {
  const byRow = new Map<number, RowError[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const reasons = (list: RowError[]) => list.map((e) => `${e.column}：${e.message}`).join('；');
  const dataRows = new Set(entries.map((e) => e.row));
  const whole = [...byRow].filter(([row]) => !dataRows.has(row));
  return [
    [...header, '原行号', '错误原因'],
    ...whole.map(([row, list]) => [...keys.map(() => ''), String(row), reasons(list)]),
    ...entries.filter((e) => byRow.has(e.row)).map((e) => [...keys.map((k) => e.cells[k]), String(e.row), reasons(byRow.get(e.row)!)]),
  ];
}
