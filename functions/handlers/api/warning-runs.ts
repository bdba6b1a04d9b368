// Recolour runs in the portal (Art 12): the bureau reads the newest run of each category (one Query)
// and restarts a failed one (or one that died: no progress for WARNING_RUN_STALE_MS) — a new run
// recorded with the failed one marked restarted, then started without waiting. Spread into the
// 'progress' handler. Rules: domain/warning-runs.ts; storage: data/warning-runs.ts.
import { now, nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { warningRunRoutes, type WarningRunView } from '../../contracts/warning-runs.ts';
import type { Actor } from '../../data/commit.ts';
import { getCycle } from '../../data/cycles.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { startRecolour } from '../../data/warning-runner.ts';
import { finishWarningRun, getWarningRun, listWarningRuns, restartWarningRun } from '../../data/warning-runs.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { latestPerCategory, restartRefusal } from '../../domain/warning-runs.ts';
import type { WarningRunRecord } from '../../model/warning-run.ts';
import { ops } from '../../http/chain.ts';
import { logger } from '../../observability/logger.ts';
import { newWarningRun } from '../workflow/recolour-warnings.ts';

const viewOf = ({ regionId: _r, ...run }: WarningRunRecord): WarningRunView => run;

/** Starts a recorded run; if it cannot be started, it is ended failed at once so the bureau can restart it. */
export async function launchRecolour(run: WarningRunRecord, actor: Actor): Promise<WarningRunRecord> {
  try {
    await startRecolour({ run });
    return run;
  } catch (e) {
    const error = (e as Error).message;
    logger.error('recolour run could not be started', { runId: run.id, error });
    const at = nowIso();
    await finishWarningRun(actor, run, 'failed', at, error);
    return { ...run, status: 'failed', finishedAt: at, updatedAt: at, error };
  }
}

export const warningRunOps = ops(warningRunRoutes, {
  listWarningRuns: async ({ params: { regionId, cycleId } }) => {
    const [cycle, runs] = await Promise.all([getCycle(regionId, cycleId), listWarningRuns(regionId, cycleId)]);
    if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
    return { items: latestPerCategory(runs).map(viewOf) };
  },

  restartWarningRun: async ({ caller, params: { regionId, cycleId, runId }, body }) => {
    const [failed, runs] = await Promise.all([getWarningRun(regionId, cycleId, runId), listWarningRuns(regionId, cycleId)]);
    if (!failed) throw new NotFoundError(t('该重新计算批次不存在', 'This recolour run does not exist'));
    if (failed.updatedAt !== body.seenUpdatedAt) throw new ConflictError(t('该重新计算的状态已变化，请刷新后再试', 'This recolour has changed since you saw it; please refresh and try again'));
    const latest = latestPerCategory(runs).find((r) => r.categoryId === failed.categoryId);
    const refusal = restartRefusal(failed, latest, now());
    if (refusal === 'superseded') throw new ConflictError(t('该类别已有更新的重新计算，请刷新后查看进度', 'A later recolour of this category has started; please refresh and watch its progress'));
    if (refusal === 'not_failed') throw new ConflictError(t('只能重新启动失败的重新计算', 'Only a failed recolour can be restarted'));
    const plan = await getCurrentPlan(regionId, cycleId, failed.categoryId);
    const run = await newWarningRun({ regionId, cycleId, categoryId: failed.categoryId, categoryName: failed.categoryName, planVersion: plan?.version ?? failed.planVersion, by: caller.username, at: nowIso(), restartOf: failed.id });
    await restartWarningRun(caller, failed, run);
    return viewOf(await launchRecolour(run, caller));
  },
});
