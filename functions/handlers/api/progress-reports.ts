// Progress reports (Art 13): the bureau's schedule, a unit's entries per approved goal and period with
// their evidence (signed straight to the bucket, confirmed by HEAD when an entry references them), the
// submission to the unit leader and the leader's approval (to the bureau and each goal's assessor unit),
// and the read views. Rules: domain/progress-periods.ts, domain/progress-reports.ts.
import { now, nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { progressReportRoutes, type UnitProgressView } from '../../contracts/progress-reports.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle, type Cycle } from '../../data/cycles.ts';
import { refreshWarnings } from '../../data/early-warning.ts';
import { newFileId, signDownload, signUpload } from '../../data/evidence-store.ts';
import { readUnitGoals } from '../../data/goals.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import {
  getSchedule,
  getUpload,
  hasReports,
  listAssessorItems,
  listReports,
  readSettledPeriod,
  readUnitPeriod,
  readUnitYear,
  storeEntry,
  storeReportMove,
  storeSchedule,
  storeUpload,
} from '../../data/progress-reports.ts';
import { getRegion } from '../../data/regions.ts';
import { evidenceObjectKey, type EvidenceScope } from '../../domain/evidence.ts';
import { confirmEvidence } from './evidence-files.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { leaves } from '../../domain/plan.ts';
import { defaultSchedule, dueDateOf, expectedBy, isLate, openPeriods, periodProblem, periodsOf, type Schedule } from '../../domain/progress-periods.ts';
import { blankGoals, countItems, entryProblems, fedConflict, PROGRESS_STAGES, reportMove } from '../../domain/progress-reports.ts';
import { BUREAU_ROLES, type Caller } from '../../domain/roles.ts';
import { BUREAU_ESCALATION_WORKING_DAYS, nextDeadline } from '../../domain/report-deadlines.ts';
import { isAtStage } from '../../domain/stages.ts';
import { ops } from '../../http/chain.ts';
import { logger } from '../../observability/logger.ts';
import type { GoalRecord } from '../../model/goal.ts';
import type { EvidenceFile, ProgressItemRecord, ProgressReportRecord, ProgressSchedule } from '../../model/progress-report.ts';

const scheduleOf = (s: ProgressSchedule | undefined): Schedule => (s ? { frequency: s.frequency, dueDay: s.dueDay } : defaultSchedule());

async function cycleOf(regionId: string, cycleId: string): Promise<Cycle> {
  const cycle = await getCycle(regionId, cycleId);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  return cycle;
}

const inProgressStage = (c: Cycle) => c.status === 'open' && PROGRESS_STAGES.some((s) => isAtStage(c, s));
const notInStage = () => new ConflictError(t('周期不在「过程管理」阶段，进度报告不能填写或报送', 'The cycle is not in the execution stage: progress reports cannot be filled in or sent'));
const staleReport = () => new ConflictError(t('进度报告已被他人修改，请刷新后重试', 'Someone else changed this report; please refresh and try again'));

interface UnitCtx {
  cycle: Cycle;
  unitName: string;
  categoryId: string;
  schedule: Schedule;
  /** The unit's approved goals, with their indicator names. */
  goals: { goal: GoalRecord; name: string }[];
}

