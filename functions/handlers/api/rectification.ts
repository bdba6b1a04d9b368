// Rectification (整改, Art 25–26), spread into the 'progress' handler: the unit files a plan per problem
// found, its leader approves it (public from then on, and with the bureau), the unit reports progress
// with evidence (the presigned path of confirmEvidence), its leader marks it done, the bureau accepts or
// returns the completion and tracks every plan. Rules: domain/rectification.ts; storage: data/rectification.ts.
import { randomUUID } from 'node:crypto';
import { now, nowIso } from '../../config/clock.ts';
import { rectificationRoutes, type RectificationListView, type RectificationView } from '../../contracts/rectification.ts';
import { t } from '../../contracts/lang.ts';
import { getCycle } from '../../data/cycles.ts';
import { newFileId, signDownload, signUpload } from '../../data/evidence-store.ts';
import { noticeItem } from '../../data/notifications.ts';
import { unitProblems } from '../../data/problems.ts';
import { getRectification, getRectifyUpload, listRectificationQueue, readUnitRectification, storeRectification, storeRectifyUpload } from '../../data/rectification.ts';
import { getRegion } from '../../data/regions.ts';
import { beijingDate } from '../../domain/dates.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { rectificationEvidenceObjectKey } from '../../domain/evidence.ts';
import { deadlineProblem, isOverdue, RECTIFY_STAGES, rectifyMove, type RectifyAction } from '../../domain/rectification.ts';
import { BUREAU_ROLES, type Caller } from '../../domain/roles.ts';
import { isAtStage } from '../../domain/stages.ts';
import type { RectificationRecord, RectifyUploadRecord } from '../../model/rectification.ts';
import type { EvidenceFile } from '../../model/progress-report.ts';
import { ops } from '../../http/chain.ts';
import { confirmEvidence } from './evidence-files.ts';
import { carryOps } from './rectification-carry.ts';

const today = () => beijingDate(now());
const isBureau = (c: Caller) => BUREAU_ROLES.includes(c.role);
const LINK = '/rectification';

interface ItemParams {
  regionId: string;
  cycleId: string;
  unitId: string;
  problemId: string;
}

export const rectificationView = ({ regionId: _, ...r }: RectificationRecord, day: string): RectificationView => ({ ...r, overdue: isOverdue(r, day) });

async function openCycle(regionId: string, cycleId: string) {
  const cycle = await getCycle(regionId, cycleId);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  if (!RECTIFY_STAGES.some((s) => isAtStage(cycle, s))) throw new ConflictError(t('只有在整改或结果运用阶段才能办理整改', 'Rectification is handled in the rectification and results-use stages only'));
  return cycle;
}

async function findPlan(p: ItemParams, version: number): Promise<RectificationRecord> {
  const r = await getRectification(p.regionId, p.cycleId, p.unitId, p.problemId);
  if (!r) throw new NotFoundError(t('该问题尚无整改计划', 'This problem has no rectification plan'));
  if (r.version !== version) throw new ConflictError(t('整改计划已被他人修改，请刷新后重试', 'Someone else changed this plan; please refresh and try again'));
  return r;
}

function moved(r: RectificationRecord, action: RectifyAction) {
  const move = rectifyMove(r.status, action);
  if (!move.ok) throw new ConflictError(move.message);
  return move.status;
}

const bump = (r: RectificationRecord, caller: Caller, at: string) => ({ version: r.version + 1, updatedAt: at, updatedBy: caller.username });
const filesOf = (r: RectificationRecord): EvidenceFile[] => [...r.progress.flatMap((p) => p.evidence), ...(r.result?.evidence ?? [])];

function evidenceOf(p: ItemParams, caller: Caller, fileIds: readonly string[]) {
  return confirmEvidence<RectifyUploadRecord>(
    fileIds,
    [],
    async (fileId) => {
      const u = await getRectifyUpload(p.regionId, p.cycleId, p.unitId, fileId);
      return u && u.signerUnitId === caller.unitId && u.problemId === p.problemId ? u : undefined;
    },
    t('未找到本单位为此整改事项申请的文件上传记录', 'No upload of this file was signed by your unit for this plan'),
  );
}

async function bureauInbox(regionId: string): Promise<string | undefined> {
  return (await getRegion(regionId))?.bureauUnitId;
}

