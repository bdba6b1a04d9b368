// The computation scoped to one category (a 复核 adjustment changes one unit's inputs, and with them the
// category's ranking — never another category's). Same rules as the region's run (domain/results.ts
// computeCategory, sameContent): the category's units' scores (one Query of SCORE#u# each, in parallel),
// the cycle's approved claims (one Query of the claims queue), results with vetoes (one Query) and Art 23
// decisions (one Query); only
// results whose content changed get their next version, so running it twice writes nothing. Run
// synchronously inside the bureau's decision: a 60-unit category reads ~3,000 scores, 2.1× a bare
// Query of them (test/bench/review-recompute.ts), far less than the region's run reads.
import { nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { listClaimQueue } from '../../data/claims.ts';
import { commit, type Actor, type TransactItem } from '../../data/commit.ts';
import { putIf } from '../../data/goals.ts';
import { listGradeDecisions } from '../../data/grade-decisions.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { readCycleResults, resultItem, RESULTS_PER_COMMIT } from '../../data/results.ts';
import { readUnitScores } from '../../data/reviews.ts';
import { computeCategory, sameContent } from '../../domain/results.ts';
import type { ClaimRecord } from '../../model/claim.ts';
import type { GradeDecisionRecord } from '../../model/grade-decision.ts';
import type { ResultRecord } from '../../model/result.ts';
import type { ScoreRecord } from '../../model/score.ts';

export interface Recomputed {
  categoryId: string;
  changed: number;
  /** Each unit's total and place after (changed or not), for the caller's answer. */
  results: ResultRecord[];
}

/**
 * Recomputes `categoryId`'s results; `cause` names why (e.g. `review:<id>`), kept as the results' runId
 * and in the audit. `guards` go into every chunk's transaction (e.g. the category not confirmed).
 */
export async function recomputeCategory(actor: Actor, regionId: string, cycleId: string, categoryId: string, cause: string, guards: readonly TransactItem[] = []): Promise<Recomputed> {
  const [set, plan, claims, stored, decisions] = await Promise.all([
    getCategorySet(regionId, cycleId),
    getCurrentPlan(regionId, cycleId, categoryId),
    listClaimQueue(regionId, cycleId, 'approved'),
    readCycleResults(regionId, cycleId),
    listGradeDecisions(regionId, cycleId),
  ]);
  const category = set?.categories.find((c) => c.categoryId === categoryId);
  if (!category || !plan) return { categoryId, changed: 0, results: [] };
  const scores = await Promise.all(category.units.map((u) => readUnitScores(regionId, cycleId, u.unitId)));
  const scoresByUnit = new Map<string, ScoreRecord[]>(category.units.map((u, i) => [u.unitId, scores[i]!]));
  const claimsByUnit = new Map<string, ClaimRecord[]>();
  for (const c of claims) if (scoresByUnit.has(c.unitId)) claimsByUnit.set(c.unitId, [...(claimsByUnit.get(c.unitId) ?? []), c]);
  const vetoesByUnit = new Map<string, string[]>();
  for (const v of stored.vetoes) if (v.status === 'approved') vetoesByUnit.set(v.unitId, [...(vetoesByUnit.get(v.unitId) ?? []), `${v.name}：${v.facts}`]);
  const decisionsByUnit = new Map<string, GradeDecisionRecord[]>();
  for (const d of decisions) if (scoresByUnit.has(d.unitId)) decisionsByUnit.set(d.unitId, [...(decisionsByUnit.get(d.unitId) ?? []), d]);
  const before = new Map(stored.results.map((r) => [r.unitId, r]));
  const contents = computeCategory({
    categoryId,
    categoryName: category.name,
    plan: plan.plan,
    planVersion: plan.version,
    units: category.units.map((u) => ({ unitId: u.unitId, name: u.name })),
    scoresByUnit,
    claimsByUnit,
    vetoesByUnit,
    decisionsByUnit,
  });
  const at = nowIso();
  const results: ResultRecord[] = [];
  const changes: { before?: ResultRecord; after: ResultRecord }[] = [];
  for (const [unitId, content] of contents) {
    const prior = before.get(unitId);
    if (sameContent(prior, content)) {
      results.push(prior!);
      continue;
    }
    const after: ResultRecord = { ...content, regionId, cycleId, unitId, runId: cause, computedAt: at, version: (prior?.version ?? 0) + 1 };
    changes.push({ before: prior, after });
    results.push(after);
  }
  const room = RESULTS_PER_COMMIT - guards.length;
  for (let i = 0; i < changes.length; i += room) {
    const chunk = changes.slice(i, i + room);
    await commit(
      actor,
      { action: 'result.recompute', target: `results:${regionId}/${cycleId}/${categoryId}`, after: { cause, units: chunk.map((c) => ({ unitId: c.after.unitId, version: c.after.version, from: c.before?.total ?? null, total: c.after.total, grade: c.after.place?.grade ?? null, position: c.after.place?.position ?? null })) } },
      [...chunk.map((c) => putIf(resultItem(c.after), c.before?.version)), ...guards],
      at,
      t('成绩已被其他计算或操作修改，请重新计算', 'The results were changed by another run or action; please compute again'),
    );
  }
  return { categoryId, changed: changes.length, results };
}
