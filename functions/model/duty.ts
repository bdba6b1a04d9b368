// A unit's standing in one stage's duties (domain/duties.ts), kept in the cycle's work partition
// (keys.duty): the extension the bureau granted, the deadline it last missed and the one it was last
// reminded of. Delivery itself is never copied here: it is read from the work (the goal set, …).
import { ids, isoDate, text, version, z } from '../contracts/zod.ts';
import { STAGE_CODES } from '../domain/stages.ts';

export const extension = z.object({
  /** The unit's own deadline for the stage (Beijing date, ends 24:00). */
  until: isoDate,
  reason: text({ min: 1, max: 500, multiline: true }),
  grantedAt: z.string(),
  grantedBy: z.string(),
});
export type Extension = z.infer<typeof extension>;

export const dutyRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  stage: z.enum(STAGE_CODES),
  extension: extension.optional(),
  /** The deadline (date) the unit last missed, and when that was recorded: one record per deadline. */
  missedDeadline: isoDate.optional(),
  missedAt: z.string().optional(),
  /** The deadline (date) the unit was last reminded of: one reminder per deadline. */
  remindedFor: isoDate.optional(),
  remindedAt: z.string().optional(),
  /** The deadline (date) the bureau was last told the unit still missed, a while after its leader: once per deadline. */
  bureauToldFor: isoDate.optional(),
  bureauToldAt: z.string().optional(),
  version,
});
export type DutyRecord = z.infer<typeof dutyRecord>;
