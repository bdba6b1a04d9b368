// Path parameters, each with its exact pattern: a key is never built from an unchecked path id.
import { t } from './lang.ts';
import { STAGE_CODES } from '../domain/stages.ts';
import { PROBLEM_ID } from '../domain/problems.ts';
import { ids, z } from './zod.ts';

export const regionPath = z.object({ regionId: ids.region });
export const cyclePath = regionPath.extend({ cycleId: ids.cycle });
export const unitPath = regionPath.extend({ unitId: ids.unit });
export const categoryPath = cyclePath.extend({ categoryId: ids.category });
export const userPath = regionPath.extend({ username: ids.username });
const yearRange = { error: () => t('年份应在 2000–2100 之间', 'The year must be between 2000 and 2100') };
/** A calendar year: four digits within 2000–2100, handed on as a number. */
export const yearPath = regionPath.extend({ year: ids.year.transform(Number).pipe(z.number().int().min(2000, yearRange).max(2100, yearRange)) });
/** A stage of a cycle, by its code (goal_setting, …): stage duties. */
export const stagePath = cyclePath.extend({ stage: z.enum(STAGE_CODES) });
/** A unit's duties in a stage of a cycle. */
export const stageUnitPath = stagePath.extend({ unitId: ids.unit });
/** A unit within a cycle. */
export const cycleUnitPath = cyclePath.extend({ unitId: ids.unit });
/**
 * An indicator of a unit's plan: the plan node's 编号 (domain/plan.ts: 1–20 letters, digits, dots,
 * dashes), here beginning with a letter or digit so `.` and `..` never reach a path.
 */
export const goalPath = cycleUnitPath.extend({
  indicatorId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, { error: () => t('指标编号有误', 'Not a valid indicator code') }),
});
/** A task decomposing one of a unit's goals (model/goal-task.ts taskId). */
export const goalTaskPath = cycleUnitPath.extend({
  taskId: z.string().regex(/^t[0-9a-z]{1,19}$/, { error: () => t('任务编号有误', 'Not a valid task id') }),
});
/** An adjustment request of one of a unit's goals (model/goal-adjustment.ts adjustmentId: a UUID). */
export const goalAdjustmentPath = goalPath.extend({
  adjustmentId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: () => t('调整申请编号有误', 'Not a valid adjustment request id') }),
});
/** A feedback item of a unit (model/feedback.ts feedbackId: a UUID). */
export const feedbackPath = cycleUnitPath.extend({
  feedbackId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: () => t('反馈编号有误', 'Not a valid feedback id') }),
});
/** A unit's rectification plan of one problem found (domain/problems.ts PROBLEM_ID: score:/satisfaction:<indicator>, feedback:/claim:<uuid>). */
export const rectificationPath = cycleUnitPath.extend({
  problemId: z.string().regex(PROBLEM_ID, { error: () => t('问题编号有误', 'Not a valid problem id') }),
});
/** A goal carried into this cycle from a problem of an earlier one (Art 26). */
export const carriedGoalPath = cycleUnitPath.extend({
  fromCycleId: ids.cycle,
  problemId: z.string().regex(PROBLEM_ID, { error: () => t('问题编号有误', 'Not a valid problem id') }),
});
/** A feeding system of the region's feed API (its key's public id: identity/feed-keys.ts). */
export const feedSystemPath = regionPath.extend({
  systemId: z.string().regex(/^[a-z2-7]{16}$/, { error: () => t('数据接口编号有误', 'Not a valid feed system id') }),
});
/** A complaint or report of the region (model/complaint.ts complaintId: a UUID). */
export const complaintPath = regionPath.extend({
  complaintId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: () => t('投诉举报编号有误', 'Not a valid complaint id') }),
});
