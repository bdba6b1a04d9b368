// Progress reports during the year (Art 13), kept in the cycle's work partition (functions/data/keys.ts):
//   - the cycle's report schedule (keys.progressSchedule): monthly (default) or quarterly, and the due day
//     of the month after each period (default the 5th; domain/progress-periods.ts);
//   - a unit's report of one period (keys.progressReport): its status — draft → submitted (awaiting the unit
//     leader) → approved, or returned by the leader to the filer — its due date, whether it was submitted
//     late (kept once set), and its goals counted; the leader's approval moves every item of the period;
//   - one item per approved goal per period (keys.progressItem, sk PROGRESS#unit#period#indicator): the
//     value reached, narrative, problems, next steps and evidence files; or `nothingToReport` with a reason
//     (a period is declared, never left blank);
//   - a pending evidence upload (keys.evidenceUpload): recorded when a PUT URL is signed, confirmed (HEAD,
//     same SHA-256 and size) when an item references the file.
//
// FED VALUES (issue 12, indicator feed): an item may carry `fed` = { value, systemId, systemName, at },
// written by a feeding system through its key. Where `fed` is present the unit cannot change `value`
// (the write is refused with 409), and the report shows the value as 系统采集 (collected by system).
// The feed writes `value` and `fed` together so readers use `value` either way.
//
// Readers of approved reports (early warning, dashboard): an item's `status` is its period report's
// status (moved with it), `value` the figure reached, `nothingToReport` the declared empty period, and
// `late` whether the report reached the leader after its due day.
import { ids, isoDate, text, version, z } from '../contracts/zod.ts';

export const REPORT_FREQUENCIES = ['monthly', 'quarterly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];
export const reportFrequency = z.enum(REPORT_FREQUENCIES);

/** A period: a month of the cycle's year (2026-03) or a quarter (2026-Q1). */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;
export const period = z.string().regex(PERIOD_PATTERN);

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const reportStatus = z.enum(REPORT_STATUSES);

/** The cycle's schedule of progress reports (set by the bureau; the defaults when none is stored). */
export const progressSchedule = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  frequency: reportFrequency,
  /** The day of the month after the period by which the report is due (24:00 Beijing). */
  dueDay: z.number().int().min(1).max(28),
  /** Working days after the unit leader's notice of a missed report before the bureau is told (default BUREAU_ESCALATION_WORKING_DAYS). */
  bureauAfterDays: z.number().int().min(1).max(10).optional(),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ProgressSchedule = z.infer<typeof progressSchedule>;

/** A figure as goals measure them (functions/model/goal.ts). */
export const figure = z.number().min(-1e15).max(1e15);

/** Evidence file content types allowed (pdf, images, office documents). */
export const EVIDENCE_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
] as const;
export const evidenceType = z.enum(EVIDENCE_TYPES);
/** The largest evidence file (20 MB). */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
/** Files per goal and period. */
export const EVIDENCE_MAX_FILES = 10;

/** SHA-256 as S3 takes it (ChecksumSHA256): base64 of the 32 bytes. */
export const sha256Base64 = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);
export const fileId = z.string().regex(/^[a-z0-9]{16,32}$/);

/** An evidence file attached to an item: the object under the item's scope, its hash as S3 verified it. */
export const evidenceFile = z.object({
  fileId,
  name: text({ min: 1, max: 120 }),
  contentType: evidenceType,
  size: z.number().int().min(1).max(EVIDENCE_MAX_BYTES),
  sha256: sha256Base64,
  uploadedAt: z.string(),
  uploadedBy: z.string(),
});
export type EvidenceFile = z.infer<typeof evidenceFile>;

/** A value fed by another system (see the header): the unit cannot change it. */
export const fedValue = z.object({
  value: figure,
  systemId: z.string(),
  systemName: z.string(),
  at: z.string(),
});
export type FedValue = z.infer<typeof fedValue>;

/** What the unit fills in for one goal in one period. */
export const progressFields = z.object({
  /** The value reached so far (cumulative, in the goal's unit of measure). */
  value: figure.optional(),
  /** Declared: nothing to report for this goal this period (with `nothingReason`). */
  nothingToReport: z.boolean().default(false),
  nothingReason: text({ max: 300, multiline: true }).optional(),
  narrative: text({ max: 2000, multiline: true }).optional(),
  problems: text({ max: 1000, multiline: true }).optional(),
  nextSteps: text({ max: 1000, multiline: true }).optional(),
});
export type ProgressFields = z.infer<typeof progressFields>;

/** One goal's report in one period (keys.progressItem). */
export const progressItemRecord = progressFields.extend({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  period,
  indicatorId: z.string(),
  categoryId: ids.category,
  /** The goal's assessor unit ('' none): it reads the item once approved (gsi2, keys.progressAssessor). */
  assessorUnitId: z.string().default(''),
  evidence: z.array(evidenceFile).max(EVIDENCE_MAX_FILES).default([]),
  fed: fedValue.optional(),
  /** The period report's status, moved with it. */
  status: reportStatus,
  /** Set when the period's report was submitted after its due day. */
  late: z.boolean().default(false),
  /** The staged approval (data/goal-moves.ts pattern) that last wrote the item. */
  moveToken: z.string().optional(),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ProgressItemRecord = z.infer<typeof progressItemRecord>;

export const reportCounts = z.object({
  /** Items that hold a value or a declaration. */
  filled: z.number().int().min(0),
  nothingToReport: z.number().int().min(0),
});
export type ReportCounts = z.infer<typeof reportCounts>;

const progressReportFields = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  period,
  categoryId: ids.category,
  status: reportStatus,
  dueDate: isoDate,
  /** Submitted after `dueDate` (Beijing): kept once set, whatever happens to the report after. */
  late: z.boolean().default(false),
  counts: reportCounts,
  submittedAt: z.string().optional(),
  submittedBy: z.string().optional(),
  approvedAt: z.string().optional(),
  approvedBy: z.string().optional(),
  returnReason: z.string().optional(),
  returnedAt: z.string().optional(),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});

/** An approval too large for one transaction, held on the report until done (data/goal-moves.ts pattern). */
export const reportMoving = z.object({
  token: z.string(),
  action: z.string(),
  at: z.string(),
  by: z.string(),
  after: progressReportFields,
  items: z.array(z.object({ indicatorId: z.string(), fromVersion: version })),
  /** The notices the move sends when it is done (data/notifications.ts items). */
  notices: z.array(z.record(z.string(), z.unknown())),
});
export type ReportMoving = z.infer<typeof reportMoving>;

/** A unit's report of one period (keys.progressReport). */
export const progressReportRecord = progressReportFields.extend({ moving: reportMoving.optional() });
export type ProgressReportRecord = z.infer<typeof progressReportRecord>;

/** A signed upload not yet referenced by an item (keys.evidenceUpload). */
export const evidenceUploadRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  period,
  indicatorId: z.string(),
  fileId,
  name: text({ min: 1, max: 120 }),
  contentType: evidenceType,
  size: z.number().int().min(1).max(EVIDENCE_MAX_BYTES),
  sha256: sha256Base64,
  /** The object key in the evidence bucket (domain/evidence.ts evidenceObjectKey). */
  objectKey: z.string(),
  signedAt: z.string(),
  signedBy: z.string(),
});
export type EvidenceUploadRecord = z.infer<typeof evidenceUploadRecord>;
