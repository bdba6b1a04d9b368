// 复核 (Art 21) in the portal: a unit's filer drafts a request on its published preliminary result (items
// of the result with reasons and evidence), its leader files it within the window; the bureau lists the
// requests and decides each item — upheld, or adjusted: the corrected input applied to the SCORE item
// (a correction with the review as its reason; the engine scores it) or the CLAIM's decision replaced, in
// the same commit as the decision and its notices — then the unit's category is recomputed at once.
// Spread into the 'results' handler. Rules: domain/reviews.ts, domain/review-adjustments.ts.
import { randomUUID } from 'node:crypto';
import { now, nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { reviewRoutes, type ReviewQueueView, type ReviewView, type UnitReviewsView } from '../../contracts/reviews.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getClaim, readUnitClaims } from '../../data/claims.ts';
import type { Actor, TransactItem } from '../../data/commit.ts';
import { assertNotFrozen } from '../../data/confirmations.ts';
import { getCycle, type Cycle } from '../../data/cycles.ts';
import { newFileId, signDownload, signUpload } from '../../data/evidence-store.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getCurrentPlan, type PlanRecord } from '../../data/plans.ts';
import { getPublication, readUnitResult } from '../../data/results.ts';
import { getRegion } from '../../data/regions.ts';
import { getReview, getReviewUpload, listReviewQueue, readUnitReviews, readUnitScores, storeReview, storeReviewUpload } from '../../data/reviews.ts';
import { readScores } from '../../data/scores.ts';
import { ruleOf, visibleToUnit } from '../../domain/claims.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../domain/errors.ts';
import { adjustClaim, adjustScore } from '../../domain/review-adjustments.ts';
import { decisionProblems, editRefusal, itemProblems, itemRef, queueOrder, REVIEW_STAGES, reviewableItems, reviewEvidenceObjectKey, submitRefusal, windowRefusal, withDecision, type Reviewable } from '../../domain/reviews.ts';
import { scoredLeaves } from '../../domain/results.ts';
import { BUREAU_ROLES, type Caller } from '../../domain/roles.ts';
import { isAtStage } from '../../domain/stages.ts';
import type { ClaimRecord } from '../../model/claim.ts';
import type { ReviewItem, ReviewRecord } from '../../model/review.ts';
import type { ScoreRecord } from '../../model/score.ts';
import { ops } from '../../http/chain.ts';
import { logger } from '../../observability/logger.ts';
import { recomputeCategory } from '../workflow/recompute-category.ts';
import { confirmEvidence } from './evidence-files.ts';

interface UnitParams {
  regionId: string;
  cycleId: string;
  unitId: string;
}
interface UnitCtx {
  cycle: Cycle;
  unitName: string;
  categoryId: string;
  categoryName: string;
  unitIds: string[];
  plan: PlanRecord;
}

const reviewOpen = (cycle: Cycle) => REVIEW_STAGES.some((s) => isAtStage(cycle, s));
const notOpen = () => new ConflictError(t('周期不在「汇总反馈」或「等次评定」阶段，不能申请或处理复核', 'The cycle is not in preliminary review or grading: reviews cannot be requested or decided'));
const stale = () => new ConflictError(t('复核申请已被他人修改，请刷新后重试', 'Someone else changed this review request; please refresh and try again'));
const noReview = () => new NotFoundError(t('未找到该复核申请', 'No such review request'));
const isBureau = (c: Pick<Caller, 'role'>) => BUREAU_ROLES.includes(c.role);
const viewOf = ({ regionId: _, ...r }: ReviewRecord): ReviewView => r;

async function unitCtx({ regionId, cycleId, unitId }: UnitParams): Promise<UnitCtx> {
  const [cycle, set] = await Promise.all([getCycle(regionId, cycleId), getCategorySet(regionId, cycleId)]);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  const category = set?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
  const unit = category?.units.find((u) => u.unitId === unitId);
  if (!category || !unit) throw new NotFoundError(t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle'));
  const plan = await getCurrentPlan(regionId, cycleId, category.categoryId);
  if (!plan) throw new NotFoundError(t(`「${category.name}」尚无考评方案`, `“${category.name}” has no plan yet`));
  return { cycle, unitName: unit.name, categoryId: category.categoryId, categoryName: category.name, unitIds: category.units.map((u) => u.unitId), plan };
}

/** The items of the unit's result it may name: its submitted scores and its decided claims (two Queries). */
async function reviewableOf(params: UnitParams, plan: PlanRecord): Promise<Reviewable[]> {
  const [scores, { claims }] = await Promise.all([readUnitScores(params.regionId, params.cycleId, params.unitId), readUnitClaims(params.regionId, params.cycleId, params.unitId)]);
  return reviewableItems(plan.plan, scores, claims.filter(visibleToUnit));
}

/** Refuses a filing outside the window (409 with the reason: not published, or closed at 24:00 of its last day). */
async function assertWindow(params: UnitParams, ctx: UnitCtx): Promise<void> {
  if (!reviewOpen(ctx.cycle)) throw notOpen();
  const refusal = windowRefusal(await getPublication(params.regionId, params.cycleId, ctx.categoryId), now());
  if (refusal) throw new ConflictError(refusal);
}

async function reviewAt(params: UnitParams & { reviewId: string }): Promise<ReviewRecord> {
  const review = await getReview(params.regionId, params.cycleId, params.unitId, params.reviewId);
  if (!review) throw noReview();
  return review;
}

/** confirmEvidence per item, its refusals named under body.items.<n>.evidence. */
async function itemFiles(caller: Caller, params: UnitParams, n: number, fileIds: readonly string[], kept: ReviewItem['evidence']) {
  try {
    return await confirmEvidence(
      fileIds,
      kept,
      async (fileId) => {
        const upload = await getReviewUpload(params.regionId, params.cycleId, params.unitId, fileId);
        return upload?.signerUnitId === caller.unitId ? upload : undefined;
      },
      t('未找到该文件的上传记录', 'No upload of this file was signed for this request'),
    );
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const details = (e.details as FieldProblem[]).map((p) => ({ ...p, path: p.path.replace(/^body\.evidence/, `body.items.${n}.evidence`) }));
    throw new ValidationError(t('佐证材料有误', 'Evidence problem'), details);
  }
}

/** Applies an adjustment: the score(s) or claim it writes, what changed, who is told besides the unit. */
async function adjustment(caller: Caller, params: UnitParams, ctx: UnitCtx, item: ReviewItem, body: { inputs?: Record<string, unknown> | undefined; claim?: { decision: 'approve' | 'reject'; occurrences: number } | undefined }, reason: string, at: string) {
  const { kind, ref } = itemRef(item.itemId);
  const by = { reason, by: caller.username, at };
  if (kind === 'score') {
    const leaf = scoredLeaves(ctx.plan.plan).find((l) => l.id === ref);
    if (!leaf?.method) throw new ConflictError(t('该指标已不在现行方案中，不能调整', 'The indicator is no longer in the plan in force'));
    const pairs = (leaf.method.kind === 'ranking' ? ctx.unitIds : [params.unitId]).map((unitId) => ({ unitId, indicatorId: ref }));
    const scores = await readScores(params.regionId, params.cycleId, pairs);
    const before = scores.get(`${params.unitId}|${ref}`);
    if (!before || before.status !== 'submitted') throw new ConflictError(t('该项评分已不是报送状态，不能调整', 'This score is no longer submitted'));
    const category: ScoreRecord[] = [...scores.values()];
    const done = adjustScore({ ...leaf, method: leaf.method }, before, body.inputs ?? {}, category, by);
    return { scores: done.writes, change: done.change, assessorUnitId: before.assessorUnitId as string | undefined };
  }
  const claim = await getClaim(params.regionId, params.cycleId, params.unitId, ref);
  if (!claim || (claim.status !== 'approved' && claim.status !== 'rejected')) throw new ConflictError(t('该加减分事项已不是已审核状态，不能调整', 'This item is no longer decided'));
  if (claim.needsApproval && caller.role !== 'bureau_leader') throw new ForbiddenError(t('该事项须报绩效办领导审批，其调整亦由领导决定', 'This item needs the bureau leader’s approval, and so does its adjustment'));
  const rule = ruleOf(ctx.plan.plan, claim.kind, claim.ruleId);
  if (!rule) throw new ConflictError(t('该事项的规则已不在现行方案中，不能调整', 'The item’s rule is no longer in the plan in force'));
  const done = adjustClaim(claim, rule, body.claim!, by);
  return { claim: { before: claim as ClaimRecord, after: done.after }, change: done.change, assessorUnitId: claim.raisedBy.kind === 'assessor' ? claim.raisedBy.unitId : undefined };
}

async function recompute(actor: Actor, params: UnitParams, ctx: UnitCtx, reviewId: string, guards: TransactItem[]) {
  try {
    const done = await recomputeCategory(actor, params.regionId, params.cycleId, ctx.categoryId, `review:${reviewId}`, guards);
    const mine = done.results.find((r) => r.unitId === params.unitId);
    return { changed: done.changed, total: mine?.total ?? null, position: mine?.place?.position ?? null, gradeName: mine?.place?.gradeName ?? null };
  } catch (e) {
    // The decision stands; the next computation (成绩汇总) brings the results up to date.
    logger.error('recompute after a review decision failed', { reviewId, error: (e as Error).message });
    return null;
  }
}

export const reviewOps = ops(reviewRoutes, {
  getUnitReviews: async ({ caller, params }): Promise<UnitReviewsView> => {
    const ctx = await unitCtx(params);
    const [publication, { reviews }] = await Promise.all([getPublication(params.regionId, params.cycleId, ctx.categoryId), readUnitReviews(params.regionId, params.cycleId, params.unitId)]);
    // A unit sees nothing of it before its result is published; the bureau sees what there is.
    if (!publication && !isBureau(caller)) return { unitId: params.unitId, stage: ctx.cycle.currentStage, window: null, reviewable: [], reviews: [] };
    const reviewable = publication ? await reviewableOf(params, ctx.plan) : [];
    const inReview = new Map(reviews.flatMap((r) => r.items.map((i) => [i.itemId, r.id] as const)));
    const refusal = reviewOpen(ctx.cycle) ? windowRefusal(publication, now()) : t('周期不在「汇总反馈」或「等次评定」阶段', 'The cycle is not in preliminary review or grading');
    return {
      unitId: params.unitId,
      stage: ctx.cycle.currentStage,
      window: publication ? { publishedAt: publication.publishedAt, reviewUntil: publication.reviewUntil, open: !refusal, refusal: refusal ?? null } : null,
      reviewable: reviewable.map((r) => ({ ...r, reviewId: inReview.get(r.itemId) ?? null })),
      reviews: reviews.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(viewOf),
    };
  },

  saveReview: async ({ caller, params, body }) => {
    const [ctx, { reviews }] = await Promise.all([unitCtx(params), readUnitReviews(params.regionId, params.cycleId, params.unitId)]);
    const before = body.reviewId ? reviews.find((r) => r.id === body.reviewId) : undefined;
    if (body.reviewId && !before) throw noReview();
    if (before) {
      const refusal = editRefusal(before, caller);
      if (refusal) throw new ConflictError(refusal);
    }
    if ((before?.version ?? 0) !== body.version) throw stale();
    await assertWindow(params, ctx);
    const reviewable = await reviewableOf(params, ctx.plan);
    const problems = itemProblems(body.items, reviewable, reviews.filter((r) => r.id !== before?.id));
    if (problems.length) throw new ValidationError(t('复核事项有误', 'Review item problem'), problems);
    const byId = new Map(reviewable.map((r) => [r.itemId, r]));
    const items: ReviewItem[] = [];
    const used = [];
    for (const [n, i] of body.items.entries()) {
      const kept = before?.items.find((x) => x.itemId === i.itemId)?.evidence ?? [];
      const { files, used: u } = await itemFiles(caller, params, n, i.evidence, kept);
      used.push(...u);
      const r = byId.get(i.itemId)!;
      items.push({ itemId: i.itemId, kind: r.kind, name: r.name, stood: r.stood, ...(r.field ? { field: r.field } : {}), reason: i.reason, evidence: files });
    }
    const at = nowIso();
    const after: ReviewRecord = {
      ...(before ?? { createdAt: at, createdBy: caller.username }),
      regionId: params.regionId,
      cycleId: params.cycleId,
      unitId: params.unitId,
      id: before?.id ?? randomUUID(),
      unitName: ctx.unitName,
      categoryId: ctx.categoryId,
      categoryName: ctx.categoryName,
      status: 'draft',
      items,
      version: (before?.version ?? 0) + 1,
      updatedAt: at,
      updatedBy: caller.username,
    };
    await storeReview(caller, { action: before ? 'review.edit' : 'review.draft', before, after, used });
    return viewOf(after);
  },

  submitReview: async ({ caller, params, body }) => {
    const [ctx, review, region] = await Promise.all([unitCtx(params), reviewAt(params), getRegion(params.regionId)]);
    const refusal = submitRefusal(review, caller);
    if (refusal) throw new ConflictError(refusal);
    if (review.version !== body.version) throw stale();
    await assertWindow(params, ctx);
    const at = nowIso();
    const after: ReviewRecord = { ...review, status: 'submitted', submittedAt: at, submittedBy: caller.username, version: review.version + 1, updatedAt: at, updatedBy: caller.username };
    const notices = region
      ? [noticeItem({ regionId: params.regionId, unitId: region.bureauUnitId, at, kind: 'review.submitted', title: `【复核申请】${review.unitName}`, body: `${review.unitName} 对初步考评结果的 ${review.items.length} 个事项申请复核，请逐项作出复核决定。`, link: `/results/${params.cycleId}?tab=reviews` })]
      : [];
    await storeReview(caller, { action: 'review.submit', before: review, after, notices });
    return viewOf(after);
  },

  signReviewEvidence: async ({ caller, params, body }) => {
    await assertWindow(params, await unitCtx(params));
    const fileId = newFileId();
    const objectKey = reviewEvidenceObjectKey(params, fileId);
    const at = nowIso();
    await storeReviewUpload(caller, { ...params, fileId, name: body.name, contentType: body.contentType, size: body.size, sha256: body.sha256, objectKey, signedAt: at, signedBy: caller.username, signerUnitId: caller.unitId }, at);
    return { fileId, ...(await signUpload(objectKey, body.contentType, body.size, body.sha256, now())) };
  },

  downloadReviewEvidence: async ({ params }) => {
    const review = await reviewAt(params);
    const file = review.items.flatMap((i) => i.evidence).find((f) => f.fileId === params.fileId);
    if (!file) throw new NotFoundError(t('未找到该佐证材料', 'No such evidence file'));
    return { url: await signDownload(reviewEvidenceObjectKey(params, file.fileId), file.name), name: file.name };
  },

  listReviews: async ({ params: { regionId, cycleId }, query }): Promise<ReviewQueueView> => {
    const [cycle, all] = await Promise.all([getCycle(regionId, cycleId), listReviewQueue(regionId, cycleId)]);
    if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
    const matching = all.filter((r) => (!query.status || r.status === query.status) && (!query.categoryId || r.categoryId === query.categoryId) && (!query.unitId || r.unitId === query.unitId)).sort(queueOrder);
    const start = (query.page - 1) * query.limit;
    const units = new Map<string, 'submitted' | 'decided'>();
    for (const r of all) if (r.status !== 'draft' && units.get(r.unitId) !== 'submitted') units.set(r.unitId, r.status);
    return {
      stage: cycle.currentStage,
      open: reviewOpen(cycle),
      items: matching.slice(start, start + query.limit).map(viewOf),
      total: matching.length,
      counts: { submitted: all.filter((r) => r.status === 'submitted').length, decided: all.filter((r) => r.status === 'decided').length },
      units: [...units].map(([unitId, status]) => ({ unitId, status })),
    };
  },

  decideReview: async ({ caller, params, body }) => {
    const [ctx, review] = await Promise.all([unitCtx(params), reviewAt(params)]);
    if (!reviewOpen(ctx.cycle)) throw notOpen();
    if (review.status !== 'submitted') throw new ConflictError(review.status === 'draft' ? t('该复核申请尚未提交', 'This request has not been filed') : t('该复核申请已全部作出决定', 'Every item of this request is decided'));
    if (review.version !== body.version) throw stale();
    const item = review.items.find((i) => i.itemId === body.itemId);
    const problem = decisionProblems(item, body);
    if (problem) {
      if (problem.status === 400) throw new ValidationError(t('复核决定有误', 'Decision problem'), [{ path: problem.path, message: problem.message }]);
      throw new DomainError(problem.status, problem.status === 404 ? 'NOT_FOUND' : 'CONFLICT', problem.message);
    }
    // A confirmed (frozen) category refuses every change of its results, 复核 adjustments included.
    const guards = body.outcome === 'adjusted' ? await assertNotFrozen(params.regionId, params.cycleId, [params.unitId]) : [];
    const at = nowIso();
    const reason = t(`复核调整：${body.opinion}`, `Review adjustment: ${body.opinion}`);
    const adjusted = body.outcome === 'adjusted' ? await adjustment(caller, params, ctx, item!, body, reason, at) : undefined;
    const after = withDecision(review, item!.itemId, { outcome: body.outcome, opinion: body.opinion, by: caller.username, at, ...(adjusted ? { change: adjusted.change } : {}) }, at, caller.username);
    const word = body.outcome === 'upheld' ? '维持' : '调整';
    const text = `「${item!.name}」复核决定：${word}。${adjusted ? `${adjusted.change.from} → ${adjusted.change.to}。` : ''}意见：${body.opinion}`;
    const notices = [
      noticeItem({ regionId: params.regionId, unitId: params.unitId, at, kind: `review.${body.outcome}`, title: `【复核决定】${item!.name}：${word}`, body: text, link: `/my-result/${params.cycleId}` }),
      ...(adjusted?.assessorUnitId ? [noticeItem({ regionId: params.regionId, unitId: adjusted.assessorUnitId, at, kind: 'review.adjusted', title: `【复核调整】${review.unitName} ${item!.name}`, body: text, link: `/scoring/${params.cycleId}` })] : []),
    ];
    await storeReview(caller, { action: `review.${body.outcome === 'upheld' ? 'uphold' : 'adjust'}`, before: review, after, notices, ...(adjusted?.scores ? { scores: adjusted.scores } : {}), ...(adjusted?.claim ? { claim: adjusted.claim } : {}), guards });
    const recomputed = adjusted ? await recompute(caller, params, ctx, review.id, guards) : null;
    return { review: viewOf(after), recomputed };
  },
});
