// The region-wide annual report for the bureau (Art 24, 27): per category of the cycle, from its
// CONFIRMED snapshot, the units in each grade, score statistics and bands, the indicators most often
// missed (points lost summed and averaged over the category's units, from the cycle's score rows read
// once), and last year's figures of the same category when that cycle exists and is confirmed.
// A category not confirmed shows as such, with no figures. Pure: data/reports.ts reads, this composes.
import type { MissedView, PreviousView, RegionCategoryView, RegionReportView } from '../contracts/reports.ts';
import type { ConfirmationRecord } from '../model/grade-decision.ts';
import type { CategoryPlan } from '../model/plan.ts';
import type { ScoreRecord } from '../model/score.ts';
import { groupLeaves, leafScore, scoresByUnit } from './report-leaves.ts';
import { bandsOf, gradeCounts, roundedMean, statsOf } from './report-stats.ts';
import { GRADE_NAMES, GRADES } from './scoring/grading-rules.ts';

/** How many indicators the "most often missed" list names per category. */
export const MISSED_TOP = 10;

export interface RegionCategoryInputs {
  categoryId: string;
  name: string;
  units: number;
  snapshot?: ConfirmationRecord;
  plan?: CategoryPlan;
  /** Last year's: undefined when the region has no cycle that year, null when that category is not confirmed there. */
  previous?: ConfirmationRecord | null;
}

export interface RegionReportInputs {
  region: { regionId: string; name: string; bureauName: string };
  cycle: { cycleId: string; year: number };
  categories: readonly RegionCategoryInputs[];
  scores: readonly ScoreRecord[];
}

/** The leaves with the most points lost over the category's units, most first (ties by code). */
export function mostMissed(plan: Pick<CategoryPlan, 'tree'>, unitIds: readonly string[], byUnit: ReadonlyMap<string, ReadonlyMap<string, ScoreRecord>>, top = MISSED_TOP): MissedView[] {
  const rows: MissedView[] = [];
  for (const { node, leaves } of groupLeaves(plan)) {
    for (const { leaf } of leaves) {
      const lost = unitIds.map((u) => leaf.points - leafScore(leaf, byUnit.get(u)?.get(leaf.id)));
      const lostSum = lost.reduce((s, v) => s + v, 0);
      if (lostSum <= 0) continue;
      rows.push({ indicatorId: leaf.id, name: leaf.name, groupName: node.name, points: leaf.points, lostSum, lostAverage: roundedMean(lostSum, unitIds.length), unitsLosing: lost.filter((v) => v > 0).length, units: unitIds.length });
    }
  }
  return rows.sort((a, b) => b.lostSum - a.lostSum || a.indicatorId.localeCompare(b.indicatorId, 'en', { numeric: true })).slice(0, top);
}

function previousOf(previous: ConfirmationRecord | null | undefined): PreviousView {
  if (previous === undefined) return { status: 'none' };
  if (previous === null) return { status: 'unconfirmed' };
  return { status: 'confirmed', stats: statsOf(previous.units.map((u) => u.total)), counts: gradeCounts(GRADES, previous.units) };
}

function categoryOf(c: RegionCategoryInputs, byUnit: ReadonlyMap<string, ReadonlyMap<string, ScoreRecord>>): RegionCategoryView {
  const s = c.snapshot;
  if (!s) return { status: 'unconfirmed', categoryId: c.categoryId, name: c.name, units: c.units };
  const ordered = [...s.units].sort((a, b) => a.order - b.order);
  return {
    status: 'confirmed',
    categoryId: c.categoryId,
    name: c.name,
    units: s.units.length,
    confirmedVersion: s.version,
    confirmedAt: s.confirmedAt,
    counts: gradeCounts(GRADES, s.units),
    grades: GRADES.map((g) => ({
      grade: g,
      gradeName: GRADE_NAMES[g],
      units: ordered.filter((u) => u.grade === g).map((u) => ({ unitId: u.unitId, unitName: u.unitName, total: u.total, rankInGrade: u.rankInGrade, vetoed: u.vetoed, decided: u.gradeDecisions.length > 0 })),
    })),
    stats: statsOf(s.units.map((u) => u.total)),
    bands: bandsOf(s.units),
    missed: c.plan ? mostMissed(c.plan, s.units.map((u) => u.unitId), byUnit) : [],
    previous: previousOf(c.previous),
  };
}

export function buildRegionReport(i: RegionReportInputs): RegionReportView {
  const byUnit = scoresByUnit(i.scores);
  return {
    regionId: i.region.regionId,
    regionName: i.region.name,
    bureauName: i.region.bureauName,
    cycleId: i.cycle.cycleId,
    year: i.cycle.year,
    previousYear: i.cycle.year - 1,
    categories: i.categories.map((c) => categoryOf(c, byUnit)),
  };
}
