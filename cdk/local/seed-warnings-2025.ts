// 预警监测's trend of the finished demo year (玉林市 2025, every stage passed): its month counters
// (DASH#r#2025 MONTH#…), as the seeded year of progress reports left the goals at each month's end,
// worked out as for the year under way (cdk/local/seed-warnings.ts cycleWarningMonths), so the
// dashboard shows last year's line beside this year's. Its own part: tables seeded before it gain it.
import { cycles } from './demo-data.ts';
import { cycleWarningMonths } from './seed-warnings.ts';

/** The month counters of the finished demo cycles of years before the seed's; `today` is its Beijing date. */
export async function demoPastWarningMonths(today: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (const [regionId, year, stage] of cycles) if (stage >= 11 && year < Number(today.slice(0, 4))) items.push(...(await cycleWarningMonths(regionId, year, today)));
  return items;
}
