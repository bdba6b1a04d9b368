// A feedback item during the year (Art 14): the bureau or an assessor unit names a problem of a unit
// (on one of its goals, or on the unit as a whole); the unit answers with an explanation and measures
// within 10 working days of receipt, then reports the result by the date the sender set; the sender
// accepts it or sends it back. Unanswered or late feedback becomes a proposed Art 20 deduction.
import { ids, isoDate, text, version, z } from '../contracts/zod.ts';
import { evidenceFile, evidenceUploadRecord, EVIDENCE_MAX_FILES } from './progress-report.ts';

/**
 * open: waiting for the unit's answer; answered: measures given, the result is due; reported: the
 * result waits for the sender; returned: sent back, a new result is due; accepted: closed.
 */
export const FEEDBACK_STATUSES = ['open', 'answered', 'reported', 'returned', 'accepted'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const feedbackStatus = z.enum(FEEDBACK_STATUSES);

export const senderKind = z.enum(['bureau', 'assessor']);
export type SenderKind = z.infer<typeof senderKind>;

/** A due date; provisional when counted across a year whose holiday notice is not entered yet. */
export const dueDate = z.object({ date: isoDate, provisional: z.boolean() });
export type DueDate = z.infer<typeof dueDate>;

export const FEEDBACK_STEPS = ['raise', 'answer', 'report', 'accept', 'return', 'escalate', 'recompute'] as const;
export const feedbackStep = z.enum(FEEDBACK_STEPS);
export type FeedbackStep = z.infer<typeof feedbackStep>;

/** One step of the item's history: who did what, when. */
export const feedbackEvent = z.object({
  step: feedbackStep,
  at: z.string(),
  by: z.string(),
  role: z.string(),
  /** The reasons of a return, the escalation's addressee, the date recomputed, … */
  note: z.string().optional(),
  late: z.boolean().optional(),
});
export type FeedbackEvent = z.infer<typeof feedbackEvent>;

/** A missed deadline escalated: to the unit leader (level 1), then the bureau (level 2); once each per deadline. */
export const feedbackEscalation = z.object({ clock: z.enum(['answer', 'result']), due: isoDate, level: z.union([z.literal(1), z.literal(2)]), at: z.string() });
export type FeedbackEscalation = z.infer<typeof feedbackEscalation>;

export const problemText = text({ min: 1, max: 2000, multiline: true });
export const replyText = text({ min: 1, max: 2000, multiline: true });

export const feedbackRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  feedbackId: z.string(),
  unitName: z.string(),
  /** The goal it is about; absent when it concerns the unit as a whole. */
  indicatorId: z.string().optional(),
  indicatorName: z.string().optional(),
  senderKind,
  senderUnitId: ids.unit,
  senderUnitName: z.string(),
  problem: z.string(),
  /** The sender's evidence files (in the evidence bucket, uploaded through a signed PUT, hash checked). */
  evidence: z.array(evidenceFile).max(EVIDENCE_MAX_FILES).default([]),
  receivedOn: isoDate,
  answerDue: dueDate,
  resultDue: isoDate,
  status: feedbackStatus,
  answer: z.object({ explanation: z.string(), measures: z.string(), evidence: z.array(evidenceFile).max(EVIDENCE_MAX_FILES).default([]), at: z.string(), by: z.string(), late: z.boolean() }).optional(),
  /** The latest result reported (a result sent back and reported again replaces it; the history keeps each step). */
  result: z.object({ text: z.string(), evidence: z.array(evidenceFile).max(EVIDENCE_MAX_FILES).default([]), at: z.string(), by: z.string(), late: z.boolean() }).optional(),
  /** The sender's reasons when it last sent the result back. */
  returnReason: z.string().optional(),
  escalations: z.array(feedbackEscalation).default([]),
  history: z.array(feedbackEvent),
  raisedAt: z.string(),
  raisedBy: z.string(),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type FeedbackRecord = z.infer<typeof feedbackRecord>;

/**
 * A signed evidence upload for a unit's feedback not yet referenced (keys.feedbackUpload): by the
 * sender before it raises the item (no feedbackId), or by the unit for its answer or result (the
 * item's id). Only the signer's unit may reference it, and only for what it was signed for.
 */
export const feedbackUploadRecord = evidenceUploadRecord.omit({ period: true, indicatorId: true }).extend({ signerUnitId: ids.unit, feedbackId: z.string().optional() });
export type FeedbackUploadRecord = z.infer<typeof feedbackUploadRecord>;

/** Why feedback is proposed for an Art 20 deduction. */
export const proposalReason = z.enum(['unanswered', 'answeredLate']);
export type ProposalReason = z.infer<typeof proposalReason>;

/** A deduction proposed for the assessment stage: never applied here (issue 13 decides them). */
export const deductionProposalRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  feedbackId: z.string(),
  unitName: z.string(),
  indicatorId: z.string().optional(),
  indicatorName: z.string().optional(),
  problem: z.string(),
  reason: proposalReason,
  answerDue: isoDate,
  answeredAt: z.string().optional(),
  /** proposed: waiting; drafted: the bureau made it a deduction draft (claimId); dismissed: with the bureau's reason (functions/handlers/api/claims.ts). */
  status: z.enum(['proposed', 'drafted', 'dismissed']),
  proposedAt: z.string(),
  proposedBy: z.string(),
  claimId: z.string().optional(),
  dismissReason: z.string().optional(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
});
export type DeductionProposalRecord = z.infer<typeof deductionProposalRecord>;
