// Rules of the background recolour runs (model/warning-run.ts): their ids, which run of each
// category the portal shows, and when the bureau may restart one.
import type { WarningRunRecord } from '../model/warning-run.ts';

/** A run's id from its start instant and 8 hex digits: ids sort as the runs started. */
export const warningRunId = (startedAt: string, random: string): string => `${startedAt.replace(/[-:.]/g, '')}-${random.slice(0, 8)}`;

/**
 * A running run that has not moved for this long has died (its Lambda crashed or timed out: the
 * function's limit is 15 minutes, and each step of progress moves updatedAt), so it may be restarted.
 */
export const WARNING_RUN_STALE_MS = 15 * 60 * 1000;

export const isStale = (run: Pick<WarningRunRecord, 'status' | 'updatedAt'>, now: number): boolean => run.status === 'running' && now - Date.parse(run.updatedAt) > WARNING_RUN_STALE_MS;

/** Whether the bureau may restart `run`: it failed (or died) and no later run of its category has started. */
export function restartRefusal(run: WarningRunRecord, latestOfCategory: WarningRunRecord | undefined, now: number): 'not_failed' | 'superseded' | undefined {
  if (run.restartedBy || (latestOfCategory && latestOfCategory.id !== run.id)) return 'superseded';
  if (run.status !== 'failed' && !isStale(run, now)) return 'not_failed';
  return undefined;
}

/** The newest run of each category, newest first (`runs` newest first, as the Query reads them). */
export function latestPerCategory<R extends Pick<WarningRunRecord, 'categoryId' | 'id'>>(runs: readonly R[]): R[] {
  const seen = new Set<string>();
  return runs.filter((r) => !seen.has(r.categoryId) && seen.add(r.categoryId));
}
