// Background recolour runs of early warning (Art 12), called by their contracts.
import { warningRunRoutes } from '@shared/contracts/warning-runs.ts';
import { call } from './call';

export type { WarningRunView, WarningRunsView } from '@shared/contracts/warning-runs.ts';

/** 预警状态重新计算的进度（各类别最近一次） */
export const listWarningRunsApi = (regionId: string, cycleId: string) => call(warningRunRoutes.listWarningRuns, { params: { regionId, cycleId } });

/** 重新启动失败的重新计算（错误由页面显示） */
export const restartWarningRunApi = (regionId: string, cycleId: string, runId: string, seenUpdatedAt: string) =>
  call(warningRunRoutes.restartWarningRun, { params: { regionId, cycleId, runId }, body: { seenUpdatedAt } }, { silent: true });
