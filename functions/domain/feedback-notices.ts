// The words of feedback notices (站内消息), in Chinese as the portal's users read them.
import type { FeedbackRecord } from '../model/feedback.ts';

const about = (f: FeedbackRecord) => (f.indicatorId ? `「${f.indicatorId} ${f.indicatorName ?? ''}」` : '');
const due = (d: { date: string; provisional: boolean }) => `${d.date}${d.provisional ? '（暂定）' : ''}`;

export const raisedNotice = (f: FeedbackRecord) => ({
  kind: 'feedback.raised',
  title: `【反馈意见】${f.senderUnitName}`,
  body: `${f.senderUnitName}对本单位${about(f)}提出反馈意见（${f.receivedOn} 送达），请于 ${due(f.answerDue)} 前答复情况说明和整改措施，并于 ${f.resultDue} 前报告整改结果。`,
});

export const answeredNotice = (f: FeedbackRecord) => ({
  kind: 'feedback.answered',
  title: `【反馈答复】${f.unitName}`,
  body: `${f.unitName}已答复反馈意见${about(f)}${f.answer?.late ? '（逾期答复）' : ''}，整改结果应于 ${f.resultDue} 前报告。`,
});

export const reportedNotice = (f: FeedbackRecord) => ({
  kind: 'feedback.reported',
  title: `【整改结果】${f.unitName}`,
  body: `${f.unitName}已报告反馈意见${about(f)}的整改结果${f.result?.late ? '（逾期报告）' : ''}，请审核认可或退回。`,
});

export const decidedNotice = (f: FeedbackRecord) =>
  f.status === 'accepted'
    ? { kind: 'feedback.accepted', title: `【整改认可】${f.senderUnitName}`, body: `${f.senderUnitName}已认可反馈意见${about(f)}的整改结果。` }
    : { kind: 'feedback.returned', title: `【整改退回】${f.senderUnitName}`, body: `${f.senderUnitName}退回了反馈意见${about(f)}的整改结果：${f.returnReason ?? ''}。请于 ${f.resultDue} 前重新报告。` };

const what = (clock: 'answer' | 'result') => (clock === 'answer' ? '答复' : '报告整改结果');

/** Level 1: the unit's leader is told the unit missed the clock. */
export const leaderEscalation = (f: FeedbackRecord, clock: 'answer' | 'result', dueOn: string) => ({
  kind: 'feedback.overdue',
  audience: 'unit_leader',
  title: `【反馈逾期·请督办】${f.senderUnitName}的反馈意见`,
  body: `本单位未在 ${dueOn} 前${what(clock)}${f.senderUnitName}的反馈意见${about(f)}，已逾期，请单位负责人督办。`,
});

/** Level 2: the bureau (and an assessor sender) hears of it. */
export const bureauEscalation = (f: FeedbackRecord, clock: 'answer' | 'result', dueOn: string) => ({
  kind: 'feedback.overdue.bureau',
  title: `【反馈逾期】${f.unitName}`,
  body: `${f.unitName}未在 ${dueOn} 前${what(clock)}${f.senderUnitName}的反馈意见${about(f)}，逾期已超过 3 个工作日。`,
});

export const recomputedNotice = (f: FeedbackRecord, before: string) => ({
  kind: 'feedback.recomputed',
  title: '【反馈答复期限已确定】',
  body: `当年放假安排已录入，反馈意见${about(f)}的答复截止日由暂定的 ${before} 确定为 ${f.answerDue.date}。`,
});
