// Self-assessment (自评, Art 16), stage 5 of the cycle, in the cycle's work partition (data/keys.ts):
//   - one item per approved goal (keys.selfAssessment, sk SELF#unit#indicator): what the goal's
//     scoring method needs as the unit's input — `achieved` (completion: the value reached, in the
//     goal's unit of measure; ranking: the value that will be ranked), `occurrences` (deduction),
//     `level` (qualitative), `selfScore` (direct: the unit's own score) — a narrative and evidence files;
//     `selfScore` with `explanation` is the engine's preview (scoring/methods.ts scoreGoal) where the
//     method allows one. Later stages never trust it: the assessor's score (SCORE#…) is what counts;
//   - the unit's set (keys.selfAssessmentSet, sk SELF#unit##SET, before every indicator): its status
//     draft → submitted (by the unit leader, to its assessor units and the bureau) → approved by the
//     bureau, or returned with a reason to the unit, which fixes and resubmits; counts kept on write;
//   - a pending evidence upload (keys.selfUpload, SELF#unit##UPLOAD#fileId), confirmed and removed
//     when an item references the file (as progress reports do).
// Items carry no status: the set's decides who reads them (assessor units: submitted or approved sets only).
import { ids, text, version, z } from '../contracts/zod.ts';
import { evidenceFile, evidenceUploadRecord, EVIDENCE_MAX_FILES, figure } from './progress-report.ts';

export const SELF_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type SelfStatus = (typeof SELF_STATUSES)[number];
export const selfStatus = z.enum(SELF_STATUSES);

/** Levels of a qualitative method (scoring/methods.ts QUALITATIVE_LEVELS). */
export const selfLevel = z.enum(['excellent', 'good', 'fair', 'poor']);

/** The method kinds a self-assessment can carry (a satisfaction leaf is the survey's, never the unit's). */
export const selfMethodKind = z.enum(['completion', 'ranking', 'deduction', 'qualitative', 'direct']);
export type SelfMethodKind = z.infer<typeof selfMethodKind>;

/** Hundredths of a point (scoring/points.ts): a whole number, never a float. */
const hundredths = z.number().int().min(0).max(100_000_000);

/** What the unit fills in for one goal; any of it may be empty in a draft (what is missing is named before submitting). */
export const selfFields = z.object({
  /** completion: the value achieved; ranking: the value to be ranked (in the goal's unit of measure). */
  achieved: figure.optional(),
  /** deduction: how many times the deducted event occurred. */
  occurrences: z.number().int().min(0).max(1_000_000).optional(),
  /** qualitative: the level the unit claims. */
  level: selfLevel.optional(),
  narrative: text({ max: 3000, multiline: true }).optional(),
});
export type SelfFields = z.infer<typeof selfFields>;

/** One goal's self-assessment (keys.selfAssessment). */
export const selfAssessmentRecord = selfFields.extend({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  indicatorId: z.string(),
  categoryId: ids.category,
  /** The goal assessed: its plan version and revision (Art 11 adjustments) when saved. */
  planVersion: version,
  goalRevision: version.optional(),
  /** The leaf's method kind and assessor unit ('' none) when saved. */
  methodKind: selfMethodKind,
  assessorUnitId: z.string().default(''),
  evidence: z.array(evidenceFile).max(EVIDENCE_MAX_FILES).default([]),
  /** The unit's own score: typed for a direct method, the engine's preview for the others; absent for ranking or while inputs are missing. */
  selfScore: hundredths.optional(),
  /** The engine's sentence for `selfScore`. */
  explanation: z.array(z.string()).default([]),
  /** Whether everything the method needs, and the narrative, is filled in (the set counts these). */
  complete: z.boolean().default(false),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type SelfAssessmentRecord = z.infer<typeof selfAssessmentRecord>;

export const selfCounts = z.object({
  /** Items saved, and of those complete. */
  saved: z.number().int().min(0),
  complete: z.number().int().min(0),
});
export type SelfCounts = z.infer<typeof selfCounts>;

/** A unit's self-assessment set of a cycle (keys.selfAssessmentSet). */
export const selfAssessmentSetRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  categoryId: ids.category,
  status: selfStatus,
  counts: selfCounts,
  /** The unit's approved goals when last saved: what the set has to cover. */
  goalCount: z.number().int().min(0),
  /** Bumped by every change of the set or one of its items. */
  version,
  submittedAt: z.string().optional(),
  submittedBy: z.string().optional(),
  /** Submitted after the unit's deadline (kept once set). */
  late: z.boolean().optional(),
  approvedAt: z.string().optional(),
  approvedBy: z.string().optional(),
  returnReason: z.string().optional(),
  returnedAt: z.string().optional(),
  returnedBy: z.string().optional(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type SelfAssessmentSetRecord = z.infer<typeof selfAssessmentSetRecord>;

/** A signed evidence upload of a self-assessment not yet referenced (keys.selfUpload). */
export const selfUploadRecord = evidenceUploadRecord.omit({ period: true });
export type SelfUploadRecord = z.infer<typeof selfUploadRecord>;
