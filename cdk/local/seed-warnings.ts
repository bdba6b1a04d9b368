// The early-warning trend of the demo (预警监测): the month counters (DASH#r#c MONTH#…) for the months
// before the seed's, as the seeded reports left the goals at the end of each month. Each unit's
// goals are coloured by the same rule (domain/early-warning.ts warningOf) with only the reports its
// leader had approved by then; a month's counter is the net change from the month before. The seed's
// own month carries the opposite of their sum, so the months still add up to the statuses there are
// (none until the daily job colours the sets at the stack's start, which then counts them in this
// month): the counters stay equal to a recount. Bulk-written: no refresh runs for history.
import { getCategorySet } from '../../functions/data/categories.ts';
import { dashboardEntity } from '../../functions/data/early-warning.ts';
import { listGoalSets, readUnitGoals } from '../../functions/data/goals.ts';
import { getCurrentPlan } from '../../functions/data/plans.ts';
import { periodsForGoal, readUnitProgress, type UnitProgress } from '../../functions/data/warning-inputs.ts';
import { deadlineInstant, shiftIsoDate } from '../../functions/domain/dates.ts';
import { ruleOf, warningOf } from '../../functions/domain/early-warning.ts';
import { isLeaf, type PlanNode } from '../../functions/domain/plan.ts';
import { noWarningCounts, type WarningCounts } from '../../functions/model/early-warning.ts';
import { cycles } from './demo-data.ts';

/** The first day of each month of `year` after which the month is over, up to the seed's day: the moment each month ends. */
export function monthEnds(year: number, today: string): { month: string; after: string }[] {
  const out: { month: string; after: string }[] = [];
  for (let m = 1; m <= 12; m++) {
    const after = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
    if (after <= today) out.push({ month: `${year}-${String(m).padStart(2, '0')}`, after });
  }
  return out;
}

/** The unit's progress as it stood before `day`: reports approved later count as not (yet) made. */
function asOf(progress: UnitProgress, day: string): UnitProgress {
  const until = new Date(deadlineInstant(shiftIsoDate(day, -1))).toISOString();
  const reports = new Map([...progress.reports].filter(([, r]) => r.status === 'approved' && r.approvedAt !== undefined && r.approvedAt < until));
  return { ...progress, reports };
}

const leafMap = (tree: readonly PlanNode[]) => {
  const out = new Map<string, PlanNode>();
  const visit = (nodes: readonly PlanNode[]) => nodes.forEach((n) => (isLeaf(n) ? out.set(n.id, n) : visit(n.children ?? [])));
  visit(tree);
  return out;
};

/** The month counters of the open demo cycles' history, as table items; `today` is the seed's Beijing date. */
export async function demoWarningMonths(today: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  // The cycles under way; the finished ones are part 'warnings-2025' (cdk/local/seed-warnings-2025.ts).
  for (const [regionId, year, stage] of cycles) if (stage < 11 && year <= Number(today.slice(0, 4))) items.push(...(await cycleWarningMonths(regionId, year, today)));
  return items;
}

/**
 * One cycle's month counters: each month's net change of the colours its approved sets had at the
 * month's end, and the seed's own month the opposite of their sum (the months add up to the
 * statuses there are: none until the daily job colours the sets, which it then counts in this month).
 */
export async function cycleWarningMonths(regionId: string, year: number, today: string): Promise<Record<string, unknown>[]> {
  const cycleId = String(year);
  const ends = monthEnds(year, today);
  if (!ends.length) return [];
  const [sets, categories] = await Promise.all([listGoalSets(regionId, cycleId), getCategorySet(regionId, cycleId)]);
  const plans = new Map<string, Promise<Awaited<ReturnType<typeof getCurrentPlan>>>>();
  const totals = ends.map(() => noWarningCounts());
  for (const set of sets.filter((s) => s.status === 'approved' && s.approvedAt)) {
    const categoryId = categories?.categories.find((c) => c.units.some((u) => u.unitId === set.unitId))?.categoryId ?? set.categoryId;
    if (!plans.has(categoryId)) plans.set(categoryId, getCurrentPlan(regionId, cycleId, categoryId));
    const [{ goals }, progress, plan] = await Promise.all([readUnitGoals(regionId, cycleId, set.unitId), readUnitProgress(regionId, cycleId, set.unitId), plans.get(categoryId)!]);
    const rule = ruleOf(plan?.plan);
    const leaves = leafMap(plan?.plan.tree ?? []);
    const approvedOn = set.approvedAt!.slice(0, 10);
    ends.forEach(({ after }, i) => {
      if (after <= approvedOn) return;
      const then = asOf(progress, after);
      let missing = 0;
      let late = 0;
      for (const g of goals.filter((x) => x.status === 'approved')) {
        const leaf = leaves.get(g.indicatorId);
        const lowerIsBetter = leaf?.method?.kind === 'completion' && leaf.method.lowerIsBetter === true;
        const outcome = warningOf({ target: g.target, unitOfMeasure: g.unitOfMeasure, milestones: g.milestones, lowerIsBetter }, periodsForGoal(then, year, g.indicatorId, approvedOn), after, rule);
        totals[i]![outcome.level]++;
        missing = Math.max(missing, outcome.missing);
        late = Math.max(late, outcome.late);
      }
      totals[i]!.missing += missing;
      totals[i]!.late += late;
    });
  }
  const items: Record<string, unknown>[] = [];
  const counter = (month: string, c: WarningCounts) => dashboardEntity.item({ regionId, cycleId, scope: 'month', key: month, name: month, categoryId: '', ...c });
  const minus = (a: WarningCounts, b: WarningCounts): WarningCounts => ({ green: a.green - b.green, yellow: a.yellow - b.yellow, red: a.red - b.red, missing: a.missing - b.missing, late: a.late - b.late });
  ends.forEach(({ month }, i) => items.push(counter(month, minus(totals[i]!, i ? totals[i - 1]! : noWarningCounts()))));
  items.push(counter(today.slice(0, 7), minus(noWarningCounts(), totals.at(-1)!)));
  return items;
}
