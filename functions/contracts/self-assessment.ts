// Self-assessment (自评, Art 16; stage 5): each unit assesses every approved goal — the input its scoring
// method takes, a narrative, evidence files (signed straight to the bucket, as progress reports do) and
// its own score as the engine previews it — the unit leader submits the set to its assessor units and
// the bureau, which approves it or returns it with a reason. Rules: domain/self-assessment.ts.
import { BUREAU_ROLES } from '../domain/roles.ts';
import { evidenceFile, EVIDENCE_MAX_FILES, fileId } from '../model/progress-report.ts';
import { milestone } from '../model/goal.ts';
import { planMethod } from '../model/plan.ts';
import { selfAssessmentRecord, selfCounts, selfFields, selfStatus } from '../model/self-assessment.ts';
import { bureau, only } from './access.ts';
import { route } from './define.ts';
import { t } from './lang.ts';
import { cyclePath, cycleUnitPath, goalPath } from './paths.ts';
import { downloadView, signedUploadView, signUploadBody } from './progress-reports.ts';
import { ids, text, z } from './zod.ts';

export const selfEvidencePath = goalPath.extend({ fileId });

/** Hundredths of a point typed by the unit for a direct method (the browser parses "8.5" into 850). */
const ownScore = z.number().int({ error: () => t('自评分应为百分之一分的整数', 'The own score is a whole number of hundredths') }).min(0).max(100_000_000);

/** One goal's self-assessment as saved: its fields, a direct method's own score, the evidence it keeps or adds (by file id), the version read (0: new). */
export const saveSelfBody = selfFields.extend({
  selfScore: ownScore.optional(),
  evidence: z.array(fileId).max(EVIDENCE_MAX_FILES, { error: () => t(`每项目标最多 ${EVIDENCE_MAX_FILES} 个佐证材料`, `At most ${EVIDENCE_MAX_FILES} evidence files per goal`) }).default([]),
  version: z.number().int().min(0),
});
export type SaveSelfBody = z.infer<typeof saveSelfBody>;

export const selfSetVersionBody = z.object({ version: z.number().int().min(1) });
export const reviewSelfBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), version: z.number().int().min(1) }),
  z.object({ decision: z.literal('return'), version: z.number().int().min(1), reason: text({ min: 1, max: 500, multiline: true }) }),
]);

export const selfItemView = selfAssessmentRecord.omit({ regionId: true });
export type SelfItemView = z.infer<typeof selfItemView>;

/** A goal to assess: what the plan and the approved goal say, and the unit's self-assessment of it. */
export const selfGoalView = z.object({
  indicatorId: z.string(),
  name: z.string(),
  parents: z.array(z.string()),
  points: z.number().int(),
  method: planMethod.optional(),
  criteria: z.string().optional(),
  common: z.boolean().optional(),
  assessorUnitId: z.string(),
  assessorUnitName: z.string().optional(),
  target: z.number().optional(),
  unitOfMeasure: z.string().optional(),
  scoringNote: z.string().optional(),
  milestones: z.array(milestone),
  goalRevision: z.number().int().optional(),
  item: selfItemView.optional(),
});
export type SelfGoalView = z.infer<typeof selfGoalView>;

export const selfProblem = z.object({ indicatorId: z.string(), code: z.string(), message: z.string() });

export const selfSetView = z.object({
  /** 'draft' with version 0 while nothing is saved. */
  status: selfStatus,
  version: z.number().int().min(0),
  counts: selfCounts,
  goalCount: z.number().int().min(0),
  submittedAt: z.string().optional(),
  submittedBy: z.string().optional(),
  late: z.boolean().optional(),
  approvedAt: z.string().optional(),
  approvedBy: z.string().optional(),
  returnReason: z.string().optional(),
  returnedAt: z.string().optional(),
  returnedBy: z.string().optional(),
  updatedAt: z.string().optional(),
});

export const unitSelfView = z.object({
  cycleId: z.string(),
  cycleName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  stage: z.number().int(),
  set: selfSetView,
  /** The unit may save now (cycle in self-assessment, set with the unit). */
  editable: z.boolean(),
  /** The unit's deadline in the stage (its extension's, if granted), and whether it has passed. */
  deadline: z.string().optional(),
  deadlinePassed: z.boolean(),
  goals: z.array(selfGoalView),
  /** What keeps the leader from submitting, each goal named; empty when complete. */
  problems: z.array(selfProblem),
});
export type UnitSelfView = z.infer<typeof unitSelfView>;

