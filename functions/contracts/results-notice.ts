// The results notice (绩效考评结果通报, Art 22, 27): the bureau drafts a version of the cycle's notice from
// the categories' CONFIRMED results, submits it, the bureau leader approves (which publishes it) or
// returns it with a reason; a correction after publication is the next version with its reason. The
// public reads the version in force — and earlier ones — without signing in; its schemas name every field
// the public answer carries (no totals, no usernames, no drafts). Rules: domain/results-notice.ts.
import { missingCategory, noticeCategory, noticeDocumentNumber, noticePreface, noticeReason, noticeRecord, noticeTitle } from '../model/results-notice.ts';
import { GRADES } from '../domain/scoring/grading-rules.ts';
import { bureau, bureauLeader, PUBLIC } from './access.ts';
import { route } from './define.ts';
import { t } from './lang.ts';
import { cyclePath } from './paths.ts';
import { isoDate, version, z } from './zod.ts';

export const noticePath = cyclePath.extend({
  noticeNumber: z.string().regex(/^[1-9]\d{0,3}$/, { error: () => t('通报版本号有误', 'Not a valid notice version') }).transform(Number),
});

export const noticeView = noticeRecord.omit({ regionId: true });
export type NoticeView = z.infer<typeof noticeView>;

/** Where each category stands now: the notice can hold only the confirmed ones. */
export const noticeCategoryState = z.object({ categoryId: z.string(), categoryName: z.string(), confirmedVersion: z.number().int().nullable(), status: z.enum(['confirmed', 'reopened', 'unconfirmed']) });

export const resultsNoticeView = z.object({
  stage: z.number().int(),
  /** The cycle is open between 报告与通报 and 结果运用: versions may be drafted and decided. */
  open: z.boolean(),
  /** The head's version read (0: no notice yet): a new draft names it. */
  headVersion: z.number().int().min(0),
  /** The version in force, if one is published. */
  published: z.number().int().nullable(),
  categories: z.array(noticeCategoryState),
  /** Every version, newest first. */
  versions: z.array(noticeView),
});
export type ResultsNoticeView = z.infer<typeof resultsNoticeView>;

const fields = {
  title: noticeTitle,
  documentNumber: noticeDocumentNumber,
  issueDate: isoDate,
  preface: noticePreface.optional(),
  /** Required for a correction (any version after a published one). */
  correctionReason: noticeReason.optional(),
};
export const draftNoticeBody = z.object({ ...fields, headVersion: z.number().int().min(0) });
export type DraftNoticeBody = z.input<typeof draftNoticeBody>;
export const updateNoticeBody = z.object({ ...fields, version });
export type UpdateNoticeBody = z.input<typeof updateNoticeBody>;
export const noticeVersionBody = z.object({ version });
export const decideNoticeBody = z.discriminatedUnion('decision', [z.object({ decision: z.literal('approve'), version }), z.object({ decision: z.literal('return'), reason: noticeReason, version })]);
export type DecideNoticeBody = z.input<typeof decideNoticeBody>;

// ---- public ------------------------------------------------------------------------------------

const publicUnit = z.object({
  unitName: z.string(),
  grade: z.enum(GRADES),
  gradeName: z.string(),
  position: z.number().int(),
  rankInGrade: z.number().int(),
  tied: z.boolean(),
  changes: noticeCategory.shape.units.element.shape.changes,
  vetoes: z.array(z.string()),
});
const publicCategory = z.object({ categoryName: z.string(), counts: noticeCategory.shape.counts, units: z.array(publicUnit) });
/** A version as published: its date, and — for a correction — its reason; replaced ones say when. */
const publicVersion = z.object({
  number: z.number().int(),
  title: z.string(),
  documentNumber: z.string(),
  issueDate: z.string(),
  publishedOn: z.string(),
  correctionReason: z.string().optional(),
  supersededOn: z.string().optional(),
});
export const publicNotice = publicVersion.extend({ preface: z.string().optional(), categories: z.array(publicCategory) });
export type PublicNotice = z.infer<typeof publicNotice>;
export const publicNoticeQuery = z.object({ version: z.coerce.number().int().min(1).max(9999).optional() });
export const publicNoticeView = z.object({
  cycle: z.object({ cycleId: z.string(), name: z.string(), year: z.number() }),
  /** The version in force; null while nothing is published. */
  inForce: z.number().int().nullable(),
  /** Every published version, newest first. */
  versions: z.array(publicVersion),
  /** The version asked for (the one in force by default). */
  notice: publicNotice.nullable(),
});
export type PublicNoticeView = z.infer<typeof publicNoticeView>;
export { missingCategory };

const notice = '/regions/{regionId}/cycles/{cycleId}/results-notice';

export const resultsNoticeRoutes = {
  getResultsNotice: route({ method: 'GET', path: notice, group: 'results', access: bureau, params: cyclePath, output: resultsNoticeView, summary: '绩效办查看考评结果通报：各版本及各类别的确认情况' }),
  draftResultsNotice: route({ method: 'POST', path: `${notice}/versions`, group: 'results', access: bureau, params: cyclePath, body: draftNoticeBody, output: noticeView, summary: '绩效办根据已确认的考评结果起草通报（发布后再起草即为更正，须说明理由）' }),
  updateResultsNotice: route({ method: 'PUT', path: `${notice}/versions/{noticeNumber}`, group: 'results', access: bureau, params: noticePath, body: updateNoticeBody, output: noticeView, summary: '绩效办修改通报草稿（按最新确认结果重新生成名单）' }),
  submitResultsNotice: route({ method: 'POST', path: `${notice}/versions/{noticeNumber}/submit`, group: 'results', access: bureau, params: noticePath, body: noticeVersionBody, output: noticeView, summary: '绩效办将通报提交绩效办领导审批' }),
  decideResultsNotice: route({ method: 'POST', path: `${notice}/versions/{noticeNumber}/decision`, group: 'results', access: bureauLeader, params: noticePath, body: decideNoticeBody, output: noticeView, summary: '绩效办领导批准发布通报，或退回并说明理由' }),
};

export const publicResultsNoticeRoutes = {
  getPublicResultsNotice: route({ method: 'GET', path: '/public/regions/{regionId}/cycles/{cycleId}/results-notice', group: 'public', access: PUBLIC, params: cyclePath, query: publicNoticeQuery, output: publicNoticeView, summary: '公开：考评结果通报（现行版本，更正情况及历次版本）' }),
};
