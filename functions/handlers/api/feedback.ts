// Feedback and rectification during the year (Art 14), spread into the 'progress' handler: the
// bureau or an assessor unit raises an item, the unit answers and reports the result, the sender
// accepts or sends it back. Rules: domain/feedback.ts; storage: data/feedback.ts.
import { randomUUID } from 'node:crypto';
import { now, nowIso } from '../../config/clock.ts';
import { feedbackRoutes, type FeedbackListView } from '../../contracts/feedback.ts';
import { t } from '../../contracts/lang.ts';
import { listCalendarYears } from '../../data/calendar.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle } from '../../data/cycles.ts';
import { newFileId, signDownload, signUpload } from '../../data/evidence-store.ts';
import { getFeedback, getFeedbackUpload, listCycleFeedback, listProposals, readUnitFeedback, storeFeedback, storeFeedbackUpload } from '../../data/feedback.ts';
import { noticeItem } from '../../data/notifications.ts';
import { loadReach } from '../../data/reach.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { getRegion, getUnit } from '../../data/regions.ts';
import { beijingDate } from '../../domain/dates.ts';
import { feedbackEvidenceObjectKey } from '../../domain/evidence.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { answerDue, feedbackMove, isOverdue, isPast, isSender, owedBy, resultDueProblem, type FeedbackAction } from '../../domain/feedback.ts';
import { answeredNotice, decidedNotice, raisedNotice, reportedNotice } from '../../domain/feedback-notices.ts';
import { leaves } from '../../domain/plan.ts';
import { BUREAU_ROLES, type Caller } from '../../domain/roles.ts';
import { isAtStage } from '../../domain/stages.ts';
import type { DeductionProposalRecord, FeedbackRecord, FeedbackStatus, FeedbackUploadRecord } from '../../model/feedback.ts';
import type { EvidenceFile } from '../../model/progress-report.ts';
import { ops } from '../../http/chain.ts';
import { confirmEvidence } from './evidence-files.ts';
import { feedbackView } from './feedback-view.ts';

const isBureau = (c: Caller) => BUREAU_ROLES.includes(c.role);
const today = () => beijingDate(now());

interface ItemParams {
  regionId: string;
  cycleId: string;
  unitId: string;
  feedbackId: string;
}

async function findItem(p: ItemParams, version: number): Promise<FeedbackRecord> {
  const f = await getFeedback(p.regionId, p.cycleId, p.unitId, p.feedbackId);
  if (!f) throw new NotFoundError(t('该反馈意见不存在', 'This feedback does not exist'));
  if (f.version !== version) throw new ConflictError(t('该反馈已被他人修改，请刷新后重试', 'The feedback was changed by someone else; please refresh and try again'));
  return f;
}

/** The status after `action`, or a 409 naming why not. */
function moved(f: FeedbackRecord, action: FeedbackAction): FeedbackStatus {
  const move = feedbackMove(f.status, action);
  if (!move.ok) throw new ConflictError(move.message);
  return move.status;
}

const step = (caller: Caller, s: FeedbackRecord['history'][number]['step'], at: string, extra: { note?: string; late?: boolean } = {}) => ({ step: s, at, by: caller.username, role: caller.role, ...extra });

/** The unit the notice of a sender goes to: the bureau's own unit for the bureau's items. */
async function senderInbox(f: FeedbackRecord): Promise<string> {
  if (f.senderKind === 'assessor') return f.senderUnitId;
  const region = await getRegion(f.regionId);
  return region?.bureauUnitId ?? f.senderUnitId;
}

/**
 * The files a move references: each a pending upload of this unit's feedback signed by the caller's
 * unit for this purpose (the raise: no item yet; an answer or result: this item), confirmed in the bucket.
 */
function evidenceOf(p: { regionId: string; cycleId: string; unitId: string }, caller: Caller, fileIds: readonly string[], feedbackId: string | undefined) {
  return confirmEvidence<FeedbackUploadRecord>(
    fileIds,
    [],
    async (fileId) => {
      const u = await getFeedbackUpload(p.regionId, p.cycleId, p.unitId, fileId);
      return u && u.signerUnitId === caller.unitId && u.feedbackId === feedbackId ? u : undefined;
    },
    t('未找到本单位为此申请的文件上传记录', 'No upload of this file was signed by your unit for this'),
  );
}

