// The working-day calendar as stored: one item per region and year (法定节假日 + 调休上班日), and
// the summaries and deadlines the API answers with.
import { ids, isoDate, isoDateTime, version, z } from '../contracts/zod.ts';

/** One year's arrangement, as the State Council's notice gives it. */
export const calendarYear = z.object({
  year: z.number().int(),
  /** 法定节假日 (and weekend days inside a holiday period), YYYY-MM-DD. */
  holidays: z.array(isoDate),
  /** 调休上班日: Saturdays or Sundays that are working days. */
  workdays: z.array(isoDate),
  /** Where the dates come from, e.g. the notice's title. */
  source: z.string().optional(),
});

/** A region's year as stored. */
export const calendarRecord = calendarYear.extend({
  regionId: ids.region,
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});

/** A year in the list of a region's years: the dates counted, not listed. */
export const calendarSummary = calendarRecord.omit({ holidays: true, workdays: true }).extend({
  holidayCount: z.number().int(),
  workdayCount: z.number().int(),
});

/** The date `days` working days after receipt on `from`, ending 24:00 Beijing time. */
export const workingDeadline = z.object({
  from: isoDate,
  days: z.number().int(),
  date: isoDate,
  /** The deadline as an instant (ISO, UTC). */
  deadlineAt: isoDateTime,
});

export type CalendarYear = z.infer<typeof calendarYear>;
export type CalendarRecord = z.infer<typeof calendarRecord>;
export type CalendarSummary = z.infer<typeof calendarSummary>;
export type WorkingDeadline = z.infer<typeof workingDeadline>;