export const selfSetsQuery = z.object({
  status: z.union([selfStatus, z.literal('missing')]).optional(),
  categoryId: ids.category.optional(),
  /** Part of the unit's name. */
  q: text({ max: 40 }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const selfSetRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  /** 'missing': nothing saved yet. */
  status: z.union([selfStatus, z.literal('missing')]),
  version: z.number().int().min(0),
  counts: selfCounts,
  goalCount: z.number().int().min(0),
  submittedAt: z.string().optional(),
  late: z.boolean().optional(),
  approvedAt: z.string().optional(),
  returnedAt: z.string().optional(),
});
export type SelfSetRow = z.infer<typeof selfSetRow>;
export const selfSetsView = z.object({
  items: z.array(selfSetRow),
  /** Rows matching the filters (the page is `items`). */
  total: z.number().int(),
  /** Units of the cycle by status, whatever the filters. */
  totals: z.object({ missing: z.number(), draft: z.number(), submitted: z.number(), returned: z.number(), approved: z.number() }),
  /** The cycle's categories, for the filter. */
  categories: z.array(z.object({ categoryId: z.string(), name: z.string() })),
});
export type SelfSetsView = z.infer<typeof selfSetsView>;

/** An assessor unit's view: the units whose submitted self-assessments hold indicators it assesses. */
export const assessedSelfRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  status: selfStatus,
  submittedAt: z.string().optional(),
  /** Of this assessor unit's indicators. */
  indicators: z.number().int(),
});
export const assessedSelfListView = z.object({ items: z.array(assessedSelfRow) });

export { evidenceFile };

/** The unit's own people and the bureau read a unit's self-assessment and download its evidence. */
const selfReaders = only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit');
const selfFilers = only(['unit_staff', 'unit_leader'], 'ownUnit');
const unitLeader = only(['unit_leader'], 'ownUnit');
/** An assessor unit, for the units and indicators the plan in force assigns to it. */
const assessors = only(['assessor_staff'], 'assessorOf');

const base = '/regions/{regionId}/cycles/{cycleId}';
const unitSelf = `${base}/units/{unitId}/self-assessment`;
const assessedSelf = `${base}/assessed/{unitId}/self-assessment`;

export const selfAssessmentRoutes = {
  getUnitSelfAssessment: route({ method: 'GET', path: unitSelf, group: 'assessment', access: selfReaders, params: cycleUnitPath, output: unitSelfView, summary: '单位自评：逐项目标的完成情况、佐证材料、自评分预估及缺漏' }),
  saveSelfAssessment: route({ method: 'PUT', path: `${unitSelf}/{indicatorId}`, group: 'assessment', access: selfFilers, params: goalPath, body: saveSelfBody, output: selfItemView, summary: '保存一项目标的自评（草稿随填随存）' }),
  signSelfEvidenceUpload: route({ method: 'POST', path: `${unitSelf}/{indicatorId}/evidence`, group: 'assessment', access: selfFilers, params: goalPath, body: signUploadBody, output: signedUploadView, summary: '申请上传自评佐证材料的签名地址（直传存储桶）' }),
  downloadSelfEvidence: route({ method: 'GET', path: `${unitSelf}/{indicatorId}/evidence/{fileId}`, group: 'assessment', access: selfReaders, params: selfEvidencePath, output: downloadView, summary: '下载自评佐证材料（签名地址）' }),
  submitSelfAssessment: route({ method: 'POST', path: `${unitSelf}/submit`, group: 'assessment', access: unitLeader, params: cycleUnitPath, body: selfSetVersionBody, output: unitSelfView, summary: '单位负责人审核并报送自评（报考评单位和绩效办）' }),
  reviewSelfAssessment: route({ method: 'POST', path: `${unitSelf}/review`, group: 'assessment', access: bureau, params: cycleUnitPath, body: reviewSelfBody, output: unitSelfView, summary: '绩效办确认单位自评或退回（附理由）' }),
  listSelfAssessments: route({ method: 'GET', path: `${base}/self-assessments`, group: 'assessment', access: bureau, params: cyclePath, query: selfSetsQuery, output: selfSetsView, summary: '绩效办查看各单位自评状态（筛选、分页）' }),
  listAssessedSelfAssessments: route({ method: 'GET', path: `${base}/assessed-self-assessments`, group: 'assessment', access: assessors, params: cyclePath, output: assessedSelfListView, summary: '考评单位查看已报送自评的单位（仅其考评的指标）' }),
  getAssessedSelfAssessment: route({ method: 'GET', path: assessedSelf, group: 'assessment', access: assessors, params: cycleUnitPath, output: unitSelfView, summary: '考评单位查看单位已报送的自评（仅其考评的指标）' }),
  downloadAssessedSelfEvidence: route({ method: 'GET', path: `${assessedSelf}/{indicatorId}/evidence/{fileId}`, group: 'assessment', access: assessors, params: selfEvidencePath, output: downloadView, summary: '考评单位下载所考评指标的自评佐证材料' }),
};
