// The published results notice, public (Art 27), spread into the read-only 'public' handler: the version
// in force (or an earlier published one asked for), with every published version's date and, for a
// correction, its reason. Drafts, returned and submitted versions are never answered; the output schema
// (contracts/results-notice.ts) names every field, so totals and usernames never leave.
import { t } from '../../contracts/lang.ts';
import { publicResultsNoticeRoutes, type PublicNotice } from '../../contracts/results-notice.ts';
import { getCycle } from '../../data/cycles.ts';
import { readNotice } from '../../data/results-notice.ts';
import { beijingDate } from '../../domain/dates.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { NoticeRecord } from '../../model/results-notice.ts';
import { ops } from '../../http/chain.ts';

const dayOf = (iso: string) => beijingDate(Date.parse(iso));

const versionOf = (n: NoticeRecord) => ({
  number: n.number,
  title: n.title,
  documentNumber: n.documentNumber,
  issueDate: n.issueDate,
  publishedOn: dayOf(n.publishedAt!),
  ...(n.correctionReason ? { correctionReason: n.correctionReason } : {}),
  ...(n.supersededAt ? { supersededOn: dayOf(n.supersededAt) } : {}),
});

const noticeOf = (n: NoticeRecord): PublicNotice => ({ ...versionOf(n), ...(n.preface ? { preface: n.preface } : {}), categories: n.categories });

export const publicResultsNoticeOps = ops(publicResultsNoticeRoutes, {
  getPublicResultsNotice: async ({ params: { regionId, cycleId }, query }) => {
    const [cycle, stored] = await Promise.all([getCycle(regionId, cycleId), readNotice(regionId, cycleId)]);
    if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
    const published = stored.versions.filter((v) => v.publishedAt && (v.status === 'published' || v.status === 'superseded'));
    const inForce = stored.head?.published ?? null;
    const wanted = query.version ?? inForce;
    const shown = published.find((v) => v.number === wanted);
    if (query.version !== undefined && !shown) throw new NotFoundError(t('没有该版本的已发布通报', 'No published notice of that version'));
    return {
      cycle: { cycleId: cycle.cycleId, name: cycle.name, year: cycle.year },
      inForce,
      versions: [...published].reverse().map(versionOf),
      notice: shown ? noticeOf(shown) : null,
    };
  },
});
