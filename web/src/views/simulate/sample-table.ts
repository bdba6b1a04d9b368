// A pasted or uploaded sample table → sample units, or the problems by row and column. A table
// with any problem yields no units at all: a half-imported sample would grade the wrong category.
import { checkGradingUnits, type GradeAdjustment, type GradingUnit, type Hundredths } from '@shared/domain/scoring/index.ts';
import { cleanCell, DIRECTION_WORDS, readChoice, readCount, readPoints, TARGET_WORDS, YES_NO_WORDS, type CellResult } from './cells';
import { COLUMN_HEADERS, COLUMN_KEYS, headerKey, isHeaderRow, type ColumnKey } from './columns';

export interface SampleUnit {
  name: string;
  total: Hundredths;
  commonScore: Hundredths;
  veto?: string;
  severeDeductions: number;
  adjustment?: GradeAdjustment;
}

export interface RowProblem {
  /** Row number as the user sees it (Excel row, or line of the pasted text); absent for the whole table. */
  row?: number;
  column?: ColumnKey;
  message: string;
}

export interface SampleRead {
  units: SampleUnit[];
  problems: RowProblem[];
  hasHeader: boolean;
}

export const MAX_UNITS = 1000;
/** Words people put in an empty veto cell; none of them is a veto reason. */
const NO_VETO = new Set(['', '无', '否', '没有', '-', '—', '/', 'n/a']);

const blank = (cells: readonly string[]) => cells.every((c) => !cleanCell(c));

/** `rows[i]` is row `i + 1` of the source (empty rows included, so numbers match Excel's). */
export function readSampleTable(rows: readonly string[][]): SampleRead {
  const problems: RowProblem[] = [];
  const start = rows.findIndex((r) => !blank(r));
  if (start < 0) return { units: [], problems: [{ message: '没有数据' }], hasHeader: false };
  const hasHeader = isHeaderRow(rows[start]!);
  const columns = hasHeader ? headerColumns(rows[start]!, start + 1, problems) : [...COLUMN_KEYS];
  // With a bad header every row would be misread: report the header alone.
  if (problems.length) return { units: [], problems, hasHeader };

  const units: SampleUnit[] = [];
  const rowOf: number[] = [];
  const firstRowOfName = new Map<string, number>();
  for (let i = hasHeader ? start + 1 : start; i < rows.length; i++) {
    const cells = rows[i]!;
    if (blank(cells)) continue;
    const row = i + 1;
    const extra = cells.findIndex((c, j) => j >= columns.length && cleanCell(c));
    if (extra >= 0) problems.push({ row, message: `第 ${extra + 1} 列没有对应的表头，请删除多余的列或加上表头` });
    const get = (key: ColumnKey) => {
      const j = columns.indexOf(key);
      return j < 0 ? '' : (cells[j] ?? '');
    };
    const unit = readUnit(get, (column, message) => problems.push({ row, column, message }));
    if (!unit) continue;
    const seen = firstRowOfName.get(unit.name);
    if (seen) problems.push({ row, column: 'name', message: `单位名称与第 ${seen} 行重复` });
    else firstRowOfName.set(unit.name, row);
    units.push(unit);
    rowOf.push(row);
  }
  if (!units.length && !problems.length) problems.push({ message: '没有数据行' });
  if (units.length > MAX_UNITS) problems.push({ message: `单位过多：最多 ${MAX_UNITS} 个` });
  if (!problems.length) problems.push(...engineProblems(units, rowOf));
  return { units: problems.length ? [] : units, problems, hasHeader };
}

/** The column of each header cell; unknown, repeated or missing required headers are problems. */
function headerColumns(cells: readonly string[], row: number, problems: RowProblem[]): (ColumnKey | undefined)[] {
  const columns = cells.map((cell) => {
    const key = headerKey(cell);
    if (cleanCell(cell) && !key) problems.push({ row, message: `无法识别的表头“${cleanCell(cell)}”` });
    return key;
  });
  columns.forEach((key, j) => {
    if (key && columns.indexOf(key) !== j) problems.push({ row, column: key, message: '表头重复' });
  });
  for (const key of ['name', 'total'] as const) {
    if (!columns.includes(key)) problems.push({ row, column: key, message: `缺少“${COLUMN_HEADERS[key]}”列` });
  }
  return columns;
}

