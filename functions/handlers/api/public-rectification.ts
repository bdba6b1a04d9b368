// Rectification commitments, public (Art 25): once the unit leader approves a plan it is public —
// the problem, measures, commitment, deadline, status and progress summaries, with the responsible
// person's name and post (a government publishes who answers for a public commitment; a username, the
// problem's internal detail, the leader's or the bureau's return reasons and evidence files never leave).
// Spread into the 'public' handler; each answer is one Query of the sparse public index.
import { now } from '../../config/clock.ts';
import { publicRectificationRoutes } from '../../contracts/rectification.ts';
import { t } from '../../contracts/lang.ts';
import { getCycle } from '../../data/cycles.ts';
import { listPublicRectification } from '../../data/rectification.ts';
import { beijingDate } from '../../domain/dates.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { isOverdue } from '../../domain/rectification.ts';
import type { RectificationRecord } from '../../model/rectification.ts';
import { ops } from '../../http/chain.ts';

const dayOf = (iso: string) => beijingDate(Date.parse(iso));

async function cycleOf(regionId: string, cycleId: string) {
  const cycle = await getCycle(regionId, cycleId);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  return { cycleId: cycle.cycleId, name: cycle.name, year: cycle.year };
}

const publicOf = (r: RectificationRecord, day: string) => ({
  problemId: r.problemId,
  problemTitle: r.problemTitle,
  kind: r.kind,
  key: r.key,
  responsible: r.responsible,
  responsiblePost: r.responsiblePost,
  measures: r.measures,
  commitment: r.commitment,
  deadline: r.deadline,
  status: r.status,
  overdue: isOverdue(r, day),
  ...(r.approvedAt ? { approvedOn: dayOf(r.approvedAt) } : {}),
  progress: r.progress.map((p) => ({ text: p.text, on: dayOf(p.at), files: p.evidence.length })),
  ...(r.result ? { result: { text: r.result.text, on: dayOf(r.result.at) } } : {}),
  ...(r.decision?.outcome === 'accepted' ? { acceptedOn: dayOf(r.decision.at) } : {}),
});

export const publicRectificationOps = ops(publicRectificationRoutes, {
  listPublicRectificationUnits: async ({ params: { regionId, cycleId } }) => {
    const [cycle, plans] = await Promise.all([cycleOf(regionId, cycleId), listPublicRectification(regionId, cycleId)]);
    const day = beijingDate(now());
    const units = new Map<string, { unitId: string; unitName: string; plans: number; done: number; overdue: number }>();
    for (const r of plans) {
      const u = units.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, plans: 0, done: 0, overdue: 0 };
      u.plans++;
      if (r.status === 'accepted') u.done++;
      if (isOverdue(r, day)) u.overdue++;
      units.set(r.unitId, u);
    }
    return { cycle, items: [...units.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh')) };
  },

  getPublicUnitRectification: async ({ params: { regionId, cycleId, unitId } }) => {
    const [cycle, plans] = await Promise.all([cycleOf(regionId, cycleId), listPublicRectification(regionId, cycleId, unitId)]);
    const day = beijingDate(now());
    return {
      cycle,
      unitId,
      unitName: plans[0]?.unitName ?? unitId,
      items: plans.sort((a, b) => Number(b.key) - Number(a.key) || a.deadline.localeCompare(b.deadline)).map((r) => publicOf(r, day)),
      today: day,
    };
  },
});
