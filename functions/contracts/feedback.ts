// Feedback and rectification during the year (Art 14): the bureau or an assessor unit raises an item
// on a unit or one of its goals, the unit answers and reports the result, the sender accepts it or
// sends it back. Each clock shows its due date and the days left; a provisional date says so.
import { BUREAU_ROLES } from '../domain/roles.ts';
import { deductionProposalRecord, dueDate, feedbackRecord, feedbackStatus, problemText, replyText } from '../model/feedback.ts';
import { EVIDENCE_MAX_FILES, fileId } from '../model/progress-report.ts';
import { bureau, only } from './access.ts';
import { route } from './define.ts';
import { t } from './lang.ts';
import { cyclePath, cycleUnitPath, feedbackPath } from './paths.ts';
import { downloadView, signedUploadView, signUploadBody } from './progress-reports.ts';
import { isoDate, text, version, z } from './zod.ts';

/** Evidence files a move references by id: uploaded first through a signed PUT (signFeedbackEvidence, signFeedbackReplyEvidence). */
const evidenceIds = z.array(fileId).max(EVIDENCE_MAX_FILES).default([]);
export const feedbackFilePath = feedbackPath.extend({ fileId });

export const raiseFeedbackBody = z.object({
  /** The goal it is about; absent: the unit as a whole. */
  indicatorId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, { error: () => t('指标编号有误', 'Not a valid indicator code') }).optional(),
  problem: problemText,
  evidence: evidenceIds,
  /** The date the feedback was delivered to the unit (送达日期). */
  receivedOn: isoDate,
  /** The date the sender sets for the result (整改结果报告期限). */
  resultDue: isoDate,
});
export type RaiseFeedbackBody = z.input<typeof raiseFeedbackBody>;

export const answerFeedbackBody = z.object({ explanation: replyText, measures: replyText, evidence: evidenceIds, version });
export type AnswerFeedbackBody = z.input<typeof answerFeedbackBody>;
export const reportFeedbackBody = z.object({ result: replyText, evidence: evidenceIds, version });
export type ReportFeedbackBody = z.input<typeof reportFeedbackBody>;
export const decideFeedbackBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), version }),
  z.object({ decision: z.literal('return'), reason: text({ min: 1, max: 1000, multiline: true }), resultDue: isoDate, version }),
]);
export type DecideFeedbackBody = z.infer<typeof decideFeedbackBody>;

/** A clock as shown: its due date (provisional or not), days left (working days for the answer), late when done after it. */
export const feedbackClock = dueDate.extend({
  daysLeft: z.number().int().optional(),
  /** Done: on time or late. */
  done: z.boolean(),
  late: z.boolean(),
  overdue: z.boolean(),
});
export type FeedbackClock = z.infer<typeof feedbackClock>;

export const feedbackView = feedbackRecord.omit({ regionId: true }).extend({
  answerClock: feedbackClock,
  resultClock: feedbackClock,
  /** The caller may answer / report (the unit) or decide (the sender) now. */
  canAnswer: z.boolean(),
  canReport: z.boolean(),
  canDecide: z.boolean(),
});
export type FeedbackView = z.infer<typeof feedbackView>;

export const feedbackListQuery = z.object({
  status: feedbackStatus.optional(),
  /** Only items past their running clock. */
  overdue: z.enum(['true', 'false']).optional(),
  unitId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const feedbackListView = z.object({
  items: z.array(feedbackView),
  total: z.number().int().min(0),
  totals: z.object({ open: z.number(), answered: z.number(), reported: z.number(), returned: z.number(), accepted: z.number(), overdue: z.number() }),
  /** Beijing date the days left are counted from. */
  today: isoDate,
});
export type FeedbackListView = z.infer<typeof feedbackListView>;

export const unitFeedbackView = z.object({ items: z.array(feedbackView), today: isoDate });
export type UnitFeedbackView = z.infer<typeof unitFeedbackView>;

export const proposalView = deductionProposalRecord.omit({ regionId: true });
export const proposalsView = z.object({ items: z.array(proposalView) });
export type ProposalsView = z.infer<typeof proposalsView>;

/** Senders: the bureau, and assessor units for the units and indicators the plan assigns them. */
const senders = only([...BUREAU_ROLES, 'assessor_staff'], 'assessorOf');
const unitPeople = only(['unit_staff', 'unit_leader'], 'ownUnit');
const unitFeedback = '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/feedback';
/**
 * Who downloads an item's evidence: the bureau, the receiving unit and the sending (assessor) unit —
 * the operation checks the caller's unit against the item; another unit is refused (403).
 */
const feedbackReaders = only([...BUREAU_ROLES, 'assessor_staff', 'unit_staff', 'unit_leader'], 'region');

export const feedbackRoutes = {
  raiseFeedback: route({ method: 'POST', path: unitFeedback, group: 'progress', access: senders, params: cycleUnitPath, body: raiseFeedbackBody, output: feedbackView, summary: '绩效办或考评单位向单位发出反馈意见' }),
  listUnitFeedback: route({ method: 'GET', path: unitFeedback, group: 'progress', access: only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit'), params: cycleUnitPath, output: unitFeedbackView, summary: '单位收到的反馈意见及其整改' }),
  answerFeedback: route({ method: 'POST', path: `${unitFeedback}/{feedbackId}/answer`, group: 'progress', access: unitPeople, params: feedbackPath, body: answerFeedbackBody, output: feedbackView, summary: '单位答复反馈意见（情况说明与整改措施）' }),
  reportFeedbackResult: route({ method: 'POST', path: `${unitFeedback}/{feedbackId}/result`, group: 'progress', access: unitPeople, params: feedbackPath, body: reportFeedbackBody, output: feedbackView, summary: '单位报告整改结果' }),
  decideFeedback: route({ method: 'POST', path: `${unitFeedback}/{feedbackId}/decision`, group: 'progress', access: senders, params: feedbackPath, body: decideFeedbackBody, output: feedbackView, summary: '发出方认可整改结果或退回' }),
  listFeedback: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/feedback', group: 'progress', access: senders, params: cyclePath, query: feedbackListQuery, output: feedbackListView, summary: '发出的反馈意见（绩效办：全部；考评单位：本单位发出的）' }),
  signFeedbackEvidence: route({ method: 'POST', path: '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/feedback-evidence', group: 'progress', access: senders, params: cycleUnitPath, body: signUploadBody, output: signedUploadView, summary: '发出方申请上传反馈意见佐证材料的签名地址（直传存储桶）' }),
  signFeedbackReplyEvidence: route({ method: 'POST', path: `${unitFeedback}/{feedbackId}/evidence`, group: 'progress', access: unitPeople, params: feedbackPath, body: signUploadBody, output: signedUploadView, summary: '单位申请上传答复或整改结果佐证材料的签名地址' }),
  downloadFeedbackEvidence: route({ method: 'GET', path: `${unitFeedback}/{feedbackId}/evidence/{fileId}`, group: 'progress', access: feedbackReaders, params: feedbackFilePath, output: downloadView, summary: '下载反馈意见及其答复、整改结果的佐证材料（签名地址；发出方、收到的单位、绩效办）' }),
  listFeedbackProposals: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/feedback-proposals', group: 'progress', access: bureau, params: cyclePath, output: proposalsView, summary: '未按时答复反馈的扣分建议（第二十条，待考核阶段决定）' }),
};
