// Progress reports (Art 13): the cycle's schedule (the bureau sets it), a unit's report of each period
// (one entry per approved goal: value, narrative, problems, next steps, evidence; or a declared
// nothing-to-report), the unit leader's approval, and the read views of the bureau and the assessor
// units. Evidence goes straight to the bucket through signed URLs. Rules: domain/progress-*.ts.
import { BUREAU_ROLES } from '../domain/roles.ts';
import {
  evidenceFile,
  evidenceType,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_FILES,
  fedValue,
  fileId,
  PERIOD_PATTERN,
  progressFields,
  progressItemRecord,
  progressReportRecord,
  reportCounts,
  reportFrequency,
  reportStatus,
  sha256Base64,
} from '../model/progress-report.ts';
import { milestone } from '../model/goal.ts';
import { bureau, everyone, only } from './access.ts';
import { pageQuery, route } from './define.ts';
import { t } from './lang.ts';
import { cyclePath, cycleUnitPath, goalPath } from './paths.ts';
import { text, z } from './zod.ts';

const periodParam = z.string().regex(PERIOD_PATTERN, { error: () => t('填报期次有误（如 2026-03 或 2026-Q1）', 'Not a valid period (e.g. 2026-03 or 2026-Q1)') });
export const progressPeriodPath = cycleUnitPath.extend({ period: periodParam });
export const progressEntryPath = goalPath.extend({ period: periodParam });
export const evidenceFilePath = progressEntryPath.extend({ fileId });

export const scheduleView = z.object({
  frequency: reportFrequency,
  dueDay: z.number().int(),
  /** Working days after the unit leader is told of a missed report before the bureau is told. */
  bureauAfterDays: z.number().int(),
  /** 0: the defaults, nothing stored yet. */
  version: z.number().int().min(0),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
  /** Every period of the cycle's year with its due date. */
  periods: z.array(z.object({ period: z.string(), dueDate: z.string() })),
});
export const setScheduleBody = z.object({
  frequency: reportFrequency,
  dueDay: z.number().int().min(1, { error: () => t('截止日应在每月 1–28 日之间', 'The due day is between the 1st and the 28th') }).max(28, { error: () => t('截止日应在每月 1–28 日之间', 'The due day is between the 1st and the 28th') }),
  bureauAfterDays: z
    .number()
    .int()
    .min(1, { error: () => t('告知绩效办的间隔应为 1–10 个工作日', 'The bureau is told 1–10 working days after the unit leader') })
    .max(10, { error: () => t('告知绩效办的间隔应为 1–10 个工作日', 'The bureau is told 1–10 working days after the unit leader') })
    .optional(),
  version: z.number().int().min(0),
});

/** A goal's entry as saved: its fields, the evidence it keeps or adds (by file id), and the version read (0: new). */
export const saveEntryBody = progressFields.extend({
  evidence: z.array(fileId).max(EVIDENCE_MAX_FILES).default([]),
  version: z.number().int().min(0),
});
export type SaveEntryBody = z.infer<typeof saveEntryBody>;

export const reportVersionBody = z.object({ version: z.number().int().min(1) });
export const reviewReportBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), version: z.number().int().min(1) }),
  z.object({ decision: z.literal('return'), version: z.number().int().min(1), reason: text({ min: 1, max: 500, multiline: true }) }),
]);

export const signUploadBody = z.object({
  name: text({ min: 1, max: 120 }),
  contentType: evidenceType,
  size: z
    .number()
    .int()
    .min(1, { error: () => t('文件为空', 'The file is empty') })
    .max(EVIDENCE_MAX_BYTES, { error: () => t(`文件不能超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`, `A file is at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`) }),
  sha256: sha256Base64,
});
export const signedUploadView = z.object({ fileId, url: z.string(), headers: z.record(z.string(), z.string()), expiresAt: z.string() });
export const downloadView = z.object({ url: z.string(), name: z.string() });

export const itemView = progressItemRecord.omit({ regionId: true, moveToken: true });
export type ProgressItemView = z.infer<typeof itemView>;

/** A goal of the period, as the unit reports on it: what it aims at, what is expected by now, its last value and this period's entry. */
export const progressGoalView = z.object({
  indicatorId: z.string(),
  name: z.string(),
  target: z.number().optional(),
  unitOfMeasure: z.string().optional(),
  milestones: z.array(milestone),
  /** The latest milestone on or before the period's end. */
  expected: milestone.optional(),
  /** The last value reported in an earlier period, and which. */
  lastValue: z.object({ period: z.string(), value: z.number() }).optional(),
  assessorUnitId: z.string(),
  item: itemView.optional(),
});

export const periodSummary = z.object({
  period: z.string(),
  dueDate: z.string(),
  /** 'missing': nothing saved yet. */
  status: z.union([reportStatus, z.literal('missing')]),
  late: z.boolean(),
  /** Past due and not approved (or not yet submitted). */
  overdue: z.boolean(),
  counts: reportCounts.optional(),
});

