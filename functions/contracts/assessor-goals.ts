// Goals an assessor unit sets (Art 8–9): the common (共性) indicators the plan in force assigns to it,
// each a table of per-unit targets for every unit of the categories whose plan has it, saved row by
// row or as a whole table, and imported from a sheet; and a unit's goals imported from a sheet.
// Rules in domain/assessor-goals.ts and domain/goal-rows.ts.
import { goalFields, goalStatus } from '../model/goal.ts';
import { BUREAU_ROLES } from '../domain/roles.ts';
import { only } from './access.ts';
import { route } from './define.ts';
import { t } from './lang.ts';
import { cycleUnitPath, goalPath } from './paths.ts';
import { goalView } from './goals.ts';
import { ids, z } from './zod.ts';

/** The bureau, and an assessor unit's staff for their own unit ({unitId} is the assessor unit). */
const assessorDrafters = only([...BUREAU_ROLES, 'assessor_staff'], 'ownUnit');
/** A unit's filer or leader, for their own unit (as goals.ts goalDrafters). */
const unitDrafters = only(['unit_staff', 'unit_leader'], 'ownUnit');

/** What the assessor writes in a unit's row (lead and co-operating units, scoring note: the unit's own goals only). */
const rowFields = goalFields.pick({ target: true, unitOfMeasure: true, milestones: true, responsible: true });

/** One row: the unit it is for, the version of its goal as read (0: none yet) and the fields. */
export const commonRow = rowFields.extend({ unitId: ids.unit, version: z.number().int().min(0) });
export type CommonRow = z.infer<typeof commonRow>;

export const saveCommonGoalsBody = z.object({
  rows: z
    .array(commonRow)
    .min(1, { error: () => t('没有要保存的行', 'No rows to save') })
    .max(1000),
});
export type SaveCommonGoalsBody = z.infer<typeof saveCommonGoalsBody>;

/** Sheet rows as cell texts, row 1 first; `dryRun` checks without writing (the portal's preview). */
export const goalSheetBody = z.object({
  rows: z
    .array(z.array(z.string().max(1000)).max(20))
    .min(1, { error: () => t('表格为空', 'The sheet is empty') })
    .max(3000),
  dryRun: z.boolean().default(false),
});
export type GoalSheetBody = z.infer<typeof goalSheetBody>;

export const goalImportResult = z.object({ count: z.number().int().min(0), dryRun: z.boolean() });

/** A unit's row of a common indicator's table. */
export const commonGoalRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  /** The unit's set status ('draft' with nothing saved yet). */
  setStatus: goalStatus,
  /** The row may be written now (set with the unit, cycle in goal setting, goal not accepted). */
  editable: z.boolean(),
  goal: goalView
    .pick({ target: true, unitOfMeasure: true, milestones: true, responsible: true, status: true, version: true, updatedAt: true, updatedBy: true, returnReason: true })
    .optional(),
});
export type CommonGoalRow = z.infer<typeof commonGoalRow>;

export const commonIndicatorView = z.object({
  indicatorId: z.string(),
  name: z.string(),
  /** The categories whose plan has it (name, points and scoring rule as each gives them). */
  categories: z.array(z.object({ categoryId: z.string(), categoryName: z.string(), name: z.string(), points: z.number(), criteria: z.string().optional() })),
  rows: z.array(commonGoalRow),
  /** Rows with a target and unit of measure. */
  withTarget: z.number().int().min(0),
});
export type CommonIndicatorView = z.infer<typeof commonIndicatorView>;

export const commonGoalsView = z.object({
  cycleId: z.string(),
  assessorUnitId: z.string(),
  assessorName: z.string(),
  stage: z.number().int().min(1),
  year: z.number().int(),
  indicators: z.array(commonIndicatorView),
});
export type CommonGoalsView = z.infer<typeof commonGoalsView>;

const common = '/regions/{regionId}/cycles/{cycleId}/assessors/{unitId}/common-goals';

export const assessorGoalRoutes = {
  getCommonGoals: route({ method: 'GET', path: common, group: 'goals', access: assessorDrafters, params: cycleUnitPath, output: commonGoalsView, summary: '考评单位负责制定目标的共性指标及各单位目标' }),
  saveCommonGoal: route({ method: 'PUT', path: `${common}/{indicatorId}`, group: 'goals', access: assessorDrafters, params: goalPath, body: commonRow, output: goalView, summary: '考评单位保存一个单位的共性指标目标（一行）' }),
  saveCommonGoals: route({ method: 'POST', path: `${common}/{indicatorId}`, group: 'goals', access: assessorDrafters, params: goalPath, body: saveCommonGoalsBody, output: commonIndicatorView, summary: '考评单位整表保存共性指标目标（全部成功或全部不保存）' }),
  importCommonGoals: route({ method: 'POST', path: `${common}-import`, group: 'goals', access: assessorDrafters, params: cycleUnitPath, body: goalSheetBody, output: goalImportResult, summary: '考评单位从表格导入共性指标目标' }),
  importUnitGoals: route({ method: 'POST', path: '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/goals/import', group: 'goals', access: unitDrafters, params: cycleUnitPath, body: goalSheetBody, output: goalImportResult, summary: '单位从表格导入本单位目标' }),
};

