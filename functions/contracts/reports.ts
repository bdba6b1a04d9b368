// Annual reports (报告, Art 24; SPEC stage 9), read from the CONFIRMED results only (the leader's
// confirmation snapshot, data/confirmations.ts): a unit's report — score by indicator with the points
// lost and why, bonus and deduction items, vetoes, Art 23 changes with their 文号, grade and rank, the
// comparison with its category — and the region-wide report for the bureau (per category the grades,
// score statistics, the indicators most often missed, year on year). Nothing is stored: both are built
// from the snapshot and the cycle's score rows (domain/unit-report.ts, domain/region-report.ts).
// Access: a unit's staff and leader read their own unit's report only (results notice not yet published:
// engineer B's notice will widen nothing here until it lands); the bureau of the region reads every
// unit's and the region report; assessor units and the third party are refused.
import { PROBLEM_KINDS } from '../domain/problems.ts';
import { BUREAU_ROLES } from '../domain/roles.ts';
import { bureau, only } from './access.ts';
import { route } from './define.ts';
import { cyclePath, cycleUnitPath } from './paths.ts';
import { z } from './zod.ts';

const hundredths = z.number().int();

/** Totals of a category spread over score bands (lower bound inclusive, upper exclusive; null = open). */
export const bandView = z.object({ from: hundredths.nullable(), to: hundredths.nullable(), count: z.number().int(), units: z.array(z.string()) });
export type BandView = z.infer<typeof bandView>;

export const statsView = z.object({ count: z.number().int(), mean: hundredths, median: hundredths, max: hundredths, min: hundredths });
export type StatsView = z.infer<typeof statsView>;

/** One scored leaf of the unit's plan with what it lost and why. */
export const reportLeafView = z.object({
  id: z.string(),
  /** Names between the 一级指标 and the leaf (二级指标 of a three-level tree), may be empty. */
  path: z.array(z.string()),
  name: z.string(),
  points: hundredths,
  score: hundredths,
  lost: hundredths,
  method: z.string(),
  criteria: z.string(),
  assessorUnitName: z.string(),
  /** The engine's lines: the rule and the inputs. */
  explanation: z.array(z.string()),
  /** The assessor's corrections of inputs, with their reasons (the comment on the score). */
  comments: z.array(z.string()),
});
export type ReportLeafView = z.infer<typeof reportLeafView>;

/** A 一级指标 with its leaves, and the category's average on it. */
export const reportGroupView = z.object({
  id: z.string(),
  name: z.string(),
  points: hundredths,
  score: hundredths,
  lost: hundredths,
  categoryAverage: hundredths,
  leaves: z.array(reportLeafView),
});
export type ReportGroupView = z.infer<typeof reportGroupView>;

export const reportClaimView = z.object({ kind: z.enum(['bonus', 'deduction']), name: z.string(), occurrences: z.number().int(), amount: hundredths, severe: z.boolean(), description: z.string(), decidedAt: z.string(), reason: z.string() });
export type ReportClaimView = z.infer<typeof reportClaimView>;

export const reportDecisionView = z.object({ target: z.enum(['grade', 'rank']), direction: z.enum(['raise', 'lower']), steps: z.number().int(), reason: z.string(), documentNumber: z.string(), approvedAt: z.string() });

/** A problem found (domain/problems.ts, engineer C's rules), as the report lists it. */
export const reportProblemView = z.object({ id: z.string(), kind: z.enum(PROBLEM_KINDS), title: z.string(), detail: z.string(), lost: hundredths.optional(), points: hundredths.optional(), key: z.boolean(), keyReason: z.string().optional() });
export type ReportProblemView = z.infer<typeof reportProblemView>;

export const unitReportView = z.object({
  regionId: z.string(),
  regionName: z.string(),
  bureauName: z.string(),
  cycleId: z.string(),
  year: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  planVersion: z.number().int(),
  confirmedVersion: z.number().int(),
  confirmedAt: z.string(),
  total: hundredths,
  grade: z.string(),
  gradeName: z.string(),
  rankInGrade: z.number().int(),
  /** Place in the category's order (1 = first), of `unitsInCategory`. */
  position: z.number().int(),
  unitsInCategory: z.number().int(),
  breakdown: z.object({ goalSum: hundredths, bonusRaw: hundredths, bonus: hundredths, deductionRaw: hundredths, deduction: hundredths, satisfaction: hundredths, lines: z.array(z.string()) }),
  points: hundredths,
  lost: hundredths,
  groups: z.array(reportGroupView),
  claims: z.array(reportClaimView),
  vetoes: z.array(z.string()),
  gradeDecisions: z.array(reportDecisionView),
  gradePlace: z.array(z.string()),
  comparison: z.object({ stats: statsView, bands: z.array(bandView), counts: z.record(z.string(), z.number().int()) }),
  problems: z.array(reportProblemView),
});
export type UnitReportView = z.infer<typeof unitReportView>;

export const missedView = z.object({ indicatorId: z.string(), name: z.string(), groupName: z.string(), points: hundredths, lostSum: hundredths, lostAverage: hundredths, unitsLosing: z.number().int(), units: z.number().int() });
export type MissedView = z.infer<typeof missedView>;

export const gradeGroupView = z.object({ grade: z.string(), gradeName: z.string(), units: z.array(z.object({ unitId: z.string(), unitName: z.string(), total: hundredths, rankInGrade: z.number().int(), vetoed: z.boolean(), decided: z.boolean() })) });
export type GradeGroupView = z.infer<typeof gradeGroupView>;

/** Last year's figures of the same category, or why there are none. */
export const previousView = z.discriminatedUnion('status', [
  z.object({ status: z.literal('none') }),
  z.object({ status: z.literal('unconfirmed') }),
  z.object({ status: z.literal('confirmed'), stats: statsView, counts: z.record(z.string(), z.number().int()) }),
]);
export type PreviousView = z.infer<typeof previousView>;

export const regionCategoryView = z.discriminatedUnion('status', [
  z.object({ status: z.literal('unconfirmed'), categoryId: z.string(), name: z.string(), units: z.number().int() }),
  z.object({
    status: z.literal('confirmed'),
    categoryId: z.string(),
    name: z.string(),
    units: z.number().int(),
    confirmedVersion: z.number().int(),
    confirmedAt: z.string(),
    counts: z.record(z.string(), z.number().int()),
    grades: z.array(gradeGroupView),
    stats: statsView,
    bands: z.array(bandView),
    missed: z.array(missedView),
    previous: previousView,
  }),
]);
export type RegionCategoryView = z.infer<typeof regionCategoryView>;

export const regionReportView = z.object({
  regionId: z.string(),
  regionName: z.string(),
  bureauName: z.string(),
  cycleId: z.string(),
  year: z.number().int(),
  previousYear: z.number().int(),
  categories: z.array(regionCategoryView),
});
export type RegionReportView = z.infer<typeof regionReportView>;

const cycle = '/regions/{regionId}/cycles/{cycleId}';

export const reportRoutes = {
  getUnitReport: route({ method: 'GET', path: `${cycle}/units/{unitId}/report`, group: 'results', access: only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit'), params: cycleUnitPath, output: unitReportView, summary: '单位年度绩效考评结果报告（依据已确认的结果；单位仅可看本单位的）' }),
  getRegionReport: route({ method: 'GET', path: `${cycle}/report`, group: 'results', access: bureau, params: cyclePath, output: regionReportView, summary: '全区年度绩效考评结果报告：各类别等次分布、得分统计、失分较多的指标、与上年比较' }),
};
