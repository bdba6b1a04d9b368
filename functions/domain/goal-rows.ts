// Goals as spreadsheet rows, both ways: a unit's goals (one row per goal indicator of its plan) and
// an assessor unit's common-indicator targets (one row per indicator and unit). Shared by the portal
// (template, export) and the API (import), so both write and read exactly the same layout. A bad
// cell is named by row and column, and an import with any bad cell imports nothing (import-report.ts).
import { t } from '../contracts/lang.ts';
import { goalFields, milestone, type Milestone } from '../model/goal.ts';
import { setByAssessor, type CommonIndicator } from './assessor-goals.ts';
import { goalProblems, notRefinableMessage } from './goals.ts';
import type { PlanNode } from './plan.ts';
import type { RowError } from './plan-rows.ts';

export const GOAL_COLUMNS = {
  indicatorId: '指标编号',
  parents: '上级指标',
  indicator: '指标名称',
  category: '考评类别',
  unit: '单位名称',
  target: '目标值',
  unitOfMeasure: '计量单位',
  milestones: '节点目标',
  responsible: '责任人',
  scoringNote: '评分细化',
  setBy: '制定单位',
} as const;
type Column = keyof typeof GOAL_COLUMNS;

/** A unit's sheet; 制定单位 says which goals the assessor unit sets (read-only for the unit). */
export const UNIT_SHEET: Column[] = ['indicatorId', 'parents', 'indicator', 'target', 'unitOfMeasure', 'milestones', 'responsible', 'scoringNote', 'setBy'];
/** An assessor unit's sheet: its common indicators, a row per unit. */
export const ASSESSOR_SHEET: Column[] = ['indicatorId', 'indicator', 'category', 'unit', 'target', 'unitOfMeasure', 'milestones', 'responsible'];

