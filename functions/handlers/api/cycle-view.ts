// How a cycle is shown: its timeline at the current time, without workflow internals.
import { now } from '../../config/clock.ts';
import { timeline } from '../../domain/stages.ts';
import type { Cycle } from '../../data/cycles.ts';
import type { CycleView } from '../../model/cycle.ts';

export function cycleView(c: Cycle, at = now()): CycleView {
  const { stages, ...cycle } = c;
  return { ...cycle, stages: timeline(stages, c.currentStage, c.status === 'closed', at) };
}
