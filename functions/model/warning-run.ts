// A background recolour of a category's early-warning statuses (Art 12), started when the bureau
// leader approves a plan version with new warning thresholds, or by the bureau restarting a failed
// one. Stored in the cycle's work partition (data/keys.ts, kind WARN: sk WARN##RUN#id, the id sorting
// by its start time), with its progress, so the portal shows how far it has come and how it ended.
import { ids, z } from '../contracts/zod.ts';

export const WARNING_RUN_STATUSES = ['running', 'done', 'failed'] as const;
export const warningRunStatus = z.enum(WARNING_RUN_STATUSES);

/** A run id: its start (UTC, to the millisecond) then a random part, so ids sort by start. */
export const WARNING_RUN_ID = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;

export const warningRunRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  id: z.string().regex(WARNING_RUN_ID),
  categoryId: ids.category,
  categoryName: z.string(),
  /** The plan version whose thresholds the run applies. */
  planVersion: z.number().int().min(0),
  startedAt: z.string(),
  startedBy: z.string(),
  status: warningRunStatus,
  /** The category's units with approved goals, counted when the run starts its work. */
  unitsTotal: z.number().int().min(0),
  unitsDone: z.number().int().min(0),
  /** Goal statuses written (a unit whose colours stand changes nothing). */
  changed: z.number().int().min(0),
  /** Moved with each step of progress: a run that stops moving for long has died (a crash, a timeout). */
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
  /** The failed run this one restarts, and on a failed run the one that restarted it. */
  restartOf: z.string().optional(),
  restartedBy: z.string().optional(),
});
export type WarningRunRecord = z.infer<typeof warningRunRecord>;
