// Early warning (Art 12): the plan's rule for colouring an approved goal green / yellow / red, the
// status each goal carries with the reasons for it, and the dashboard's counters kept on write.
// The rule itself is domain/early-warning.ts; storage data/early-warning.ts.
import { ids, isoDate, version, z } from '../contracts/zod.ts';
import { t } from '../contracts/lang.ts';

export const WARNING_LEVELS = ['green', 'yellow', 'red'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];
export const warningLevel = z.enum(WARNING_LEVELS);

/**
 * The plan's thresholds (categoryPlan.warning; these defaults when the plan gives none):
 * yellow below 90 % of the value expected by the last milestone passed, red below 70 %; red too
 * when a milestone has passed unmet for more than 30 days; yellow at one missed report, red at two.
 */
export const DEFAULT_WARNING_RULE = { yellowBelowPercent: 90, redBelowPercent: 70, milestoneGraceDays: 30, missedForYellow: 1, missedForRed: 2 } as const;

export const warningRule = z
  .object({
    yellowBelowPercent: z.number().min(1).max(100).default(DEFAULT_WARNING_RULE.yellowBelowPercent),
    redBelowPercent: z.number().min(0).max(100).default(DEFAULT_WARNING_RULE.redBelowPercent),
    milestoneGraceDays: z.number().int().min(0).max(365).default(DEFAULT_WARNING_RULE.milestoneGraceDays),
    missedForYellow: z.number().int().min(1).max(12).default(DEFAULT_WARNING_RULE.missedForYellow),
    missedForRed: z.number().int().min(1).max(12).default(DEFAULT_WARNING_RULE.missedForRed),
  })
  .refine((r) => r.redBelowPercent <= r.yellowBelowPercent, { error: () => t('红色预警线不能高于黄色预警线', 'The red line may not be above the yellow line'), path: ['redBelowPercent'] })
  .refine((r) => r.missedForRed >= r.missedForYellow, { error: () => t('红色预警的漏报次数不能少于黄色', 'Red may not need fewer missed reports than yellow'), path: ['missedForRed'] });
export type WarningRule = z.output<typeof warningRule>;

export const WARNING_REASONS = [
  // green
  'no_milestone_yet',
  'on_track',
  // yellow
  'below_expected',
  'milestone_no_value',
  'report_missing',
  // red
  'far_below_expected',
  'milestone_overdue',
  'reports_missing',
] as const;
export type WarningReasonCode = (typeof WARNING_REASONS)[number];

/** Why a goal has its colour: a code, the figures it names, and the sentence in Chinese. */
export const warningReason = z.object({
  code: z.enum(WARNING_REASONS),
  level: warningLevel,
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  text: z.string(),
});
export type WarningReason = z.infer<typeof warningReason>;

/** A goal's status as stored (keys.goalWarning, right after its goal in the unit's GOAL# items). */
export const goalWarningRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  /** The unit's name as the cycle's categories give it (the assessor's list shows it). */
  unitName: z.string().default(''),
  indicatorId: z.string(),
  categoryId: ids.category,
  assessorUnitId: z.string().default(''),
  /** The indicator's name in the plan in force when the status was last worked out. */
  name: z.string(),
  unitOfMeasure: z.string().optional(),
  target: z.number().optional(),
  level: warningLevel,
  /** The worst reason first. */
  reasons: z.array(warningReason).min(1),
  /** The milestone the value was held against, its expected value, the value and its period. */
  milestoneDate: isoDate.optional(),
  expected: z.number().optional(),
  value: z.number().optional(),
  valuePeriod: z.string().optional(),
  percent: z.number().optional(),
  /** Reports due and not made, and reports made after their due date. */
  missing: z.number().int().min(0),
  late: z.number().int().min(0),
  /** When the goal took its present colour. */
  since: z.string(),
  /** The month (YYYY-MM) the dashboard's trend counted this status in: never before that of the status it replaced. */
  countedIn: z.string().optional(),
  version,
  updatedAt: z.string(),
});
export type GoalWarningRecord = z.infer<typeof goalWarningRecord>;

const count = z.number().int();
/** Counts by colour, plus missed and late reports. */
export const warningCounts = z.object({ green: count, yellow: count, red: count, missing: count, late: count });
export type WarningCounts = z.infer<typeof warningCounts>;
export const noWarningCounts = (): WarningCounts => ({ green: 0, yellow: 0, red: 0, missing: 0, late: 0 });

/** The dashboard's counters of a cycle (keys.dashboard*): one per unit, one per category, one per month (the month's net change). */
export const dashboardCounter = warningCounts.extend({
  regionId: ids.region,
  cycleId: ids.cycle,
  scope: z.enum(['unit', 'category', 'month']),
  /** unit id, category id or YYYY-MM. */
  key: z.string(),
  name: z.string().default(''),
  categoryId: z.string().default(''),
});
export type DashboardCounter = z.infer<typeof dashboardCounter>;
