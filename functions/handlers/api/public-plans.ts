// The public site's plans (no login): each category's version in force once the cycle is past its
// plan stage — published then, or when the bureau leader approved a later version. Proposals live
// under their own keys and are never read here; no one's name is given.
import { t } from '../../contracts/lang.ts';
import { publicPlanRoutes } from '../../contracts/plan-approval.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle } from '../../data/cycles.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { getRegion } from '../../data/regions.ts';
import { readUnits } from '../../data/units.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { planVersioned, leaves } from '../../domain/plan.ts';
import { ops } from '../../http/chain.ts';

/** The region and the cycle, refused alike when either is unknown or the plan is not published yet. */
async function published(regionId: string, cycleId: string) {
  const [region, cycle, set] = await Promise.all([getRegion(regionId), getCycle(regionId, cycleId), getCategorySet(regionId, cycleId)]);
  if (!region || !cycle || !planVersioned(cycle)) throw new NotFoundError(t('该周期的考评方案尚未公布', 'This cycle’s plans are not published yet'));
  return { region, cycle, categories: [...(set?.categories ?? [])].sort((a, b) => a.order - b.order) };
}

/** When a version was published: its approval, or (made in the plan stage) when it was last saved. */
const publishedAt = (p: { approvedAt?: string | undefined; updatedAt: string }) => p.approvedAt ?? p.updatedAt;

export const publicPlanOps = ops(publicPlanRoutes, {
  listPublicPlans: async ({ params }) => {
    const { region, cycle, categories } = await published(params.regionId, params.cycleId);
    const plans = await Promise.all(categories.map((c) => getCurrentPlan(region.regionId, cycle.cycleId, c.categoryId)));
    const items = categories.flatMap((c, i) => {
      const p = plans[i];
      return p ? [{ categoryId: c.categoryId, name: c.name, version: p.version, publishedAt: publishedAt(p) }] : [];
    });
    return { regionName: region.name, cycleId: cycle.cycleId, cycleName: cycle.name, items };
  },

  getPublicPlan: async ({ params }) => {
    const { region, cycle, categories } = await published(params.regionId, params.cycleId);
    const category = categories.find((c) => c.categoryId === params.categoryId);
    const plan = category && (await getCurrentPlan(region.regionId, cycle.cycleId, category.categoryId));
    if (!category || !plan) throw new NotFoundError(t('该类别没有已公布的考评方案', 'This category has no published plan'));
    const wanted = new Set(leaves(plan.plan.tree).map((w) => w.node.assessorUnitId).filter(Boolean));
    const { units } = await readUnits(region.regionId);
    return {
      regionName: region.name,
      cycleId: cycle.cycleId,
      cycleName: cycle.name,
      categoryId: category.categoryId,
      categoryName: category.name,
      version: plan.version,
      ...(plan.reason ? { reason: plan.reason } : {}),
      publishedAt: publishedAt(plan),
      plan: plan.plan,
      units: category.units.map((u) => u.name),
      assessors: units.filter((u) => wanted.has(u.unitId)).map((u) => ({ unitId: u.unitId, name: u.name })),
    };
  },
});
