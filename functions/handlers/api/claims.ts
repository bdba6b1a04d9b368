// Bonus and deduction items (Art 19–20): units claim bonuses (the leader submits), assessor units and
// the bureau raise deductions, feedback proposals become deduction drafts or are dismissed, and the
// bureau decides each with a reason; the capped effect is the engine's. Spread into the 'assessment'
// handler. Rules: domain/claims.ts; storage: data/claims.ts.
import { randomUUID } from 'node:crypto';
import { now, nowIso } from '../../config/clock.ts';
import { claimRoutes, type ClaimEffectsView, type ClaimQueueView, type SaveClaimBody } from '../../contracts/claims.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getClaim, getClaimUpload, getProposal, listClaimQueue, listRaisedClaims, readUnitClaims, removeClaim, storeClaim, storeClaimUpload, storeDismissal } from '../../data/claims.ts';
import { getCycle, type Cycle } from '../../data/cycles.ts';
import { newFileId, signDownload, signUpload } from '../../data/evidence-store.ts';
import { confirmEvidence } from './evidence-files.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getCurrentPlan, type PlanRecord } from '../../data/plans.ts';
import { loadReach } from '../../data/reach.ts';
import { getRegion } from '../../data/regions.ts';
import { CLAIM_STAGES, claimEffect, claimTerms, countClaims, decisionRefusal, editRefusal, isBureau, isRaiser, raiserKindOf, ruleOf, submitRefusal, visibleToUnit } from '../../domain/claims.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { claimEvidenceObjectKey } from '../../domain/evidence.ts';
import { formatPoints } from '../../domain/scoring/points.ts';
import type { Caller } from '../../domain/roles.ts';
import { isAtStage } from '../../domain/stages.ts';
import type { ClaimKind, ClaimRecord } from '../../model/claim.ts';
import { ops } from '../../http/chain.ts';

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
  plan: PlanRecord;
}

const claimsOpen = (cycle: Cycle) => CLAIM_STAGES.some((s) => isAtStage(cycle, s));
const notOpen = () => new ConflictError(t('周期不在「自评」或「考核评分」阶段，加减分事项不能提出、修改或审核', 'The cycle is not in self-assessment or assessment: bonus and deduction items cannot be raised, changed or decided'));
const stale = () => new ConflictError(t('该事项已被他人修改，请刷新后重试', 'Someone else changed this item; please refresh and try again'));
const noClaim = () => new NotFoundError(t('未找到该加减分事项', 'No such bonus or deduction item'));
const KIND_NAMES: Record<ClaimKind, string> = { bonus: '加分', deduction: '扣分' };

