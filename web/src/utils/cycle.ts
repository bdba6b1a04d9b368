// How a cycle's progress is summarised in lists and on the workbench.
import type { ShownCycle as CycleView, TimelineEntry } from '@/api/types';

/** The stage the cycle is in, or undefined once closed. */
export function currentStageOf(cycle: CycleView): TimelineEntry | undefined {
  if (cycle.status === 'closed') return undefined;
  return cycle.stages.find((s) => s.state === 'current');
}

/** The stage after the current one, or undefined when the current one is the last. */
export function nextStageOf(cycle: CycleView): TimelineEntry | undefined {
  return cycle.stages.find((s) => s.index === cycle.currentStage + 1);
}
