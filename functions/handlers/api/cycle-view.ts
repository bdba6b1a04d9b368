// How a cycle is shown: its timeline at the current time, without workflow internals.
import { now } from '../../config/clock.ts';
import { timeline } from '../../domain/stages.ts';
import type { Cycle } from '../../data/cycles.ts';

export function cycleView(c: Cycle, at = now()) {
  const { stages, ...cycle } = c;
  return {
    ...cycle,
    stages: timeline(
      stages.map(({ taskToken, reminderSentAt, regionId, cycleId, ...s }) => s),
      c.currentStage,
      c.status === 'closed',
      at,
    ),
  };
}
export type CycleView = ReturnType<typeof cycleView>;
