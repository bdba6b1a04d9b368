// Background recolour runs of early warning (Art 12): when the bureau leader approves a plan version
// with new warning thresholds, the category's goals are recoloured in the background (a run recorded
// with the approval, started without waiting); the bureau watches its progress (已完成 x / y 个单位) on
// the 工作台 and the plan page, sees a failed run, and restarts it. The bureau of the region only.
// Storage: data/warning-runs.ts; the work: handlers/workflow/recolour-warnings.ts.
import { warningRunRecord, WARNING_RUN_ID } from '../model/warning-run.ts';
import { bureau } from './access.ts';
import { route } from './define.ts';
import { t } from './lang.ts';
import { cyclePath } from './paths.ts';
import { isoDateTime, z } from './zod.ts';

export const warningRunView = warningRunRecord.omit({ regionId: true });
export type WarningRunView = z.infer<typeof warningRunView>;

export const warningRunPath = cyclePath.extend({ runId: z.string().regex(WARNING_RUN_ID, { error: () => t('重新计算批次编号有误', 'Not a valid recolour run id') }) });

/** A restart names the run as the bureau saw it (its updatedAt): a run that moved since is not restarted on a stale view. */
export const restartWarningRunBody = z.object({ seenUpdatedAt: isoDateTime });

/** The newest run of each category (a run still going, or how the last one ended), newest first. */
export const warningRunsView = z.object({ items: z.array(warningRunView) });
export type WarningRunsView = z.infer<typeof warningRunsView>;

const cycle = '/regions/{regionId}/cycles/{cycleId}';

export const warningRunRoutes = {
  listWarningRuns: route({ method: 'GET', path: `${cycle}/warning-runs`, group: 'progress', access: bureau, params: cyclePath, output: warningRunsView, summary: '预警状态重新计算的进度（各类别最近一次）' }),
  restartWarningRun: route({ method: 'POST', path: `${cycle}/warning-runs/{runId}/restart`, group: 'progress', access: bureau, params: warningRunPath, body: restartWarningRunBody, output: warningRunView, summary: '绩效办重新启动失败的预警状态重新计算' }),
};