const notice = (regionId: string, unitId: string, at: string, kind: string, title: string, body: string, audience?: string) =>
  noticeItem({ regionId, unitId, at, link: LINK, kind, title, body, ...(audience ? { audience } : {}) });

// The carry-over and carried goals have their own module (rectification-carry.ts).
const { carryRectification: _c, listCarriedGoals: _l, decideCarriedGoal: _d, ...planRoutes } = rectificationRoutes;

const planOps = ops(planRoutes, {
  getUnitRectification: async ({ params: { regionId, cycleId, unitId } }) => {
    const [cycle, found, plans] = await Promise.all([getCycle(regionId, cycleId), unitProblems(regionId, cycleId, unitId), readUnitRectification(regionId, cycleId, unitId)]);
    if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
    const day = today();
    const byId = new Map(plans.map((p) => [p.problemId, p]));
    const problems = found.problems.map((p) => {
      const plan = byId.get(p.id);
      return { ...p, ...(plan ? { plan: rectificationView(plan, day) } : {}) };
    });
    const known = new Set(found.problems.map((p) => p.id));
    return {
      unitName: found.unitName,
      ...(found.categoryName ? { categoryName: found.categoryName } : {}),
      confirmed: found.confirmed !== undefined,
      open: RECTIFY_STAGES.some((s) => isAtStage(cycle, s)),
      problems,
      orphans: plans.filter((p) => !known.has(p.problemId)).map((p) => rectificationView(p, day)),
      today: day,
    };
  },

  saveRectification: async ({ caller, params, body }) => {
    const cycle = await openCycle(params.regionId, params.cycleId);
    const day = today();
    const problem = deadlineProblem(body.deadline, day, cycle.year);
    if (problem) throw new ValidationError(t('整改计划有误', 'The plan has problems'), [{ path: 'body.deadline', message: problem }]);
    const before = await getRectification(params.regionId, params.cycleId, params.unitId, params.problemId);
    if (before && before.version !== body.version) throw new ConflictError(t('整改计划已被他人修改，请刷新后重试', 'Someone else changed this plan; please refresh and try again'));
    if (!before && body.version !== undefined) throw new ConflictError(t('整改计划已被他人删除，请刷新后重试', 'This plan no longer exists; please refresh'));
    if (before) moved(before, 'save');
    const at = nowIso();
    const fields = { responsible: body.responsible, responsiblePost: body.responsiblePost, measures: body.measures, commitment: body.commitment, deadline: body.deadline };
    let after: RectificationRecord;
    if (before) {
      after = { ...before, ...fields, ...bump(before, caller, at) };
    } else {
      // A new plan takes the problem as found in the confirmed results (its title and detail are kept with it).
      const found = await unitProblems(params.regionId, params.cycleId, params.unitId);
      if (!found.confirmed || !found.categoryId) throw new ConflictError(t('本单位的考评结果尚未确认，暂无问题清单', 'The unit’s results are not confirmed yet, so there are no problems to rectify'));
      const p = found.problems.find((x) => x.id === params.problemId);
      if (!p) throw new NotFoundError(t('问题清单中没有该问题', 'No such problem in the unit’s list'));
      after = {
        regionId: params.regionId,
        cycleId: params.cycleId,
        unitId: params.unitId,
        problemId: p.id,
        unitName: found.unitName,
        categoryId: found.categoryId,
        kind: p.kind,
        key: p.key,
        ...(p.indicatorId ? { indicatorId: p.indicatorId } : {}),
        problemTitle: p.title,
        problemDetail: p.detail,
        ...fields,
        status: 'draft',
        progress: [],
        escalations: [],
        createdAt: at,
        createdBy: caller.username,
        version: 1,
        updatedAt: at,
        updatedBy: caller.username,
      };
    }
    await storeRectification(caller, { action: before ? 'rectification.update' : 'rectification.create', ...(before ? { before } : {}), after });
    return rectificationView(after, day);
  },

  submitRectification: async ({ caller, params, body }) => {
    await openCycle(params.regionId, params.cycleId);
    const before = await findPlan(params, body.version);
    const status = moved(before, 'submit');
    const at = nowIso();
    const after: RectificationRecord = { ...before, status, submittedAt: at, ...bump(before, caller, at) };
    delete after.leaderReturnReason;
    await storeRectification(caller, {
      action: 'rectification.submit',
      before,
      after,
      notices: [notice(params.regionId, params.unitId, at, 'rectification.submitted', t(`整改计划待审批：${before.problemTitle}`, `Plan awaiting approval: ${before.problemTitle}`), t('请单位负责人审批该整改计划。', 'The unit leader is asked to approve the plan.'), 'unit_leader')],
    });
    return rectificationView(after, today());
  },

  reviewRectification: async ({ caller, params, body }) => {
    const cycle = await openCycle(params.regionId, params.cycleId);
    const before = await findPlan(params, body.version);
    const day = today();
    const at = nowIso();
    let after: RectificationRecord;
    const notices: Record<string, unknown>[] = [];
    if (body.decision === 'approve') {
      const status = moved(before, 'approve');
      // The deadline is checked again: a draft saved long ago may have a date already past.
      const problem = deadlineProblem(before.deadline, day, cycle.year);
      if (problem) throw new ValidationError(t('整改计划有误', 'The plan has problems'), [{ path: 'deadline', message: problem }]);
      after = { ...before, status, approvedAt: at, approvedBy: caller.username, ...bump(before, caller, at) };
      delete after.leaderReturnReason;
      const bureauUnit = await bureauInbox(params.regionId);
      if (bureauUnit) notices.push(notice(params.regionId, bureauUnit, at, 'rectification.approved', t(`整改计划已报送：${before.unitName}`, `Rectification plan filed: ${before.unitName}`), t(`${before.unitName}「${before.problemTitle}」的整改计划经单位负责人批准，整改期限 ${before.deadline}。`, `${before.unitName}: the plan for “${before.problemTitle}” is approved by its leader, due ${before.deadline}.`)));
    } else {
      const status = moved(before, 'leaderReturn');
      after = { ...before, status, leaderReturnReason: body.reason, ...bump(before, caller, at) };
      notices.push(notice(params.regionId, params.unitId, at, 'rectification.returned', t(`整改计划被退回：${before.problemTitle}`, `Plan returned: ${before.problemTitle}`), body.reason));
    }
    await storeRectification(caller, { action: `rectification.${body.decision}`, before, after, notices, ...(body.decision === 'return' ? { detail: { reason: body.reason } } : {}) });
    return rectificationView(after, day);
  },

  reportRectificationProgress: async ({ caller, params, body }) => {
    await openCycle(params.regionId, params.cycleId);
    const before = await findPlan(params, body.version);
    moved(before, 'progress');
    if (before.progress.length >= 24) throw new ConflictError(t('进展报告已达上限（24 次）', 'This plan holds as many progress reports as it may (24)'));
    const { files, used } = await evidenceOf(params, caller, body.evidence);
    const at = nowIso();
    const after: RectificationRecord = { ...before, progress: [...before.progress, { id: randomUUID(), text: body.text, evidence: files, at, by: caller.username }], ...bump(before, caller, at) };
    await storeRectification(caller, { action: 'rectification.progress', before, after, used, detail: { files: files.length } });
    return rectificationView(after, today());
  },

  completeRectification: async ({ caller, params, body }) => {
    await openCycle(params.regionId, params.cycleId);
    const before = await findPlan(params, body.version);
    const status = moved(before, 'complete');
    const { files, used } = await evidenceOf(params, caller, body.evidence);
    const day = today();
    const at = nowIso();
    const late = day > before.deadline;
    const after: RectificationRecord = { ...before, status, result: { text: body.result, evidence: files, at, by: caller.username, late }, ...bump(before, caller, at) };
    const bureauUnit = await bureauInbox(params.regionId);
    await storeRectification(caller, {
      action: 'rectification.complete',
      before,
      after,
      used,
      detail: { late },
      ...(bureauUnit ? { notices: [notice(params.regionId, bureauUnit, at, 'rectification.completed', t(`整改完成待验收：${before.unitName}`, `Rectification done, to accept: ${before.unitName}`), t(`${before.unitName}报告「${before.problemTitle}」整改完成，请验收。`, `${before.unitName} reports “${before.problemTitle}” done; please accept or return it.`))] } : {}),
    });
    return rectificationView(after, day);
  },

  decideRectification: async ({ caller, params, body }) => {
    await openCycle(params.regionId, params.cycleId);
    const before = await findPlan(params, body.version);
    const status = moved(before, body.decision);
    const at = nowIso();
    const after: RectificationRecord = {
      ...before,
      status,
      decision: { outcome: body.decision === 'accept' ? 'accepted' : 'returned', ...(body.decision === 'return' ? { reason: body.reason } : {}), by: caller.username, at },
      ...(body.decision === 'return' ? { returnReason: body.reason } : {}),
      ...bump(before, caller, at),
    };
    const title = body.decision === 'accept' ? t(`整改已验收：${before.problemTitle}`, `Rectification accepted: ${before.problemTitle}`) : t(`整改被退回：${before.problemTitle}`, `Rectification returned: ${before.problemTitle}`);
    const text = body.decision === 'accept' ? t('绩效办已验收该整改事项。', 'The bureau accepted the rectification.') : body.reason;
    await storeRectification(caller, { action: `rectification.${body.decision === 'accept' ? 'accept' : 'send_back'}`, before, after, notices: [notice(params.regionId, params.unitId, at, `rectification.${body.decision}`, title, text)], ...(body.decision === 'return' ? { detail: { reason: body.reason } } : {}) });
    return rectificationView(after, today());
  },

  listRectification: async ({ params: { regionId, cycleId }, query }) => {
    // One Query of the bureau's queue (of one unit when filtered); counts from the same read.
    const all = await listRectificationQueue(regionId, cycleId, query.unitId);
    const day = today();
    const totals: RectificationListView['totals'] = { draft: 0, submitted: 0, approved: 0, completed: 0, accepted: 0, returned: 0, overdue: 0 };
    for (const r of all) {
      totals[r.status]++;
      if (isOverdue(r, day)) totals.overdue++;
    }
    const picked = all
      .filter((r) => (!query.status || r.status === query.status) && (query.overdue === undefined || isOverdue(r, day) === (query.overdue === 'true')))
      // Overdue first, then by deadline, then unit and problem (a stable order for paging).
      .sort((a, b) => Number(isOverdue(b, day)) - Number(isOverdue(a, day)) || a.deadline.localeCompare(b.deadline) || a.unitName.localeCompare(b.unitName, 'zh') || a.problemId.localeCompare(b.problemId));
    const start = (query.page - 1) * query.limit;
    return { items: picked.slice(start, start + query.limit).map((r) => rectificationView(r, day)), total: picked.length, totals, today: day };
  },

  signRectificationEvidence: async ({ caller, params, body }) => {
    await openCycle(params.regionId, params.cycleId);
    const r = await getRectification(params.regionId, params.cycleId, params.unitId, params.problemId);
    if (!r) throw new NotFoundError(t('该问题尚无整改计划', 'This problem has no rectification plan'));
    if (!rectifyMove(r.status, 'progress').ok) throw new ConflictError(t('只有已批准、正在整改的计划才能上传佐证材料', 'Evidence is uploaded for an approved plan being worked on'));
    if (filesOf(r).length >= 100) throw new ConflictError(t('该整改事项的佐证材料已达上限', 'This plan holds as many evidence files as it may'));
    const fileId = newFileId();
    const objectKey = rectificationEvidenceObjectKey(params, fileId);
    const at = nowIso();
    const upload: RectifyUploadRecord = {
      regionId: params.regionId,
      cycleId: params.cycleId,
      unitId: params.unitId,
      problemId: params.problemId,
      fileId,
      name: body.name,
      contentType: body.contentType,
      size: body.size,
      sha256: body.sha256,
      objectKey,
      signedAt: at,
      signedBy: caller.username,
      signerUnitId: caller.unitId,
    };
    await storeRectifyUpload(caller, upload, at);
    return { fileId, ...(await signUpload(objectKey, body.contentType, body.size, body.sha256, now())) };
  },

  downloadRectificationEvidence: async ({ caller, params }) => {
    const r = await getRectification(params.regionId, params.cycleId, params.unitId, params.problemId);
    const file = r && filesOf(r).find((f) => f.fileId === params.fileId);
    if (!r || !file) throw new NotFoundError(t('未找到该佐证材料', 'No such evidence file'));
    if (!isBureau(caller) && caller.unitId !== r.unitId) throw new ForbiddenError(t('只有本单位和绩效办可以下载该佐证材料', 'Only the unit and the bureau may download this file'));
    return { url: await signDownload(rectificationEvidenceObjectKey(params, file.fileId), file.name), name: file.name };
  },
});

export const rectificationOps = { ...planOps, ...carryOps };
