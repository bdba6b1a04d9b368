// The rules of the recolour runs: ids sort as the runs started; the portal shows each category's
// newest; the bureau may restart a failed run (or one that stopped moving) only while it is the
// newest of its category and not restarted yet.
import { describe, expect, it } from 'vitest';
import { isStale, latestPerCategory, restartRefusal, warningRunId, WARNING_RUN_STALE_MS } from '../../functions/domain/warning-runs.ts';
import { WARNING_RUN_ID, type WarningRunRecord } from '../../functions/model/warning-run.ts';

const at = '2026-12-03T02:00:00.000Z';
const run = (over: Partial<WarningRunRecord> = {}): WarningRunRecord => ({
  regionId: '450900', cycleId: '2026', id: warningRunId(at, '0a1b2c3d4e'), categoryId: 'c1', categoryName: '县（市、区）', planVersion: 2,
  startedAt: at, startedBy: 'yl_leader', status: 'failed', unitsTotal: 7, unitsDone: 3, changed: 9, updatedAt: at, ...over,
});

describe('recolour runs', () => {
  it('ids carry the start instant and sort as the runs started', () => {
    const a = warningRunId('2026-12-03T02:00:00.000Z', 'ffffffff');
    const b = warningRunId('2026-12-03T02:00:00.001Z', '00000000');
    expect(a).toBe('20261203T020000000Z-ffffffff');
    expect(a).toMatch(WARNING_RUN_ID);
    expect([b, a].sort()).toEqual([a, b]);
  });

  it('the portal shows the newest run of each category', () => {
    const list = [run({ id: 'n3', categoryId: 'c2' }), run({ id: 'n2', categoryId: 'c1' }), run({ id: 'n1', categoryId: 'c2' })];
    expect(latestPerCategory(list).map((r) => r.id)).toEqual(['n3', 'n2']);
  });

  it('a failed run may be restarted once, while it is the newest of its category', () => {
    const failed = run();
    const now = Date.parse(at) + 60_000;
    expect(restartRefusal(failed, failed, now)).toBeUndefined();
    expect(restartRefusal({ ...failed, restartedBy: 'x' }, failed, now)).toBe('superseded');
    expect(restartRefusal(failed, run({ id: warningRunId('2026-12-03T03:00:00.000Z', 'aaaaaaaa') }), now)).toBe('superseded');
    expect(restartRefusal(run({ status: 'done' }), run({ status: 'done' }), now)).toBe('not_failed');
  });

  it('a running run that has not moved for the stale time counts as failed', () => {
    const running = run({ status: 'running' });
    const moved = Date.parse(running.updatedAt);
    expect(isStale(running, moved + WARNING_RUN_STALE_MS)).toBe(false);
    expect(restartRefusal(running, running, moved + WARNING_RUN_STALE_MS)).toBe('not_failed');
    expect(isStale(running, moved + WARNING_RUN_STALE_MS + 1)).toBe(true);
    expect(restartRefusal(running, running, moved + WARNING_RUN_STALE_MS + 1)).toBeUndefined();
    expect(isStale(run({ status: 'done' }), moved + 10 * WARNING_RUN_STALE_MS)).toBe(false);
  });
});
