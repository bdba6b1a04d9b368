// The background recolour of a category's early-warning statuses (Art 12) after the bureau leader
// approved new warning thresholds, or the bureau restarted a failed run: started asynchronously by
// the API with the run it recorded (data/warning-runner.ts). Counts the category's units with approved
// goals (one GetItem, one Query), then refreshes them RECOLOUR_CONCURRENCY at a time, moving the run's
// progress after each batch, and ends it done or failed. Idempotent: refreshWarnings writes only the
// statuses whose colour or reasons changed, so a second run changes nothing.
import { randomUUID } from 'node:crypto';
import { z } from '../../contracts/zod.ts';
import { nowIso } from '../../config/clock.ts';
import { RECOLOUR_CONCURRENCY, refreshWarnings, unitsToRecolour } from '../../data/early-warning.ts';
import { beginWarningRun, finishWarningRun, moveWarningRun } from '../../data/warning-runs.ts';
import { warningRunId } from '../../domain/warning-runs.ts';
import { warningRunRecord, type WarningRunRecord } from '../../model/warning-run.ts';
import { logger } from '../../observability/logger.ts';
import { observedHandler } from '../../observability/middleware.ts';
import { systemActor } from './escalation.ts';

/** Runs a recorded run to its end; a failure ends it failed with the reason (and is rethrown). */
export async function recolourRun(run: WarningRunRecord): Promise<{ units: number; changed: number }> {
  const actor = systemActor(run.regionId, run.startedBy);
  try {
    const units = await unitsToRecolour(run.regionId, run.cycleId, run.categoryId);
    await beginWarningRun(actor, run, units.length, nowIso());
    let changed = 0;
    for (let i = 0; i < units.length; i += RECOLOUR_CONCURRENCY) {
      const batch = units.slice(i, i + RECOLOUR_CONCURRENCY);
      const at = nowIso();
      const results = await Promise.all(batch.map((u) => refreshWarnings(run.regionId, run.cycleId, u, at, actor)));
      const n = results.reduce((sum, r) => sum + r.changed.length, 0);
      changed += n;
      await moveWarningRun(actor, run, batch.length, n, nowIso());
    }
    await finishWarningRun(actor, run, 'done', nowIso());
    return { units: units.length, changed };
  } catch (e) {
    await finishWarningRun(actor, run, 'failed', nowIso(), (e as Error).message).catch((f) => logger.error('could not mark the recolour run failed', { error: (f as Error).message }));
    throw e;
  }
}

const event = z.object({ run: warningRunRecord });

async function run(raw: unknown) {
  const { run: record } = event.parse(raw);
  logger.appendKeys({ regionId: record.regionId, cycleId: record.cycleId, runId: record.id });
  const started = Date.now();
  const done = await recolourRun(record);
  logger.info('category recoloured', { categoryId: record.categoryId, ...done, ms: Date.now() - started });
  return { runId: record.id, ...done };
}

export const handler = observedHandler(run, { describe: () => ({ route: 'workflow recolour-warnings' }) });

/** A new run record for a category: counted now (the run counts again as it begins). */
export async function newWarningRun(input: { regionId: string; cycleId: string; categoryId: string; categoryName: string; planVersion: number; by: string; at: string; restartOf?: string }): Promise<WarningRunRecord> {
  const units = await unitsToRecolour(input.regionId, input.cycleId, input.categoryId);
  return {
    regionId: input.regionId,
    cycleId: input.cycleId,
    id: warningRunId(input.at, randomUUID().replace(/-/g, '')),
    categoryId: input.categoryId,
    categoryName: input.categoryName,
    planVersion: input.planVersion,
    startedAt: input.at,
    startedBy: input.by,
    status: 'running',
    unitsTotal: units.length,
    unitsDone: 0,
    changed: 0,
    updatedAt: input.at,
    ...(input.restartOf ? { restartOf: input.restartOf } : {}),
  };
}
