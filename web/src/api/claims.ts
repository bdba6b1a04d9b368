// Bonus and deduction items (Art 19–20): the unit's claims, the deductions assessor units and the bureau
// raise, the bureau's queue, decisions, feedback proposals and the capped effect.
import { claimRoutes, type SaveClaimBody } from '@shared/contracts/claims.ts';
import { feedbackRoutes } from '@shared/contracts/feedback.ts';
import { call } from './call';
import { putSigned, sha256Base64 } from './progress-reports';

export type { ClaimView, ClaimEffectView, ClaimEffectsView, ClaimQueueView, RaisedDeductionsView, SaveClaimBody, UnitClaimsView } from '@shared/contracts/claims.ts';
export type { ClaimKind, ClaimStatus } from '@shared/model/claim.ts';
export type { ProposalsView } from '@shared/contracts/feedback.ts';

type Unit = { regionId: string; cycleId: string; unitId: string };
type Claim = Unit & { claimId: string };

/** 单位的加分申报、被扣分事项及计分影响 */
export const getUnitClaimsApi = (p: Unit) => call(claimRoutes.getUnitClaims, { params: p });
/** 起草或修改（错误由对话框显示） */
export const saveClaimApi = (kind: 'bonus' | 'deduction', p: Unit, body: SaveClaimBody) =>
  call(kind === 'bonus' ? claimRoutes.saveBonusClaim : claimRoutes.saveDeduction, { params: p, body }, { silent: true });
export const submitClaimApi = (kind: 'bonus' | 'deduction', p: Claim, version: number) => call(kind === 'bonus' ? claimRoutes.submitBonusClaim : claimRoutes.submitDeduction, { params: p, body: { version } });
export const removeClaimApi = (kind: 'bonus' | 'deduction', p: Claim, version: number) => call(kind === 'bonus' ? claimRoutes.removeBonusClaim : claimRoutes.removeDeduction, { params: p, body: { version } });
/** 下载佐证材料：单位与绩效办走单位路由，提出扣分的考评单位走扣分路由 */
export const downloadClaimFileApi = (asRaiser: boolean, p: Claim & { fileId: string }) => call(asRaiser ? claimRoutes.downloadDeductionEvidence : claimRoutes.downloadClaimEvidence, { params: p });

/** Signs an upload for the unit's bonus or a deduction against it, then PUTs the file straight to the store; resolves with the file id. */
export async function uploadClaimFile(kind: 'bonus' | 'deduction', p: Unit, file: File, onProgress: (percent: number) => void): Promise<string> {
  const sha256 = await sha256Base64(file);
  const body = { name: file.name, contentType: file.type as never, size: file.size, sha256 };
  const signed = await call(kind === 'bonus' ? claimRoutes.signClaimEvidence : claimRoutes.signDeductionEvidence, { params: p, body }, { silent: true });
  await putSigned(signed, file, onProgress);
  return signed.fileId;
}

/** 考评单位或绩效办提出的扣分事项，及可扣分的单位与规则 */
export const listRaisedDeductionsApi = (regionId: string, cycleId: string) => call(claimRoutes.listRaisedDeductions, { params: { regionId, cycleId } });
/** 绩效办的加减分审核队列 */
export const listClaimQueueApi = (regionId: string, cycleId: string, query: { status?: 'draft' | 'submitted' | 'approved' | 'rejected'; kind?: 'bonus' | 'deduction'; page: number; limit: number }) =>
  call(claimRoutes.listClaimQueue, { params: { regionId, cycleId }, query });
export const decideClaimApi = (p: Claim, body: { decision: 'approve' | 'reject'; reason: string; version: number }) => call(claimRoutes.decideClaim, { params: p, body }, { silent: true });
export const listClaimEffectsApi = (regionId: string, cycleId: string) => call(claimRoutes.listClaimEffects, { params: { regionId, cycleId } });
/** 反馈扣分建议（第二十条） */
export const listProposalsApi = (regionId: string, cycleId: string) => call(feedbackRoutes.listFeedbackProposals, { params: { regionId, cycleId } });
export const draftProposalApi = (p: Unit & { feedbackId: string }, ruleId: string) => call(claimRoutes.draftProposalDeduction, { params: p, body: { ruleId } }, { silent: true });
export const dismissProposalApi = (p: Unit & { feedbackId: string }, reason: string) => call(claimRoutes.dismissProposal, { params: p, body: { reason } }, { silent: true });
