// The preliminary-results computation (Art 21–22) over a whole region's cycle: started by the state
// machine when 汇总反馈 opens (no run id: it records its own run) or by the bureau from the portal (the
// API records the run and invokes this function asynchronously; locally the stack runs it in-process).
// Reads: the categories (GetItem), each category's plan in force (one Query each), and the cycle's
// scores, approved claims and results with vetoes (one Query each, paged) — no Scan. Per category the
// engine computes and grades (domain/results.ts); only results whose content changed are written, with
// the next version, so a second run over the same inputs changes nothing.
import { randomUUID } from 'node:crypto';
import { z } from '../../contracts/zod.ts';
import { nowIso } from '../../config/clock.ts';
import { getCategorySet } from '../../data/categories.ts';
import { listClaimQueue } from '../../data/claims.ts';
import type { Actor } from '../../data/commit.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { finishRun, latestRun, readCycleResults, startRun, writeCategoryResults } from '../../data/results.ts';
import { listCycleScores } from '../../data/scores.ts';
import { listFreezes, notFrozen } from '../../data/confirmations.ts';
import { listGradeDecisions } from '../../data/grade-decisions.ts';
import { isFrozen } from '../../domain/confirmation.ts';
import type { GradeDecisionRecord } from '../../model/grade-decision.ts';
import { computeCategory, sameContent } from '../../domain/results.ts';
import type { ClaimRecord } from '../../model/claim.ts';
import { resultRunRecord, type ResultRecord, type ResultRunRecord } from '../../model/result.ts';
import type { ScoreRecord } from '../../model/score.ts';
import { logger } from '../../observability/logger.ts';
import { observedHandler } from '../../observability/middleware.ts';
import { systemActor } from './escalation.ts';

const groupBy = <T extends { unitId: string }>(items: readonly T[]) => {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const list = m.get(i.unitId);
    if (list) list.push(i);
    else m.set(i.unitId, [i]);
  }
  return m;
};

/** A new run record, counted from the categories. */
export async function newRun(regionId: string, cycleId: string, startedBy: string): Promise<ResultRunRecord> {
  const set = await getCategorySet(regionId, cycleId);
  const categories = set?.categories ?? [];
  return {
    regionId,
    cycleId,
    id: randomUUID(),
    startedAt: nowIso(),
    startedBy,
    status: 'running',
    categoriesTotal: categories.length,
    categoriesDone: 0,
    unitsTotal: categories.reduce((s, c) => s + c.units.length, 0),
    unitsDone: 0,
    changed: 0,
  };
}

/** Runs the computation for a recorded run; ends it done, or failed with the reason (and rethrows). */
export async function computeResults(actor: Actor, run: ResultRunRecord): Promise<{ changed: number }> {
  const { regionId, cycleId } = run;
  try {
    const [set, scores, claims, stored, decisions, freezes] = await Promise.all([
      getCategorySet(regionId, cycleId),
      listCycleScores(regionId, cycleId),
      listClaimQueue(regionId, cycleId, 'approved'),
      readCycleResults(regionId, cycleId),
      listGradeDecisions(regionId, cycleId),
      listFreezes(regionId, cycleId),
    ]);
    const decisionsByUnit = groupBy<GradeDecisionRecord>(decisions);
    const scoresByUnit = groupBy<ScoreRecord>(scores);
    const claimsByUnit = groupBy<ClaimRecord>(claims);
    const vetoesByUnit = new Map<string, string[]>();
    for (const v of stored.vetoes) if (v.status === 'approved') vetoesByUnit.set(v.unitId, [...(vetoesByUnit.get(v.unitId) ?? []), `${v.name}：${v.facts}`]);
    const before = new Map(stored.results.map((r) => [r.unitId, r]));
    let changed = 0;
    for (const c of set?.categories ?? []) {
      const plan = await getCurrentPlan(regionId, cycleId, c.categoryId);
      const changes: { before?: ResultRecord; after: ResultRecord }[] = [];
      // A confirmed category is frozen: nothing is written for it (its progress still counts).
      const frozen = isFrozen(freezes.find((f) => f.categoryId === c.categoryId));
      if (frozen) logger.info('category confirmed: skipped', { categoryId: c.categoryId });
      else if (plan) {
        const contents = computeCategory({
          categoryId: c.categoryId,
          categoryName: c.name,
          plan: plan.plan,
          planVersion: plan.version,
          units: c.units.map((u) => ({ unitId: u.unitId, name: u.name })),
          scoresByUnit,
          claimsByUnit,
          vetoesByUnit,
          decisionsByUnit,
        });
        const at = nowIso();
        for (const [unitId, content] of contents) {
          const prior = before.get(unitId);
          if (sameContent(prior, content)) continue;
          changes.push({ before: prior, after: { ...content, regionId, cycleId, unitId, runId: run.id, computedAt: at, version: (prior?.version ?? 0) + 1 } });
        }
      } else logger.warn('category without a plan: its units are left out', { categoryId: c.categoryId });
      await writeCategoryResults(actor, run, c.categoryId, c.units.length, changes, nowIso(), changes.length ? [notFrozen(regionId, cycleId, c.categoryId)] : []);
      changed += changes.length;
    }
    await finishRun(actor, run, 'done', nowIso());
    return { changed };
  } catch (e) {
    await finishRun(actor, run, 'failed', nowIso(), (e as Error).message).catch((f) => logger.error('could not mark the run failed', { error: (f as Error).message }));
    throw e;
  }
}

const event = z.object({ regionId: z.string().min(1), cycleId: z.string().min(1), run: resultRunRecord.optional(), by: z.string().optional() });

/** The Lambda: with a run (from the API) it computes it; without (the state machine) it records one first, unless one is running. */
async function run(raw: unknown) {
  const e = event.parse(raw);
  logger.appendKeys({ regionId: e.regionId, cycleId: e.cycleId });
  const actor = systemActor(e.regionId, e.by ?? 'system:workflow');
  let record = e.run;
  if (!record) {
    const last = await latestRun(e.regionId, e.cycleId);
    if (last?.status === 'running') return { runId: last.id, skipped: 'a run is in progress' };
    record = await newRun(e.regionId, e.cycleId, actor.username);
    await startRun(actor, record, last?.id ?? null);
  }
  const { changed } = await computeResults(actor, record);
  logger.info('results computed', { runId: record.id, changed });
  return { runId: record.id, changed };
}

export const handler = observedHandler(run, { describe: () => ({ route: 'workflow compute-results' }) });
