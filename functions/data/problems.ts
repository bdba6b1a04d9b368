// Reads what a unit's problems (domain/problems.ts) are derived from, with few Queries: the category
// set (GetItem) to find the unit's category, then in parallel its confirmed results (one Query, the
// latest snapshot), the plan in force (one Query), and the unit's SCORE#u#, FEEDBACK#u# and REVIEW#u#
// items (one Query each). Only a unit whose category is confirmed has problems: they come from frozen
// results, so the list does not move under a rectification plan.
import { findProblems, type Problem } from '../domain/problems.ts';
import { leaves } from '../domain/plan.ts';
import type { ConfirmedUnit } from '../model/grade-decision.ts';
import { getCategorySet } from './categories.ts';
import { confirmedResults } from './confirmations.ts';
import { readUnitFeedback } from './feedback.ts';
import { getCurrentPlan } from './plans.ts';
import { readUnitReviews, readUnitScores } from './reviews.ts';

export interface UnitProblems {
  unitName: string;
  categoryId?: string;
  categoryName?: string;
  /** The unit's line of the confirmed results; absent while its category is not confirmed. */
  confirmed?: ConfirmedUnit & { version: number; confirmedAt: string };
  problems: Problem[];
}

export async function unitProblems(regionId: string, cycleId: string, unitId: string, flagged?: ReadonlySet<string>): Promise<UnitProblems> {
  const set = await getCategorySet(regionId, cycleId);
  const category = set?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
  const unitName = category?.units.find((u) => u.unitId === unitId)?.name ?? unitId;
  if (!category) return { unitName, problems: [] };
  const [confirmation, plan, scores, feedback, reviews] = await Promise.all([
    confirmedResults(regionId, cycleId, category.categoryId),
    getCurrentPlan(regionId, cycleId, category.categoryId),
    readUnitScores(regionId, cycleId, unitId),
    readUnitFeedback(regionId, cycleId, unitId),
    readUnitReviews(regionId, cycleId, unitId),
  ]);
  const line = confirmation?.units.find((u) => u.unitId === unitId);
  const base = { unitName, categoryId: category.categoryId, categoryName: category.name };
  if (!confirmation || !line) return { ...base, problems: [] };
  const problems = findProblems({
    leaves: plan ? leaves(plan.plan.tree).map((w) => w.node) : [],
    scores,
    feedback: feedback.items,
    reviews: reviews.reviews,
    ...(flagged ? { flagged } : {}),
  });
  return { ...base, confirmed: { ...line, version: confirmation.version, confirmedAt: confirmation.confirmedAt }, problems };
}
