// The benches' one way to time calls and print them as ratios to a baseline measured alongside.
export type Stats = { p50: number; p99: number; mean: number };

/** Calls every variant once per round, so JVM warm-up and machine noise hit all of them alike. */
export async function measure(variants: Record<string, () => Promise<unknown>>, rounds: number, warmup: number): Promise<Record<string, Stats>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (const [name, fn] of Object.entries(variants)) {
      const t = performance.now();
      await fn();
      if (round >= warmup) times[name]!.push(performance.now() - t);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, ts]) => {
      ts.sort((a, b) => a - b);
      const at = (q: number) => ts[Math.min(ts.length - 1, Math.floor(q * ts.length))]!;
      return [name, { p50: at(0.5), p99: at(0.99), mean: ts.reduce((a, b) => a + b, 0) / ts.length }];
    }),
  );
}

/** A markdown table of every variant with its ratios to `base`. */
export function printRatios(title: string, stats: Record<string, Stats>, base: string): void {
  const b = stats[base]!;
  console.log(`\n${title}`);
  console.log('| call | p50 ms | p99 ms | mean ms | p50 ratio | p99 ratio | mean ratio |\n|---|---|---|---|---|---|---|');
  for (const [name, r] of Object.entries(stats)) {
    console.log(`| ${name} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.mean.toFixed(2)} | ${(r.p50 / b.p50).toFixed(2)} | ${(r.p99 / b.p99).toFixed(2)} | ${(r.mean / b.mean).toFixed(2)} |`);
  }
}
