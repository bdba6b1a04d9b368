// The audit search result as an .xlsx sheet. Every cell is text the log holds, much of it typed by
// users (names, targets, changed values), so no cell may start a formula: a value starting with
// = + - @, a tab or a carriage return is written with a leading apostrophe.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { AuditEntry } from '@/api/types';
import { rowsWorkbook } from '@/utils/xlsx';

dayjs.extend(utc);

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell's text that a spreadsheet cannot take for a formula. */
export const sheetSafe = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** Beijing time to the second, as the log is read. */
export const beijingSeconds = (iso: string) => dayjs.utc(iso).utcOffset(480).format('YYYY-MM-DD HH:mm:ss');

const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

export interface AuditSheetLabels {
  sheet: string;
  /** 时间, 操作人, 角色, 单位, 操作, 对象, 变更前, 变更后, 记录编号, 链, 序号, 哈希 */
  header: readonly string[];
  role: (entry: AuditEntry) => string;
  action: (entry: AuditEntry) => string;
}

/** Header, then one row per entry, every cell made safe. */
export function auditRows(entries: readonly AuditEntry[], labels: AuditSheetLabels): string[][] {
  const rows = entries.map((e) => [
    beijingSeconds(e.at),
    e.actor,
    labels.role(e),
    e.unitId ?? '',
    labels.action(e),
    e.target,
    json(e.before),
    json(e.after),
    e.id,
    e.chain ?? '',
    e.seq === undefined ? '' : String(e.seq),
    e.hash ?? '',
  ]);
  return [[...labels.header], ...rows].map((r) => r.map(sheetSafe));
}

export const auditWorkbook = (entries: readonly AuditEntry[], labels: AuditSheetLabels) =>
  rowsWorkbook(auditRows(entries, labels), labels.sheet, [20, 16, 14, 14, 18, 28, 40, 40, 38, 14, 6, 20]);
