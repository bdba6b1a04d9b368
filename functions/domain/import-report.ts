// How a sheet import that found problems is refused: every bad cell named by row and column, and
// nothing imported. The units, accounts and plan imports all answer this way.
import { t } from '../contracts/lang.ts';
import { ValidationError } from './errors.ts';
import type { RowError } from './plan-rows.ts';

/** The refusal of an import with `errors`; `nothing` says what was not done ("未导入任何单位"). */
export function importRefusal(errors: readonly RowError[], nothing: { zh: string; en: string }): ValidationError {
  const details = errors.map((e) => ({
    path: `body.rows.${Math.max(0, e.row - 1)}`,
    message: t(`第 ${e.row} 行「${e.column}」：${e.message}`, `Row ${e.row}, “${e.column}”: ${e.message}`),
    row: e.row,
    column: e.column,
    reason: e.message,
  }));
  return new ValidationError(t(`表格有 ${errors.length} 处错误，${nothing.zh}`, `The sheet has ${errors.length} problem(s); ${nothing.en}`), details);
}
