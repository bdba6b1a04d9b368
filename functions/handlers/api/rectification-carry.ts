// Carry-over (结转, Art 26): key problems and satisfaction items of a cycle become draft goals of the
// same unit in the NEXT cycle, marked with where they came from; the unit accepts each into its goal
// set under an indicator of that cycle's plan (the same indicator id is proposed when the plan has it)
// or declines it with a reason.
//
// Decision: the bureau runs 结转 in 整改 or 结果运用 (stages 10–11), when the results are confirmed and
// the next cycle exists — not at the unit's plan approval, because a key problem is carried whether or
// not the unit has filed a plan for it. It may be run again: an item carried before is left as it is
// (its key is the source cycle and problem id), so a second run adds only what is new. One atomic write
// per unit (its items and its notice). Without a next cycle it refuses and says which year to create.
import { nowIso } from '../../config/clock.ts';
import { rectificationRoutes } from '../../contracts/rectification.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle } from '../../data/cycles.ts';
import { cycleIdOf } from '../../data/keys.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { cycleProblems } from '../../data/problems.ts';
import { getCarriedGoal, listRectificationQueue, readCarriedGoals, storeCarried, storeCarriedDecision } from '../../data/rectification.ts';
import { getRegion } from '../../data/regions.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { leaves } from '../../domain/plan.ts';
import { isCarried } from '../../domain/problems.ts';
import { CARRY_STAGES } from '../../domain/rectification.ts';
import { isAtStage } from '../../domain/stages.ts';
import type { CarriedGoalRecord } from '../../model/rectification.ts';
import { ops } from '../../http/chain.ts';

/** One transaction holds 100 items: the unit's notice and the audit entry take two. */
const MAX_PER_WRITE = 98;

async function planLeaves(regionId: string, cycleId: string, unitId: string) {
  const set = await getCategorySet(regionId, cycleId);
  const category = set?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
  const plan = category && (await getCurrentPlan(regionId, cycleId, category.categoryId));
  return plan ? leaves(plan.plan.tree).map((w) => ({ id: w.node.id, name: w.node.name })) : [];
}

const { carryRectification, listCarriedGoals, decideCarriedGoal } = rectificationRoutes;

