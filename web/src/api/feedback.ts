// Feedback and rectification during the year (Art 14): senders raise and decide, the unit answers and reports.
import { feedbackRoutes, type DecideFeedbackBody, type RaiseFeedbackBody } from '@shared/contracts/feedback.ts';
import type { FeedbackStatus } from '@shared/model/feedback.ts';
import { call } from './call';

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

export const answerFeedbackApi = (regionId: string, cycleId: string, unitId: string, feedbackId: string, body: { explanation: string; measures: string; version: number }) =>
  call(feedbackRoutes.answerFeedback, { params: item(regionId, cycleId, unitId, feedbackId), body }, { silent: true });

export const reportFeedbackApi = (regionId: string, cycleId: string, unitId: string, feedbackId: string, body: { result: string; version: number }) =>
  call(feedbackRoutes.reportFeedbackResult, { params: item(regionId, cycleId, unitId, feedbackId), body }, { silent: true });

export const decideFeedbackApi = (regionId: string, cycleId: string, unitId: string, feedbackId: string, body: DecideFeedbackBody) =>
  call(feedbackRoutes.decideFeedback, { params: item(regionId, cycleId, unitId, feedbackId), body }, { silent: true });

/** 扣分建议（第二十条，仅建议，待考核阶段决定） */
export const listFeedbackProposalsApi = (regionId: string, cycleId: string) => call(feedbackRoutes.listFeedbackProposals, { params: { regionId, cycleId } });