/** The cycle, the unit's category and that category's plan in force. */
async function unitCtx({ regionId, cycleId, unitId }: UnitParams): Promise<UnitCtx> {
  const [cycle, set] = await Promise.all([getCycle(regionId, cycleId), getCategorySet(regionId, cycleId)]);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  const category = set?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
  const unit = category?.units.find((u) => u.unitId === unitId);
  if (!category || !unit) throw new NotFoundError(t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle'));
  const plan = await getCurrentPlan(regionId, cycleId, category.categoryId);
  if (!plan) throw new NotFoundError(t(`「${category.name}」尚无考评方案`, `“${category.name}” has no plan yet`));
  return { cycle, unitName: unit.name, categoryId: category.categoryId, categoryName: category.name, plan };
}

const viewOf = ({ regionId: _, ...c }: ClaimRecord) => c;

/** The item of `kind` at the path, or 404 (a bonus is never reached through the deduction routes, nor the reverse). */
async function claimAt(params: UnitParams & { claimId: string }, kind?: ClaimKind): Promise<ClaimRecord> {
  const claim = await getClaim(params.regionId, params.cycleId, params.unitId, params.claimId);
  if (!claim || (kind && claim.kind !== kind)) throw noClaim();
  return claim;
}

async function save(caller: Caller, params: UnitParams, body: SaveClaimBody & { occurrences: number; evidence: string[] }, kind: ClaimKind): Promise<ClaimRecord> {
  const [ctx, before] = await Promise.all([unitCtx(params), body.claimId ? claimAt({ ...params, claimId: body.claimId }, kind) : undefined]);
  if (!claimsOpen(ctx.cycle)) throw notOpen();
  const raiser = raiserKindOf(caller, kind);
  if (!raiser) throw new ForbiddenError(t(`您的角色不能提出${KIND_NAMES[kind]}事项`, `Your role may not raise a ${kind} item`));
  if (before) {
    const refusal = editRefusal(before, caller);
    if (refusal) throw new ConflictError(refusal);
  }
  if ((before?.version ?? 0) !== body.version) throw stale();
  const rule = ruleOf(ctx.plan.plan, kind, body.ruleId);
  if (!rule) throw new ValidationError(t('规则有误', 'Rule problem'), [{ path: 'body.ruleId', message: t(`本单位现行方案没有编号为 ${body.ruleId} 的${KIND_NAMES[kind]}规则`, `The unit's plan in force has no ${kind} rule ${body.ruleId}`) }]);
  const terms = claimTerms(rule, body.occurrences);
  if ('problem' in terms) throw new ValidationError(t('次数有误', 'Occurrences problem'), [{ path: 'body.occurrences', message: terms.problem }]);
  const { files, used } = await confirmEvidence(
    body.evidence,
    before?.evidence ?? [],
    async (fileId) => {
      const upload = await getClaimUpload(params.regionId, params.cycleId, params.unitId, fileId);
      return upload?.signerUnitId === caller.unitId ? upload : undefined;
    },
    t('未找到该文件的上传记录', 'No upload of this file was signed for this item'),
  );
  const at = nowIso();
  const after: ClaimRecord = {
    ...(before ?? { createdAt: at, createdBy: caller.username, raisedBy: { kind: raiser, unitId: caller.unitId } }),
    regionId: params.regionId,
    cycleId: params.cycleId,
    unitId: params.unitId,
    id: before?.id ?? randomUUID(),
    unitName: ctx.unitName,
    categoryId: ctx.categoryId,
    kind,
    ruleId: rule.id,
    occurrences: body.occurrences,
    ...terms,
    description: body.description,
    evidence: files,
    status: 'draft',
    version: (before?.version ?? 0) + 1,
    updatedAt: at,
    updatedBy: caller.username,
  };
  await storeClaim(caller, { action: before ? `claim.${kind}.edit` : `claim.${kind}.raise`, before, after, used });
  return after;
}

async function submit(caller: Caller, params: UnitParams & { claimId: string }, version: number, kind: ClaimKind): Promise<ClaimRecord> {
  const [cycle, claim, region] = await Promise.all([getCycle(params.regionId, params.cycleId), claimAt(params, kind), getRegion(params.regionId)]);
  if (!cycle || !claimsOpen(cycle)) throw notOpen();
  const refusal = submitRefusal(claim, caller);
  if (refusal) throw new ConflictError(refusal);
  if (claim.version !== version) throw stale();
  const at = nowIso();
  const after: ClaimRecord = { ...claim, status: 'submitted', submittedAt: at, submittedBy: caller.username, version: claim.version + 1, updatedAt: at, updatedBy: caller.username };
  const amount = `${kind === 'bonus' ? '+' : '−'}${formatPoints(claim.amount)} 分`;
  const notices = [
    ...(region && claim.raisedBy.kind !== 'bureau'
      ? [noticeItem({ regionId: params.regionId, unitId: region.bureauUnitId, at, kind: `claim.submitted`, title: `【${KIND_NAMES[kind]}待审核】${claim.unitName}`, body: `${claim.unitName}「${claim.name}」${amount}，请审核。`, link: `/cycles/${params.cycleId}/claim-review` })]
      : []),
    // A deduction is the unit's to know as soon as the bureau has it (Art 20: the facts, with reasons).
    ...(kind === 'deduction'
      ? [noticeItem({ regionId: params.regionId, unitId: claim.unitId, at, kind: 'claim.deduction.raised', title: `【扣分事项】${claim.name}`, body: `本单位被提出扣分事项「${claim.name}」${amount}，待绩效办审核。事实：${claim.description}`, link: `/cycles/${params.cycleId}/claims` })]
      : []),
  ];
  await storeClaim(caller, { action: `claim.${kind}.submit`, before: claim, after, notices });
  return after;
}

async function remove(caller: Caller, params: UnitParams & { claimId: string }, version: number, kind: ClaimKind): Promise<ClaimRecord> {
  const [cycle, claim] = await Promise.all([getCycle(params.regionId, params.cycleId), claimAt(params, kind)]);
  if (!cycle || !claimsOpen(cycle)) throw notOpen();
  const refusal = editRefusal(claim, caller);
  if (refusal) throw new ConflictError(refusal);
  if (claim.version !== version) throw stale();
  // A draft made from a feedback proposal gives the proposal back to the bureau's list.
  const proposal = claim.source ? await getProposal(params.regionId, params.cycleId, params.unitId, claim.source.feedbackId) : undefined;
  const restored = proposal && proposal.claimId === claim.id ? (({ claimId: _c, decidedAt: _a, decidedBy: _b, ...p }) => ({ ...p, status: 'proposed' as const }))(proposal) : undefined;
  await removeClaim(caller, claim, nowIso(), restored);
  return claim;
}

async function download(caller: Caller, params: UnitParams & { claimId: string; fileId: string }, asRaiser: boolean) {
  const claim = await claimAt(params);
  if (asRaiser ? !isBureau(caller) && !isRaiser(claim, caller) : !isBureau(caller) && !visibleToUnit(claim)) throw noClaim();
  const file = claim.evidence.find((f) => f.fileId === params.fileId);
  if (!file) throw new NotFoundError(t('未找到该佐证材料', 'No such evidence file'));
  return { url: await signDownload(claimEvidenceObjectKey(params, file.fileId), file.name), name: file.name };
}

async function sign(caller: Caller, params: UnitParams, body: { name: string; contentType: ClaimRecord['evidence'][number]['contentType']; size: number; sha256: string }) {
  const cycle = await getCycle(params.regionId, params.cycleId);
  if (!cycle || !claimsOpen(cycle)) throw notOpen();
  const fileId = newFileId();
  const objectKey = claimEvidenceObjectKey(params, fileId);
  const at = nowIso();
  await storeClaimUpload(caller, { ...params, fileId, name: body.name, contentType: body.contentType, size: body.size, sha256: body.sha256, objectKey, signedAt: at, signedBy: caller.username, signerUnitId: caller.unitId }, at);
  return { fileId, ...(await signUpload(objectKey, body.contentType, body.size, body.sha256, now())) };
}

/** Each category's plan in force, by category id (one Query with Limit 1 each, in parallel). */
async function plansOf(regionId: string, cycleId: string, categoryIds: readonly string[]) {
  const plans = await Promise.all(categoryIds.map((c) => getCurrentPlan(regionId, cycleId, c)));
  return new Map(categoryIds.map((c, i) => [c, plans[i]]));
}

export const claimOps = ops(claimRoutes, {
  getUnitClaims: async ({ params }) => {
    const [ctx, { claims }] = await Promise.all([unitCtx(params), readUnitClaims(params.regionId, params.cycleId, params.unitId)]);
    const { plan } = ctx.plan;
    const shown = claims.filter(visibleToUnit).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return {
      cycleId: params.cycleId,
      unitId: params.unitId,
      unitName: ctx.unitName,
      categoryName: ctx.categoryName,
      stage: ctx.cycle.currentStage,
      open: claimsOpen(ctx.cycle),
      rules: { bonuses: plan.bonuses, deductions: plan.deductions, bonusCap: plan.totals.bonusCap, deductionCap: plan.totals.deductionCap },
      claims: shown.map(viewOf),
      effect: claimEffect(plan, claims),
    };
  },
  saveBonusClaim: async ({ caller, params, body }) => viewOf(await save(caller, params, body, 'bonus')),
  submitBonusClaim: async ({ caller, params, body }) => viewOf(await submit(caller, params, body.version, 'bonus')),
  removeBonusClaim: async ({ caller, params, body }) => viewOf(await remove(caller, params, body.version, 'bonus')),
  signClaimEvidence: async ({ caller, params, body }) => sign(caller, params, body),
  downloadClaimEvidence: async ({ caller, params }) => download(caller, params, false),

  listRaisedDeductions: async ({ caller, params: { regionId, cycleId } }) => {
    const [cycle, set, claims] = await Promise.all([getCycle(regionId, cycleId), getCategorySet(regionId, cycleId), listRaisedClaims(regionId, cycleId, caller.unitId)]);
    if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
    // An assessor unit raises deductions against the units the plan in force has it assess; the bureau against all.
    const reach = isBureau(caller) ? undefined : await loadReach(regionId, cycleId, caller.unitId, 'indicators');
    const categories = [...(set?.categories ?? [])].sort((a, b) => a.order - b.order);
    const units = categories.flatMap((c) => c.units.filter((u) => !reach || reach.has(u.unitId)).map((u) => ({ unitId: u.unitId, unitName: u.name, categoryId: c.categoryId, categoryName: c.name })));
    const used = [...new Set(units.map((u) => u.categoryId))];
    const plans = await plansOf(regionId, cycleId, used);
    return {
      stage: cycle.currentStage,
      open: claimsOpen(cycle),
      claims: claims.filter((c) => c.kind === 'deduction').sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(viewOf),
      units,
      rulesByCategory: Object.fromEntries(used.map((c) => [c, plans.get(c)?.plan.deductions ?? []])),
    };
  },
  saveDeduction: async ({ caller, params, body }) => viewOf(await save(caller, params, body, 'deduction')),
  submitDeduction: async ({ caller, params, body }) => viewOf(await submit(caller, params, body.version, 'deduction')),
  removeDeduction: async ({ caller, params, body }) => viewOf(await remove(caller, params, body.version, 'deduction')),
  signDeductionEvidence: async ({ caller, params, body }) => sign(caller, params, body),
  downloadDeductionEvidence: async ({ caller, params }) => download(caller, params, true),

  listClaimQueue: async ({ params: { regionId, cycleId }, query }): Promise<ClaimQueueView> => {
    const [cycle, all] = await Promise.all([getCycle(regionId, cycleId), listClaimQueue(regionId, cycleId)]);
    if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
    const matching = all
      .filter((c) => (!query.status || c.status === query.status) && (!query.kind || c.kind === query.kind) && (!query.unitId || c.unitId === query.unitId))
      // Waiting items first, then the newest.
      .sort((a, b) => Number(b.status === 'submitted') - Number(a.status === 'submitted') || b.updatedAt.localeCompare(a.updatedAt));
    const start = (query.page - 1) * query.limit;
    return { items: matching.slice(start, start + query.limit).map(viewOf), total: matching.length, counts: countClaims(all), stage: cycle.currentStage, open: claimsOpen(cycle) };
  },

  decideClaim: async ({ caller, params, body }) => {
    const [cycle, claim] = await Promise.all([getCycle(params.regionId, params.cycleId), claimAt(params)]);
    if (!cycle || !claimsOpen(cycle)) throw notOpen();
    const refusal = decisionRefusal(claim, caller);
    if (refusal) throw refusal.status === 403 ? new ForbiddenError(refusal.message) : new ConflictError(refusal.message);
    if (claim.version !== body.version) throw stale();
    const at = nowIso();
    const outcome = body.decision === 'approve' ? 'approved' : 'rejected';
    const after: ClaimRecord = { ...claim, status: outcome, decision: { outcome, by: caller.username, at, reason: body.reason }, version: claim.version + 1, updatedAt: at, updatedBy: caller.username };
    const word = outcome === 'approved' ? '已批准' : '未批准';
    const title = `【${KIND_NAMES[claim.kind]}${word}】${claim.name}`;
    const text = `${claim.unitName}「${claim.name}」${claim.kind === 'bonus' ? '+' : '−'}${formatPoints(claim.amount)} 分：绩效办${word}。理由：${body.reason}`;
    const notices = [
      noticeItem({ regionId: params.regionId, unitId: claim.unitId, at, kind: `claim.${outcome}`, title, body: text, link: `/cycles/${params.cycleId}/claims` }),
      ...(claim.raisedBy.kind === 'assessor' ? [noticeItem({ regionId: params.regionId, unitId: claim.raisedBy.unitId, at, kind: `claim.${outcome}`, title, body: text, link: `/cycles/${params.cycleId}/deductions` })] : []),
    ];
    await storeClaim(caller, { action: `claim.${outcome === 'approved' ? 'approve' : 'reject'}`, before: claim, after, notices });
    return viewOf(after);
  },

  /** Every unit with approved items: one Query of the queue's approved items, the categories, each plan once. */
  listClaimEffects: async ({ params: { regionId, cycleId } }): Promise<ClaimEffectsView> => {
    const [approved, set] = await Promise.all([listClaimQueue(regionId, cycleId, 'approved'), getCategorySet(regionId, cycleId)]);
    const byUnit = new Map<string, ClaimRecord[]>();
    for (const c of approved) byUnit.set(c.unitId, [...(byUnit.get(c.unitId) ?? []), c]);
    const categories = [...(set?.categories ?? [])].sort((a, b) => a.order - b.order);
    const used = categories.filter((c) => c.units.some((u) => byUnit.has(u.unitId)));
    const plans = await plansOf(regionId, cycleId, used.map((c) => c.categoryId));
    const items: ClaimEffectsView['items'] = [];
    for (const c of used) {
      const plan = plans.get(c.categoryId);
      if (!plan) continue;
      for (const u of c.units) {
        const claims = byUnit.get(u.unitId);
        if (claims) items.push({ unitId: u.unitId, unitName: u.name, categoryName: c.name, effect: claimEffect(plan.plan, claims) });
      }
    }
    return { items };
  },

  draftProposalDeduction: async ({ caller, params, body }) => {
    const [ctx, proposal, { claims }] = await Promise.all([unitCtx(params), getProposal(params.regionId, params.cycleId, params.unitId, params.feedbackId), readUnitClaims(params.regionId, params.cycleId, params.unitId)]);
    if (!claimsOpen(ctx.cycle)) throw notOpen();
    if (!proposal) throw new NotFoundError(t('未找到该扣分建议', 'No such deduction proposal'));
    if (proposal.status !== 'proposed') throw new ConflictError(t('该扣分建议已处理', 'This proposal has already been dealt with'));
    // A feedback item's later move may propose it again: one deduction per feedback item all the same.
    const earlier = claims.find((c) => c.source?.feedbackId === proposal.feedbackId);
    if (earlier) throw new ConflictError(t(`该反馈已转为扣分事项「${earlier.name}」（${earlier.status === 'draft' ? '草稿' : '已报送'}），不再重复扣分`, `This feedback already became the deduction “${earlier.name}”; it is not deducted twice`));
    const rule = ruleOf(ctx.plan.plan, 'deduction', body.ruleId);
    if (!rule) throw new ValidationError(t('规则有误', 'Rule problem'), [{ path: 'body.ruleId', message: t(`本单位现行方案没有编号为 ${body.ruleId} 的扣分规则`, `The unit's plan in force has no deduction rule ${body.ruleId}`) }]);
    const terms = claimTerms(rule, 1);
    if ('problem' in terms) throw new DomainError(422, 'BAD_RULE', terms.problem);
    const at = nowIso();
    const why = proposal.reason === 'unanswered' ? `逾期未答复（应于 ${proposal.answerDue} 前答复）` : `答复逾期（应于 ${proposal.answerDue} 前答复）`;
    const claim: ClaimRecord = {
      regionId: params.regionId,
      cycleId: params.cycleId,
      unitId: params.unitId,
      id: randomUUID(),
      unitName: ctx.unitName,
      categoryId: ctx.categoryId,
      kind: 'deduction',
      ruleId: rule.id,
      occurrences: 1,
      ...terms,
      raisedBy: { kind: 'bureau', unitId: caller.unitId },
      source: { feedbackId: proposal.feedbackId },
      description: `反馈意见${proposal.indicatorName ? `（${proposal.indicatorName}）` : ''}${why}：${proposal.problem}`.slice(0, 2000),
      evidence: [],
      status: 'draft',
      createdAt: at,
      createdBy: caller.username,
      version: 1,
      updatedAt: at,
      updatedBy: caller.username,
    };
    await storeClaim(caller, { action: 'claim.proposal.draft', after: claim, proposal: { ...proposal, status: 'drafted', claimId: claim.id, decidedAt: at, decidedBy: caller.username } });
    return viewOf(claim);
  },

  dismissProposal: async ({ caller, params, body }) => {
    const [cycle, proposal] = await Promise.all([getCycle(params.regionId, params.cycleId), getProposal(params.regionId, params.cycleId, params.unitId, params.feedbackId)]);
    if (!cycle || !claimsOpen(cycle)) throw notOpen();
    if (!proposal) throw new NotFoundError(t('未找到该扣分建议', 'No such deduction proposal'));
    if (proposal.status !== 'proposed') throw new ConflictError(t('该扣分建议已处理', 'This proposal has already been dealt with'));
    const at = nowIso();
    await storeDismissal(caller, proposal, { ...proposal, status: 'dismissed', dismissReason: body.reason, decidedAt: at, decidedBy: caller.username }, at);
    return { feedbackId: proposal.feedbackId, status: 'dismissed' };
  },
});
