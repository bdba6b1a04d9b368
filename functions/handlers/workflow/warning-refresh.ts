// The daily job's part of early warning (Art 12): the units of a cycle with a goal whose colour may
// change with today's date (a milestone passed, its grace ended, a report's due date passed — one
// Query of gsi1), and the units whose goals were approved since and have no status yet (the
// bureau's goal queue against the dashboard's unit counters: one Query each), are refreshed.
import { beijingDate } from '../../domain/dates.ts';
import { readDashboard, refreshWarnings, unitsDueForRefresh } from '../../data/early-warning.ts';
import { listGoalSets } from '../../data/goals.ts';
import { systemActor } from './escalation.ts';

export async function refreshCycleWarnings(regionId: string, cycleId: string, now: number, by: string): Promise<{ units: number; changed: number }> {
  const today = beijingDate(now);
  const at = new Date(now).toISOString();
  const [due, sets, counters] = await Promise.all([unitsDueForRefresh(regionId, today), listGoalSets(regionId, cycleId), readDashboard(regionId, cycleId)]);
  const counted = new Set(counters.filter((c) => c.scope === 'unit').map((c) => c.key));
  const units = new Set([
    ...due.filter((d) => d.cycleId === cycleId).map((d) => d.unitId),
    ...sets.filter((s) => s.status === 'approved' && !counted.has(s.unitId)).map((s) => s.unitId),
  ]);
  let changed = 0;
  for (const unitId of units) changed += (await refreshWarnings(regionId, cycleId, unitId, at, systemActor(regionId, by))).changed.length;
  return { units: units.size, changed };
}
