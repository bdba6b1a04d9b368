// Goals an assessor unit sets for the units it assesses (Art 8–9): a common (共性) leaf with an
// assessor unit is set by that assessor unit, once for every unit of the categories whose plan has
// it, with per-unit targets in one table; the unit reads it and submits it with its set.
import { t } from '../contracts/lang.ts';
import type { FieldProblem } from './errors.ts';
import { goalEditable, goalLeaves, goalProblems, goalWorkOpen } from './goals.ts';
import type { PlanNode } from './plan.ts';
import type { GoalStatus, Milestone } from '../model/goal.ts';

/** The leaf's goal is set by its assessor unit, not by the unit (a common leaf with an assessor unit). */
export const setByAssessor = (leaf: Pick<PlanNode, 'common' | 'assessorUnitId'>): boolean => leaf.common === true && !!leaf.assessorUnitId;

export interface CategoryOfCycle {
  categoryId: string;
  name: string;
  units: readonly { unitId: string; name: string }[];
  /** The tree of the plan in force (absent: no plan yet). */
  tree?: readonly PlanNode[];
}

/** A unit's row of a common indicator's table. */
export interface CommonRowUnit {
  unitId: string;
  unitName: string;
  categoryId: string;
  categoryName: string;
  /** The leaf as the unit's category's plan has it (names and rules may differ by category). */
  leaf: PlanNode;
}

/** One common indicator of an assessor unit: the categories whose plan has it, and their units. */
export interface CommonIndicator {
  indicatorId: string;
  name: string;
  categories: { categoryId: string; categoryName: string; name: string; points: number; criteria?: string }[];
  units: CommonRowUnit[];
}

/**
 * The common indicators `assessorUnitId` sets goals for, by indicator code across the categories
 * (a code names the same common indicator in each category's plan that gives it to this assessor).
 */
export function commonIndicators(categories: readonly CategoryOfCycle[], assessorUnitId: string): CommonIndicator[] {
  const byId = new Map<string, CommonIndicator>();
  for (const c of categories) {
    for (const leaf of goalLeaves({ tree: [...(c.tree ?? [])] })) {
      if (!setByAssessor(leaf) || leaf.assessorUnitId !== assessorUnitId) continue;
      let ind = byId.get(leaf.id);
      if (!ind) byId.set(leaf.id, (ind = { indicatorId: leaf.id, name: leaf.name, categories: [], units: [] }));
      ind.categories.push({ categoryId: c.categoryId, categoryName: c.name, name: leaf.name, points: leaf.points, ...(leaf.criteria ? { criteria: leaf.criteria } : {}) });
      for (const u of c.units) ind.units.push({ unitId: u.unitId, unitName: u.name, categoryId: c.categoryId, categoryName: c.name, leaf });
    }
  }
  return [...byId.values()].sort((a, b) => a.indicatorId.localeCompare(b.indicatorId, 'en', { numeric: true }));
}

/** What an assessor unit writes in a row. */
export interface CommonRowFields {
  target?: number | undefined;
  unitOfMeasure?: string | undefined;
  milestones: readonly Milestone[];
  responsible?: string | undefined;
}

/** Where a row stands before it is written: the unit's set status and the goal as read. */
export interface RowState {
  setStatus?: GoalStatus | undefined;
  goal?: { status: GoalStatus; version: number } | undefined;
}

/**
 * Why a row may not be written (none: it may): the unit is not in the indicator's table, its set is
 * not with it or the stage is over, the goal was accepted, someone saved it since it was read, or
 * its milestones leave the cycle year or go back. `at` prefixes each path (`body.rows.3`).
 */
export function commonRowProblems(
  unit: CommonRowUnit | undefined,
  row: CommonRowFields & { version?: number | undefined },
  state: RowState,
  ctx: { stage: number; year: number },
  at: string,
): FieldProblem[] {
  if (!unit) return [{ path: `${at}.unitId`, message: t('该单位不在本指标的考评范围内', 'This unit is not assessed on this indicator by your unit') }];
  const problems: FieldProblem[] = [];
  const status = state.setStatus ?? 'draft';
  if (!['draft', 'returned'].includes(status) || !goalWorkOpen(ctx.stage, state.setStatus)) {
    problems.push({ path: `${at}.unitId`, message: t(`「${unit.unitName}」的目标已报送或不在目标制定阶段，不能修改`, `The goals of “${unit.unitName}” are submitted or past goal setting and cannot be changed`) });
  } else if (!goalEditable(state.goal?.status)) {
    problems.push({ path: `${at}.unitId`, message: t(`「${unit.unitName}」的该项目标已审定，不能修改`, `This goal of “${unit.unitName}” is approved and cannot be changed`) });
  }
  if (row.version !== undefined && row.version !== (state.goal?.version ?? 0)) {
    problems.push({ path: `${at}.version`, message: t(`「${unit.unitName}」的目标已被他人修改，请刷新后重试`, `Someone else changed the goal of “${unit.unitName}”; please refresh`) });
  }
  for (const p of goalProblems(unit.leaf, { indicatorId: unit.leaf.id, milestones: row.milestones, target: 0, unitOfMeasure: 'x' }, ctx.year)) {
    problems.push({ path: `${at}.${p.path.slice(`goals.${unit.leaf.id}.`.length)}`, message: p.message });
  }
  return problems;
}
