// 复核 (Art 21): a unit files a request on its own published preliminary result within the review window
// (its filer drafts, its leader files), naming items of the result with reasons and evidence; the bureau
// lists the requests and decides each item — upheld, or adjusted with the corrected input (the engine
// scores it) or the claim's corrected decision — after which the unit's total and its category's ranking
// are recomputed. Rules: domain/reviews.ts; storage: data/reviews.ts.
import { BUREAU_ROLES } from '../domain/roles.ts';
import { MAX_REVIEW_ITEMS, reviewItemId, reviewOpinion, reviewReason, reviewRecord, reviewStatus } from '../model/review.ts';
import { fileId, EVIDENCE_MAX_FILES } from '../model/progress-report.ts';
import { saveScoreBody } from './scores.ts';
import { bureau, only } from './access.ts';
import { route } from './define.ts';
import { t } from './lang.ts';
import { cyclePath, cycleUnitPath } from './paths.ts';
import { downloadView, signedUploadView, signUploadBody } from './progress-reports.ts';
import { ids, z } from './zod.ts';

const reviewId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: () => t('复核申请编号有误', 'Not a valid review request id') });
export const reviewPath = cycleUnitPath.extend({ reviewId });
export const reviewFilePath = reviewPath.extend({ fileId });

export const reviewView = reviewRecord.omit({ regionId: true });
export type ReviewView = z.infer<typeof reviewView>;

/** An item of the unit's result it may name, and the request it is already in. */
export const reviewableView = z.object({ itemId: z.string(), kind: z.enum(['score', 'claim']), name: z.string(), stood: z.string(), field: z.string().optional(), reviewId: z.string().nullable() });
export type ReviewableView = z.infer<typeof reviewableView>;

export const unitReviewsView = z.object({
  unitId: z.string(),
  stage: z.number(),
  /** The publication's window (null before publication: nothing to review). */
  window: z.object({ publishedAt: z.string(), reviewUntil: z.string(), open: z.boolean(), refusal: z.string().nullable() }).nullable(),
  reviewable: z.array(reviewableView),
  reviews: z.array(reviewView),
});
export type UnitReviewsView = z.infer<typeof unitReviewsView>;

/** A draft as saved: new without `reviewId` (version 0), else the version read. */
export const saveReviewBody = z.object({
  reviewId: reviewId.optional(),
  items: z
    .array(z.object({ itemId: reviewItemId, reason: reviewReason, evidence: z.array(fileId).max(EVIDENCE_MAX_FILES).default([]) }))
    .min(1, { error: () => t('请至少选择一个复核事项', 'Name at least one item') })
    .max(MAX_REVIEW_ITEMS),
  version: z.number().int().min(0),
});
export type SaveReviewBody = z.input<typeof saveReviewBody>;
export const reviewVersionBody = z.object({ version: z.number().int().min(1) });

/**
 * The bureau's decision on one item: upheld, or adjusted — a score by its corrected input (the method's
 * one field, as 考核评分 takes it), a bonus/deduction item by its approval and count.
 */
export const decideReviewBody = z.object({
  itemId: reviewItemId,
  outcome: z.enum(['upheld', 'adjusted']),
  opinion: reviewOpinion,
  inputs: saveScoreBody.shape.inputs.extend({ rate: z.number().int().min(0).max(10_000).optional() }).optional(),
  claim: z.object({ decision: z.enum(['approve', 'reject']), occurrences: z.number().int().min(1).max(100) }).optional(),
  version: z.number().int().min(1),
});
export type DecideReviewBody = z.input<typeof decideReviewBody>;

/** A decision's answer: the request after it, and the unit's total and place after the recomputation. */
export const decisionView = z.object({
  review: reviewView,
  recomputed: z.object({ changed: z.number(), total: z.number().nullable(), position: z.number().nullable(), gradeName: z.string().nullable() }).nullable(),
});
export type DecisionView = z.infer<typeof decisionView>;

export const reviewQueueQuery = z.object({
  status: reviewStatus.exclude(['draft']).optional(),
  categoryId: ids.category.optional(),
  unitId: ids.unit.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const reviewQueueView = z.object({
  stage: z.number(),
  /** The cycle is at 汇总反馈 or 等次评定: requests may be decided. */
  open: z.boolean(),
  items: z.array(reviewView),
  total: z.number(),
  counts: z.object({ submitted: z.number(), decided: z.number() }),
  /** Every filed request's unit and status (pending if any of the unit's is), for the 成绩汇总 table. */
  units: z.array(z.object({ unitId: z.string(), status: z.enum(['submitted', 'decided']) })),
});
export type ReviewQueueView = z.infer<typeof reviewQueueView>;

const unitPeople = only(['unit_staff', 'unit_leader'], 'ownUnit');
const unitAndBureau = only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit');
const reviews = '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/reviews';

export const reviewRoutes = {
  getUnitReviews: route({ method: 'GET', path: reviews, group: 'results', access: unitAndBureau, params: cycleUnitPath, output: unitReviewsView, summary: '单位的复核申请、可申请复核的事项及复核期限' }),
  saveReview: route({ method: 'POST', path: reviews, group: 'results', access: unitPeople, params: cycleUnitPath, body: saveReviewBody, output: reviewView, summary: '单位起草或修改复核申请（列明事项及理由）' }),
  submitReview: route({ method: 'POST', path: `${reviews}/{reviewId}/submit`, group: 'results', access: only(['unit_leader'], 'ownUnit'), params: reviewPath, body: reviewVersionBody, output: reviewView, summary: '单位负责人在复核期限内提交复核申请' }),
  signReviewEvidence: route({ method: 'POST', path: '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/review-evidence', group: 'results', access: unitPeople, params: cycleUnitPath, body: signUploadBody, output: signedUploadView, summary: '申请上传复核佐证材料的签名地址（直传存储桶）' }),
  downloadReviewEvidence: route({ method: 'GET', path: `${reviews}/{reviewId}/evidence/{fileId}`, group: 'results', access: unitAndBureau, params: reviewFilePath, output: downloadView, summary: '下载复核申请的佐证材料（签名地址）' }),
  listReviews: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/reviews', group: 'results', access: bureau, params: cyclePath, query: reviewQueueQuery, output: reviewQueueView, summary: '绩效办的复核申请列表（待复核在前，按状态、类别、单位筛选，分页）' }),
  decideReview: route({ method: 'POST', path: `${reviews}/{reviewId}/decision`, group: 'results', access: bureau, params: reviewPath, body: decideReviewBody, output: decisionView, summary: '绩效办逐项作出复核决定（维持或调整），调整后重新计算该类别成绩与排名' }),
};
