// Monitoring and early warning (Art 12): the bureau's dashboard of a cycle (counts by colour per
// category and unit, the trend over the months beside the year before's, the units with most red, late and missed reports),
// an assessor unit's indicators across the units it scores, and a unit's own goals with their colour,
// the reasons for it and their decomposed tasks. Each view is one Query (data/early-warning.ts).
import { goalTaskView } from './goal-tasks.ts';
import { milestone } from '../model/goal.ts';
import { goalWarningRecord, warningCounts, warningLevel } from '../model/early-warning.ts';
import { BUREAU_ROLES } from '../domain/roles.ts';
import { bureau, only } from './access.ts';
import { route } from './define.ts';
import { cyclePath, cycleUnitPath } from './paths.ts';
import { z } from './zod.ts';

export const warningView = goalWarningRecord.omit({ regionId: true, cycleId: true });
export type WarningView = z.infer<typeof warningView>;

const named = warningCounts.extend({ name: z.string() });

export const dashboardView = z.object({
  cycleId: z.string(),
  totals: warningCounts,
  categories: z.array(named.extend({ categoryId: z.string() })),
  units: z.array(named.extend({ unitId: z.string(), categoryId: z.string() })),
  /** Each month of the year so far: the counts at its end (green, yellow, red), and missed and late reports then. */
  months: z.array(warningCounts.extend({ month: z.string() })),
  /** The units with most red goals (ties: most yellow, then name), at most ten. */
  mostRed: z.array(named.extend({ unitId: z.string(), categoryId: z.string() })),
  /** Units with reports missed or made late, most missed first. */
  lateUnits: z.array(named.extend({ unitId: z.string(), categoryId: z.string() })),
  /** The year before's trend (January–December, from its cycle's month counters) for comparison; null when none was kept. */
  lastYear: z.object({ cycleId: z.string(), months: z.array(warningCounts.extend({ month: z.string() })) }).nullable(),
});
export type DashboardView = z.infer<typeof dashboardView>;

export const assessorWarningsView = z.object({
  cycleId: z.string(),
  assessorUnitId: z.string(),
  totals: warningCounts,
  items: z.array(warningView),
});
export type AssessorWarningsView = z.infer<typeof assessorWarningsView>;

export const unitWarningsView = z.object({
  cycleId: z.string(),
  unitId: z.string(),
  totals: warningCounts,
  goals: z.array(
    z.object({
      indicatorId: z.string(),
      name: z.string(),
      target: z.number().optional(),
      unitOfMeasure: z.string().optional(),
      milestones: z.array(milestone),
      level: warningLevel.optional(),
      warning: warningView.optional(),
      tasks: z.array(goalTaskView),
    }),
  ),
});
export type UnitWarningsView = z.infer<typeof unitWarningsView>;

/** An assessor unit's staff for their own unit ({unitId} is the assessor unit), and the bureau. */
const assessorReaders = only([...BUREAU_ROLES, 'assessor_staff'], 'ownUnit');
/** A unit's filer and leader for their own unit, and the bureau. */
const unitReaders = only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit');

const cycle = '/regions/{regionId}/cycles/{cycleId}';

export const earlyWarningRoutes = {
  getDashboard: route({ method: 'GET', path: `${cycle}/dashboard`, group: 'progress', access: bureau, params: cyclePath, output: dashboardView, summary: '绩效办监测看板：各类别、各单位预警分布、月度趋势、红色最多的单位、迟报漏报' }),
  getAssessorWarnings: route({ method: 'GET', path: `${cycle}/assessors/{unitId}/warnings`, group: 'progress', access: assessorReaders, params: cycleUnitPath, output: assessorWarningsView, summary: '考评单位：本单位考评指标在各单位的预警状态' }),
  getUnitWarnings: route({ method: 'GET', path: `${cycle}/units/{unitId}/warnings`, group: 'progress', access: unitReaders, params: cycleUnitPath, output: unitWarningsView, summary: '本单位目标的预警状态、原因及分解任务' }),
};
