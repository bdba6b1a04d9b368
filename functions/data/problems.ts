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
import { listCycleFeedback, readUnitFeedback } from './feedback.ts';
import { getCurrentPlan } from './plans.ts';
import { listReviewQueue, readUnitReviews, readUnitScores } from './reviews.ts';
import { listCycleScores } from './scores.ts';

export interface UnitProblems {
  unitName: string;
  categoryId?: string;
  categoryName?: string;
  /** The unit's line of the confirmed results; absent while its category is not confirmed. */
  confirmed?: ConfirmedUnit & { version: number; confirmedAt: string };
  problems: Problem[];
}

/** Items of one unit, grouped once. */
function byUnit<T extends { unitId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) out.set(i.unitId, [...(out.get(i.unitId) ?? []), i]);
  return out;
}

/**
 * Every unit's problems of the cycle (the carry-over, the region's reports): the category set, one Query per
 * category for its confirmed results and its plan, and one Query each for the cycle's scores, its feedback
 * queue and its 复核 queue — however many units, instead of five Queries per unit.
 */
export async function cycleProblems(regionId: string, cycleId: string): Promise<Map<string, UnitProblems>> {
  const set = await getCategorySet(regionId, cycleId);
  const categories = set?.categories ?? [];
  const [confirmations, plans, scores, feedback, reviews] = await Promise.all([
    Promise.all(categories.map((c) => confirmedResults(regionId, cycleId, c.categoryId))),
    Promise.all(categories.map((c) => getCurrentPlan(regionId, cycleId, c.categoryId))),
    listCycleScores(regionId, cycleId).then(byUnit),
    listCycleFeedback(regionId, cycleId).then(byUnit),
    listReviewQueue(regionId, cycleId).then(byUnit),
  ]);
  const out = new Map<string, UnitProblems>();
  categories.forEach((category, i) => {
    const confirmation = confirmations[i];
    const plan = plans[i];
    const leafNodes = plan ? leaves(plan.plan.tree).map((w) => w.node) : [];
    for (const unit of category.units) {
      const base = { unitName: unit.name, categoryId: category.categoryId, categoryName: category.name };
      const line = confirmation?.units.find((u) => u.unitId === unit.unitId);
      if (!confirmation || !line) {
        out.set(unit.unitId, { ...base, problems: [] });
        continue;
      }
      const problems = findProblems({ leaves: leafNodes, scores: scores.get(unit.unitId) ?? [], feedback: feedback.get(unit.unitId) ?? [], reviews: reviews.get(unit.unitId) ?? [] });
      out.set(unit.unitId, { ...base, confirmed: { ...line, version: confirmation.version, confirmedAt: confirmation.confirmedAt }, problems });
    }
  });
  return out;
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
