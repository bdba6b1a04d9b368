// Bonus (Art 19) and deduction (Art 20) items of a unit in a cycle (keys.claim, CLAIM#u#id): a unit
// claims a bonus under one of its plan's bonus rules, an assessor unit or the bureau raises a
// deduction under a deduction rule; the bureau (its leader for rules needing approval) decides each.
// Amounts are exact hundredths: the rule's points × occurrences. The results computation reads the
// approved items as the engine's bonuses and deductions (domain/scoring/total.ts ScoreItem).
import { ids, text, version, z } from '../contracts/zod.ts';
import { evidenceFile, evidenceUploadRecord, EVIDENCE_MAX_FILES } from './progress-report.ts';

export const CLAIM_KINDS = ['bonus', 'deduction'] as const;
export const claimKind = z.enum(CLAIM_KINDS);
export type ClaimKind = z.infer<typeof claimKind>;

/** draft: with whoever raised it; submitted: with the bureau; approved / rejected: decided. */
export const CLAIM_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;
export const claimStatus = z.enum(CLAIM_STATUSES);
export type ClaimStatus = z.infer<typeof claimStatus>;

/** Who raised the item: the unit itself (bonuses), an assessor unit or the bureau (deductions). */
export const raiserKind = z.enum(['unit', 'assessor', 'bureau']);
export type RaiserKind = z.infer<typeof raiserKind>;

/** The facts or achievements as the raiser writes them, and a decision's reason. */
export const claimText = text({ min: 1, max: 2000, multiline: true });
export const decisionReason = text({ min: 1, max: 1000, multiline: true });
/** How many items or occurrences the claim counts (the amount is the rule's points times this). */
export const occurrences = z.number().int().min(1).max(100);

export const claimRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  /** The claim's id (a UUID). */
  id: z.string(),
  /** Names as they were when raised, so the bureau's queue is one Query. */
  unitName: z.string(),
  categoryId: ids.category,
  kind: claimKind,
  ruleId: z.string(),
  /** The rule's name. */
  name: z.string(),
  occurrences,
  /** Hundredths: the rule's points × occurrences. */
  amount: z.number().int().min(1),
  /** A deduction under a rule marked 情节严重: lowers the grade (Art 20). */
  severe: z.boolean(),
  /** The rule needs the bureau leader's approval (报批). */
  needsApproval: z.boolean(),
  raisedBy: z.object({ kind: raiserKind, unitId: ids.unit }),
  /** Where a deduction came from: a feedback item proposed for Art 20 (functions/model/feedback.ts). */
  source: z.object({ feedbackId: z.string() }).optional(),
  description: z.string(),
  evidence: z.array(evidenceFile).max(EVIDENCE_MAX_FILES).default([]),
  status: claimStatus,
  submittedAt: z.string().optional(),
  submittedBy: z.string().optional(),
  decision: z.object({ outcome: z.enum(['approved', 'rejected']), by: z.string(), at: z.string(), reason: z.string() }).optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ClaimRecord = z.infer<typeof claimRecord>;

/** A signed evidence upload for a unit's items not yet referenced by one (keys.claimUpload); only the signer's unit may use it. */
export const claimUploadRecord = evidenceUploadRecord.omit({ period: true, indicatorId: true }).extend({ signerUnitId: ids.unit });
export type ClaimUploadRecord = z.infer<typeof claimUploadRecord>;
