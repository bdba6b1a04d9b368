// Monitoring and early warning (Art 12): the bureau's dashboard, an assessor unit's indicators
// across the units it scores, and a unit's own goals with colour, reasons and tasks. Every view
// reads one Query of its list (counters, gsi2, the unit's GOAL# items); the dashboard one more, of
// the year before's month counters for its trend line; the unit's view also reads the cycle's
// categories and plan for the names of goals not coloured yet.
import { now } from '../../config/clock.ts';
import { earlyWarningRoutes, type WarningView } from '../../contracts/early-warning.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle } from '../../data/cycles.ts';
import { readAssessorWarnings, readDashboard, readMonthCounters, readUnitWarnings, reportCounts } from '../../data/early-warning.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { dashboardOf, yearTrend } from '../../domain/dashboard.ts';
import { beijingDate } from '../../domain/dates.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { isLeaf, type PlanNode } from '../../domain/plan.ts';
import { noWarningCounts, type GoalWarningRecord, type WarningCounts } from '../../model/early-warning.ts';
import { ops } from '../../http/chain.ts';

async function cycleOf(regionId: string, cycleId: string) {
  const cycle = await getCycle(regionId, cycleId);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  return cycle;
}

const viewOf = ({ regionId: _r, cycleId: _c, ...w }: GoalWarningRecord): WarningView => w;

/** Goals by colour, and missed and late reports per unit (a report covers all its goals) added up. */
function totalsOf(list: readonly GoalWarningRecord[]): WarningCounts {
  const c = noWarningCounts();
  for (const w of list) c[w.level]++;
  for (const unitId of new Set(list.map((w) => w.unitId))) {
    const r = reportCounts(list.filter((w) => w.unitId === unitId));
    c.missing += r.missing;
    c.late += r.late;
  }
  return c;
}

function leafNames(tree: readonly PlanNode[]): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (nodes: readonly PlanNode[]) => nodes.forEach((n) => (isLeaf(n) ? out.set(n.id, n.name) : visit(n.children ?? [])));
  visit(tree);
  return out;
}

const LEVEL_ORDER = { red: 0, yellow: 1, green: 2 } as const;

export const earlyWarningOps = ops(earlyWarningRoutes, {
  getDashboard: async ({ params }) => {
    // This cycle's counters, and the year before's month counters for its trend line (cycle ids are years).
    const before = String(Number(params.cycleId) - 1);
    const [cycle, counters, lastMonths] = await Promise.all([cycleOf(params.regionId, params.cycleId), readDashboard(params.regionId, params.cycleId), readMonthCounters(params.regionId, before)]);
    const last = yearTrend(lastMonths, Number(before));
    return { cycleId: cycle.cycleId, ...dashboardOf(counters, Number(cycle.cycleId), beijingDate(now())), lastYear: last.length ? { cycleId: before, months: last } : null };
  },

  getAssessorWarnings: async ({ params }) => {
    const [, list] = await Promise.all([cycleOf(params.regionId, params.cycleId), readAssessorWarnings(params.regionId, params.cycleId, params.unitId)]);
    const sorted = [...list].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.unitId.localeCompare(b.unitId) || a.indicatorId.localeCompare(b.indicatorId, undefined, { numeric: true }));
    return { cycleId: params.cycleId, assessorUnitId: params.unitId, totals: totalsOf(list), items: sorted.map(viewOf) };
  },

  getUnitWarnings: async ({ params }) => {
    const { regionId, cycleId, unitId } = params;
    const [, categories, work] = await Promise.all([cycleOf(regionId, cycleId), getCategorySet(regionId, cycleId), readUnitWarnings(regionId, cycleId, unitId)]);
    const category = categories?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
    if (!category) throw new NotFoundError(t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle'));
    const names = leafNames((await getCurrentPlan(regionId, cycleId, category.categoryId))?.plan.tree ?? []);
    const approved = work.set?.status === 'approved' ? work.goals : [];
    const warnings = new Map(work.warnings.map((w) => [w.indicatorId, w]));
    return {
      cycleId,
      unitId,
      totals: totalsOf(work.warnings),
      goals: approved
        .map((g) => {
          const w = warnings.get(g.indicatorId);
          return {
            indicatorId: g.indicatorId,
            name: names.get(g.indicatorId) ?? w?.name ?? g.indicatorId,
            ...(g.target !== undefined ? { target: g.target } : {}),
            ...(g.unitOfMeasure !== undefined ? { unitOfMeasure: g.unitOfMeasure } : {}),
            milestones: g.milestones,
            ...(w ? { level: w.level, warning: viewOf(w) } : {}),
            tasks: work.tasks.filter((x) => x.indicatorId === g.indicatorId).map(({ regionId: _r, ...x }) => x),
          };
        })
        .sort((a, b) => LEVEL_ORDER[a.level ?? 'green'] - LEVEL_ORDER[b.level ?? 'green'] || a.indicatorId.localeCompare(b.indicatorId, undefined, { numeric: true })),
    };
  },
});
