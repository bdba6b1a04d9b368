// Approved goals are public (Art 10, 11): per region, cycle and unit, readable without signing in,
// searchable, printable. These schemas name every field the public answer carries, and the chain
// drops what they do not name, so drafts' fields, return reasons, the goal as returned, who in the
// bureau (or the unit) saved or approved anything, and an adjustment's explanation never leave.
import { milestone } from '../model/goal.ts';
import { adjustmentReason } from '../model/goal.ts';
import { PUBLIC } from './access.ts';
import { route } from './define.ts';
import { cyclePath, cycleUnitPath } from './paths.ts';
import { text, z } from './zod.ts';

const search = text({ max: 40 });

export const publicGoalUnitsQuery = z.object({
  /** Part of a unit's name. */
  q: search.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const publicCycle = z.object({ cycleId: z.string(), name: z.string(), year: z.number() });

export const publicGoalUnit = z.object({
  unitId: z.string(),
  unitName: z.string(),
  categoryName: z.string(),
  /** The unit's goals are approved and so public. */
  published: z.boolean(),
  /** The date (Beijing) the bureau approved them. */
  approvedOn: z.string().optional(),
});
export const publicGoalUnitsView = z.object({
  cycle: publicCycle,
  items: z.array(publicGoalUnit),
  /** Units matching the search, before paging. */
  total: z.number().int().min(0),
  /** Units of the cycle, and how many have published goals. */
  units: z.number().int().min(0),
  published: z.number().int().min(0),
});
export type PublicGoalUnitsView = z.infer<typeof publicGoalUnitsView>;

/** An approved adjustment as the public sees it: which revision, on which date, for which class of reason. */
export const publicAdjustment = z.object({ revision: z.number(), decidedOn: z.string(), reason: adjustmentReason });

export const publicGoal = z.object({
  indicatorId: z.string(),
  indicatorName: z.string(),
  /** Names of the indicators above it, top first. */
  parents: z.array(z.string()),
  points: z.number(),
  target: z.number().optional(),
  unitOfMeasure: z.string().optional(),
  scoringNote: z.string().optional(),
  milestones: z.array(milestone),
  leadUnitName: z.string().optional(),
  coUnitNames: z.array(z.string()),
  /** The unit's own person answering for the goal (a unit's goal names it; nobody of the bureau). */
  responsible: z.string().optional(),
  revision: z.number(),
  adjustments: z.array(publicAdjustment),
});
export type PublicGoal = z.infer<typeof publicGoal>;

export const publicUnitGoalsQuery = z.object({
  /** Part of an indicator's name or code, or of the goal's text (unit of measure, note, responsible unit). */
  q: search.optional(),
});
export const publicUnitGoalsView = z.object({
  cycle: publicCycle,
  unitId: z.string(),
  unitName: z.string(),
  categoryName: z.string(),
  published: z.boolean(),
  approvedOn: z.string().optional(),
  /** Goals of the set (all of them, or those matching the search); empty until approved. */
  goals: z.array(publicGoal),
  /** Goals of the set before the search. */
  total: z.number().int().min(0),
});
export type PublicUnitGoalsView = z.infer<typeof publicUnitGoalsView>;

export const publicGoalRoutes = {
  listPublicGoalUnits: route({ method: 'GET', path: '/public/regions/{regionId}/cycles/{cycleId}/goal-units', group: 'public', access: PUBLIC, params: cyclePath, query: publicGoalUnitsQuery, output: publicGoalUnitsView, summary: '公开：某周期各单位的年度绩效目标公布情况' }),
  getPublicUnitGoals: route({ method: 'GET', path: '/public/regions/{regionId}/cycles/{cycleId}/units/{unitId}/goals', group: 'public', access: PUBLIC, params: cycleUnitPath, query: publicUnitGoalsQuery, output: publicUnitGoalsView, summary: '公开：单位经审定（及调整后）的年度绩效目标' }),
};
