// Rectification (整改, Art 25–26; issue 14): per problem found (domain/problems.ts) the unit files a plan —
// responsible person and post, measures, commitment, deadline —, its leader approves it (then it is
// public and with the bureau), the unit reports progress with evidence and its leader marks it done; the
// bureau accepts or returns the completion, tracks every plan (overdue in red) and carries key problems
// and satisfaction items into the next cycle as draft goals the unit accepts under an indicator or declines.
// Handler group 'progress' (rectification is the year-round follow-up of feedback, which lives there);
// the public reads are in the 'public' group.
import { BUREAU_ROLES } from '../domain/roles.ts';
import { PROBLEM_KINDS } from '../domain/problems.ts';
import { carriedGoalRecord, measuresText, progressText, rectificationRecord, rectifyStatus } from '../model/rectification.ts';
import { EVIDENCE_MAX_FILES, fileId } from '../model/progress-report.ts';
import { bureau, only, PUBLIC } from './access.ts';
import { route } from './define.ts';
import { t } from './lang.ts';
import { carriedGoalPath, cyclePath, cycleUnitPath, rectificationPath } from './paths.ts';
import { downloadView, signedUploadView, signUploadBody } from './progress-reports.ts';
import { ids, isoDate, text, version, z } from './zod.ts';

const evidenceIds = z.array(fileId).max(EVIDENCE_MAX_FILES).default([]);
const reason = text({ min: 1, max: 1000, multiline: true });
export const rectificationFilePath = rectificationPath.extend({ fileId });

export const saveRectificationBody = z.object({
  responsible: text({ min: 1, max: 40 }),
  responsiblePost: text({ min: 1, max: 40 }),
  measures: measuresText,
  commitment: text({ min: 1, max: 1000, multiline: true }),
  deadline: isoDate,
  /** The version read; absent for a new plan. */
  version: version.optional(),
});
export type SaveRectificationBody = z.input<typeof saveRectificationBody>;
export const versionBody = z.object({ version });
export const leaderDecisionBody = z.discriminatedUnion('decision', [z.object({ decision: z.literal('approve'), version }), z.object({ decision: z.literal('return'), reason, version })]);
export const progressBody = z.object({ text: progressText, evidence: evidenceIds, version });
export const completeBody = z.object({ result: progressText, evidence: evidenceIds, version });
export const bureauDecisionBody = z.discriminatedUnion('decision', [z.object({ decision: z.literal('accept'), version }), z.object({ decision: z.literal('return'), reason, version })]);

export const problemView = z.object({
  id: z.string(),
  kind: z.enum(PROBLEM_KINDS),
  indicatorId: z.string().optional(),
  title: z.string(),
  detail: z.string(),
  lost: z.number().optional(),
  points: z.number().optional(),
  key: z.boolean(),
  keyReason: z.string().optional(),
});

export const rectificationView = rectificationRecord.omit({ regionId: true }).extend({ overdue: z.boolean() });
export type RectificationView = z.infer<typeof rectificationView>;

export const unitRectificationView = z.object({
  unitName: z.string(),
  categoryName: z.string().optional(),
  /** The unit's category is confirmed: problems are known and plans may be filed. */
  confirmed: z.boolean(),
  /** The cycle stands in 整改 or 结果运用. */
  open: z.boolean(),
  problems: z.array(problemView.extend({ plan: rectificationView.optional() })),
  /** A plan whose problem is no longer found (kept, never lost). */
  orphans: z.array(rectificationView),
  today: isoDate,
});
export type UnitRectificationView = z.infer<typeof unitRectificationView>;

export const rectificationListQuery = z.object({
  status: rectifyStatus.optional(),
  unitId: ids.unit.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const rectificationTotals = z.object({ draft: z.number(), submitted: z.number(), approved: z.number(), completed: z.number(), accepted: z.number(), returned: z.number(), overdue: z.number() });
export const rectificationListView = z.object({ items: z.array(rectificationView), total: z.number().int().min(0), totals: rectificationTotals, today: isoDate });
export type RectificationListView = z.infer<typeof rectificationListView>;

/** The cycle carried into, named by the bureau (the next year's): a guard against carrying into the wrong one. */
export const carryBody = z.object({ nextCycleId: ids.cycle });

export const carryView = z.object({
  nextCycleId: z.string(),
  /** Units given new carried items now, and the items; items carried before are not counted again. */
  units: z.number().int().min(0),
  carried: z.number().int().min(0),
  /** Units whose items were all carried before. */
  unchanged: z.number().int().min(0),
});

export const carriedGoalView = carriedGoalRecord.omit({ regionId: true });
export type CarriedGoalView = z.infer<typeof carriedGoalView>;
export const carriedGoalsView = z.object({
  items: z.array(carriedGoalView),
  /** The leaves of the unit's plan in force in this cycle, to attach an accepted item to. */
  indicators: z.array(z.object({ id: z.string(), name: z.string() })),
});
export const carriedDecisionBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), indicatorId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, { error: () => t('指标编号有误', 'Not a valid indicator code') }), target: text({ min: 1, max: 500, multiline: true }), version }),
  z.object({ decision: z.literal('decline'), reason, version }),
]);