/** Every file of an item: the sender's, the answer's and the result's. */
const filesOf = (f: FeedbackRecord): EvidenceFile[] => [...f.evidence, ...(f.answer?.evidence ?? []), ...(f.result?.evidence ?? [])];

async function signFor(caller: Caller, p: { regionId: string; cycleId: string; unitId: string }, feedbackId: string | undefined, body: { name: string; contentType: EvidenceFile['contentType']; size: number; sha256: string }) {
  const fileId = newFileId();
  const objectKey = feedbackEvidenceObjectKey(p, fileId);
  const at = nowIso();
  const upload: FeedbackUploadRecord = { ...p, fileId, name: body.name, contentType: body.contentType, size: body.size, sha256: body.sha256, objectKey, signedAt: at, signedBy: caller.username, signerUnitId: caller.unitId, ...(feedbackId ? { feedbackId } : {}) };
  await storeFeedbackUpload(caller, upload, at);
  return { fileId, ...(await signUpload(objectKey, body.contentType, body.size, body.sha256, now())) };
}

function proposalOf(f: FeedbackRecord, reason: DeductionProposalRecord['reason'], at: string, by: string): DeductionProposalRecord {
  return {
    regionId: f.regionId,
    cycleId: f.cycleId,
    unitId: f.unitId,
    feedbackId: f.feedbackId,
    unitName: f.unitName,
    ...(f.indicatorId ? { indicatorId: f.indicatorId, indicatorName: f.indicatorName } : {}),
    problem: f.problem,
    reason,
    answerDue: f.answerDue.date,
    ...(f.answer ? { answeredAt: f.answer.at } : {}),
    status: 'proposed',
    proposedAt: at,
    proposedBy: by,
  };
}

