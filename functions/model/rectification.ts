// Rectification (整改, Art 25–26), stage 10 of the cycle, in the cycle's work partition (data/keys.ts):
//   - one plan per unit and problem found (domain/problems.ts; keys.rectification, sk RECTIFY#u#problemId):
//     responsible person and post, measures, commitment, deadline; progress reports with evidence; the
//     result when the unit marks it done; the bureau's acceptance or return. Status:
//       draft → submitted (to the unit leader) → approved (public, 整改中) → completed (with the bureau)
//       → accepted; the leader returns a submitted plan to draft, the bureau returns a completion
//       (returned: the unit keeps reporting and marks it done again).
//   - pending evidence uploads (keys.rectifyUpload, sk RECTIFY#u##UPLOAD#fileId), as for feedback;
//   - a carried goal (Art 26) in the NEXT cycle's partition (keys.carriedGoal, sk GOAL#u##CARRY#from#problemId):
//     a key problem or satisfaction item offered to the unit as a draft goal, accepted under an
//     indicator of that cycle's plan or declined with a reason.
import { ids, isoDate, text, version, z } from '../contracts/zod.ts';
import { evidenceFile, evidenceUploadRecord, EVIDENCE_MAX_FILES } from './progress-report.ts';

export const RECTIFY_STATUSES = ['draft', 'submitted', 'approved', 'completed', 'accepted', 'returned'] as const;
export type RectifyStatus = (typeof RECTIFY_STATUSES)[number];
export const rectifyStatus = z.enum(RECTIFY_STATUSES);

export const problemKind = z.enum(['score', 'satisfaction', 'feedback', 'claim']);

export const measuresText = text({ min: 1, max: 2000, multiline: true });
export const progressText = text({ min: 1, max: 2000, multiline: true });
/** At most this many progress reports per plan (a monthly report for well over a year). */
export const MAX_PROGRESS = 24;

export const progressEntry = z.object({
  id: z.string(),
  text: z.string(),
  evidence: z.array(evidenceFile).max(EVIDENCE_MAX_FILES).default([]),
  at: z.string(),
  by: z.string(),
});
export type ProgressEntry = z.infer<typeof progressEntry>;

/** An overdue plan escalated: to the unit leader (level 1), then the bureau (level 2); once each per deadline. */
export const rectifyEscalation = z.object({ due: isoDate, level: z.union([z.literal(1), z.literal(2)]), at: z.string() });

export const rectificationRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  problemId: z.string(),
  unitName: z.string(),
  categoryId: ids.category,
  /** The problem as found when the plan was first saved (the results are frozen, so it does not move). */
  kind: problemKind,
  key: z.boolean(),
  indicatorId: z.string().optional(),
  problemTitle: z.string(),
  problemDetail: z.string(),
  /** 责任人 (published: a government publishes who answers for a commitment) and their post. */
  responsible: z.string(),
  responsiblePost: z.string(),
  measures: z.string(),
  commitment: z.string(),
  deadline: isoDate,
  status: rectifyStatus,
  /** The unit leader's reason when a submitted plan went back to draft. */
  leaderReturnReason: z.string().optional(),
  /** The bureau's reason when it returned a completion. */
  returnReason: z.string().optional(),
  progress: z.array(progressEntry).max(MAX_PROGRESS).default([]),
  result: z.object({ text: z.string(), evidence: z.array(evidenceFile).max(EVIDENCE_MAX_FILES).default([]), at: z.string(), by: z.string(), late: z.boolean() }).optional(),
  decision: z.object({ outcome: z.enum(['accepted', 'returned']), reason: z.string().optional(), by: z.string(), at: z.string() }).optional(),
  escalations: z.array(rectifyEscalation).default([]),
  submittedAt: z.string().optional(),
  approvedAt: z.string().optional(),
  approvedBy: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type RectificationRecord = z.infer<typeof rectificationRecord>;

export const rectifyUploadRecord = evidenceUploadRecord.omit({ period: true, indicatorId: true }).extend({ signerUnitId: ids.unit, problemId: z.string() });
export type RectifyUploadRecord = z.infer<typeof rectifyUploadRecord>;

export const CARRIED_STATUSES = ['pending', 'accepted', 'declined'] as const;
export const carriedStatus = z.enum(CARRIED_STATUSES);
export type CarriedStatus = z.infer<typeof carriedStatus>;

export const carriedGoalRecord = z.object({
  regionId: ids.region,
  /** The cycle it is carried INTO (its partition). */
  cycleId: ids.cycle,
  unitId: ids.unit,
  fromCycleId: ids.cycle,
  fromYear: z.number().int(),
  problemId: z.string(),
  kind: problemKind,
  title: z.string(),
  detail: z.string(),
  /** The measures of the unit's rectification plan, when it filed one. */
  measures: z.string().optional(),
  /** The indicator of the next plan with the same id, when it has one: proposed to the unit. */
  suggestedIndicatorId: z.string().optional(),
  status: carriedStatus,
  /** Accepted: the indicator it joins and the unit's target text for it. */
  indicatorId: z.string().optional(),
  indicatorName: z.string().optional(),
  target: z.string().optional(),
  declineReason: z.string().optional(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type CarriedGoalRecord = z.infer<typeof carriedGoalRecord>;
