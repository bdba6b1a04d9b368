// An annual cycle and its stages as stored, and the timeline as people see it.
import { STAGE_CODES, STAGE_STATES } from '../domain/stages.ts';
import { ids, isoDate, version, z } from '../contracts/zod.ts';

export const stageDates = z.object({
  code: z.enum(STAGE_CODES),
  /** First day of the stage, YYYY-MM-DD (Beijing date). */
  opensOn: isoDate,
  /** Last day of the stage; the deadline ends at 24:00 Beijing time on this date. */
  deadline: isoDate,
});

export const stageProgress = stageDates.extend({
  index: z.number().int().min(1).max(STAGE_CODES.length),
  openedAt: z.string().optional(),
  doneAt: z.string().optional(),
  doneBy: z.string().optional(),
  escalatedAt: z.string().optional(),
});

/** A stage item: its progress plus what the workflow keeps on it. */
export const stageRecord = stageProgress.extend({
  regionId: ids.region,
  cycleId: ids.cycle,
  taskToken: z.string().optional(),
  reminderSentAt: z.string().optional(),
});

export const cycleRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  year: z.number().int(),
  name: z.string(),
  /** 1-based position of the open stage; after the last stage is advanced the cycle is closed. */
  currentStage: z.number().int().min(1).max(STAGE_CODES.length),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  createdBy: z.string(),
  closedAt: z.string().optional(),
  version,
});

export const timelineEntry = stageProgress.extend({
  name: z.string(),
  state: z.enum(STAGE_STATES),
  /** Deadline as an instant (ISO, UTC). */
  deadlineAt: z.string(),
  overdue: z.boolean(),
  /** Milliseconds left until the deadline for the current stage; negative once overdue. */
  remainingMs: z.number().optional(),
  /** A stage with duties (domain/duties.ts), once open: how many units delivered out of how many. */
  duties: z.object({ delivered: z.number().int().min(0), total: z.number().int().min(0) }).optional(),
});

export const cycleView = cycleRecord.extend({ stages: z.array(timelineEntry) });

/** What the public sees: the timeline, not who in the bureau did what. */
export const publicCycleView = cycleRecord.omit({ createdBy: true }).extend({ stages: z.array(timelineEntry.omit({ doneBy: true })) });

export type StageDates = z.infer<typeof stageDates>;
export type StageProgress = z.infer<typeof stageProgress>;
export type StageRecord = z.infer<typeof stageRecord>;
export type CycleRecord = z.infer<typeof cycleRecord>;
export type TimelineEntry = z.infer<typeof timelineEntry>;
export type CycleView = z.infer<typeof cycleView>;
