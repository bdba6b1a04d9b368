// Input schemas of the working-day calendar routes (the domain checks the dates against the year).
import * as z from 'zod';
import { isIsoDate } from '../domain/dates.ts';

const isoDate = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD' });

export const saveCalendarBody = z.object({
  holidays: z.array(isoDate).max(366),
  workdays: z.array(isoDate).max(366),
  source: z.string().trim().max(200).optional(),
  /** The version the bureau loaded (optimistic lock); absent when creating the year. */
  version: z.number().int().min(1).optional(),
});
export type SaveCalendarBody = z.infer<typeof saveCalendarBody>;

export const deadlineQuery = z.object({
  from: isoDate,
  days: z.coerce.number().int().min(0).max(366),
});
export type DeadlineQuery = z.infer<typeof deadlineQuery>;
