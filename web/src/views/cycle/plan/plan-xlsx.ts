// The indicator sheet in the browser, through the shared sheet helpers. The layout itself (columns,
// method texts) is the shared domain/plan-rows.ts; reading uses readFirstSheet, where a merged 一级
// cell gives its value on every row it covers.
import { treeToRows, type RowError } from '@shared/domain/plan-rows.ts';
import type { PlanNode } from '@shared/domain/plan.ts';
import { rowsWorkbook } from '@/utils/xlsx';

/** Names wide (the first three columns), 评分标准 (the last) wider still, numbers narrow. */
const widths = (columns: number) => Array.from({ length: columns }, (_, i) => (i < 3 ? 24 : i === columns - 1 ? 48 : 16));

export const planWorkbook = (rows: string[][], sheetName: string) => rowsWorkbook(rows, sheetName, widths(rows[0]?.length ?? 0));

export const treeWorkbook = (tree: readonly PlanNode[], unitName: (id: string) => string, sheetName: string) => planWorkbook(treeToRows(tree, unitName), sheetName);

/** The import's bad cells as a sheet; `header` names the columns row, column and reason. */
export const errorsWorkbook = (errors: readonly RowError[], header: [string, string, string], sheetName: string) =>
  planWorkbook([header, ...errors.map((e) => [String(e.row), e.column, e.message])], sheetName);