/** What the public reads of a commitment: the problem, the plan and its progress — the responsible person's post, never a username. */
export const publicRectification = z.object({
  problemId: z.string(),
  problemTitle: z.string(),
  kind: z.enum(PROBLEM_KINDS),
  key: z.boolean(),
  responsible: z.string(),
  responsiblePost: z.string(),
  measures: z.string(),
  commitment: z.string(),
  deadline: isoDate,
  status: rectifyStatus,
  overdue: z.boolean(),
  approvedOn: isoDate.optional(),
  progress: z.array(z.object({ text: z.string(), on: isoDate, files: z.number().int() })),
  result: z.object({ text: z.string(), on: isoDate }).optional(),
  acceptedOn: isoDate.optional(),
});
export const publicRectificationUnitsView = z.object({
  cycle: z.object({ cycleId: z.string(), name: z.string(), year: z.number() }),
  items: z.array(z.object({ unitId: z.string(), unitName: z.string(), plans: z.number().int(), done: z.number().int(), overdue: z.number().int() })),
});
export const publicUnitRectificationView = z.object({
  cycle: z.object({ cycleId: z.string(), name: z.string(), year: z.number() }),
  unitId: z.string(),
  unitName: z.string(),
  items: z.array(publicRectification),
  today: isoDate,
});

const unitPeople = only(['unit_staff', 'unit_leader'], 'ownUnit');
const unitLeader = only(['unit_leader'], 'ownUnit');
/** The bureau reads any unit's; a unit its own. */
const unitReaders = only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit');
const unitBase = '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/rectification';
const item = `${unitBase}/{problemId}`;
const carried = '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/carried-goals';

export const rectificationRoutes = {
  getUnitRectification: route({ method: 'GET', path: unitBase, group: 'progress', access: unitReaders, params: cycleUnitPath, output: unitRectificationView, summary: '单位的问题清单及整改计划、进展' }),
  saveRectification: route({ method: 'PUT', path: item, group: 'progress', access: unitPeople, params: rectificationPath, body: saveRectificationBody, output: rectificationView, summary: '单位填写或修改某问题的整改计划（草稿）' }),
  submitRectification: route({ method: 'POST', path: `${item}/submit`, group: 'progress', access: unitPeople, params: rectificationPath, body: versionBody, output: rectificationView, summary: '提交整改计划，待单位负责人审批' }),
  reviewRectification: route({ method: 'POST', path: `${item}/approval`, group: 'progress', access: unitLeader, params: rectificationPath, body: leaderDecisionBody, output: rectificationView, summary: '单位负责人批准整改计划（批准后公开并报绩效办）或退回' }),
  reportRectificationProgress: route({ method: 'POST', path: `${item}/progress`, group: 'progress', access: unitPeople, params: rectificationPath, body: progressBody, output: rectificationView, summary: '单位报告整改进展（附佐证材料）' }),
  completeRectification: route({ method: 'POST', path: `${item}/complete`, group: 'progress', access: unitLeader, params: rectificationPath, body: completeBody, output: rectificationView, summary: '单位负责人报告整改完成及结果，待绩效办验收' }),
  signRectificationEvidence: route({ method: 'POST', path: `${item}/evidence`, group: 'progress', access: unitPeople, params: rectificationPath, body: signUploadBody, output: signedUploadView, summary: '申请上传整改佐证材料的签名地址（直传存储桶）' }),
  downloadRectificationEvidence: route({ method: 'GET', path: `${item}/evidence/{fileId}`, group: 'progress', access: unitReaders, params: rectificationFilePath, output: downloadView, summary: '下载整改佐证材料（本单位与绩效办）' }),
  decideRectification: route({ method: 'POST', path: `${item}/decision`, group: 'progress', access: bureau, params: rectificationPath, body: bureauDecisionBody, output: rectificationView, summary: '绩效办验收整改完成情况或退回重新整改' }),
  listRectification: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/rectification', group: 'progress', access: bureau, params: cyclePath, query: rectificationListQuery, output: rectificationListView, summary: '绩效办跟踪各单位整改（按状态、单位筛选，逾期标红）' }),
  carryRectification: route({ method: 'POST', path: '/regions/{regionId}/cycles/{cycleId}/rectification/carry', group: 'progress', access: bureau, params: cyclePath, body: carryBody, output: carryView, summary: '将重点问题和满意度事项结转为下一周期各单位的目标草稿（可重复执行）' }),
  listCarriedGoals: route({ method: 'GET', path: carried, group: 'progress', access: unitReaders, params: cycleUnitPath, output: carriedGoalsView, summary: '单位从上一年度整改结转来的目标草稿' }),
  decideCarriedGoal: route({ method: 'POST', path: `${carried}/{fromCycleId}/{problemId}`, group: 'progress', access: unitPeople, params: carriedGoalPath, body: carriedDecisionBody, output: carriedGoalView, summary: '单位将结转事项纳入本单位目标（选择指标）或说明理由不纳入' }),
};

export const publicRectificationRoutes = {
  listPublicRectificationUnits: route({ method: 'GET', path: '/public/regions/{regionId}/cycles/{cycleId}/rectification', group: 'public', access: PUBLIC, params: cyclePath, output: publicRectificationUnitsView, summary: '公开：各单位整改承诺公开情况' }),
  getPublicUnitRectification: route({ method: 'GET', path: '/public/regions/{regionId}/cycles/{cycleId}/units/{unitId}/rectification', group: 'public', access: PUBLIC, params: cycleUnitPath, output: publicUnitRectificationView, summary: '公开：单位的整改计划、承诺与进展' }),
};
