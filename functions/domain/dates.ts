// Calendar dates are Beijing dates (Asia/Shanghai, UTC+8 all year, no daylight saving),
// whatever time zone the server runs in.
const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The date `days` days after (or before) `date`. */
export function shiftIsoDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Beijing calendar date of an instant. */
export function beijingDate(instant: number): string {
  return new Date(instant + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** A deadline given as a date ends at 24:00 Beijing time on that date (SPEC.md "Deadlines"). */
export function deadlineInstant(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) + DAY_MS - BEIJING_OFFSET_MS;
}
