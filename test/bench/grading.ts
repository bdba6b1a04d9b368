// `npx tsx test/bench/grading.ts`: the scoring and grading engine on a large category and a whole
// region, as medians of several runs and as ratios to a bare Array.prototype.sort of the same totals
// measured in the same process (absolute times on a shared machine mean little). No assertions.
import {
  computeTotal,
  defaultGradingRules,
  defaultTotalRules,
  gradeCategory,
  scoreGoal,
  type GoalInput,
  type GradingUnit,
  type Hundredths,
  type ScoringMethod,
  type TotalRules,
} from '../../functions/domain/scoring/index.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const GOALS = 50;

/** Small seeded generator (mulberry32) so every run grades the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface PlannedGoal {
  points: Hundredths;
  method: ScoringMethod;
  common: boolean;
}
interface UnitData {
  unitId: string;
  inputs: GoalInput[];
  bonus: Hundredths;
  deduction: Hundredths;
  severe: boolean;
  veto: boolean;
  satisfaction: Record<string, Hundredths>;
}

// 50 goals of 1.70 points = 85 points, a fifth of them per method; satisfaction 8 + 7 points.
const plan: PlannedGoal[] = Array.from({ length: GOALS }, (_, i) => {
  const kinds: ScoringMethod[] = [
    { kind: 'completion', lowerIsBetter: i % 10 === 0 },
    { kind: 'ranking', scale: 'bands', bands: [{ upToRank: 1, percent: 10000 }, { upToRank: 3, percent: 8000 }, { upToRank: 5, percent: 6000 }], otherwisePercent: 0 },
    { kind: 'deduction', perOccurrence: 50 },
    { kind: 'qualitative' },
    { kind: 'direct' },
  ];
  return { points: 170, method: kinds[i % kinds.length]!, common: i >= 35 };
});
const totalRules: TotalRules = defaultTotalRules([
  { id: 'public', name: '社会公众评价', weight: 800, common: true },
  { id: 'service', name: '服务对象评价', weight: 700, common: true },
]);
const levels = ['excellent', 'good', 'fair', 'poor'] as const;

function makeCategory(units: number, seed: number): UnitData[] {
  const r = rng(seed);
  return Array.from({ length: units }, (_, u) => ({
    unitId: `u${String(u).padStart(5, '0')}`,
    inputs: plan.map((g): GoalInput => {
      switch (g.method.kind) {
        case 'completion':
          return { kind: 'completion', target: '120.5', actual: (60 + r() * 80).toFixed(3) };
        case 'ranking':
          return { kind: 'ranking', rank: 1 + Math.floor(r() * 14), count: 14 };
        case 'deduction':
          return { kind: 'deduction', occurrences: Math.floor(r() * 4) };
        case 'qualitative':
          return { kind: 'qualitative', level: levels[Math.floor(r() * 4)]! };
        case 'direct':
          return { kind: 'direct', score: Math.floor(r() * (g.points + 1)) };
      }
    }),
    bonus: r() < 0.3 ? 50 * Math.ceil(r() * 8) : 0,
    deduction: r() < 0.2 ? 100 : 0,
    severe: r() < 0.02,
    veto: r() < 0.005,
    satisfaction: { public: 7000 + Math.floor(r() * 3000), service: 7000 + Math.floor(r() * 3000) },
  }));
}

/** Goal scores → totals → grades for one category; returns the totals for the baseline sort. */
function runCategory(units: UnitData[]): number[] {
  const grading: GradingUnit[] = units.map((u) => {
    const goals = plan.map((g, i) => ({ goalId: `g${i}`, points: g.points, score: scoreGoal(g.points, g.method, u.inputs[i]!).score, common: g.common }));
    const t = computeTotal(totalRules, {
      goals,
      bonuses: u.bonus ? [{ ruleId: 'b', name: '表彰', amount: u.bonus }] : [],
      deductions: u.deduction ? [{ ruleId: 'd', name: '通报批评', amount: u.deduction, severe: u.severe }] : [],
      satisfaction: u.satisfaction,
    });
    return { unitId: u.unitId, total: t.total, commonScore: t.commonScore, severeDeductions: t.severeDeductions, ...(u.veto ? { veto: '重大安全事故' } : {}) };
  });
  gradeCategory(defaultGradingRules(), grading);
  return grading.map((g) => g.total);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Times each variant once per round, after one warm-up round, so noise hits them alike. */
function measure(variants: Record<string, () => void>): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let round = 0; round <= RUNS; round++) {
    for (const [name, fn] of Object.entries(variants)) {
      const t = performance.now();
      fn();
      if (round > 0) times[name]!.push(performance.now() - t);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

const big = makeCategory(10_000, 1);
const bigTotals = runCategory(big);
const region = Array.from({ length: 100 }, (_, i) => makeCategory(100, 100 + i));
const regionTotals = region.map(runCategory);
const sortTotals = (xs: number[]) => void [...xs].sort((a, b) => b - a);
/** The baseline is short, so each timing repeats it and divides, to keep timer and GC noise out. */
const REPEAT = 20;
const repeated = (fn: () => void) => () => {
  for (let i = 0; i < REPEAT; i++) fn();
};

const bigGradingUnits: GradingUnit[] = bigTotals.map((total, i) => ({ unitId: big[i]!.unitId, total, commonScore: total % 2000, severeDeductions: 0 }));
const t: Record<string, number> = measure({
  big: () => void runCategory(big),
  bigGradeOnly: () => void gradeCategory(defaultGradingRules(), bigGradingUnits),
  bigSort: repeated(() => sortTotals(bigTotals)),
  region: () => void region.forEach(runCategory),
  regionSort: repeated(() => regionTotals.forEach(sortTotals)),
});
t.bigSort! /= REPEAT;
t.regionSort! /= REPEAT;

const row = (what: string, ms: number, base: number) => `| ${what} | ${ms.toFixed(2)} | ${(ms / base).toFixed(0)}× |`;
console.log(`\nbench: scoring + grading, median of ${RUNS} runs (after 1 warm-up), Node ${process.version}`);
console.log('| run | median ms | ratio to sort of the same totals |\n|---|---|---|');
console.log(`| bare Array.prototype.sort, 10,000 totals | ${t.bigSort!.toFixed(3)} | 1× |`);
console.log(row('1 category, 10,000 units × 50 goals: goal scores + totals + grading', t.big!, t.bigSort!));
console.log(row('1 category, 10,000 units: grading only (gradeCategory)', t.bigGradeOnly!, t.bigSort!));
console.log(`| bare Array.prototype.sort, 100 × 100 totals | ${t.regionSort!.toFixed(3)} | 1× |`);
console.log(row('region, 100 categories × 100 units × 50 goals: all of it', t.region!, t.regionSort!));
