// Feedback and rectification during the year (Art 14): senders raise and decide, the unit answers and reports.
import { feedbackRoutes, type DecideFeedbackBody, type RaiseFeedbackBody } from '@shared/contracts/feedback.ts';
import type { FeedbackStatus } from '@shared/model/feedback.ts';
import { call } from './call';
import { putSigned, sha256Base64 } from './progress-reports';

export type { FeedbackClock, FeedbackListView, FeedbackView, ProposalsView, UnitFeedbackView, DecideFeedbackBody, RaiseFeedbackBody } from '@shared/contracts/feedback.ts';
export type { FeedbackStatus } from '@shared/model/feedback.ts';
export { FEEDBACK_STATUSES } from '@shared/model/feedback.ts';

const item = (regionId: string, cycleId: string, unitId: string, feedbackId: string) => ({ regionId, cycleId, unitId, feedbackId });

/** 绩效办（全部）或考评单位（本单位发出的）的反馈意见，按状态/逾期筛选、分页 */
export const listFeedbackApi = (regionId: string, cycleId: string, query: { status?: FeedbackStatus; overdue?: 'true' | 'false'; page: number; limit: number }) =>
  call(feedbackRoutes.listFeedback, { params: { regionId, cycleId }, query });

/** 单位收到的反馈意见 */
export const listUnitFeedbackApi = (regionId: string, cycleId: string, unitId: string) => call(feedbackRoutes.listUnitFeedback, { params: { regionId, cycleId, unitId } });

/** 发出反馈意见（错误由对话框显示） */
export const raiseFeedbackApi = (regionId: string, cycleId: string, unitId: string, body: RaiseFeedbackBody) =>
  call(feedbackRoutes.raiseFeedback, { params: { regionId, cycleId, unitId }, body }, { silent: true });

export const answerFeedbackApi = (regionId: string, cycleId: string, unitId: string, feedbackId: string, body: { explanation: string; measures: string; evidence?: string[]; version: number }) =>
  call(feedbackRoutes.answerFeedback, { params: item(regionId, cycleId, unitId, feedbackId), body }, { silent: true });

export const reportFeedbackApi = (regionId: string, cycleId: string, unitId: string, feedbackId: string, body: { result: string; evidence?: string[]; version: number }) =>
  call(feedbackRoutes.reportFeedbackResult, { params: item(regionId, cycleId, unitId, feedbackId), body }, { silent: true });

export const decideFeedbackApi = (regionId: string, cycleId: string, unitId: string, feedbackId: string, body: DecideFeedbackBody) =>
  call(feedbackRoutes.decideFeedback, { params: item(regionId, cycleId, unitId, feedbackId), body }, { silent: true });

/** 扣分建议（第二十条，仅建议，待考核阶段决定） */
export const listFeedbackProposalsApi = (regionId: string, cycleId: string) => call(feedbackRoutes.listFeedbackProposals, { params: { regionId, cycleId } });

/**
 * Uploads one evidence file of a feedback item through the progress reports' path: signed by the API
 * (type, size, hash), PUT straight to the evidence store with progress. The sender signs for the unit
 * before raising (no feedbackId); the unit signs on the item for its answer or result.
 */
export async function uploadFeedbackEvidence(
  at: { regionId: string; cycleId: string; unitId: string; feedbackId?: string },
  file: File,
  onProgress: (percent: number) => void,
): Promise<string> {
  const body = { name: file.name, contentType: file.type as never, size: file.size, sha256: await sha256Base64(file) };
  const { regionId, cycleId, unitId, feedbackId } = at;
  const signed = feedbackId
    ? await call(feedbackRoutes.signFeedbackReplyEvidence, { params: item(regionId, cycleId, unitId, feedbackId), body }, { silent: true })
    : await call(feedbackRoutes.signFeedbackEvidence, { params: { regionId, cycleId, unitId }, body }, { silent: true });
  await putSigned(signed, file, onProgress);
  return signed.fileId;
}

/** A signed download of one of the item's files (the sender, the unit and the bureau; 403 to another unit). */
export const downloadFeedbackEvidenceApi = (regionId: string, cycleId: string, unitId: string, feedbackId: string, fileId: string) =>
  call(feedbackRoutes.downloadFeedbackEvidence, { params: { ...item(regionId, cycleId, unitId, feedbackId), fileId } });
