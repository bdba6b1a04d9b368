// "剩余 N 天 N 小时" / "已超期 N 天": the time left to a deadline, in the largest useful units.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface CountdownParts {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
}

/** Splits a remaining time (negative once overdue) into whole days, hours and minutes. */
export function countdownParts(remainingMs: number): CountdownParts {
  const overdue = remainingMs <= 0;
  const ms = Math.abs(remainingMs);
  return {
    overdue,
    days: Math.floor(ms / DAY),
    hours: Math.floor((ms % DAY) / HOUR),
    minutes: Math.floor((ms % HOUR) / MINUTE),
  };
}

export type Translate = (key: string, values: Record<string, number>) => string;

export function formatCountdown(remainingMs: number, t: Translate): string {
  const p = countdownParts(remainingMs);
  if (p.overdue) {
    return p.days > 0 ? t('countdown.overdueDays', { days: p.days }) : t('countdown.overdueHours', { hours: p.hours });
  }
  return p.days > 0
    ? t('countdown.remainingDays', { days: p.days, hours: p.hours })
    : t('countdown.remainingHours', { hours: p.hours, minutes: p.minutes });
}
