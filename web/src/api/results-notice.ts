// 结果通报 (Art 22, 27): the bureau's drafts and the leader's approval; the public's read (no login).
import { publicResultsNoticeRoutes, resultsNoticeRoutes, type DecideNoticeBody, type DraftNoticeBody, type UpdateNoticeBody } from '@shared/contracts/results-notice.ts';
import { call } from './call';

export type { NoticeView, PublicNotice, PublicNoticeView, ResultsNoticeView } from '@shared/contracts/results-notice.ts';

type Cycle = { regionId: string; cycleId: string };
type Version = Cycle & { noticeNumber: number };
const at = (p: Version) => ({ regionId: p.regionId, cycleId: p.cycleId, noticeNumber: String(p.noticeNumber) });

export const getResultsNoticeApi = (p: Cycle) => call(resultsNoticeRoutes.getResultsNotice, { params: p });
/** 起草（silent：页面自己显示拒绝原因，如缺少更正理由） */
export const draftResultsNoticeApi = (p: Cycle, body: DraftNoticeBody) => call(resultsNoticeRoutes.draftResultsNotice, { params: p, body }, { silent: true });
export const updateResultsNoticeApi = (p: Version, body: UpdateNoticeBody) => call(resultsNoticeRoutes.updateResultsNotice, { params: at(p), body }, { silent: true });
export const submitResultsNoticeApi = (p: Version, version: number) => call(resultsNoticeRoutes.submitResultsNotice, { params: at(p), body: { version } }, { silent: true });
export const decideResultsNoticeApi = (p: Version, body: DecideNoticeBody) => call(resultsNoticeRoutes.decideResultsNotice, { params: at(p), body }, { silent: true });

/** 公开：现行（或指定版本的）考评结果通报 */
export const getPublicResultsNoticeApi = (p: Cycle, version?: number) => call(publicResultsNoticeRoutes.getPublicResultsNotice, { params: p, query: version ? { version } : {} });
