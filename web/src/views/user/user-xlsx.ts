// Accounts in and out of .xlsx through the lazy exceljs helpers. The layout (用户名, 姓名, 角色, 所属单位)
// is the shared domain/user-rows.ts, which the import API reads too.
import type { UnitFacts } from '@shared/domain/organisation.ts';
import type { RowError } from '@shared/domain/plan-rows.ts';
import { userHeader, usersToRows, userTemplateRows, USER_COLUMNS, type UserColumnKey, type UserRowEntry, type UserRowSource } from '@shared/domain/user-rows.ts';
import type { TemporaryPassword } from '@/api/users';
import { newWorkbook, readWorkbook, sheetRows, workbookBlob } from '@/utils/xlsx';

export const USER_COLUMN_KEYS = Object.keys(USER_COLUMNS) as UserColumnKey[];

/** The first sheet as rows of cell texts (row 1 first), ready for the import API. */
export async function readUserSheet(data: ArrayBuffer): Promise<string[][]> {
  const workbook = await readWorkbook(data);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  return sheetRows(sheet).map((r) => r.map((c) => c.trim()));
}

/** Rows as a one-sheet workbook, header bold, every cell written as text. */
export async function rowsWorkbook(rows: readonly (readonly string[])[], sheetName: string, widths: readonly number[]): Promise<Blob> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((r) => sheet.addRow([...r]));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => (c.width = widths[i] ?? 16));
  return workbookBlob(workbook);
}

const WIDTHS = [18, 12, 20, 36];

export const userTemplateWorkbook = () => rowsWorkbook(userTemplateRows(), '账号名单', WIDTHS);

export const usersWorkbook = (users: readonly UserRowSource[], units: readonly UnitFacts[]) => rowsWorkbook(usersToRows(users, units), '账号名单', [...WIDTHS, 10]);

/**
 * 错误数据: each bad data row with its cells, its sheet row and the reasons, in the import layout so
 * the sheet can be corrected and imported again (原行号 and 错误原因 are ignored on import). Problems
 * of the sheet as a whole (no header, too many rows) come first, without cells.
 */
export function userErrorRows(entries: readonly UserRowEntry[], errors: readonly RowError[]): string[][] {
  const byRow = new Map<number, RowError[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const reasons = (list: RowError[]) => list.map((e) => `${e.column}：${e.message}`).join('；');
  const dataRows = new Set(entries.map((e) => e.row));
  const whole = [...byRow].filter(([row]) => !dataRows.has(row));
  return [
    [...userHeader(), '原行号', '错误原因'],
    ...whole.map(([row, list]) => [...USER_COLUMN_KEYS.map(() => ''), String(row), reasons(list)]),
    ...entries.filter((e) => byRow.has(e.row)).map((e) => [...USER_COLUMN_KEYS.map((k) => e.cells[k]), String(e.row), reasons(byRow.get(e.row)!)]),
  ];
}

export const userErrorsWorkbook = (entries: readonly UserRowEntry[], errors: readonly RowError[]) =>
  rowsWorkbook(userErrorRows(entries, errors), '错误数据', [...WIDTHS, 8, 60]);

export const PASSWORD_HEADER = ['用户名', '姓名', '初始密码'] as const;

/** The temporary passwords of an import, each with the person's name, in the order of the sheet. */
export function passwordRows(passwords: readonly TemporaryPassword[], people: readonly { username: string; name: string }[]): string[][] {
  const nameOf = new Map(people.map((p) => [p.username, p.name]));
  return [[...PASSWORD_HEADER], ...passwords.map((p) => [p.username, nameOf.get(p.username) ?? '', p.password])];
}

export const passwordsWorkbook = (passwords: readonly TemporaryPassword[], people: readonly { username: string; name: string }[]) =>
  rowsWorkbook(passwordRows(passwords, people), '初始密码', [18, 12, 20]);