export const carryOps = ops(
  { carryRectification, listCarriedGoals, decideCarriedGoal },
  {
    carryRectification: async ({ caller, params: { regionId, cycleId }, body }) => {
      const cycle = await getCycle(regionId, cycleId);
      if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
      if (!CARRY_STAGES.some((s) => isAtStage(cycle, s))) throw new ConflictError(t('只有在整改或结果运用阶段才能结转', 'Carrying over runs in the rectification and results-use stages only'));
      const nextId = cycleIdOf(cycle.year + 1);
      if (body.nextCycleId !== nextId) throw new ValidationError(t('只能结转到下一年度的考评周期', 'Items are carried into the next year’s cycle only'), [{ path: 'body.nextCycleId', message: t(`应为 ${nextId}`, `Should be ${nextId}`) }]);
      const next = await getCycle(regionId, nextId);
      if (!next) throw new ConflictError(t(`${cycle.year + 1} 年度考评周期尚未创建，请先创建该周期再结转`, `The ${cycle.year + 1} cycle does not exist yet; create it first, then carry over`));
      const [set, nextSet, queue, problemsOf] = await Promise.all([getCategorySet(regionId, cycleId), getCategorySet(regionId, nextId), listRectificationQueue(regionId, cycleId), cycleProblems(regionId, cycleId)]);
      const measures = new Map(queue.map((r) => [`${r.unitId}|${r.problemId}`, r.measures]));
      const nextLeaves = new Map<string, Set<string>>();
      const leavesOf = async (categoryId: string) => {
        if (!nextLeaves.has(categoryId)) {
          const plan = await getCurrentPlan(regionId, nextId, categoryId);
          nextLeaves.set(categoryId, new Set(plan ? leaves(plan.plan.tree).map((w) => w.node.id) : []));
        }
        return nextLeaves.get(categoryId)!;
      };
      const summary = { nextCycleId: nextId, units: 0, carried: 0, unchanged: 0 };
      for (const category of set?.categories ?? []) {
        for (const unit of category.units) {
          const found = problemsOf.get(unit.unitId);
          const carried = found?.problems.filter(isCarried) ?? [];
          if (!found?.confirmed || !carried.length) continue;
          const nextCategory = nextSet?.categories.find((c) => c.units.some((u) => u.unitId === unit.unitId));
          // A unit not assessed next year (merged, retired) has nowhere to carry to.
          if (!nextCategory) continue;
          const [existing, ids] = await Promise.all([readCarriedGoals(regionId, nextId, unit.unitId), leavesOf(nextCategory.categoryId)]);
          const have = new Set(existing.filter((c) => c.fromCycleId === cycleId).map((c) => c.problemId));
          const at = nowIso();
          const fresh: CarriedGoalRecord[] = carried
            .filter((p) => !have.has(p.id))
            .map((p) => {
              const m = measures.get(`${unit.unitId}|${p.id}`);
              return {
                regionId,
                cycleId: nextId,
                unitId: unit.unitId,
                fromCycleId: cycleId,
                fromYear: cycle.year,
                problemId: p.id,
                kind: p.kind,
                title: p.title,
                detail: p.detail,
                ...(m ? { measures: m } : {}),
                ...(p.indicatorId && ids.has(p.indicatorId) ? { suggestedIndicatorId: p.indicatorId } : {}),
                status: 'pending',
                createdAt: at,
                createdBy: caller.username,
                version: 1,
                updatedAt: at,
                updatedBy: caller.username,
              };
            });
          if (!fresh.length) {
            summary.unchanged++;
            continue;
          }
          for (let i = 0; i < fresh.length; i += MAX_PER_WRITE) {
            const chunk = fresh.slice(i, i + MAX_PER_WRITE);
            const notice =
              i === 0
                ? noticeItem({
                    regionId,
                    unitId: unit.unitId,
                    at,
                    link: '/goals',
                    kind: 'rectification.carried',
                    title: t(`${cycle.year}年度整改事项已结转为${next.year}年度目标草稿`, `${cycle.year} rectification items carried into ${next.year} as draft goals`),
                    body: t(`共 ${fresh.length} 项重点问题和满意度事项，请在本单位目标中选择指标纳入或说明理由。`, `${fresh.length} key problems and satisfaction items; accept each under an indicator of your goals, or decline it with a reason.`),
                  })
                : undefined;
            await storeCarried(caller, unit.unitId, chunk, notice, at);
          }
          summary.units++;
          summary.carried += fresh.length;
        }
      }
      return summary;
    },

    listCarriedGoals: async ({ params: { regionId, cycleId, unitId } }) => {
      const [items, indicators] = await Promise.all([readCarriedGoals(regionId, cycleId, unitId), planLeaves(regionId, cycleId, unitId)]);
      return { items: items.map(({ regionId: _, ...c }) => c), indicators };
    },

    decideCarriedGoal: async ({ caller, params: { regionId, cycleId, unitId, fromCycleId, problemId }, body }) => {
      const before = await getCarriedGoal(regionId, cycleId, unitId, fromCycleId, problemId);
      if (!before) throw new NotFoundError(t('该结转事项不存在', 'This carried item does not exist'));
      if (before.version !== body.version) throw new ConflictError(t('该结转事项已被他人处理，请刷新后重试', 'Someone else changed this carried item; please refresh and try again'));
      if (before.status !== 'pending') throw new ConflictError(t('该结转事项已处理', 'This carried item has been decided already'));
      const at = nowIso();
      let after: CarriedGoalRecord;
      if (body.decision === 'accept') {
        const indicator = (await planLeaves(regionId, cycleId, unitId)).find((l) => l.id === body.indicatorId);
        if (!indicator) throw new ValidationError(t('所选指标不在本单位本年度方案中', 'The indicator is not in the unit’s plan of this cycle'), [{ path: 'body.indicatorId', message: t(`方案中没有指标 ${body.indicatorId}`, `The plan has no indicator ${body.indicatorId}`) }]);
        after = { ...before, status: 'accepted', indicatorId: indicator.id, indicatorName: indicator.name, target: body.target, decidedAt: at, decidedBy: caller.username, version: before.version + 1, updatedAt: at, updatedBy: caller.username };
      } else {
        after = { ...before, status: 'declined', declineReason: body.reason, decidedAt: at, decidedBy: caller.username, version: before.version + 1, updatedAt: at, updatedBy: caller.username };
      }
      const bureauUnit = (await getRegion(regionId))?.bureauUnitId;
      const notices = bureauUnit
        ? [
            noticeItem({
              regionId,
              unitId: bureauUnit,
              at,
              link: '/goal-review',
              kind: 'rectification.carried',
              title: body.decision === 'accept' ? t(`结转事项已纳入目标：${before.title}`, `Carried item accepted: ${before.title}`) : t(`结转事项未纳入目标：${before.title}`, `Carried item declined: ${before.title}`),
              body: body.decision === 'accept' ? t(`纳入指标 ${after.indicatorId} ${after.indicatorName ?? ''}：${body.target}`, `Under indicator ${after.indicatorId}: ${body.target}`) : body.reason,
            }),
          ]
        : [];
      await storeCarriedDecision(caller, before, after, notices);
      const { regionId: _, ...view } = after;
      return view;
    },
  },
);
