// Results use (Art 28–29): the eligibility table from the notice in force — one Query of the notice
// (data/results-notice.ts) — for the bureau ('results' handler) and for consuming systems by key ('feed'
// handler); and the registration of a consuming system's key, the feed's key model with purpose 'results'.
import { nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { resultsConsumerRoutes, resultsUseRoutes, type EligibilityView } from '../../contracts/results-use.ts';
import { getCycle } from '../../data/cycles.ts';
import { registerFeedSystem } from '../../data/feed-systems.ts';
import { readNotice } from '../../data/results-notice.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { eligibilityOf } from '../../domain/results-use.ts';
import { ops } from '../../http/chain.ts';
import { newSystem, viewOf } from './feed-systems.ts';

/** The eligibility of every unit of the notice in force; no categories while none is published. */
export async function eligibilityTable(regionId: string, cycleId: string): Promise<EligibilityView> {
  const stored = await readNotice(regionId, cycleId);
  const inForce = stored.versions.find((v) => v.number === stored.head?.published && v.status === 'published');
  if (!inForce) return { regionId, cycleId, notice: null, categories: [] };
  return {
    regionId,
    cycleId,
    notice: { number: inForce.number, documentNumber: inForce.documentNumber, title: inForce.title, publishedAt: inForce.publishedAt!, corrected: inForce.number > 1 },
    categories: inForce.categories.map((c) => {
      const rows = c.units.map((u) => {
        const e = eligibilityOf(u, c.factor);
        return { unitId: u.unitId, unitName: u.unitName, grade: u.grade, gradeName: u.gradeName, position: u.position, rankInGrade: u.rankInGrade, total: u.total, factor: e.factor, weightedTotal: e.weightedTotal, eligible: e.eligible, lostAward: e.lostAward, basis: t(e.basis.zh, e.basis.en) };
      });
      return { categoryId: c.categoryId, categoryName: c.categoryName, factor: c.factor, eligibleCount: rows.filter((r) => r.eligible).length, lostCount: rows.filter((r) => r.lostAward).length, rows };
    }),
  };
}

export const resultsUseOps = ops(resultsUseRoutes, {
  getEligibility: async ({ params: { regionId, cycleId } }) => eligibilityTable(regionId, cycleId),

  createResultsConsumer: async ({ caller, params: { regionId }, body }) => {
    if (!(await getCycle(regionId, body.cycleId))) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
    const at = nowIso();
    const { system, key } = newSystem(regionId, { name: body.name, cycleId: body.cycleId, indicators: [], unitIds: [], purpose: 'results' }, caller.username, at);
    await registerFeedSystem(caller, system, at);
    return { system: viewOf(system), key };
  },
});

export const resultsConsumerOps = ops(resultsConsumerRoutes, {
  /** Only what is published: before the notice, 404 (nothing to use yet). */
  readEligibility: async ({ params: { regionId, cycleId } }) => {
    const table = await eligibilityTable(regionId, cycleId);
    if (!table.notice) throw new NotFoundError(t('该周期的考评结果尚未通报，暂无奖惩运用数据', 'The results of this cycle are not published yet: no eligibility to read'));
    return table;
  },
});