export const feedbackOps = ops(feedbackRoutes, {
  raiseFeedback: async ({ caller, params: { regionId, cycleId, unitId }, body }) => {
    const [cycle, categories, entered, senderUnit] = await Promise.all([getCycle(regionId, cycleId), getCategorySet(regionId, cycleId), listCalendarYears(regionId), getUnit(regionId, caller.unitId)]);
    if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
    if (!isAtStage(cycle, 'execution')) throw new ConflictError(t('只有在过程管理阶段才能发出反馈意见', 'Feedback is raised during the execution stage only'));
    const category = categories?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
    const unit = category?.units.find((u) => u.unitId === unitId);
    if (!category || !unit) throw new NotFoundError(t('该单位不在本周期的考评范围内', 'This unit is not assessed in this cycle'));
    let indicatorName: string | undefined;
    if (body.indicatorId) {
      // An assessor unit raises only on the indicators the plan assigns to it (the scope checked the unit).
      const reach = isBureau(caller) ? undefined : await loadReach(regionId, cycleId, caller.unitId, 'indicators');
      if (reach && !reach.get(unitId)?.has(body.indicatorId)) throw new ForbiddenError(t('该指标未分配给本单位考评', 'This indicator is not assigned to your unit'));
      const plan = await getCurrentPlan(regionId, cycleId, category.categoryId);
      indicatorName = plan && leaves(plan.plan.tree).find((w) => w.node.id === body.indicatorId)?.node.name;
      if (!indicatorName) throw new NotFoundError(t(`方案中没有指标 ${body.indicatorId}`, `The plan has no indicator ${body.indicatorId}`));
    }
    const day = today();
    const problems = [];
    if (body.receivedOn > day || body.receivedOn < `${cycle.year}-01-01`) {
      problems.push({ path: 'body.receivedOn', message: t(`送达日期应在 ${cycle.year}-01-01 至今天（${day}）之间`, `The date of receipt lies between ${cycle.year}-01-01 and today (${day})`) });
    }
    const due = answerDue(entered, body.receivedOn);
    const resultProblem = resultDueProblem(body.resultDue, body.receivedOn, due);
    if (resultProblem) problems.push({ path: 'body.resultDue', message: resultProblem });
    if (problems.length) throw new ValidationError(t('反馈意见有误', 'The feedback has problems'), problems);
    const { files, used } = await evidenceOf({ regionId, cycleId, unitId }, caller, body.evidence, undefined);
    const at = nowIso();
    const record: FeedbackRecord = {
      regionId,
      cycleId,
      unitId,
      feedbackId: randomUUID(),
      unitName: unit.name,
      ...(body.indicatorId ? { indicatorId: body.indicatorId, indicatorName } : {}),
      senderKind: isBureau(caller) ? 'bureau' : 'assessor',
      senderUnitId: caller.unitId,
      senderUnitName: senderUnit?.name ?? caller.unitId,
      problem: body.problem,
      evidence: files,
      receivedOn: body.receivedOn,
      answerDue: due,
      resultDue: body.resultDue,
      status: 'open',
      escalations: [],
      history: [step(caller, 'raise', at)],
      raisedAt: at,
      raisedBy: caller.username,
      version: 1,
      updatedAt: at,
      updatedBy: caller.username,
    };
    const notice = noticeItem({ regionId, unitId, at, link: '/feedback', ...raisedNotice(record) });
    await storeFeedback(caller, { action: 'feedback.raise', after: record, notices: [notice], stages: ['execution'], used });
    return feedbackView(record, day, entered, caller);
  },

  listUnitFeedback: async ({ caller, params: { regionId, cycleId, unitId } }) => {
    const [{ items }, entered] = await Promise.all([readUnitFeedback(regionId, cycleId, unitId), listCalendarYears(regionId)]);
    const day = today();
    return { items: items.sort((a, b) => b.raisedAt.localeCompare(a.raisedAt)).map((f) => feedbackView(f, day, entered, caller)), today: day };
  },

  answerFeedback: async ({ caller, params, body }) => {
    const before = await findItem(params, body.version);
    const status = moved(before, 'answer');
    const { files, used } = await evidenceOf(params, caller, body.evidence, before.feedbackId);
    const at = nowIso();
    const late = isPast(before.answerDue.date, today());
    const after: FeedbackRecord = {
      ...before,
      status,
      answer: { explanation: body.explanation, measures: body.measures, evidence: files, at, by: caller.username, late },
      history: [...before.history, step(caller, 'answer', at, late ? { late } : {})],
      version: before.version + 1,
      updatedAt: at,
      updatedBy: caller.username,
    };
    const entered = await listCalendarYears(params.regionId);
    await storeFeedback(caller, {
      action: 'feedback.answer',
      before,
      after,
      // Art 20: a late answer stays late, and is proposed for a deduction in the assessment stage.
      ...(late ? { proposal: proposalOf(after, 'answeredLate', at, caller.username) } : {}),
      notices: [noticeItem({ regionId: params.regionId, unitId: await senderInbox(after), at, link: '/feedback', ...answeredNotice(after) })],
      detail: { late },
      used,
    });
    return feedbackView(after, today(), entered, caller);
  },

  reportFeedbackResult: async ({ caller, params, body }) => {
    const before = await findItem(params, body.version);
    const status = moved(before, 'report');
    const { files, used } = await evidenceOf(params, caller, body.evidence, before.feedbackId);
    const at = nowIso();
    const late = isPast(before.resultDue, today());
    const after: FeedbackRecord = {
      ...before,
      status,
      result: { text: body.result, evidence: files, at, by: caller.username, late },
      history: [...before.history, step(caller, 'report', at, late ? { late } : {})],
      version: before.version + 1,
      updatedAt: at,
      updatedBy: caller.username,
    };
    const entered = await listCalendarYears(params.regionId);
    await storeFeedback(caller, {
      action: 'feedback.report',
      before,
      after,
      notices: [noticeItem({ regionId: params.regionId, unitId: await senderInbox(after), at, link: '/feedback', ...reportedNotice(after) })],
      detail: { late },
      used,
    });
    return feedbackView(after, today(), entered, caller);
  },

  decideFeedback: async ({ caller, params, body }) => {
    const before = await findItem(params, body.version);
    if (!isSender(before, caller, isBureau(caller))) throw new ForbiddenError(t('只有发出反馈意见的单位才能认可或退回整改结果', 'Only the sender of the feedback accepts or sends back its result'));
    const status = moved(before, body.decision);
    const day = today();
    if (body.decision === 'return' && body.resultDue < day) {
      throw new ValidationError(t('退回整改的报告期限不能早于今天', 'The new result date cannot be before today'), [{ path: 'body.resultDue', message: t(`应不早于 ${day}`, `Not before ${day}`) }]);
    }
    const at = nowIso();
    const after: FeedbackRecord = {
      ...before,
      status,
      ...(body.decision === 'return' ? { returnReason: body.reason, resultDue: body.resultDue } : {}),
      history: [...before.history, step(caller, body.decision, at, body.decision === 'return' ? { note: `${body.reason}（重新报告期限 ${body.resultDue}）` } : {})],
      version: before.version + 1,
      updatedAt: at,
      updatedBy: caller.username,
    };
    const entered = await listCalendarYears(params.regionId);
    await storeFeedback(caller, {
      action: `feedback.${body.decision}`,
      before,
      after,
      notices: [noticeItem({ regionId: params.regionId, unitId: after.unitId, at, link: '/feedback', ...decidedNotice(after) })],
      ...(body.decision === 'return' ? { detail: { reason: body.reason } } : {}),
    });
    return feedbackView(after, day, entered, caller);
  },

  listFeedback: async ({ caller, params: { regionId, cycleId }, query }) => {
    // One Query: the bureau reads the cycle's queue, an assessor unit what it sent.
    const [all, entered] = await Promise.all([listCycleFeedback(regionId, cycleId, undefined, isBureau(caller) ? undefined : caller.unitId), listCalendarYears(regionId)]);
    const day = today();
    const totals: FeedbackListView['totals'] = { open: 0, answered: 0, reported: 0, returned: 0, accepted: 0, overdue: 0 };
    for (const f of all) {
      totals[f.status]++;
      if (isOverdue(f, day)) totals.overdue++;
    }
    const picked = all
      .filter((f) => (!query.status || f.status === query.status) && (!query.unitId || f.unitId === query.unitId) && (query.overdue === undefined || isOverdue(f, day) === (query.overdue === 'true')))
      // What the unit owes soonest first; the settled ones after, newest first.
      .sort((a, b) => (owedBy(a) ?? '9999') .localeCompare(owedBy(b) ?? '9999') || b.raisedAt.localeCompare(a.raisedAt));
    const start = (query.page - 1) * query.limit;
    return { items: picked.slice(start, start + query.limit).map((f) => feedbackView(f, day, entered, caller)), total: picked.length, totals, today: day };
  },

  signFeedbackEvidence: async ({ caller, params: { regionId, cycleId, unitId }, body }) => {
    const cycle = await getCycle(regionId, cycleId);
    if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
    if (!isAtStage(cycle, 'execution')) throw new ConflictError(t('只有在过程管理阶段才能发出反馈意见', 'Feedback is raised during the execution stage only'));
    return signFor(caller, { regionId, cycleId, unitId }, undefined, body);
  },

  signFeedbackReplyEvidence: async ({ caller, params, body }) => {
    const f = await getFeedback(params.regionId, params.cycleId, params.unitId, params.feedbackId);
    if (!f) throw new NotFoundError(t('该反馈意见不存在', 'This feedback does not exist'));
    // Files go with the unit's next move: an answer while open, a result while answered or sent back.
    if (!feedbackMove(f.status, 'answer').ok && !feedbackMove(f.status, 'report').ok) throw new ConflictError(t('该反馈意见目前无需单位答复或报告整改结果', 'This feedback is waiting for no answer or result from the unit'));
    if (filesOf(f).length >= 3 * 10) throw new ConflictError(t('该反馈意见的佐证材料已达上限', 'This feedback holds as many evidence files as it may'));
    return signFor(caller, params, f.feedbackId, body);
  },

  downloadFeedbackEvidence: async ({ caller, params }) => {
    const f = await getFeedback(params.regionId, params.cycleId, params.unitId, params.feedbackId);
    const file = f && filesOf(f).find((x) => x.fileId === params.fileId);
    if (!f || !file) throw new NotFoundError(t('未找到该佐证材料', 'No such evidence file'));
    // Those who may read the item: the bureau of the region, the receiving unit, the sending unit.
    if (!isBureau(caller) && caller.unitId !== f.unitId && caller.unitId !== f.senderUnitId) throw new ForbiddenError(t('只有发出方、收到反馈的单位和绩效办可以下载该佐证材料', 'Only the sender, the unit the feedback is for and the bureau may download this file'));
    return { url: await signDownload(feedbackEvidenceObjectKey(f, file.fileId), file.name), name: file.name };
  },

  listFeedbackProposals: async ({ params: { regionId, cycleId } }) => {
    const items = await listProposals(regionId, cycleId);
    return { items: items.sort((a, b) => a.proposedAt.localeCompare(b.proposedAt)).map(({ regionId: _, ...p }) => p) };
  },
});