/** One data row; reports each bad cell and returns undefined if there was one. */
function readUnit(get: (key: ColumnKey) => string, report: (column: ColumnKey, message: string) => void): SampleUnit | undefined {
  let good = true;
  const problem = (column: ColumnKey, message: string) => {
    report(column, message);
    good = false;
  };
  const take = <T>(column: ColumnKey, r: CellResult<T>): T | undefined => {
    if (r.ok) return r.value;
    problem(column, r.message);
    return undefined;
  };
  const name = cleanCell(get('name'));
  if (!name) problem('name', '不能为空');
  else if (name.length > 100) problem('name', '不能超过 100 个字');
  const totalText = get('total');
  if (!cleanCell(totalText)) problem('total', '不能为空');
  const total = cleanCell(totalText) ? take('total', readPoints(totalText)) : undefined;
  const commonText = get('commonScore');
  const commonScore = cleanCell(commonText) ? take('commonScore', readPoints(commonText)) : 0;
  const severeDeductions = take('severeDeductions', readCount(get('severeDeductions')));
  const vetoText = cleanCell(get('veto'));
  const veto = NO_VETO.has(vetoText.toLowerCase()) ? undefined : vetoText;
  const adjustment = readAdjustment(get, take, problem);
  if (!good || total === undefined || commonScore === undefined || severeDeductions === undefined) return undefined;
  return { name, total, commonScore, severeDeductions, ...(veto && { veto }), ...(adjustment && { adjustment }) };
}

type Take = <T>(column: ColumnKey, r: CellResult<T>) => T | undefined;
type Problem = (column: ColumnKey, message: string) => void;
const ADJUST_KEYS = ['adjustTarget', 'adjustDirection', 'adjustSteps', 'adjustReason', 'adjustDocument', 'adjustApproved'] as const;

/** The Art 23 adjustment of a row, if any of its cells is filled. */
function readAdjustment(get: (key: ColumnKey) => string, take: Take, problem: Problem): GradeAdjustment | undefined {
  if (ADJUST_KEYS.every((k) => !cleanCell(get(k)))) return undefined;
  const target = take('adjustTarget', readChoice(get('adjustTarget'), TARGET_WORDS, '“等次”或“位次”'));
  const direction = take('adjustDirection', readChoice(get('adjustDirection'), DIRECTION_WORDS, '“提高”或“降低”'));
  const steps = take('adjustSteps', readCount(get('adjustSteps'), 1));
  const reason = cleanCell(get('adjustReason'));
  if (!reason) problem('adjustReason', '调整等次或位次必须说明理由（第二十三条）');
  const approved = take('adjustApproved', readChoice(get('adjustApproved'), YES_NO_WORDS, '“是”或“否”'));
  const documentNumber = cleanCell(get('adjustDocument'));
  if (approved && !documentNumber) problem('adjustDocument', '已批准的调整必须填写批准文号');
  if (!target || !direction || steps === undefined || approved === undefined) return undefined;
  return { target, direction, steps, reason, approved, ...(documentNumber && { documentNumber }) };
}

/** The engine's own checks, as a backstop, mapped back to rows and columns. */
function engineProblems(units: SampleUnit[], rowOf: number[]): RowProblem[] {
  const FIELD: Record<string, ColumnKey> = { unitId: 'name', total: 'total', commonScore: 'commonScore', veto: 'veto', severeDeductions: 'severeDeductions' };
  return checkGradingUnits(units.map(toGradingUnit)).map((p) => {
    const [, index, field] = p.path.split('.');
    return { row: rowOf[Number(index)], column: FIELD[field ?? ''] ?? (field === 'adjustments' ? 'adjustTarget' : undefined), message: p.message };
  });
}

/** The engine's unit: the name is the id (names are unique), so equal scores list by name. */
export function toGradingUnit(u: SampleUnit): GradingUnit {
  return {
    unitId: u.name,
    total: u.total,
    commonScore: u.commonScore,
    severeDeductions: u.severeDeductions,
    ...(u.veto && { veto: u.veto }),
    ...(u.adjustment && { adjustments: [u.adjustment] }),
  };
}
