// 复核 (review of a published preliminary result, Art 21) in the cycle's work partition (data/keys.ts,
// kind REVIEW): a unit's request (keys.review, sk REVIEW#u#id) names items of its result — a leaf's
// score (SCORE#u#indicator, itemId `score:<indicator>`) or a decided bonus/deduction item (CLAIM#u#id,
// itemId `claim:<id>`) — each with the unit's reasons and evidence; the bureau decides each item: upheld
// (维持) or adjusted (调整, the corrected input applied to the SCORE/CLAIM item in the same commit).
// Pending evidence uploads: keys.reviewUpload (sk REVIEW#u##UPLOAD#fileId).
import { ids, text, version, z } from '../contracts/zod.ts';
import { t } from '../contracts/lang.ts';
import { claimUploadRecord } from './claim.ts';
import { evidenceFile, EVIDENCE_MAX_FILES } from './progress-report.ts';

/** draft: with the unit; submitted: filed, with the bureau; decided: every item decided. */
export const REVIEW_STATUSES = ['draft', 'submitted', 'decided'] as const;
export const reviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof reviewStatus>;

export const REVIEW_OUTCOMES = ['upheld', 'adjusted'] as const;
export const reviewOutcome = z.enum(REVIEW_OUTCOMES);
export type ReviewOutcome = z.infer<typeof reviewOutcome>;

/** A reviewable item's stable id: `score:<indicator id>` or `claim:<claim id>` (domain/reviews.ts). */
export const reviewItemId = z.string().regex(/^(score:[^#\s:]{1,20}|claim:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, {
  error: () => t('复核事项编号有误', 'Not a valid review item id'),
});
export const reviewReason = text({ min: 1, max: 2000, multiline: true });
export const reviewOpinion = text({ min: 1, max: 2000, multiline: true });
export const MAX_REVIEW_ITEMS = 30;

export const reviewDecision = z.object({
  outcome: reviewOutcome,
  opinion: z.string(),
  by: z.string(),
  at: z.string(),
  /** An adjustment: what stood and what it became (the input, or the claim's decision and amount). */
  change: z.object({ from: z.string(), to: z.string() }).optional(),
});
export type ReviewDecision = z.infer<typeof reviewDecision>;

export const reviewItem = z.object({
  itemId: reviewItemId,
  kind: z.enum(['score', 'claim']),
  /** The indicator's or the rule's name, and what stood when the request was saved. */
  name: z.string(),
  stood: z.string(),
  /** A score item: the assessor's input its method takes (domain/assessor-scores.ts SCORE_FIELD), what an adjustment corrects. */
  field: z.enum(['actual', 'value', 'occurrences', 'level', 'score', 'rate']).optional(),
  reason: z.string(),
  evidence: z.array(evidenceFile).max(EVIDENCE_MAX_FILES).default([]),
  decision: reviewDecision.optional(),
});
export type ReviewItem = z.infer<typeof reviewItem>;

export const reviewRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  id: z.string(),
  unitName: z.string(),
  categoryId: ids.category,
  categoryName: z.string(),
  status: reviewStatus,
  items: z.array(reviewItem).min(1).max(MAX_REVIEW_ITEMS),
  createdAt: z.string(),
  createdBy: z.string(),
  submittedAt: z.string().optional(),
  submittedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ReviewRecord = z.infer<typeof reviewRecord>;

/** A signed evidence upload for a unit's review not yet referenced by it; only the signer's unit may use it. */
export const reviewUploadRecord = claimUploadRecord;
export type ReviewUploadRecord = z.infer<typeof reviewUploadRecord>;