/** The cycle, the unit's category and name, the schedule and the unit's approved goals with names. */
async function unitCtx(regionId: string, cycleId: string, unitId: string): Promise<UnitCtx> {
  const [cycle, set, stored, { goals }] = await Promise.all([cycleOf(regionId, cycleId), getCategorySet(regionId, cycleId), getSchedule(regionId, cycleId), readUnitGoals(regionId, cycleId, unitId)]);
  const category = set?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
  if (!category) throw new NotFoundError(t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle'));
  const plan = await getCurrentPlan(regionId, cycleId, category.categoryId);
  const names = new Map(leaves(plan?.plan.tree ?? []).map((w) => [w.node.id, w.node.name]));
  const approved = goals.filter((g) => g.status === 'approved').sort((a, b) => a.indicatorId.localeCompare(b.indicatorId, undefined, { numeric: true }));
  return {
    cycle,
    unitName: category.units.find((u) => u.unitId === unitId)?.name ?? unitId,
    categoryId: category.categoryId,
    schedule: scheduleOf(stored),
    goals: approved.map((goal) => ({ goal, name: names.get(goal.indicatorId) ?? goal.indicatorId })),
  };
}

function checkPeriod(ctx: UnitCtx, period: string) {
  const problem = periodProblem(period, Number(ctx.cycle.cycleId), ctx.schedule, now());
  if (problem) throw new ConflictError(problem);
}

/** The unit's page: its periods with their status, and one period's goals with entries. */
async function unitView(regionId: string, cycleId: string, unitId: string, wanted: string | undefined): Promise<UnitProgressView> {
  const ctx = await unitCtx(regionId, cycleId, unitId);
  const year = Number(cycleId);
  const { reports, items } = await readUnitYear(regionId, cycleId, unitId, cycleId);
  const t0 = now();
  const open = new Set(openPeriods(year, ctx.schedule, t0));
  const periods = periodsOf(year, ctx.schedule.frequency)
    .filter((p) => open.has(p) || reports.some((r) => r.period === p))
    .reverse()
    .map((p) => {
      const r = reports.find((x) => x.period === p);
      const dueDate = r?.dueDate ?? dueDateOf(p, ctx.schedule.dueDay);
      return { period: p, dueDate, status: r?.status ?? ('missing' as const), late: r?.late ?? false, overdue: r?.status !== 'approved' && isLate(dueDate, t0), ...(r ? { counts: r.counts } : {}) };
    });
  // Unless one is asked for: the period whose report is due next (November on 3 December), else the newest begun.
  const dueNext = nextDeadline(year, ctx.schedule, t0)?.period;
  const period = wanted ?? (periods.some((p) => p.period === dueNext) ? dueNext : periods[0]?.period);
  const report = reports.find((r) => r.period === period);
  const mine = items.filter((i) => i.period === period);
  const goals = ctx.goals.map(({ goal, name }) => {
    const item = mine.find((i) => i.indicatorId === goal.indicatorId);
    const last = items
      .filter((i) => i.indicatorId === goal.indicatorId && period !== undefined && i.period < period && i.value !== undefined)
      .sort((a, b) => a.period.localeCompare(b.period))
      .at(-1);
    const expected = period ? expectedBy(goal.milestones, period) : undefined;
    return {
      indicatorId: goal.indicatorId,
      name,
      ...(goal.target !== undefined ? { target: goal.target } : {}),
      ...(goal.unitOfMeasure ? { unitOfMeasure: goal.unitOfMeasure } : {}),
      milestones: goal.milestones,
      ...(expected ? { expected } : {}),
      ...(last?.value !== undefined ? { lastValue: { period: last.period, value: last.value } } : {}),
      assessorUnitId: goal.assessorUnitId,
      ...(item ? { item } : {}),
    };
  });
  const withUnit = !report || report.status === 'draft' || report.status === 'returned';
  return {
    cycleId,
    unitId,
    unitName: ctx.unitName,
    frequency: ctx.schedule.frequency,
    periods,
    ...(period ? { period, dueDate: report?.dueDate ?? dueDateOf(period, ctx.schedule.dueDay) } : {}),
    ...(report ? { report: { ...report, moving: Boolean(report.moving) } } : {}),
    goals,
    editable: Boolean(period) && withUnit && inProgressStage(ctx.cycle),
    blank: blankGoals(
      ctx.goals.map((g) => g.goal.indicatorId),
      mine,
    ),
  };
}

/** A new report of the period, with the unit. */
const newReport = (ctx: UnitCtx, regionId: string, unitId: string, period: string, by: string, at: string): ProgressReportRecord => ({
  regionId,
  cycleId: ctx.cycle.cycleId,
  unitId,
  period,
  categoryId: ctx.categoryId,
  status: 'draft',
  dueDate: dueDateOf(period, ctx.schedule.dueDay),
  late: false,
  counts: { filled: 0, nothingToReport: 0 },
  version: 1,
  updatedAt: at,
  updatedBy: by,
});

/** The evidence an entry keeps (already on it) or adds (pending uploads of this scope, confirmed in the bucket). */
async function resolveEvidence(scope: EvidenceScope, fileIds: readonly string[], kept: readonly EvidenceFile[]) {
  const find = async (fileId: string) => {
    const upload = await getUpload(scope.regionId, scope.cycleId, scope.unitId, fileId);
    return upload && upload.indicatorId === scope.indicatorId && upload.period === scope.period ? upload : undefined;
  };
  return confirmEvidence(fileIds, kept, find, t('未找到该文件的上传记录', 'No upload of this file was signed for this goal and period'));
}

/** The leader's approval notices: the bureau, and every assessor unit of the period's goals. */
function approvalNotices(regionId: string, bureauUnitId: string, ctx: UnitCtx, period: string, items: readonly ProgressItemRecord[], at: string) {
  const assessorUnits = [...new Set(items.map((i) => i.assessorUnitId).filter((u) => u && u !== bureauUnitId))];
  const title = `【进度报告】${ctx.unitName} ${period}`;
  return [
    noticeItem({ regionId, unitId: bureauUnitId, at, kind: 'progress.approved', title, body: `${ctx.unitName} ${period} 的进度报告（${items.length} 项目标）已经单位负责人审核报送。`, link: `/cycles/${ctx.cycle.cycleId}/progress-reports?period=${period}` }),
    ...assessorUnits.map((u) =>
      noticeItem({ regionId, unitId: u, at, kind: 'progress.approved', title, body: `${ctx.unitName} ${period} 的进度报告已报送，其中有本单位考评的指标。`, link: `/cycles/${ctx.cycle.cycleId}/assessed-progress?period=${period}` }),
    ),
  ];
}

/** Whether the caller (non-bureau) is the assessor unit of the item: the plan assigns, the goal names it. */
const isBureau = (c: Caller) => BUREAU_ROLES.includes(c.role);

async function download(params: { regionId: string; cycleId: string; unitId: string; period: string; indicatorId: string; fileId: string }, caller: Caller, asAssessor: boolean) {
  const { items } = await readUnitPeriod(params.regionId, params.cycleId, params.unitId, params.period);
  const item = items.find((i) => i.indicatorId === params.indicatorId);
  const file = item?.evidence.find((f) => f.fileId === params.fileId);
  if (!item || !file) throw new NotFoundError(t('未找到该佐证材料', 'No such evidence file'));
  // The assessor unit reads a report once the unit leader has approved it, and only for its own goals.
  // Until then it is not there for the assessor unit (the scope has already refused an indicator not its own).
  if (asAssessor && !isBureau(caller) && (item.status !== 'approved' || item.assessorUnitId !== caller.unitId)) throw new NotFoundError(t('该进度报告尚未报送本单位', 'This report has not been sent to your unit'));
  return { url: await signDownload(evidenceObjectKey(item, file.fileId), file.name), name: file.name };
}

async function scheduleView(regionId: string, cycleId: string) {
  const stored = await getSchedule(regionId, cycleId);
  const s = scheduleOf(stored);
  return {
    ...s,
    bureauAfterDays: stored?.bureauAfterDays ?? BUREAU_ESCALATION_WORKING_DAYS,
    version: stored?.version ?? 0,
    ...(stored ? { updatedAt: stored.updatedAt, updatedBy: stored.updatedBy } : {}),
    periods: periodsOf(Number(cycleId), s.frequency).map((p) => ({ period: p, dueDate: dueDateOf(p, s.dueDay) })),
  };
}

/** The period the lists open on: the one whose report is due next, once it has begun; else the latest begun (the first before the year). */
async function latestPeriod(regionId: string, cycleId: string): Promise<string> {
  const schedule = scheduleOf(await getSchedule(regionId, cycleId));
  const year = Number(cycleId);
  const begun = openPeriods(year, schedule, now());
  const dueNext = nextDeadline(year, schedule, now())?.period;
  return (dueNext && begun.includes(dueNext) ? dueNext : begun[0]) ?? periodsOf(year, schedule.frequency)[0]!;
}

export const progressReportOps = ops(progressReportRoutes, {
  getProgressSchedule: async ({ params }) => scheduleView(params.regionId, params.cycleId),

  setProgressSchedule: async ({ caller, params, body }) => {
    const { regionId, cycleId } = params;
    const [cycle, before] = await Promise.all([cycleOf(regionId, cycleId), getSchedule(regionId, cycleId)]);
    if (cycle.status !== 'open') throw new ConflictError(t('周期已结束，不能修改填报周期', 'The cycle is closed: its schedule cannot change'));
    if ((before?.version ?? 0) !== body.version) throw staleReport();
    // Changing the frequency after reports exist would orphan them: the bureau changes the due day only.
    if ((before?.frequency ?? defaultSchedule().frequency) !== body.frequency) {
      if (await hasReports(regionId, cycleId)) throw new ConflictError(t('已有单位填报进度，不能再改变填报频次（可调整截止日）', 'Units have reported already: the frequency can no longer change (the due day can)'));
    }
    const at = nowIso();
    await storeSchedule(caller, before, { regionId, cycleId, frequency: body.frequency, dueDay: body.dueDay, bureauAfterDays: body.bureauAfterDays ?? before?.bureauAfterDays ?? BUREAU_ESCALATION_WORKING_DAYS, version: (before?.version ?? 0) + 1, updatedAt: at, updatedBy: caller.username }, at);
    return scheduleView(regionId, cycleId);
  },

  getUnitProgress: async ({ params, query }) => {
    if (query.period && Number(query.period.slice(0, 4)) !== Number(params.cycleId)) throw new NotFoundError(t('该期不属于本周期', 'That period is not of this cycle'));
    return unitView(params.regionId, params.cycleId, params.unitId, query.period);
  },

  saveProgressEntry: async ({ caller, params, body }) => {
    const { regionId, cycleId, unitId, period, indicatorId } = params;
    const [ctx, { report, items }] = await Promise.all([unitCtx(regionId, cycleId, unitId), readSettledPeriod(caller, regionId, cycleId, unitId, period)]);
    if (!inProgressStage(ctx.cycle)) throw notInStage();
    checkPeriod(ctx, period);
    const goal = ctx.goals.find((g) => g.goal.indicatorId === indicatorId)?.goal;
    if (!goal) throw new NotFoundError(t(`指标 ${indicatorId} 不是本单位已审定的目标`, `Indicator ${indicatorId} is not an approved goal of this unit`));
    const move = reportMove('edit', report?.status, caller.role);
    if (!move.ok) throw new ConflictError(move.message);
    const before = items.find((i) => i.indicatorId === indicatorId);
    if ((before?.version ?? 0) !== body.version) throw staleReport();
    const { version: _, evidence: fileIds, nothingReason, ...rest } = body;
    const fields = { ...rest, ...(rest.nothingToReport && nothingReason ? { nothingReason } : {}) };
    const problems = entryProblems({ ...rest, ...(nothingReason ? { nothingReason } : {}) });
    if (problems.length) throw new ValidationError(t('进度填报有误', 'The entry has problems'), problems);
    const fed = fedConflict(before?.fed, fields);
    if (fed) throw new ConflictError(fed);
    const scope = { regionId, cycleId, unitId, indicatorId, period };
    const { files, used } = await resolveEvidence(scope, fileIds, before?.evidence ?? []);
    const at = nowIso();
    const after: ProgressItemRecord = {
      ...fields,
      ...(before?.fed ? { value: before.fed.value, fed: before.fed } : {}),
      regionId,
      cycleId,
      unitId,
      period,
      indicatorId,
      categoryId: ctx.categoryId,
      assessorUnitId: goal.assessorUnitId,
      evidence: files,
      status: move.to,
      late: false,
      version: (before?.version ?? 0) + 1,
      updatedAt: at,
      updatedBy: caller.username,
    };
    const was = before ? countItems([before]) : { filled: 0, nothingToReport: 0 };
    const is = countItems([after]);
    const created = { ...newReport(ctx, regionId, unitId, period, caller.username, at), counts: is };
    await storeEntry(caller, { before, after }, { before: report, created, delta: { filled: is.filled - was.filled, nothingToReport: is.nothingToReport - was.nothingToReport } }, used, at);
    const { regionId: _r, moveToken: _m, ...view } = after;
    return view;
  },

  signEvidenceUpload: async ({ caller, params, body }) => {
    const { regionId, cycleId, unitId, period, indicatorId } = params;
    const [ctx, { report, items }] = await Promise.all([unitCtx(regionId, cycleId, unitId), readUnitPeriod(regionId, cycleId, unitId, period)]);
    if (!inProgressStage(ctx.cycle)) throw notInStage();
    checkPeriod(ctx, period);
    if (!ctx.goals.some((g) => g.goal.indicatorId === indicatorId)) throw new NotFoundError(t(`指标 ${indicatorId} 不是本单位已审定的目标`, `Indicator ${indicatorId} is not an approved goal of this unit`));
    const move = reportMove('edit', report?.status, caller.role);
    if (!move.ok) throw new ConflictError(move.message);
    if ((items.find((i) => i.indicatorId === indicatorId)?.evidence.length ?? 0) >= 10) throw new ConflictError(t('每项目标每期最多 10 个佐证材料', 'At most 10 evidence files per goal and period'));
    const fileId = newFileId();
    const objectKey = evidenceObjectKey({ regionId, cycleId, unitId, indicatorId, period }, fileId);
    const at = nowIso();
    await storeUpload(caller, { regionId, cycleId, unitId, period, indicatorId, fileId, name: body.name, contentType: body.contentType, size: body.size, sha256: body.sha256, objectKey, signedAt: at, signedBy: caller.username }, at);
    return { fileId, ...(await signUpload(objectKey, body.contentType, body.size, body.sha256, now())) };
  },

  downloadEvidence: async ({ caller, params }) => download(params, caller, false),
  downloadAssessedEvidence: async ({ caller, params }) => download(params, caller, true),

  submitProgress: async ({ caller, params, body }) => {
    const { regionId, cycleId, unitId, period } = params;
    const [ctx, { report, items }] = await Promise.all([unitCtx(regionId, cycleId, unitId), readSettledPeriod(caller, regionId, cycleId, unitId, period)]);
    if (!inProgressStage(ctx.cycle)) throw notInStage();
    if (!report) throw new ConflictError(t('本期尚未填写任何进度', 'Nothing is filled in for this period yet'));
    if (report.version !== body.version) throw staleReport();
    const move = reportMove('submit', report.status, caller.role);
    if (!move.ok) throw new ConflictError(move.message);
    const blank = blankGoals(ctx.goals.map((g) => g.goal.indicatorId), items);
    if (blank.length) throw new ConflictError(t(`还有 ${blank.length} 项目标未填写（可声明本期无进展并说明原因）：${blank.join('、')}`, `${blank.length} goals are still blank (declare nothing to report with a reason): ${blank.join(', ')}`));
    const at = nowIso();
    const late = report.late || isLate(report.dueDate, now());
    const after: ProgressReportRecord = { ...report, status: move.to, late, counts: countItems(items), submittedAt: at, submittedBy: caller.username, version: report.version + 1, updatedAt: at, updatedBy: caller.username };
    const notice = noticeItem({ regionId, unitId, at, kind: 'progress.submitted', audience: 'unit_leader', title: `【进度报告待审核】${period}`, body: `${period} 的进度报告（${items.length} 项目标）已提交${late ? '（已逾期）' : ''}，请单位负责人审核。`, link: `/progress?period=${period}` });
    await storeReportMove(caller, {
      action: 'progress.submit',
      report: { before: report, after },
      items: items.map((i) => ({ before: i, after: { ...i, status: move.to, late, version: i.version + 1, updatedAt: at, updatedBy: caller.username } })),
      notices: [notice],
      at,
    });
    return unitView(regionId, cycleId, unitId, period);
  },

  reviewProgress: async ({ caller, params, body }) => {
    const { regionId, cycleId, unitId, period } = params;
    const [ctx, { report, items }, region] = await Promise.all([unitCtx(regionId, cycleId, unitId), readSettledPeriod(caller, regionId, cycleId, unitId, period), getRegion(regionId)]);
    if (!inProgressStage(ctx.cycle)) throw notInStage();
    if (!report) throw new ConflictError(t('本期尚未填写任何进度', 'Nothing is filled in for this period yet'));
    if (report.version !== body.version) throw staleReport();
    const move = reportMove(body.decision, report.status, caller.role);
    if (!move.ok) throw new ConflictError(move.message);
    const at = nowIso();
    let after: ProgressReportRecord;
    let notices: Record<string, unknown>[];
    if (body.decision === 'approve') {
      const blank = blankGoals(ctx.goals.map((g) => g.goal.indicatorId), items);
      if (blank.length) throw new ConflictError(t(`还有 ${blank.length} 项目标未填写：${blank.join('、')}`, `${blank.length} goals are still blank: ${blank.join(', ')}`));
      // A leader approving a draft directly submits it too: late is judged at that moment.
      const late = report.late || isLate(report.dueDate, now());
      after = { ...report, status: 'approved', late, counts: countItems(items), ...(report.submittedAt ? {} : { submittedAt: at, submittedBy: caller.username }), approvedAt: at, approvedBy: caller.username, version: report.version + 1, updatedAt: at, updatedBy: caller.username };
      notices = approvalNotices(regionId, region?.bureauUnitId ?? '', ctx, period, items, at).filter((n) => n.unitId);
    } else {
      after = { ...report, status: 'returned', returnReason: body.reason, returnedAt: at, version: report.version + 1, updatedAt: at, updatedBy: caller.username };
      notices = [noticeItem({ regionId, unitId, at, kind: 'progress.returned', title: `【进度报告退回】${period}`, body: `单位负责人退回了 ${period} 的进度报告：${body.reason}`, link: `/progress?period=${period}` })];
    }
    await storeReportMove(caller, {
      action: body.decision === 'approve' ? 'progress.approve' : 'progress.return',
      report: { before: report, after },
      // Every saved item of the period moves with its report.
      items: items.map((i) => ({ before: i, after: { ...i, status: after.status, late: after.late, version: i.version + 1, updatedAt: at, updatedBy: caller.username } })),
      notices,
      at,
      ...(body.decision === 'return' ? { detail: { reason: body.reason } } : {}),
    });
    // Early warning (Art 12): the unit's goals coloured again from the approved report, the dashboard's
    // counters with them (data/early-warning.ts); a failure leaves the approval standing and is logged.
    if (after.status === 'approved') await refreshWarnings(regionId, cycleId, unitId, at, caller).catch((e: unknown) => logger.warn('early warning not refreshed after a report approval', { regionId, cycleId, unitId, error: (e as Error).message }));
    return unitView(regionId, cycleId, unitId, period);
  },

  listProgressReports: async ({ params, query }) => {
    const { regionId, cycleId } = params;
    const period = query.period ?? (await latestPeriod(regionId, cycleId));
    const [page, set] = await Promise.all([listReports(regionId, cycleId, period, query.status, query.limit, query.cursor), getCategorySet(regionId, cycleId)]);
    const names = new Map((set?.categories ?? []).flatMap((c) => c.units.map((u) => [u.unitId, u.name] as const)));
    return { period, items: page.items.map((r) => ({ ...r, unitName: names.get(r.unitId) ?? r.unitId })), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },

  listAssessedProgress: async ({ caller, params, query }) => {
    const { regionId, cycleId } = params;
    const period = query.period ?? (await latestPeriod(regionId, cycleId));
    const [page, set] = await Promise.all([listAssessorItems(regionId, cycleId, caller.unitId, period, query.limit, query.cursor), getCategorySet(regionId, cycleId)]);
    const names = new Map((set?.categories ?? []).flatMap((c) => c.units.map((u) => [u.unitId, u.name] as const)));
    const cats = [...new Set(page.items.map((i) => i.categoryId))];
    const plans = new Map(await Promise.all(cats.map(async (c) => [c, new Map(leaves((await getCurrentPlan(regionId, cycleId, c))?.plan.tree ?? []).map((w) => [w.node.id, w.node.name]))] as const)));
    return {
      period,
      items: page.items.map(({ regionId: _r, moveToken: _m, ...i }) => ({ ...i, unitName: names.get(i.unitId) ?? i.unitId, indicatorName: plans.get(i.categoryId)?.get(i.indicatorId) ?? i.indicatorId })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});
