// Vetoes (一票否决, Art 22): the bureau staff propose one against a unit under its category's plan veto
// item, with the facts; the bureau leader approves or rejects it with a reason. An approved veto is
// never lifted (no route changes it) and the next computation grades the unit 不合格. Spread into the
// 'results' handler; storage: data/results.ts.
import { randomUUID } from 'node:crypto';
import { nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { vetoRoutes, type VetoView } from '../../contracts/results.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle } from '../../data/cycles.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { getVeto, listVetoes, storeVeto } from '../../data/results.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { VETO_STAGES } from '../../domain/results.ts';
import { isAtStage } from '../../domain/stages.ts';
import type { VetoRecord } from '../../model/result.ts';
import { ops } from '../../http/chain.ts';

const viewOf = ({ regionId: _r, ...v }: VetoRecord): VetoView => v;
const notOpen = () => new ConflictError(t('周期不在「考核评分」「汇总反馈」或「等次评定」阶段，不能处理一票否决事项', 'The cycle is not in assessment, preliminary review or grading: vetoes cannot be proposed or decided'));

async function openCycle(regionId: string, cycleId: string) {
  const cycle = await getCycle(regionId, cycleId);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  return { cycle, open: VETO_STAGES.some((s) => isAtStage(cycle, s)) };
}

export const vetoOps = ops(vetoRoutes, {
  listVetoes: async ({ params: { regionId, cycleId }, query }) => {
    const [{ cycle, open }, set, items] = await Promise.all([openCycle(regionId, cycleId), getCategorySet(regionId, cycleId), listVetoes(regionId, cycleId)]);
    const categories = set?.categories ?? [];
    const plans = await Promise.all(categories.map(async (c) => [c.categoryId, (await getCurrentPlan(regionId, cycleId, c.categoryId))?.plan.vetoes ?? []] as const));
    return {
      stage: cycle.currentStage,
      open,
      items: items.filter((v) => !query.status || v.status === query.status).sort((a, b) => b.proposedAt.localeCompare(a.proposedAt)).map(viewOf),
      units: categories.flatMap((c) => c.units.map((u) => ({ unitId: u.unitId, unitName: u.name, categoryId: c.categoryId, categoryName: c.name }))),
      vetoItemsByCategory: Object.fromEntries(plans),
    };
  },

  proposeVeto: async ({ caller, params: { regionId, cycleId, unitId }, body }) => {
    const [{ open }, set] = await Promise.all([openCycle(regionId, cycleId), getCategorySet(regionId, cycleId)]);
    if (!open) throw notOpen();
    const category = set?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
    if (!category) throw new NotFoundError(t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle'));
    const plan = await getCurrentPlan(regionId, cycleId, category.categoryId);
    const item = plan?.plan.vetoes.find((v) => v.id === body.vetoId);
    if (!item) throw new ValidationError(t('否决项有误', 'Veto item problem'), [{ path: 'body.vetoId', message: t(`「${category.name}」现行方案没有编号为 ${body.vetoId} 的一票否决项`, `The plan of “${category.name}” has no veto item ${body.vetoId}`) }]);
    const at = nowIso();
    const after: VetoRecord = {
      regionId,
      cycleId,
      unitId,
      id: randomUUID(),
      unitName: category.units.find((u) => u.unitId === unitId)!.name,
      categoryId: category.categoryId,
      vetoId: item.id,
      name: item.name,
      facts: body.facts,
      status: 'proposed',
      proposedAt: at,
      proposedBy: caller.username,
      version: 1,
    };
    await storeVeto(caller, undefined, after, at, VETO_STAGES);
    return viewOf(after);
  },

  decideVeto: async ({ caller, params: { regionId, cycleId, unitId, vetoRecordId }, body }) => {
    const [{ open }, before] = await Promise.all([openCycle(regionId, cycleId), getVeto(regionId, cycleId, unitId, vetoRecordId)]);
    if (!before) throw new NotFoundError(t('未找到该一票否决事项', 'No such veto'));
    if (!open) throw notOpen();
    if (before.status !== 'proposed') throw new ConflictError(t('该事项已审批，不能再改（一票否决不得撤销）', 'This veto is decided already and cannot change (a veto is never lifted)'));
    if (before.version !== body.version) throw new ConflictError(t('该事项已被他人修改，请刷新后重试', 'Someone else changed this item; please refresh and try again'));
    const at = nowIso();
    const after: VetoRecord = { ...before, status: body.decision === 'approve' ? 'approved' : 'rejected', decision: { by: caller.username, at, reason: body.reason }, version: before.version + 1 };
    await storeVeto(caller, before, after, at, VETO_STAGES);
    return viewOf(after);
  },
});
