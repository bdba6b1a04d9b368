// 复核 (Art 21): a unit's requests on its published result and the items it may name; the bureau's
// queue and its decision on each item.
import { reviewRoutes, type DecideReviewBody, type SaveReviewBody } from '@shared/contracts/reviews.ts';
import { call } from './call';
import { openDownload, putSigned, sha256Base64 } from './progress-reports';

export type { DecisionView, ReviewQueueView, ReviewView, ReviewableView, UnitReviewsView } from '@shared/contracts/reviews.ts';
export type { DecideReviewBody, SaveReviewBody };

type Cycle = { regionId: string; cycleId: string };
type Unit = Cycle & { unitId: string };

export const getUnitReviewsApi = (p: Unit) => call(reviewRoutes.getUnitReviews, { params: p });
/** 起草或修改复核申请（新申请 version 0） */
export const saveReviewApi = (p: Unit, body: SaveReviewBody) => call(reviewRoutes.saveReview, { params: p, body }, { silent: true });
/** 单位负责人提交复核申请 */
export const submitReviewApi = (p: Unit & { reviewId: string }, version: number) => call(reviewRoutes.submitReview, { params: p, body: { version } }, { silent: true });
export const listReviewsApi = (p: Cycle, query: { status?: 'submitted' | 'decided'; categoryId?: string; unitId?: string; page: number; limit: number }) => call(reviewRoutes.listReviews, { params: p, query });
/** 绩效办逐项作出复核决定 */
export const decideReviewApi = (p: Unit & { reviewId: string }, body: DecideReviewBody) => call(reviewRoutes.decideReview, { params: p, body }, { silent: true });

export async function downloadReviewFile(p: Unit & { reviewId: string; fileId: string }): Promise<void> {
  openDownload((await call(reviewRoutes.downloadReviewEvidence, { params: p })).url);
}

/** Signs an upload for the unit's review, then PUTs the file straight to the store; resolves with the file id. */
export async function uploadReviewFile(p: Unit, file: File, onProgress: (percent: number) => void): Promise<string> {
  const sha256 = await sha256Base64(file);
  const signed = await call(reviewRoutes.signReviewEvidence, { params: p, body: { name: file.name, contentType: file.type as never, size: file.size, sha256 } }, { silent: true });
  await putSigned(signed, file, onProgress);
  return signed.fileId;
}
