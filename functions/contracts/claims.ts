// Bonus and deduction items (Art 19–20) in the assessment stages: a unit claims bonuses (its filer
// drafts, its leader submits), an assessor unit (for the units it assesses) or the bureau raises
// deductions, feedback proposals become deduction drafts or are dismissed, and the bureau (its leader
// for rules needing approval) decides each with a reason. Rules: domain/claims.ts; storage: data/claims.ts.
import { BUREAU_ROLES } from '../domain/roles.ts';
import { claimKind, claimRecord, claimStatus, claimText, decisionReason, occurrences } from '../model/claim.ts';
import { bonusRule, deductionRule } from '../model/plan.ts';
import { fileId, EVIDENCE_MAX_FILES } from '../model/progress-report.ts';
import { bureau, only } from './access.ts';
import { route } from './define.ts';
import { t } from './lang.ts';
import { cyclePath, cycleUnitPath, feedbackPath } from './paths.ts';
import { downloadView, signedUploadView, signUploadBody } from './progress-reports.ts';
import { ids, z } from './zod.ts';

const claimId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: () => t('加减分事项编号有误', 'Not a valid bonus or deduction item id') });
export const claimPath = cycleUnitPath.extend({ claimId });
/** A rule's 编号 as the plan writes them (domain/plan.ts). */
const ruleId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, { error: () => t('规则编号有误', 'Not a valid rule code') });
export const claimFilePath = claimPath.extend({ fileId });

/** An item as saved by whoever raises it: new without `claimId` (version 0), else the version read. */
export const saveClaimBody = z.object({
  claimId: claimId.optional(),
  ruleId,
  occurrences: occurrences.default(1),
  description: claimText,
  evidence: z.array(fileId).max(EVIDENCE_MAX_FILES).default([]),
  version: z.number().int().min(0),
});
export type SaveClaimBody = z.input<typeof saveClaimBody>;
export const claimVersionBody = z.object({ version: z.number().int().min(1) });
export const decideClaimBody = z.object({ decision: z.enum(['approve', 'reject']), reason: decisionReason, version: z.number().int().min(1) });
export const dismissProposalBody = z.object({ reason: decisionReason });
export const draftProposalBody = z.object({ ruleId });

export const claimView = claimRecord.omit({ regionId: true });
export type ClaimView = z.infer<typeof claimView>;

/** The engine's reading of the approved items (domain/claims.ts claimEffect). */
export const claimEffectView = z.object({
  bonusRaw: z.number(),
  bonus: z.number(),
  deductionRaw: z.number(),
  deduction: z.number(),
  severeDeductions: z.number(),
  lines: z.array(z.string()),
});
export type ClaimEffectView = z.infer<typeof claimEffectView>;
const counts = z.object({ draft: z.number(), submitted: z.number(), approved: z.number(), rejected: z.number() });

const rules = z.object({ bonuses: z.array(bonusRule), deductions: z.array(deductionRule), bonusCap: z.number(), deductionCap: z.number().nullable() });

/** A unit's own page: its bonus claims, the deductions raised against it, its plan's rules and the capped effect. */
export const unitClaimsView = z.object({
  cycleId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  categoryName: z.string(),
  stage: z.number(),
  /** The cycle is at a claims stage (自评, 考核评分). */
  open: z.boolean(),
  rules,
  claims: z.array(claimView),
  effect: claimEffectView,
});
export type UnitClaimsView = z.infer<typeof unitClaimsView>;

/** The bureau's queue: a page of items and the counts of the whole cycle by status. */
export const claimQueueQuery = z.object({
  status: claimStatus.optional(),
  kind: claimKind.optional(),
  unitId: ids.unit.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const claimQueueView = z.object({ items: z.array(claimView), total: z.number(), counts, stage: z.number(), open: z.boolean() });
export type ClaimQueueView = z.infer<typeof claimQueueView>;

/** Per unit of the cycle with approved items: raw and capped, by the engine. */
export const claimEffectsView = z.object({
  items: z.array(z.object({ unitId: z.string(), unitName: z.string(), categoryName: z.string(), effect: claimEffectView })),
});
export type ClaimEffectsView = z.infer<typeof claimEffectsView>;

/** What an assessor unit (or the bureau) raised, and the units it may raise deductions against with their rules. */
export const raisedDeductionsView = z.object({
  stage: z.number(),
  open: z.boolean(),
  claims: z.array(claimView),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), categoryId: z.string(), categoryName: z.string() })),
  rulesByCategory: z.record(z.string(), z.array(deductionRule)),
});
export type RaisedDeductionsView = z.infer<typeof raisedDeductionsView>;