/** What a row sets of a goal. */
export interface RowFields {
  target?: number | undefined;
  unitOfMeasure?: string | undefined;
  milestones: Milestone[];
  responsible?: string | undefined;
  scoringNote?: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Cells.

/** Milestones as one cell: `2026-06-30：5；2026-12-31：10`. */
export const milestonesText = (ms: readonly Milestone[]) => ms.map((m) => `${m.date}：${m.expected}`).join('；');

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

class CellError extends Error {
  constructor(
    readonly column: Column,
    message: string,
  ) {
    super(message);
  }
}

function figure(text: string, column: Column): number {
  const n = Number(text.replace(/[,，]/g, ''));
  if (!NUMBER.test(text.replace(/[,，]/g, '')) || !Number.isFinite(n) || Math.abs(n) > 1e15) {
    throw new CellError(column, t(`「${text}」不是数值`, `“${text}” is not a number`));
  }
  return n;
}

function parseMilestones(text: string): Milestone[] {
  const parts = text.split(/[;；\n]/).map((s) => s.trim()).filter(Boolean);
  return parts.map((p) => {
    const m = /^(\d{4}-\d{2}-\d{2})\s*[:：=]\s*(\S+)$/.exec(p);
    if (!m) throw new CellError('milestones', t(`无法识别「${p}」，应如「2026-06-30：50；2026-12-31：100」`, `Cannot read “${p}”; write it like “2026-06-30：50；2026-12-31：100”`));
    const parsed = milestone.shape.date.safeParse(m[1]);
    if (!parsed.success) throw new CellError('milestones', t(`「${m[1]}」不是有效日期`, `“${m[1]}” is not a valid date`));
    return { date: m[1]!, expected: figure(m[2]!, 'milestones') };
  });
}

/** Milestones typed in a table cell, in the sheet's form; the reason when they cannot be read. */
export function milestonesFrom(text: string): { milestones: Milestone[] } | { error: string } {
  try {
    return { milestones: parseMilestones(text) };
  } catch (e) {
    if (e instanceof CellError) return { error: e.message };
    throw e;
  }
}

/** A text cell checked by the goal's own schema for that field; '' is left out. */
function textCell(field: 'unitOfMeasure' | 'responsible' | 'scoringNote', text: string, column: Column): string | undefined {
  if (!text) return undefined;
  const r = goalFields.shape[field].safeParse(text);
  if (!r.success) throw new CellError(column, r.error.issues.map((i) => i.message).join('；'));
  return r.data;
}

/** The header row's columns (by header text), or an error naming the first missing one. */
function header(rows: readonly (readonly string[])[], layout: readonly Column[], required: readonly Column[]) {
  const at = rows.findIndex((r) => r.some((c) => c?.trim() === GOAL_COLUMNS.indicatorId));
  if (at < 0) return { error: { row: 1, column: GOAL_COLUMNS.indicatorId, message: t(`找不到表头行（应有「${layout.map((c) => GOAL_COLUMNS[c]).join('」「')}」列）`, `No header row (with columns ${layout.map((c) => GOAL_COLUMNS[c]).join(', ')})`) } };
  const cells = rows[at]!.map((c) => c?.trim() ?? '');
  const col = Object.fromEntries(layout.map((k) => [k, cells.indexOf(GOAL_COLUMNS[k])])) as Record<Column, number>;
  const missing = required.find((k) => col[k] < 0);
  if (missing) return { error: { row: at + 1, column: GOAL_COLUMNS[missing], message: t(`表头缺少「${GOAL_COLUMNS[missing]}」列`, `The header has no “${GOAL_COLUMNS[missing]}” column`) } };
  return { at, col };
}

const VALUE_COLUMNS: Column[] = ['target', 'unitOfMeasure', 'milestones', 'responsible', 'scoringNote'];

/** The value cells of a row as goal fields; CellError on a bad one. */
function rowFields(cell: (k: Column) => string, year: number, leaf: PlanNode): RowFields {
  const fields: RowFields = { milestones: parseMilestones(cell('milestones')) };
  const target = cell('target');
  if (target) fields.target = figure(target, 'target');
  const uom = textCell('unitOfMeasure', cell('unitOfMeasure'), 'unitOfMeasure');
  if (uom !== undefined) fields.unitOfMeasure = uom;
  const responsible = textCell('responsible', cell('responsible'), 'responsible');
  if (responsible !== undefined) fields.responsible = responsible;
  const note = textCell('scoringNote', cell('scoringNote'), 'scoringNote');
  if (note !== undefined) fields.scoringNote = note;
  if (note && !leaf.refinable) throw new CellError('scoringNote', notRefinableMessage(leaf));
  const bad = goalProblems(leaf, { indicatorId: leaf.id, milestones: fields.milestones, target: 0, unitOfMeasure: 'x' }, year)[0];
  if (bad) throw new CellError('milestones', bad.message);
  return fields;
}

/** Runs over the data rows below the header; `each` throws CellError for a bad cell. */
function eachRow(rows: readonly (readonly string[])[], at: number, col: Record<Column, number>, errors: RowError[], each: (cell: (k: Column) => string, row: number) => void) {
  for (let i = at + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (cells.every((c) => !String(c ?? '').trim())) continue;
    const cell = (k: Column) => (col[k] === undefined || col[k] < 0 ? '' : String(cells[col[k]] ?? '').trim());
    try {
      each(cell, i + 1);
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      errors.push({ row: i + 1, column: GOAL_COLUMNS[e.column], message: e.message });
    }
  }
}

const emptyValues = (cell: (k: Column) => string) => VALUE_COLUMNS.every((k) => !cell(k));

/** Two rows say the same, as a sheet shows them. */
const sameAsSheet = (a: RowFields, b: RowFields) =>
  String(a.target ?? '') === String(b.target ?? '') &&
  (a.unitOfMeasure ?? '') === (b.unitOfMeasure ?? '') &&
  milestonesText(a.milestones) === milestonesText(b.milestones) &&
  (a.responsible ?? '') === (b.responsible ?? '');

// ---------------------------------------------------------------------------------------------
// A unit's goals.

/** A goal leaf with the names above it (as the unit's goals view gives it). */
export interface SheetLeaf {
  node: PlanNode;
  parents: readonly string[];
}

/** The unit's goals as rows, header first: every goal leaf, filled where a goal exists (the template: none). */
export function unitGoalsToRows(leaves: readonly SheetLeaf[], goals: ReadonlyMap<string, RowFields>, assessorName: (unitId: string) => string): string[][] {
  const rows: string[][] = [UNIT_SHEET.map((c) => GOAL_COLUMNS[c])];
  for (const { node, parents } of leaves) {
    const g = goals.get(node.id);
    const values: Partial<Record<Column, string>> = {
      indicatorId: node.id,
      parents: parents.join(' / '),
      indicator: node.name,
      target: g?.target === undefined ? '' : String(g.target),
      unitOfMeasure: g?.unitOfMeasure ?? '',
      milestones: milestonesText(g?.milestones ?? []),
      responsible: g?.responsible ?? '',
      scoringNote: g?.scoringNote ?? '',
      setBy: setByAssessor(node) ? assessorName(node.assessorUnitId!) : '本单位',
    };
    rows.push(UNIT_SHEET.map((c) => values[c] ?? ''));
  }
  return rows;
}

export interface UnitRowGoal {
  indicatorId: string;
  row: number;
  fields: RowFields;
}

/**
 * A unit's sheet read back: a goal per filled row of its own indicators. A row left empty leaves the
 * goal as it is; a row of a goal the assessor unit sets must say what that goal says (an exported
 * sheet imports unchanged), else it is refused: the unit cannot change it.
 */
export function readUnitGoalRows(rows: readonly (readonly string[])[], leaves: readonly PlanNode[], current: ReadonlyMap<string, RowFields>, year: number): { goals: UnitRowGoal[]; errors: RowError[] } {
  const h = header(rows, UNIT_SHEET, ['indicatorId', 'target', 'unitOfMeasure']);
  if ('error' in h) return { goals: [], errors: [h.error!] };
  const byId = new Map(leaves.map((l) => [l.id, l]));
  const goals: UnitRowGoal[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  eachRow(rows, h.at, h.col, errors, (cell, row) => {
    const id = cell('indicatorId');
    const leaf = byId.get(id);
    if (!leaf) throw new CellError('indicatorId', t(`指标「${id}」不是本单位现行方案中需制定目标的指标`, `“${id}” is not a goal indicator of this unit's plan in force`));
    if (seen.has(id)) throw new CellError('indicatorId', t(`指标 ${id} 与第 ${seen.get(id)} 行重复`, `Indicator ${id} repeats row ${seen.get(id)}`));
    seen.set(id, row);
    if (emptyValues(cell)) return;
    const fields = rowFields(cell, year, leaf);
    if (setByAssessor(leaf)) {
      if (!sameAsSheet(fields, current.get(id) ?? { milestones: [] })) throw new CellError('target', t('该目标由考评单位制定，本单位不能修改', 'The assessor unit sets this goal; your unit cannot change it'));
      return;
    }
    goals.push({ indicatorId: id, row, fields });
  });
  return { goals, errors };
}

// ---------------------------------------------------------------------------------------------
// An assessor unit's common-indicator targets.

/** The assessor's targets as rows, header first: every unit of every common indicator (the template: none filled). */
export function commonTargetsToRows(indicators: readonly CommonIndicator[], goals: ReadonlyMap<string, RowFields>): string[][] {
  const rows: string[][] = [ASSESSOR_SHEET.map((c) => GOAL_COLUMNS[c])];
  for (const ind of indicators) {
    for (const u of ind.units) {
      const g = goals.get(targetKey(ind.indicatorId, u.unitId));
      const values: Partial<Record<Column, string>> = {
        indicatorId: ind.indicatorId,
        indicator: u.leaf.name,
        category: u.categoryName,
        unit: u.unitName,
        target: g?.target === undefined ? '' : String(g.target),
        unitOfMeasure: g?.unitOfMeasure ?? '',
        milestones: milestonesText(g?.milestones ?? []),
        responsible: g?.responsible ?? '',
      };
      rows.push(ASSESSOR_SHEET.map((c) => values[c] ?? ''));
    }
  }
  return rows;
}

/** The key of a unit's goal of an indicator in the maps above. */
export const targetKey = (indicatorId: string, unitId: string) => `${indicatorId}|${unitId}`;

export interface CommonRowTarget {
  indicatorId: string;
  unitId: string;
  row: number;
  fields: RowFields;
}

/** An assessor's sheet read back: a target per filled row, the unit found by its name among the indicator's units. */
export function readCommonTargetRows(rows: readonly (readonly string[])[], indicators: readonly CommonIndicator[], year: number): { targets: CommonRowTarget[]; errors: RowError[] } {
  const h = header(rows, ASSESSOR_SHEET, ['indicatorId', 'unit', 'target', 'unitOfMeasure']);
  if ('error' in h) return { targets: [], errors: [h.error!] };
  const byId = new Map(indicators.map((i) => [i.indicatorId, i]));
  const targets: CommonRowTarget[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  eachRow(rows, h.at, h.col, errors, (cell, row) => {
    const id = cell('indicatorId');
    const ind = byId.get(id);
    if (!ind) throw new CellError('indicatorId', t(`指标「${id}」不是本单位负责制定目标的共性指标`, `“${id}” is not a common indicator your unit sets goals for`));
    const name = cell('unit');
    const unit = ind.units.find((u) => u.unitName === name || u.unitId === name);
    if (!unit) throw new CellError('unit', t(`「${name}」不在指标 ${id} 的考评范围内`, `“${name}” is not assessed on indicator ${id}`));
    const key = targetKey(id, unit.unitId);
    if (seen.has(key)) throw new CellError('unit', t(`与第 ${seen.get(key)} 行重复`, `Repeats row ${seen.get(key)}`));
    seen.set(key, row);
    if (emptyValues(cell)) return;
    const { scoringNote: _none, ...fields } = rowFields(cell, year, unit.leaf);
    targets.push({ indicatorId: id, unitId: unit.unitId, row, fields });
  });
  return { targets, errors };
}

/** Problems of a checked row (`row.unitId`, `row.milestones.0.date`, …) as row errors of sheet row `row`. */
export function goalRowErrors(row: number, problems: readonly { path: string; message: string }[]): RowError[] {
  const column = (path: string): Column => (path.includes('.milestones') ? 'milestones' : path.endsWith('.unitId') ? 'unit' : 'target');
  return problems.map((p) => ({ row, column: GOAL_COLUMNS[column(p.path)], message: p.message }));
}
