// Figures the annual reports share (Art 24): score statistics of a category and its totals spread over
// score bands, in exact hundredths (a mean rounds half up to the hundredth, never through a float sum
// that could move a figure).
import type { BandView, StatsView } from '../contracts/reports.ts';

/** Band edges in hundredths: below 60, 60–70, 70–80, 80–90, 90–100, 100 and over (a bonus may lift a total past 100). */
export const BAND_EDGES = [6000, 7000, 8000, 9000, 10_000] as const;

/** Rounded integer division, half away from zero (hundredths stay whole). */
export function roundedMean(sum: number, count: number): number {
  if (!count) return 0;
  const q = Math.trunc(sum / count);
  const r = sum - q * count;
  return 2 * Math.abs(r) >= count ? q + Math.sign(sum) : q;
}

export function statsOf(values: readonly number[]): StatsView {
  if (!values.length) return { count: 0, mean: 0, median: 0, max: 0, min: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2]! : roundedMean(sorted[n / 2 - 1]! + sorted[n / 2]!, 2);
  return { count: n, mean: roundedMean(sorted.reduce((s, v) => s + v, 0), n), median, max: sorted[n - 1]!, min: sorted[0]! };
}

/** Every band, empty ones included (a chart keeps its axis), with the units' names in each. */
export function bandsOf(units: readonly { unitName: string; total: number }[]): BandView[] {
  const edges: (number | null)[] = [null, ...BAND_EDGES, null];
  const bands: BandView[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i]!;
    const to = edges[i + 1]!;
    const inside = units.filter((u) => (from === null || u.total >= from) && (to === null || u.total < to));
    bands.push({ from, to, count: inside.length, units: inside.map((u) => u.unitName) });
  }
  return bands;
}

/** Units per grade code, every grade present (0 when none). */
export function gradeCounts<G extends string>(grades: readonly G[], units: readonly { grade: string }[]): Record<G, number> {
  const counts = Object.fromEntries(grades.map((g) => [g, 0])) as Record<G, number>;
  for (const u of units) if (u.grade in counts) counts[u.grade as G] += 1;
  return counts;
}
