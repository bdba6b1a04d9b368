// Accounts in and out of .xlsx through the shared sheet helpers. The layout (用户名, 姓名, 角色, 所属单位)
// is the shared domain/user-rows.ts, which the import API reads too.
import type { UnitFacts } from '@shared/domain/organisation.ts';
import type { RowError } from '@shared/domain/plan-rows.ts';
import { userHeader, usersToRows, userTemplateRows, USER_COLUMNS, type UserColumnKey, type UserRowEntry, type UserRowSource } from '@shared/domain/user-rows.ts';
import type { TemporaryPassword } from '@shared/contracts/users.ts';
import { errorSheetRows } from '@/utils/sheet-rows';
import { rowsWorkbook } from '@/utils/xlsx';

export const USER_COLUMN_KEYS = Object.keys(USER_COLUMNS) as UserColumnKey[];

const WIDTHS = [18, 12, 20, 36];

export const userTemplateWorkbook = () => rowsWorkbook(userTemplateRows(), '账号名单', WIDTHS);

export const usersWorkbook = (users: readonly UserRowSource[], units: readonly UnitFacts[]) => rowsWorkbook(usersToRows(users, units), '账号名单', [...WIDTHS, 10]);

/** 错误数据 in the account import layout. */
export const userErrorRows = (entries: readonly UserRowEntry[], errors: readonly RowError[]) => errorSheetRows(userHeader(), USER_COLUMN_KEYS, entries, errors);

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