export const reportView = progressReportRecord.omit({ regionId: true, moving: true }).extend({ moving: z.boolean() });

export const unitProgressView = z.object({
  cycleId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  frequency: reportFrequency,
  periods: z.array(periodSummary),
  period: z.string().optional(),
  dueDate: z.string().optional(),
  report: reportView.optional(),
  goals: z.array(progressGoalView),
  /** The unit may edit the period now (cycle in execution, report with the unit). */
  editable: z.boolean(),
  /** Goals still without an entry. */
  blank: z.array(z.string()),
});
export type UnitProgressView = z.infer<typeof unitProgressView>;

/** A period of the cycle (default: the latest one begun). */
export const reportsQuery = pageQuery.extend({ period: periodParam.optional(), status: reportStatus.optional() });
export const reportRow = reportView.pick({ unitId: true, period: true, status: true, late: true, dueDate: true, counts: true, submittedAt: true, approvedAt: true }).extend({ unitName: z.string() });
export const reportsPage = z.object({ period: z.string(), items: z.array(reportRow), nextCursor: z.string().optional() });

export const assessedQuery = pageQuery.extend({ period: periodParam.optional() });
export const assessedRow = itemView.extend({ unitName: z.string(), indicatorName: z.string() });
export const assessedPage = z.object({ period: z.string(), items: z.array(assessedRow), nextCursor: z.string().optional() });

export { evidenceFile, fedValue };

/** The unit's own people and the bureau read a unit's reports and download its evidence. */
const reportReaders = only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit');
const reportFilers = only(['unit_staff', 'unit_leader'], 'ownUnit');
const unitLeader = only(['unit_leader'], 'ownUnit');
/** An assessor unit, for the units and indicators the plan in force assigns to it. */
const assessors = only(['assessor_staff'], 'assessorOf');

const base = '/regions/{regionId}/cycles/{cycleId}';
const unitProgress = `${base}/units/{unitId}/progress`;

export const progressReportRoutes = {
  getProgressSchedule: route({ method: 'GET', path: `${base}/progress-schedule`, group: 'progress', access: everyone('region'), params: cyclePath, output: scheduleView, summary: '进度报告的填报周期与截止日' }),
  setProgressSchedule: route({ method: 'PUT', path: `${base}/progress-schedule`, group: 'progress', access: bureau, params: cyclePath, body: setScheduleBody, output: scheduleView, summary: '绩效办设定进度报告周期（按月/按季）与截止日' }),
  getUnitProgress: route({ method: 'GET', path: unitProgress, group: 'progress', access: reportReaders, params: cycleUnitPath, query: z.object({ period: periodParam.optional() }), output: unitProgressView, summary: '单位各期进度报告及某一期的逐项填报' }),
  saveProgressEntry: route({ method: 'PUT', path: `${unitProgress}/{period}/{indicatorId}`, group: 'progress', access: reportFilers, params: progressEntryPath, body: saveEntryBody, output: itemView, summary: '保存一项目标本期进度（草稿随填随存）' }),
  signEvidenceUpload: route({ method: 'POST', path: `${unitProgress}/{period}/{indicatorId}/evidence`, group: 'progress', access: reportFilers, params: progressEntryPath, body: signUploadBody, output: signedUploadView, summary: '申请上传佐证材料的签名地址（直传存储桶）' }),
  downloadEvidence: route({ method: 'GET', path: `${unitProgress}/{period}/{indicatorId}/evidence/{fileId}`, group: 'progress', access: reportReaders, params: evidenceFilePath, output: downloadView, summary: '下载佐证材料（签名地址）' }),
  submitProgress: route({ method: 'POST', path: `${unitProgress}/{period}/submit`, group: 'progress', access: reportFilers, params: progressPeriodPath, body: reportVersionBody, output: unitProgressView, summary: '提交本期进度报告，待单位负责人审核' }),
  reviewProgress: route({ method: 'POST', path: `${unitProgress}/{period}/review`, group: 'progress', access: unitLeader, params: progressPeriodPath, body: reviewReportBody, output: unitProgressView, summary: '单位负责人审核本期进度报告（通过后报绩效办与考评单位）或退回' }),
  listProgressReports: route({ method: 'GET', path: `${base}/progress-reports`, group: 'progress', access: bureau, params: cyclePath, query: reportsQuery, output: reportsPage, summary: '绩效办查看各单位某期进度报告' }),
  listAssessedProgress: route({ method: 'GET', path: `${base}/assessed-progress`, group: 'progress', access: assessors, params: cyclePath, query: assessedQuery, output: assessedPage, summary: '考评单位查看所考评指标的已审核进度' }),
  downloadAssessedEvidence: route({ method: 'GET', path: `${base}/assessed/{unitId}/progress/{period}/{indicatorId}/evidence/{fileId}`, group: 'progress', access: assessors, params: evidenceFilePath, output: downloadView, summary: '考评单位下载所考评指标的佐证材料' }),
};
