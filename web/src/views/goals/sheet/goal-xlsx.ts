// Goal sheets as workbooks: a unit's goals and an assessor unit's common-indicator targets, each as
// a template (indicators and units pre-filled, values empty) or an export (values filled), in the
// layout domain/goal-rows.ts reads back on import; and the 错误数据 sheet of a refused import.
import { commonIndicators, type CategoryOfCycle } from '@shared/domain/assessor-goals.ts';
import { ASSESSOR_SHEET, commonTargetsToRows, GOAL_COLUMNS, targetKey, UNIT_SHEET, unitGoalsToRows, type RowFields } from '@shared/domain/goal-rows.ts';
import type { PlanNode } from '@shared/domain/plan.ts';
import type { RowError } from '@shared/domain/plan-rows.ts';
import type { CommonGoalsView } from '@/api/assessor-goals';
import type { UnitGoalsView } from '@/api/goals';
import { errorSheetRows, type SheetColumn, type SheetEntry } from '@/utils/sheet-rows';
import { rowsWorkbook } from '@/utils/xlsx';

const WIDTHS = { indicatorId: 10, parents: 18, indicator: 28, category: 16, unit: 24, target: 12, unitOfMeasure: 12, milestones: 36, responsible: 12, scoringNote: 30, setBy: 18 } as const;

export type GoalSheetKind = 'unit' | 'assessor';
export const sheetLayout = (kind: GoalSheetKind) => (kind === 'unit' ? UNIT_SHEET : ASSESSOR_SHEET);
export const sheetColumns = (kind: GoalSheetKind): SheetColumn[] => sheetLayout(kind).map((k) => ({ key: k, label: GOAL_COLUMNS[k], width: WIDTHS[k] * 8 }));

const workbook = (kind: GoalSheetKind, rows: string[][]) => rowsWorkbook(rows, kind === 'unit' ? '本单位目标' : '共性指标目标', sheetLayout(kind).map((k) => WIDTHS[k]));

const nodeOf = (l: UnitGoalsView['leaves'][number]): PlanNode => ({ id: l.indicatorId, name: l.name, points: l.points, method: l.method, criteria: l.criteria, assessorUnitId: l.assessorUnitId, common: l.common });

/** A unit's goals (`withValues` false: the template, its indicators only). */
export function unitGoalsWorkbook(view: UnitGoalsView, assessorName: (unitId: string) => string, withValues: boolean): Promise<Blob> {
  const goals = new Map<string, RowFields>(withValues ? view.goals.map((g) => [g.indicatorId, g]) : []);
  return workbook('unit', unitGoalsToRows(view.leaves.map((l) => ({ node: nodeOf(l), parents: l.parents })), goals, assessorName));
}

/** The assessor's common indicators with their units, as the sheet functions take them. */
export function indicatorsOf(view: CommonGoalsView) {
  const categories: CategoryOfCycle[] = [];
  for (const ind of view.indicators) {
    for (const c of ind.categories) {
      let cat = categories.find((x) => x.categoryId === c.categoryId);
      if (!cat) categories.push((cat = { categoryId: c.categoryId, name: c.categoryName, units: [], tree: [] }));
      (cat.tree as PlanNode[]).push({ id: ind.indicatorId, name: c.name, points: c.points, common: true, assessorUnitId: view.assessorUnitId, ...(c.criteria ? { criteria: c.criteria } : {}) });
      for (const r of ind.rows) if (r.categoryId === c.categoryId && !cat.units.some((u) => u.unitId === r.unitId)) (cat.units as { unitId: string; name: string }[]).push({ unitId: r.unitId, name: r.unitName });
    }
  }
  return commonIndicators(categories, view.assessorUnitId);
}

/** An assessor's targets of all its common indicators (`withValues` false: the template). */
export function commonTargetsWorkbook(view: CommonGoalsView, withValues: boolean): Promise<Blob> {
  const goals = new Map<string, RowFields>();
  if (withValues) for (const ind of view.indicators) for (const r of ind.rows) if (r.goal) goals.set(targetKey(ind.indicatorId, r.unitId), r.goal);
  return workbook('assessor', commonTargetsToRows(indicatorsOf(view), goals));
}

/** The data rows of a sheet under its header, as the import preview shows them. */
export function sheetEntries(kind: GoalSheetKind, rows: readonly (readonly string[])[]): SheetEntry[] {
  const at = rows.findIndex((r) => r.some((c) => c === GOAL_COLUMNS.indicatorId));
  if (at < 0) return [];
  const header = rows[at]!;
  const layout = sheetLayout(kind);
  return rows.flatMap((r, i) =>
    i <= at || r.every((c) => !c) ? [] : [{ row: i + 1, cells: Object.fromEntries(layout.map((k) => [k, r[header.indexOf(GOAL_COLUMNS[k])] ?? ''])) }],
  );
}

export function goalErrorsWorkbook(kind: GoalSheetKind, entries: readonly SheetEntry[], errors: readonly RowError[]): Promise<Blob> {
  const layout = sheetLayout(kind);
  return rowsWorkbook(errorSheetRows(layout.map((k) => GOAL_COLUMNS[k]), layout, entries, errors), '错误数据', [...layout.map((k) => WIDTHS[k]), 8, 40]);
}
