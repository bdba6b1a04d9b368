// 复核 (Art 21) as pure rules: the window (from the publication to its reviewUntil, 24:00 Beijing), the
// items of a unit's result it may name (a scored leaf's score, a decided bonus or deduction item — each
// with a stable id), what a request may hold, who moves it, and what a decision must carry. An
// adjustment never takes a typed-in score: a score item takes the assessor's input (the engine scores
// it, domain/assessor-scores.ts), a claim its approval and occurrences (domain/claims.ts).
import { t } from '../contracts/lang.ts';
import type { ClaimRecord } from '../model/claim.ts';
import type { ReviewItem, ReviewRecord } from '../model/review.ts';
import type { ScoreRecord } from '../model/score.ts';
import { fieldText, FIELD_NAMES, SCORE_FIELD, type ScoreField } from './assessor-scores.ts';
import { deadlineInstant } from './dates.ts';
import type { CategoryPlan } from './plan.ts';
import { scoredLeaves } from './results.ts';
import type { Caller } from './roles.ts';
import { formatPoints } from './scoring/points.ts';
import type { StageCode } from './stages.ts';

/** Requests are filed and decided while results are reviewed and graded (汇总反馈, 等次评定). */
export const REVIEW_STAGES: readonly StageCode[] = ['preliminary_review', 'grading'];

export const scoreItemId = (indicatorId: string) => `score:${indicatorId}`;
export const claimItemId = (claimId: string) => `claim:${claimId}`;
export const itemRef = (itemId: string): { kind: 'score' | 'claim'; ref: string } => {
  const i = itemId.indexOf(':');
  return { kind: itemId.slice(0, i) as 'score' | 'claim', ref: itemId.slice(i + 1) };
};

/** One item of a unit's result it may ask to review. */
export interface Reviewable {
  itemId: string;
  kind: 'score' | 'claim';
  name: string;
  /** What stands now, in words (the input and the score; the claim's decision and amount). */
  stood: string;
  /** A score: the input an adjustment corrects. */
  field?: ScoreField;
}

export const CLAIM_WORDS = { bonus: '加分', deduction: '扣分', approved: '已批准', rejected: '未批准' } as const;

export function scoreStood(s: Pick<ScoreRecord, 'methodKind' | 'inputs' | 'score'>): string {
  const field = SCORE_FIELD[s.methodKind];
  return `${FIELD_NAMES[field]()} ${fieldText(field, s.inputs[field])}，得分 ${s.score === null ? '—' : formatPoints(s.score)}`;
}
export const claimStood = (c: Pick<ClaimRecord, 'kind' | 'status' | 'occurrences' | 'amount'>) =>
  `${CLAIM_WORDS[c.kind]} ${c.occurrences} 项 ${c.kind === 'bonus' ? '+' : '−'}${formatPoints(c.amount)} 分，${c.status === 'approved' ? CLAIM_WORDS.approved : CLAIM_WORDS.rejected}`;

/**
 * The items of the unit's result: every scored leaf of its plan with a submitted score, and every bonus
 * or deduction item the bureau decided (a rejected bonus too: the unit may dispute the rejection).
 */
export function reviewableItems(plan: Pick<CategoryPlan, 'tree'>, scores: readonly ScoreRecord[], claims: readonly ClaimRecord[]): Reviewable[] {
  const byLeaf = new Map(scores.map((s) => [s.indicatorId, s]));
  const out: Reviewable[] = [];
  for (const leaf of scoredLeaves(plan)) {
    const s = byLeaf.get(leaf.id);
    if (s?.status === 'submitted') out.push({ itemId: scoreItemId(leaf.id), kind: 'score', name: `${leaf.id} ${leaf.name}`, stood: scoreStood(s), field: SCORE_FIELD[s.methodKind] });
  }
  for (const c of claims) {
    if (c.status === 'approved' || c.status === 'rejected') out.push({ itemId: claimItemId(c.id), kind: 'claim', name: `${CLAIM_WORDS[c.kind]}：${c.name}`, stood: claimStood(c) });
  }
  return out;
}

/** Whether a request may be filed now: published, and before 24:00 Beijing of reviewUntil. */
export function windowRefusal(publication: { reviewUntil: string } | undefined, now: number): string | undefined {
  if (!publication) return t('本单位初步考评结果尚未公布，不能申请复核', 'Your preliminary result is not published yet: no review can be requested');
  if (now >= deadlineInstant(publication.reviewUntil)) {
    return t(`复核申请期限已于 ${publication.reviewUntil} 24:00 截止，不能再申请复核`, `The review window closed at 24:00 on ${publication.reviewUntil}: no review can be requested`);
  }
  return undefined;
}

export interface ItemDraft {
  itemId: string;
  reason: string;
}

/**
 * Problems of a request's items (400 paths under body.items): each must be an item of the result, named
 * once, and not already in another of the unit's requests (a decided item is not reviewed twice).
 */
