// A CycleView as the API returns it, built around one moment.
import { STAGE_CODES, STAGE_NAMES, defaultStageDates } from '@shared/domain/stages.ts';
import type { CycleView, TimelineEntry } from '@/api/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface FixtureOptions {
  currentStage: number;
  /** Time left to the current stage's deadline; negative once overdue. */
  remainingMs: number;
  escalatedAt?: string;
  /** Stage indexes (1-based) that were done after their deadline. */
  doneLate?: number[];
}

export function cycleFixture(o: FixtureOptions): CycleView {
  const dates = defaultStageDates(2027);
  const stages: TimelineEntry[] = STAGE_CODES.map((code, i) => {
    const index = i + 1;
    const state = index < o.currentStage ? 'done' : index === o.currentStage ? 'current' : 'upcoming';
    const entry: TimelineEntry = {
      ...dates[i]!,
      index,
      name: STAGE_NAMES[code],
      state,
      deadlineAt: `${dates[i]!.deadline}T16:00:00.000Z`,
      overdue: state === 'current' ? o.remainingMs <= 0 : Boolean(o.doneLate?.includes(index)),
    };
    if (state === 'done') Object.assign(entry, { doneAt: `${dates[i]!.deadline}T02:00:00.000Z`, doneBy: 'zhangsan' });
    if (state === 'current') Object.assign(entry, { remainingMs: o.remainingMs, escalatedAt: o.escalatedAt });
    return entry;
  });
  return {
    regionId: 'yulin',
    cycleId: '2027',
    year: 2027,
    name: '2027年度绩效考评',
    currentStage: o.currentStage,
    status: 'open',
    createdAt: '2026-11-20T01:00:00.000Z',
    createdBy: 'zhangsan',
    version: o.currentStage,
    stages,
  };
}

export const days = (d: number, h = 0) => d * DAY + h * HOUR;
