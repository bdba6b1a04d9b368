// The bureau's dashboard from its counters (data/early-warning.ts keeps them on write): the
// categories and units as counted, the trend as each month's net changes added up month by month,
// the units with most red, and the units with missed or late reports. No status is read here.
import type { DashboardCounter, WarningCounts } from '../model/early-warning.ts';

const counts = (c: WarningCounts): WarningCounts => ({ green: c.green, yellow: c.yellow, red: c.red, missing: c.missing, late: c.late });
const add = (a: WarningCounts, b: WarningCounts): WarningCounts => ({ green: a.green + b.green, yellow: a.yellow + b.yellow, red: a.red + b.red, missing: a.missing + b.missing, late: a.late + b.late });
const zero = (): WarningCounts => ({ green: 0, yellow: 0, red: 0, missing: 0, late: 0 });
const pad2 = (n: number) => String(n).padStart(2, '0');
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');

/** The months January of `year` .. `until` (YYYY-MM), in order. */
function monthsUntil(year: number, until: string): string[] {
  const out: string[] = [];
  for (let y = year, m = 1; `${y}-${pad2(m)}` <= until && out.length < 36; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) out.push(`${y}-${pad2(m)}`);
  return out;
}

export const MOST_RED = 10;

export function dashboardOf(counters: readonly DashboardCounter[], year: number, today: string) {
  const units = counters
    .filter((c) => c.scope === 'unit')
    .map((c) => ({ unitId: c.key, name: c.name, categoryId: c.categoryId, ...counts(c) }))
    .filter((u) => u.green + u.yellow + u.red > 0)
    .sort(byName);
  const categories = counters
    .filter((c) => c.scope === 'category')
    .map((c) => ({ categoryId: c.key, name: c.name, ...counts(c) }))
    .filter((c) => c.green + c.yellow + c.red > 0)
    .sort((a, b) => a.categoryId.localeCompare(b.categoryId, undefined, { numeric: true }));
  const deltas = new Map(counters.filter((c) => c.scope === 'month').map((c) => [c.key, counts(c)]));
  const lastCounted = [...deltas.keys()].sort().at(-1) ?? '';
  const thisMonth = today.slice(0, 7) < `${year}-12` ? today.slice(0, 7) : `${year}-12`;
  let running = zero();
  // Changes dated before the year (none normally) open the trend's first month.
  for (const [m, d] of deltas) if (m < `${year}-01`) running = add(running, d);
  const months = monthsUntil(year, lastCounted > thisMonth ? lastCounted : thisMonth).map((month) => {
    running = add(running, deltas.get(month) ?? zero());
    return { month, ...running };
  });
  const totals = units.reduce<WarningCounts>((sum, u) => add(sum, u), zero());
  const mostRed = units
    .filter((u) => u.red > 0)
    .sort((a, b) => b.red - a.red || b.yellow - a.yellow || byName(a, b))
    .slice(0, MOST_RED);
  const lateUnits = units.filter((u) => u.missing + u.late > 0).sort((a, b) => b.missing - a.missing || b.late - a.late || byName(a, b));
  return { totals, categories, units, months, mostRed, lateUnits };
}

/**
 * A finished year's trend from its cycle's month counters, for comparison beside this year's: the
 * counts at the end of each month January–December of `year` (the changes counted after the year —
 * statuses refreshed or backfilled later — are not part of its story). Empty when none of its months
 * was counted (no trend was kept that year).
 */
export function yearTrend(counters: readonly DashboardCounter[], year: number): ({ month: string } & WarningCounts)[] {
  const deltas = counters.filter((c) => c.scope === 'month');
  if (!deltas.some((c) => c.key.startsWith(`${year}-`))) return [];
  let running = zero();
  for (const d of deltas) if (d.key < `${year}-01`) running = add(running, counts(d));
  const byMonth = new Map(deltas.map((d) => [d.key, counts(d)]));
  return monthsUntil(year, `${year}-12`).map((month) => {
    running = add(running, byMonth.get(month) ?? zero());
    return { month, ...running };
  });
}
