// Approved goals, public (Art 10, 11): a cycle's units with whether their goals are published, and a
// unit's approved goals as adjusted, with the fact, date and reason class of each adjustment. Spread
// into the 'public' handler. The output schemas (contracts/public-goals.ts) name every field sent.
import { publicGoalRoutes, type PublicGoal } from '../../contracts/public-goals.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle } from '../../data/cycles.ts';
import { getPlanVersion } from '../../data/plans.ts';
import { listApprovedSets, readPublicUnitGoals } from '../../data/public-goals.ts';
import { beijingDate } from '../../domain/dates.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { isLeaf, type PlanNode } from '../../domain/plan.ts';
import type { GoalRecord } from '../../model/goal.ts';
import { ops } from '../../http/chain.ts';

const dayOf = (iso: string | undefined) => (iso ? beijingDate(Date.parse(iso)) : undefined);

async function cycleAndCategories(regionId: string, cycleId: string) {
  const [cycle, categories] = await Promise.all([getCycle(regionId, cycleId), getCategorySet(regionId, cycleId)]);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  return { cycle: { cycleId: cycle.cycleId, name: cycle.name, year: cycle.year }, categories: [...(categories?.categories ?? [])].sort((a, b) => a.order - b.order) };
}

/** Leaves of a plan tree by id, with the names above them. */
function leafIndex(tree: readonly PlanNode[]) {
  const out = new Map<string, { node: PlanNode; parents: string[] }>();
  const visit = (nodes: readonly PlanNode[], parents: string[]) => {
    for (const n of nodes) {
      if (isLeaf(n)) out.set(n.id, { node: n, parents });
      else visit(n.children ?? [], [...parents, n.name]);
    }
  };
  visit(tree, []);
  return out;
}

/** Whether a goal matches a search: indicator code or name, the names above it, or the goal's own text. */
const matches = (g: PublicGoal, q: string) =>
  [g.indicatorId, g.indicatorName, ...g.parents, g.unitOfMeasure, g.scoringNote, g.leadUnitName, ...g.coUnitNames, g.target === undefined ? undefined : String(g.target)].some((s) => s?.toLowerCase().includes(q));

export const publicGoalOps = ops(publicGoalRoutes, {
  /** The category set (one GetItem) for the units, the approved sets (one Query) for what is published. */
  listPublicGoalUnits: async ({ params, query }) => {
    const [{ cycle, categories }, approved] = await Promise.all([cycleAndCategories(params.regionId, params.cycleId), listApprovedSets(params.regionId, params.cycleId)]);
    const byUnit = new Map(approved.map((s) => [s.unitId, s]));
    const all = categories.flatMap((c) =>
      c.units.map((u) => {
        const set = byUnit.get(u.unitId);
        return { unitId: u.unitId, unitName: u.name, categoryName: c.name, published: !!set, ...(set ? { approvedOn: dayOf(set.approvedAt) } : {}) };
      }),
    );
    const q = query.q?.toLowerCase();
    const found = q ? all.filter((u) => u.unitName.toLowerCase().includes(q)) : all;
    return {
      cycle,
      items: found.slice((query.page - 1) * query.limit, query.page * query.limit),
      total: found.length,
      units: all.length,
      published: all.filter((u) => u.published).length,
    };
  },

  /** A unit's goals: one Query of its GOAL# items; nothing of them until the bureau approved the set. */
  getPublicUnitGoals: async ({ params, query }) => {
    const [{ cycle, categories }, { set, goals }] = await Promise.all([cycleAndCategories(params.regionId, params.cycleId), readPublicUnitGoals(params.regionId, params.cycleId, params.unitId)]);
    const category = categories.find((c) => c.units.some((u) => u.unitId === params.unitId));
    const unit = category?.units.find((u) => u.unitId === params.unitId);
    if (!category || !unit) throw new NotFoundError(t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle'));
    const head = { cycle, unitId: unit.unitId, unitName: unit.name, categoryName: category.name };
    if (set?.status !== 'approved') return { ...head, published: false, goals: [], total: 0 };
    const approved = goals.filter((g) => g.status === 'approved');
    const versions = [...new Set(approved.map((g) => g.planVersion))];
    const plans = new Map(await Promise.all(versions.map(async (v) => [v, leafIndex((await getPlanVersion(params.regionId, params.cycleId, set.categoryId, v))?.plan.tree ?? [])] as const)));
    const names = new Map(categories.flatMap((c) => c.units.map((u) => [u.unitId, u.name] as const)));
    const view = (g: GoalRecord): PublicGoal => {
      const leaf = plans.get(g.planVersion)?.get(g.indicatorId);
      return {
        indicatorId: g.indicatorId,
        indicatorName: leaf?.node.name ?? g.indicatorId,
        parents: leaf?.parents ?? [],
        points: leaf?.node.points ?? 0,
        target: g.target,
        unitOfMeasure: g.unitOfMeasure,
        scoringNote: g.scoringNote,
        milestones: g.milestones,
        leadUnitName: names.get(g.leadUnitId ?? g.unitId) ?? g.leadUnitId,
        coUnitNames: g.coUnitIds.map((u) => names.get(u) ?? u),
        responsible: g.responsible,
        revision: g.revision ?? 1,
        adjustments: (g.adjustments ?? []).map((a) => ({ revision: a.revision, decidedOn: dayOf(a.decidedAt)!, reason: a.reason })),
      };
    };
    // In the plan's order (the tree's leaves, top to bottom), which the GOAL# sort key does not give ('1.10' < '1.2').
    const order = new Map([...(plans.get(Math.max(0, ...versions))?.keys() ?? [])].map((id, i) => [id, i]));
    const all = approved.map(view).sort((a, b) => (order.get(a.indicatorId) ?? 1e9) - (order.get(b.indicatorId) ?? 1e9));
    const q = query.q?.toLowerCase();
    return { ...head, published: true, approvedOn: dayOf(set.approvedAt), goals: q ? all.filter((g) => matches(g, q)) : all, total: all.length };
  },
});