export function itemProblems(items: readonly ItemDraft[], reviewable: readonly Reviewable[], others: readonly Pick<ReviewRecord, 'id' | 'items'>[]): { path: string; message: string }[] {
  const known = new Set(reviewable.map((r) => r.itemId));
  const taken = new Set(others.flatMap((o) => o.items.map((i) => i.itemId)));
  const seen = new Set<string>();
  const problems: { path: string; message: string }[] = [];
  items.forEach((i, n) => {
    const path = `body.items.${n}.itemId`;
    if (!known.has(i.itemId)) problems.push({ path, message: t('该事项不是本单位初步结果中可复核的事项', 'Not an item of your preliminary result that can be reviewed') });
    else if (seen.has(i.itemId)) problems.push({ path, message: t('同一事项只能列一次', 'An item is named once') });
    else if (taken.has(i.itemId)) problems.push({ path, message: t('该事项已在本单位的另一复核申请中', 'This item is already in another review request of your unit') });
    seen.add(i.itemId);
  });
  return problems;
}

const isUnitPerson = (c: Pick<Caller, 'role' | 'unitId'>, unitId: string) => (c.role === 'unit_staff' || c.role === 'unit_leader') && c.unitId === unitId;

/** Why the caller may not change the request; undefined when they may. */
export function editRefusal(r: Pick<ReviewRecord, 'status' | 'unitId'>, caller: Pick<Caller, 'role' | 'unitId'>): string | undefined {
  if (!isUnitPerson(caller, r.unitId)) return t('只有本单位可以修改复核申请', 'Only the unit may change its review request');
  if (r.status !== 'draft') return t('该复核申请已提交，不能再修改', 'This review request has been filed and can no longer change');
  return undefined;
}

/** The unit's filer drafts; only its leader files the request with the bureau. */
export function submitRefusal(r: Pick<ReviewRecord, 'status' | 'unitId'>, caller: Pick<Caller, 'role' | 'unitId'>): string | undefined {
  return editRefusal(r, caller) ?? (caller.role !== 'unit_leader' ? t('复核申请须经单位负责人审核后提交', 'The unit leader files the review request') : undefined);
}

export interface DecisionBody {
  itemId: string;
  outcome: 'upheld' | 'adjusted';
  inputs?: Record<string, unknown> | undefined;
  claim?: { decision: 'approve' | 'reject'; occurrences: number } | undefined;
}

/** What a decision must carry: an adjustment its correction (the input of a score, the claim's outcome), upholding none. 400 paths. */
export function decisionProblems(item: Pick<ReviewItem, 'kind' | 'decision'> | undefined, body: DecisionBody): { status: 400 | 404 | 409; path: string; message: string } | undefined {
  if (!item) return { status: 404, path: 'body.itemId', message: t('复核申请中没有该事项', 'The request does not name this item') };
  if (item.decision) return { status: 409, path: 'body.itemId', message: t('该事项已作出复核决定', 'This item has already been decided') };
  const hasInputs = body.inputs !== undefined && Object.keys(body.inputs).length > 0;
  if (body.outcome === 'upheld') {
    if (hasInputs) return { status: 400, path: 'body.inputs', message: t('维持原结果时不填更正内容', 'Leave the correction out when upholding') };
    if (body.claim) return { status: 400, path: 'body.claim', message: t('维持原结果时不填更正内容', 'Leave the correction out when upholding') };
    return undefined;
  }
  if (item.kind === 'score') {
    if (body.claim) return { status: 400, path: 'body.claim', message: t('评分事项的调整填写更正后的评分输入', 'A score is adjusted by its corrected input') };
    if (!hasInputs) return { status: 400, path: 'body.inputs', message: t('调整须填写更正后的评分输入（由评分引擎计算得分）', 'An adjustment gives the corrected input (the engine scores it)') };
  } else {
    if (hasInputs) return { status: 400, path: 'body.inputs', message: t('加减分事项的调整填写批准与否及项数', 'A bonus or deduction item is adjusted by its decision and count') };
    if (!body.claim) return { status: 400, path: 'body.claim', message: t('调整须写明该加减分事项批准与否及项数', 'An adjustment states whether the item is approved and its count') };
  }
  return undefined;
}

/** The request after one more item is decided: decided once all are. */
export function withDecision(r: ReviewRecord, itemId: string, decision: ReviewItem['decision'], at: string, by: string): ReviewRecord {
  const items = r.items.map((i) => (i.itemId === itemId ? { ...i, decision } : i));
  const done = items.every((i) => i.decision);
  return { ...r, items, status: done ? 'decided' : r.status, ...(done ? { decidedAt: at } : {}), version: r.version + 1, updatedAt: at, updatedBy: by };
}

/** Queue order: filed and waiting first (oldest first), then decided (newest first), then drafts. */
export function queueOrder(a: Pick<ReviewRecord, 'status' | 'submittedAt' | 'updatedAt'>, b: Pick<ReviewRecord, 'status' | 'submittedAt' | 'updatedAt'>): number {
  const rank = { submitted: 0, decided: 1, draft: 2 } as const;
  return rank[a.status] - rank[b.status] || (a.status === 'submitted' ? (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') : b.updatedAt.localeCompare(a.updatedAt));
}

/** The evidence object of a review (the bucket's key scope for the unit's reviews). */
export const reviewEvidenceObjectKey = (s: { regionId: string; cycleId: string; unitId: string }, fileId: string) => `evidence/${s.regionId}/${s.cycleId}/${s.unitId}/_reviews/${fileId}`;
