// The results notice (绩效考评结果通报, Art 22, 27) of a cycle, in the cycle's work partition
// (data/keys.ts, RESULT##NOTICE#): one item per version — drafted by the bureau from the CONFIRMED
// results (data/confirmations.ts), approved by the bureau leader, which publishes it — and a head naming
// the newest version and the one in force. A correction is the next version with its reason; the one it
// replaces stays, marked superseded. Each category keeps the confirmation version it was drafted from,
// so the approval can refuse a notice whose results were reopened or confirmed again since.
import { ids, text, version, z } from '../contracts/zod.ts';
import { GRADES } from '../domain/scoring/grading-rules.ts';
import { documentNumber } from './grade-decision.ts';

export const NOTICE_STATUSES = ['draft', 'submitted', 'returned', 'published', 'superseded'] as const;
export const noticeStatus = z.enum(NOTICE_STATUSES);

export const noticeTitle = text({ min: 2, max: 80 });
export const noticePreface = text({ max: 4000, multiline: true });
export const noticeReason = text({ min: 1, max: 2000, multiline: true });
export { documentNumber as noticeDocumentNumber };

/** One unit as the notice lists it. The total is kept for results use, never shown by the public answer. */
export const noticeUnit = z.object({
  unitId: z.string(),
  unitName: z.string(),
  grade: z.enum(GRADES),
  gradeName: z.string(),
  /** Place in the category (1 = best) and within its grade. */
  position: z.number().int(),
  rankInGrade: z.number().int(),
  tied: z.boolean(),
  total: z.number().int(),
  /** Approved Art 23 changes, each with its 文号. */
  changes: z.array(z.object({ target: z.enum(['grade', 'rank']), direction: z.enum(['raise', 'lower']), steps: z.number().int(), documentNumber: z.string() })),
  /** 一票否决: the plan's veto items (their names, the kind of reason) — never the facts. */
  vetoes: z.array(z.string()),
});
export type NoticeUnit = z.infer<typeof noticeUnit>;

export const noticeCategory = z.object({
  categoryId: z.string(),
  categoryName: z.string(),
  /** The confirmation version the units come from. */
  confirmationVersion: z.number().int().min(1),
  confirmedAt: z.string(),
  /** The plan's grassroots weighting factor (基层单位系数) in hundredths when drafted: 100 = 1.00. */
  factor: z.number().int().min(1),
  counts: z.record(z.enum(GRADES), z.number().int()),
  units: z.array(noticeUnit),
});
export type NoticeCategory = z.infer<typeof noticeCategory>;

/** A category not in the notice: never confirmed, or reopened for a correction and not confirmed again. */
export const missingCategory = z.object({ categoryId: z.string(), categoryName: z.string(), reason: z.enum(['unconfirmed', 'reopened']) });
export type MissingCategory = z.infer<typeof missingCategory>;

export const noticeRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  /** 1 for the first notice, 2 for its first correction, … */
  number: z.number().int().min(1),
  status: noticeStatus,
  title: z.string(),
  documentNumber: z.string(),
  /** The date printed on the notice (Beijing). */
  issueDate: z.string(),
  preface: z.string().optional(),
  /** Why this version corrects the one before (every version after the first). */
  correctionReason: z.string().optional(),
  categories: z.array(noticeCategory),
  missing: z.array(missingCategory),
  draftedAt: z.string(),
  draftedBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  submittedAt: z.string().optional(),
  submittedBy: z.string().optional(),
  returned: z.object({ by: z.string(), at: z.string(), reason: z.string() }).optional(),
  publishedAt: z.string().optional(),
  approvedBy: z.string().optional(),
  /** When a later version replaced it. */
  supersededAt: z.string().optional(),
  version,
});
export type NoticeRecord = z.infer<typeof noticeRecord>;

export const noticeHeadRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  /** The newest version (any status). */
  latest: z.number().int().min(1),
  /** The version in force, once one is published. */
  published: z.number().int().min(1).optional(),
  publishedAt: z.string().optional(),
  version,
});
export type NoticeHeadRecord = z.infer<typeof noticeHeadRecord>;