const unitPeople = only(['unit_staff', 'unit_leader'], 'ownUnit');
/** Deductions: an assessor unit for the units it assesses (the plan in force), the bureau for all. */
const raisers = only(['assessor_staff', ...BUREAU_ROLES], 'assessorOf');
const claims = '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/claims';
const deductions = '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/deductions';
const proposals = '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/deduction-proposals/{feedbackId}';

export const claimRoutes = {
  getUnitClaims: route({ method: 'GET', path: claims, group: 'assessment', access: only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit'), params: cycleUnitPath, output: unitClaimsView, summary: '单位的加分申报、被扣分事项及其计分影响' }),
  saveBonusClaim: route({ method: 'POST', path: claims, group: 'assessment', access: unitPeople, params: cycleUnitPath, body: saveClaimBody, output: claimView, summary: '单位起草或修改加分申报（第十九条）' }),
  submitBonusClaim: route({ method: 'POST', path: `${claims}/{claimId}/submit`, group: 'assessment', access: only(['unit_leader'], 'ownUnit'), params: claimPath, body: claimVersionBody, output: claimView, summary: '单位负责人审核并报送加分申报' }),
  removeBonusClaim: route({ method: 'POST', path: `${claims}/{claimId}/remove`, group: 'assessment', access: unitPeople, params: claimPath, body: claimVersionBody, output: claimView, summary: '单位删除尚未报送的加分申报' }),
  signClaimEvidence: route({ method: 'POST', path: `/regions/{regionId}/cycles/{cycleId}/units/{unitId}/claim-evidence`, group: 'assessment', access: unitPeople, params: cycleUnitPath, body: signUploadBody, output: signedUploadView, summary: '申请上传加分佐证材料的签名地址（直传存储桶）' }),
  downloadClaimEvidence: route({ method: 'GET', path: `${claims}/{claimId}/evidence/{fileId}`, group: 'assessment', access: only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit'), params: claimFilePath, output: downloadView, summary: '下载加减分事项的佐证材料（签名地址）' }),

  listRaisedDeductions: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/raised-deductions', group: 'assessment', access: raisers, params: cyclePath, output: raisedDeductionsView, summary: '考评单位或绩效办提出的扣分事项，及可扣分的单位与扣分规则' }),
  saveDeduction: route({ method: 'POST', path: deductions, group: 'assessment', access: raisers, params: cycleUnitPath, body: saveClaimBody, output: claimView, summary: '考评单位或绩效办起草或修改扣分事项（第二十条）' }),
  submitDeduction: route({ method: 'POST', path: `${deductions}/{claimId}/submit`, group: 'assessment', access: raisers, params: claimPath, body: claimVersionBody, output: claimView, summary: '提出单位报送扣分事项' }),
  removeDeduction: route({ method: 'POST', path: `${deductions}/{claimId}/remove`, group: 'assessment', access: raisers, params: claimPath, body: claimVersionBody, output: claimView, summary: '提出单位删除尚未报送的扣分事项' }),
  signDeductionEvidence: route({ method: 'POST', path: `/regions/{regionId}/cycles/{cycleId}/units/{unitId}/deduction-evidence`, group: 'assessment', access: raisers, params: cycleUnitPath, body: signUploadBody, output: signedUploadView, summary: '申请上传扣分佐证材料的签名地址（直传存储桶）' }),
  downloadDeductionEvidence: route({ method: 'GET', path: `${deductions}/{claimId}/evidence/{fileId}`, group: 'assessment', access: raisers, params: claimFilePath, output: downloadView, summary: '提出单位下载扣分事项的佐证材料' }),

  listClaimQueue: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/claims', group: 'assessment', access: bureau, params: cyclePath, query: claimQueueQuery, output: claimQueueView, summary: '绩效办的加减分审核队列（按状态、类型筛选，分页）' }),
  decideClaim: route({ method: 'POST', path: `${claims}/{claimId}/decision`, group: 'assessment', access: bureau, params: claimPath, body: decideClaimBody, output: claimView, summary: '绩效办审核加减分事项（须报批的由绩效办领导审批）' }),
  listClaimEffects: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/claim-effects', group: 'assessment', access: bureau, params: cyclePath, output: claimEffectsView, summary: '各单位已批准加减分的原始分与封顶后计分' }),
  draftProposalDeduction: route({ method: 'POST', path: `${proposals}/draft`, group: 'assessment', access: bureau, params: feedbackPath, body: draftProposalBody, output: claimView, summary: '绩效办将反馈扣分建议转为扣分草稿（注明来源）' }),
  dismissProposal: route({ method: 'POST', path: `${proposals}/dismiss`, group: 'assessment', access: bureau, params: feedbackPath, body: dismissProposalBody, output: z.object({ feedbackId: z.string(), status: z.string() }), summary: '绩效办说明理由后不采纳反馈扣分建议' }),
};
