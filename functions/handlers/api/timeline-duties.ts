// The timeline with stage duties counted: each stage that asks something of the units, once open,
// says how many delivered out of how many, so a stage advanced with work outstanding is never shown
// as simply done.
import type { Cycle } from '../../data/cycles.ts';
import { loadStageDuties } from '../../data/duties.ts';
import { dutyCounts, hasDuties } from '../../domain/duties.ts';
import type { CycleView } from '../../model/cycle.ts';

export async function withDutyCounts(cycle: Cycle, view: CycleView): Promise<CycleView> {
  const stages = await Promise.all(
    view.stages.map(async (s) => {
      if (s.state === 'upcoming' || !hasDuties(s.code)) return s;
      const { delivered, total } = dutyCounts(await loadStageDuties(cycle.regionId, cycle.cycleId, s.code, s.deadline));
      return { ...s, duties: { delivered, total } };
    }),
  );
  return { ...view, stages };
}
