// What a 复核 adjustment writes (pure): for a score item, the assessor's input corrected — kept in the
// score's corrections with the review as its reason (who/when/from/to, as the scores slice keeps them) —
// and the score by the engine; a ranking leaf re-ranks every unit of the category. For a claim, the
// bureau's decision replaced (approved with its count, or rejected) with the amount by the rule.
import { t } from '../contracts/lang.ts';
import type { ClaimRecord } from '../model/claim.ts';
import type { ScoreInputs, ScoreRecord } from '../model/score.ts';
import { computeScore, correctionOf, inputValue, rankAll, SCORE_FIELD } from './assessor-scores.ts';
import { claimTerms } from './claims.ts';
import { ValidationError } from './errors.ts';
import type { BonusRule, DeductionRule, PlanNode } from './plan.ts';
import { claimStood, scoreStood } from './reviews.ts';

export interface ScoreAdjustment {
  writes: { before: ScoreRecord; after: ScoreRecord }[];
  change: { from: string; to: string };
}

/**
 * The scores an adjustment of `before`'s input writes. `category` holds the category's scores of the
 * same leaf (for a ranking: every unit's value is re-ranked). The reason recorded is the review's.
 */
export function adjustScore(
  leaf: PlanNode & { method: NonNullable<PlanNode['method']> },
  before: ScoreRecord,
  inputs: Record<string, unknown>,
  category: readonly ScoreRecord[],
  ctx: { reason: string; by: string; at: string },
): ScoreAdjustment {
  const kind = before.methodKind;
  const field = SCORE_FIELD[kind];
  const value = inputValue(kind, inputs);
  const correction = correctionOf(field, before.inputs[field], value, ctx.reason, ctx.by, ctx.at);
  if (!correction) throw new ValidationError(t('调整须改变评分输入', 'An adjustment changes the input'), [{ path: `body.inputs.${field}`, message: t('与原评分输入相同；如维持原结果请选择「维持」', 'Same as the input that stands; choose “upheld” to keep it') }]);
  const next = (s: ScoreRecord, inputs: ScoreInputs, extra: Partial<ScoreRecord> = {}): ScoreRecord => ({ ...s, ...extra, inputs, version: s.version + 1, updatedAt: ctx.at, updatedBy: ctx.by });
  const own: ScoreInputs = kind === 'completion' ? { target: before.inputs.target, actual: String(value) } : { [field]: value };
  if (kind !== 'ranking') {
    const after = next(before, own, { corrections: [...before.corrections, correction], ...computeScore(leaf, own) });
    return { writes: [{ before, after }], change: { from: scoreStood(before), to: scoreStood(after) } };
  }
  // A ranking: every unit of the category re-ranked over the values as they will be.
  const ids = category.map((s) => s.unitId);
  const valueOf = (s: ScoreRecord) => (s.unitId === before.unitId ? String(value) : s.inputs.value);
  const values = new Map(category.flatMap((s) => (valueOf(s) !== undefined ? [[s.unitId, valueOf(s)!] as const] : [])));
  const ranks = rankAll(values, ids);
  const writes: ScoreAdjustment['writes'] = [];
  for (const s of category) {
    const { rank: _r, count: _c, ...rest } = s.inputs;
    const base: ScoreInputs = { ...rest, ...(s.unitId === before.unitId ? { value: String(value) } : {}) };
    const inputsAfter: ScoreInputs = ranks ? { ...base, ...ranks.get(s.unitId)! } : base;
    const computed = computeScore(leaf, inputsAfter, { missing: ids.length - values.size, count: ids.length });
    const mine = s.unitId === before.unitId;
    if (!mine && computed.score === s.score && inputsAfter.rank === s.inputs.rank && inputsAfter.count === s.inputs.count) continue;
    writes.push({ before: s, after: next(s, inputsAfter, { ...computed, ...(mine ? { corrections: [...s.corrections, correction] } : {}) }) });
  }
  const mine = writes.find((w) => w.after.unitId === before.unitId)!;
  return { writes, change: { from: scoreStood(before), to: scoreStood(mine.after) } };
}

/** A claim's decision replaced by the review's: approved with `occurrences` (the rule's amount), or rejected. */
export function adjustClaim(
  before: ClaimRecord,
  rule: BonusRule | DeductionRule,
  claim: { decision: 'approve' | 'reject'; occurrences: number },
  ctx: { reason: string; by: string; at: string },
): { after: ClaimRecord; change: { from: string; to: string } } {
  const outcome = claim.decision === 'approve' ? 'approved' : 'rejected';
  const terms = claimTerms(rule, claim.occurrences);
  if ('problem' in terms) throw new ValidationError(t('项数有误', 'Count problem'), [{ path: 'body.claim.occurrences', message: terms.problem }]);
  if (outcome === before.status && (outcome === 'rejected' || claim.occurrences === before.occurrences)) {
    throw new ValidationError(t('调整须改变审核结果或项数', 'An adjustment changes the decision or the count'), [{ path: 'body.claim', message: t('与原审核结果相同；如维持原结果请选择「维持」', 'Same as the decision that stands; choose “upheld” to keep it') }]);
  }
  const after: ClaimRecord = {
    ...before,
    occurrences: claim.occurrences,
    amount: terms.amount,
    status: outcome,
    decision: { outcome, by: ctx.by, at: ctx.at, reason: ctx.reason },
    version: before.version + 1,
    updatedAt: ctx.at,
    updatedBy: ctx.by,
  };
  return { after, change: { from: claimStood(before), to: claimStood(after) } };
}
