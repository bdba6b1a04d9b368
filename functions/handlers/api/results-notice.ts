// The results notice (通报, Art 22, 27), spread into the 'results' handler; the public read is in
// public-results-notice.ts. Drafting reads the categories' confirmed results (data/confirmations.ts
// confirmedResults) — never preliminary ones — and names the categories missing; submission needs every
// category and the confirmations it was drafted from; the leader's approval publishes it with a notice to
// every unit of the cycle. One pending version at a time; a version drafted after a published one is a
// correction and needs its reason. Rules: domain/results-notice.ts; storage: data/results-notice.ts.
import { nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { resultsNoticeRoutes, type NoticeView } from '../../contracts/results-notice.ts';
import { getCycle } from '../../data/cycles.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getRegion } from '../../data/regions.ts';
import { noticeCategoryInputs, noticeContentNow } from '../../data/notice-content.ts';
import { publishNoticeVersion, readNotice, storeNoticeVersion } from '../../data/results-notice.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { isOpenDraft, isPending, NOTICE_STAGES, staleCategories } from '../../domain/results-notice.ts';
import { isAtStage } from '../../domain/stages.ts';
import type { Caller } from '../../domain/roles.ts';
import type { NoticeRecord } from '../../model/results-notice.ts';
import { ops } from '../../http/chain.ts';

const viewOf = ({ regionId: _r, ...n }: NoticeRecord): NoticeView => n;
const notOpen = () => new ConflictError(t('周期不在「报告与通报」至「结果运用」阶段，不能起草或审批结果通报', 'The cycle is not between report and closing: the results notice cannot be drafted or decided'));
const stale = () => new ConflictError(t('结果通报已被他人修改，请刷新后重试', 'Someone else changed the results notice; please refresh and try again'));

async function cycleOf(regionId: string, cycleId: string) {
  const cycle = await getCycle(regionId, cycleId);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  return { cycle, open: NOTICE_STAGES.some((s) => isAtStage(cycle, s)) };
}

function versionOf(stored: Awaited<ReturnType<typeof readNotice>>, number: number): NoticeRecord {
  const found = stored.versions.find((v) => v.number === number);
  if (!found) throw new NotFoundError(t('该版本的通报不存在', 'This version of the notice does not exist'));
  return found;
}

const needsReason = () => new ValidationError(t('通报已发布，再次起草即为更正，请写明更正理由', 'The notice is published: a new version is a correction and needs its reason'), [{ path: 'body.correctionReason', message: t('请填写更正理由', 'Give the reason for the correction') }]);

/** Who is told of a move: the bureau's own unit (submission, return). */
async function bureauNotice(regionId: string, n: NoticeRecord, kind: string, title: string, body: string) {
  const region = await getRegion(regionId);
  return region ? [noticeItem({ regionId, unitId: region.bureauUnitId, at: n.updatedAt, kind, title, body, link: `/results-notice/${n.cycleId}` })] : [];
}

export const resultsNoticeOps = ops(resultsNoticeRoutes, {
  getResultsNotice: async ({ params: { regionId, cycleId } }) => {
    const [{ cycle, open }, stored, inputs] = await Promise.all([cycleOf(regionId, cycleId), readNotice(regionId, cycleId), noticeCategoryInputs(regionId, cycleId, false)]);
    return {
      stage: cycle.currentStage,
      open,
      headVersion: stored.head?.version ?? 0,
      published: stored.head?.published ?? null,
      categories: inputs.map((c) => ({ categoryId: c.categoryId, categoryName: c.name, confirmedVersion: c.freeze?.confirmedVersion ?? null, status: c.freeze?.status ?? ('unconfirmed' as const) })),
      versions: [...stored.versions].reverse().map(viewOf),
    };
  },

  draftResultsNotice: async ({ caller, params: { regionId, cycleId }, body }) => {
    const [{ open }, stored] = await Promise.all([cycleOf(regionId, cycleId), readNotice(regionId, cycleId)]);
    if (!open) throw notOpen();
    if ((stored.head?.version ?? 0) !== body.headVersion) throw stale();
    const latest = stored.versions.at(-1);
    if (latest && isPending(latest.status)) throw new ConflictError(t(`第 ${latest.number} 版通报尚未发布，请修改或提交该版本`, `Version ${latest.number} is not yet published: edit or submit it`));
    const correction = stored.head?.published !== undefined;
    if (correction && !body.correctionReason) throw needsReason();
    const content = await noticeContentNow(regionId, cycleId);
    if (!content.categories.length) throw new ConflictError(t('尚无已确认的考评类别，不能起草通报', 'No category is confirmed yet: nothing to draft'));
    const at = nowIso();
    const number = (latest?.number ?? 0) + 1;
    const after: NoticeRecord = {
      regionId,
      cycleId,
      number,
      status: 'draft',
      title: body.title,
      documentNumber: body.documentNumber,
      issueDate: body.issueDate,
      ...(body.preface ? { preface: body.preface } : {}),
      ...(correction ? { correctionReason: body.correctionReason } : {}),
      ...content,
      draftedAt: at,
      draftedBy: caller.username,
      updatedAt: at,
      updatedBy: caller.username,
      version: 1,
    };
    const head = { before: stored.head, after: { regionId, cycleId, latest: number, ...(stored.head?.published ? { published: stored.head.published, publishedAt: stored.head.publishedAt } : {}), version: (stored.head?.version ?? 0) + 1 } };
    await storeNoticeVersion(caller, correction ? 'results.notice.draft.correction' : 'results.notice.draft', undefined, after, head);
    return viewOf(after);
  },

  updateResultsNotice: async ({ caller, params: { regionId, cycleId, noticeNumber }, body }) => {
    const [{ open }, stored] = await Promise.all([cycleOf(regionId, cycleId), readNotice(regionId, cycleId)]);
    if (!open) throw notOpen();
    const before = versionOf(stored, noticeNumber);
    if (before.version !== body.version) throw stale();
    if (!isOpenDraft(before.status)) throw new ConflictError(t('只有草稿或被退回的通报可以修改', 'Only a draft or returned notice can be edited'));
    if (noticeNumber > 1 && !body.correctionReason) throw needsReason();
    const content = await noticeContentNow(regionId, cycleId);
    const at = nowIso();
    const { preface: _p, correctionReason: _c, ...rest } = before;
    const after: NoticeRecord = {
      ...rest,
      title: body.title,
      documentNumber: body.documentNumber,
      issueDate: body.issueDate,
      ...(body.preface ? { preface: body.preface } : {}),
      ...(noticeNumber > 1 ? { correctionReason: body.correctionReason } : {}),
      ...content,
      updatedAt: at,
      updatedBy: caller.username,
      version: before.version + 1,
    };
    await storeNoticeVersion(caller, 'results.notice.update', before, after, undefined);
    return viewOf(after);
  },

  submitResultsNotice: async ({ caller, params: { regionId, cycleId, noticeNumber }, body }) => {
    const [{ open }, stored, inputs] = await Promise.all([cycleOf(regionId, cycleId), readNotice(regionId, cycleId), noticeCategoryInputs(regionId, cycleId, false)]);
    if (!open) throw notOpen();
    const before = versionOf(stored, noticeNumber);
    if (before.version !== body.version) throw stale();
    if (!isOpenDraft(before.status)) throw new ConflictError(t('该版本通报已提交或已处理', 'This version is already submitted or decided'));
    if (before.missing.length)
      throw new ConflictError(t(`以下类别的考评结果尚未确认，通报不能提交：${before.missing.map((m) => m.categoryName).join('、')}`, `These categories are not confirmed, so the notice cannot be submitted: ${before.missing.map((m) => m.categoryName).join(', ')}`));
    const moved = staleCategories(before, inputs);
    if (moved.length) throw new ConflictError(t(`「${moved.join('、')}」的确认结果在起草后有变化，请先保存草稿以更新名单`, `The confirmed results of ${moved.join(', ')} changed since drafting: save the draft again to refresh the lists`));
    const at = nowIso();
    const after: NoticeRecord = { ...before, status: 'submitted', submittedAt: at, submittedBy: caller.username, updatedAt: at, updatedBy: caller.username, version: before.version + 1 };
    const notices = await bureauNotice(regionId, after, 'results.notice.submitted', t('【通报待审批】考评结果通报', '[To approve] Results notice'), t(`${cycleId} 年度考评结果通报第 ${after.number} 版（${after.documentNumber}）已提交，请绩效办领导审批。`, `Version ${after.number} of the ${cycleId} results notice (${after.documentNumber}) is submitted for the leader's approval.`));
    await storeNoticeVersion(caller, 'results.notice.submit', before, after, undefined, notices);
    return viewOf(after);
  },

  decideResultsNotice: async ({ caller, params: { regionId, cycleId, noticeNumber }, body }) => {
    const [{ open }, stored] = await Promise.all([cycleOf(regionId, cycleId), readNotice(regionId, cycleId)]);
    if (!open) throw notOpen();
    const before = versionOf(stored, noticeNumber);
    if (before.version !== body.version || !stored.head) throw stale();
    if (before.status !== 'submitted') throw new ConflictError(t('该版本通报未提交审批', 'This version is not submitted for approval'));
    const at = nowIso();
    if (body.decision === 'return') {
      const after: NoticeRecord = { ...before, status: 'returned', returned: { by: caller.username, at, reason: body.reason }, updatedAt: at, updatedBy: caller.username, version: before.version + 1 };
      const notices = await bureauNotice(regionId, after, 'results.notice.returned', t('【通报退回】考评结果通报', '[Returned] Results notice'), t(`绩效办领导退回了通报第 ${after.number} 版：${body.reason}`, `The leader returned version ${after.number}: ${body.reason}`));
      await storeNoticeVersion(caller, 'results.notice.return', before, after, undefined, notices);
      return viewOf(after);
    }
    return viewOf(await publish(caller, stored, before, at));
  },
});

/** Approval: the version in force from now; the one it corrects superseded; every unit of the cycle told. */
async function publish(caller: Caller, stored: Awaited<ReturnType<typeof readNotice>>, before: NoticeRecord, at: string): Promise<NoticeRecord> {
  const head = stored.head!;
  const after: NoticeRecord = { ...before, status: 'published', publishedAt: at, approvedBy: caller.username, updatedAt: at, updatedBy: caller.username, version: before.version + 1 };
  const previous = head.published !== undefined ? stored.versions.find((v) => v.number === head.published) : undefined;
  const replaced = previous && { before: previous, after: { ...previous, status: 'superseded' as const, supersededAt: at, version: previous.version + 1 } };
  const unitIds = before.categories.flatMap((c) => c.units.map((u) => u.unitId));
  await publishNoticeVersion(caller, before, after, replaced, { before: head, after: { ...head, published: after.number, publishedAt: at, version: head.version + 1 } }, unitIds);
  return after;
}
