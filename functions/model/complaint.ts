// A complaint or report about the assessment (投诉举报, Art 32), as stored. The filer's contact details
// are NOT part of this record: they live in their own item (complaintContactRecord) that expires, so
// lists, exports and the audit log never carry them (security.md, PIPL §6/§19: minimum, shortest).
import { STAGE_CODES } from '../domain/stages.ts';
import { ids, isoDate, z } from '../contracts/zod.ts';
import { dueDate } from './feedback.ts';

/** received 待处理 → handling 处理中 (assigned) → pending_approval 待领导审核 → answered 已答复. */
export const COMPLAINT_STATUSES = ['received', 'handling', 'pending_approval', 'answered'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const complaintStatus = z.enum(COMPLAINT_STATUSES);

/** How it came in: the public site without sign-in, or the portal (then it names the account). */
export const COMPLAINT_CHANNELS = ['public', 'portal'] as const;

export const complaintStep = z.object({
  step: z.enum(['file', 'assign', 'answer', 'approve', 'return', 'escalate']),
  at: z.string(),
  by: z.string(),
  role: z.string(),
  note: z.string().optional(),
});

export const complaintRecord = z.object({
  regionId: ids.region,
  complaintId: z.string(),
  /** sha256 of the query code: the code itself is shown once to the filer and never stored. */
  codeHash: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS),
  /** Portal filings: the account that filed. */
  filedBy: z.string().optional(),
  filerUnitId: z.string().optional(),
  receivedAt: z.string(),
  receivedOn: isoDate,
  cycleId: z.string().optional(),
  unitId: z.string().optional(),
  unitName: z.string().optional(),
  stage: z.enum(STAGE_CODES).optional(),
  subject: z.string(),
  content: z.string(),
  /** Whether contact details were left (they are kept apart, see the header). */
  hasContact: z.boolean(),
  due: dueDate,
  status: complaintStatus,
  handler: z.string().optional(),
  answer: z.object({ text: z.string(), by: z.string(), at: z.string() }).optional(),
  approvedBy: z.string().optional(),
  answeredAt: z.string().optional(),
  returnOpinion: z.string().optional(),
  /** The due date the bureau leader was last told was missed: escalate once per due date. */
  escalatedFor: isoDate.optional(),
  history: z.array(complaintStep),
  version: z.number().int().min(1),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ComplaintRecord = z.infer<typeof complaintRecord>;

export const complaintContact = z.object({
  name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
});
export type ComplaintContact = z.infer<typeof complaintContact>;

/** The contact item: deleted by the table's TTL (`expiresAt`, epoch seconds) when the retention ends. */
export const complaintContactRecord = z.object({
  regionId: ids.region,
  complaintId: z.string(),
  contact: complaintContact,
  /** The purpose the filer consented to, as shown on the form. */
  consentedAt: z.string(),
  expiresAt: z.number().int(),
});
export type ComplaintContactRecord = z.infer<typeof complaintContactRecord>;

/** A query code as typed back: 16 characters of the code alphabet (no 0/O/1/I/L), dashes optional. */
export const CODE_PATTERN = /^[2-9A-HJKMNP-Z]{4}(-?[2-9A-HJKMNP-Z]{4}){3}$/i;

/** The pointer from a query code's hash to its complaint (GetItem; the public side's only way in). */
export const complaintCodeRecord = z.object({ codeHash: z.string(), regionId: ids.region, complaintId: z.string() });

/** Public filings per client address and Beijing day (hash of date and address; expires). */
export const complaintCapRecord = z.object({ clientHash: z.string(), date: isoDate, count: z.number().int().min(0), expiresAt: z.number().int() });
