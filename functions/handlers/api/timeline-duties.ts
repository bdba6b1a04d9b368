// The timeline with stage duties counted: each stage that asks something of the units, once open,
// says how many delivered out of how many, so a stage advanced with work outstanding is never shown
// as simply done.
import type { Cycle } from '../../data/cycles.ts';
import { loadDuties } from '../../data/duties.ts';
import { dutyCounts, hasDuties } from '../../domain/duties.ts';
import type { CycleView } from '../../model/cycle.ts';

export async function withDutyCounts(cycle: Cycle, view: CycleView): Promise<CycleView> {
  const counted = await loadDuties(cycle.regionId, cycle.cycleId, view.stages.filter((s) => s.state !== 'upcoming' && hasDuties(s.code)));
  return {
    ...view,
    stages: view.stages.map((s) => {
      const rows = counted.get(s.code);
      if (!rows) return s;
      const { delivered, total } = dutyCounts(rows);
      return { ...s, duties: { delivered, total } };
    }),
  };
}
