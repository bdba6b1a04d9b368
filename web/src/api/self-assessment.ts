// Self-assessment (自评, Art 16): a unit's goals with its entries, the save (as typed), evidence through
// signed URLs (straight to the evidence store, as progress reports do), the leader's submission, the
// bureau's review and list, and the assessor unit's read views — called by their contracts.
import { selfAssessmentRoutes, type SaveSelfBody } from '@shared/contracts/self-assessment.ts';
import type { CallOutput } from '@shared/contracts/define.ts';
import { call } from './call';
import { putSigned, sha256Base64 } from './progress-reports';

export type { SaveSelfBody, UnitSelfView, SelfGoalView, SelfItemView, SelfSetRow } from '@shared/contracts/self-assessment.ts';
export type AssessedSelfRow = CallOutput<typeof selfAssessmentRoutes.listAssessedSelfAssessments>['items'][number];
export type SelfSetsView = CallOutput<typeof selfAssessmentRoutes.listSelfAssessments>;

const at = (regionId: string, cycleId: string, unitId: string) => ({ regionId, cycleId, unitId });

export const getUnitSelfApi = (regionId: string, cycleId: string, unitId: string) => call(selfAssessmentRoutes.getUnitSelfAssessment, { params: at(regionId, cycleId, unitId) });
export const getAssessedSelfApi = (regionId: string, cycleId: string, unitId: string) => call(selfAssessmentRoutes.getAssessedSelfAssessment, { params: at(regionId, cycleId, unitId) });

/** 保存一项目标的自评（错误由填写框显示） */
export const saveSelfApi = (regionId: string, cycleId: string, unitId: string, indicatorId: string, body: SaveSelfBody) =>
  call(selfAssessmentRoutes.saveSelfAssessment, { params: { ...at(regionId, cycleId, unitId), indicatorId }, body }, { silent: true });

export const submitSelfApi = (regionId: string, cycleId: string, unitId: string, version: number) => call(selfAssessmentRoutes.submitSelfAssessment, { params: at(regionId, cycleId, unitId), body: { version } });

export const reviewSelfApi = (regionId: string, cycleId: string, unitId: string, body: { decision: 'approve'; version: number } | { decision: 'return'; version: number; reason: string }) =>
  call(selfAssessmentRoutes.reviewSelfAssessment, { params: at(regionId, cycleId, unitId), body });

export const listSelfSetsApi = (
  regionId: string,
  cycleId: string,
  query: { status?: 'missing' | 'draft' | 'submitted' | 'returned' | 'approved'; categoryId?: string; q?: string; page?: number; limit?: number },
) => call(selfAssessmentRoutes.listSelfAssessments, { params: { regionId, cycleId }, query });

export const listAssessedSelfApi = (regionId: string, cycleId: string) => call(selfAssessmentRoutes.listAssessedSelfAssessments, { params: { regionId, cycleId } });

type FileParams = { regionId: string; cycleId: string; unitId: string; indicatorId: string; fileId: string };
export const downloadSelfEvidenceApi = (p: FileParams, asAssessor: boolean) =>
  asAssessor ? call(selfAssessmentRoutes.downloadAssessedSelfEvidence, { params: p }) : call(selfAssessmentRoutes.downloadSelfEvidence, { params: p });

/** Uploads one evidence file: signed (type, size, hash checked by the API), then PUT straight to the store. Resolves with the file id to save on the entry. */
export async function uploadSelfEvidence(p: Omit<FileParams, 'fileId'>, file: File, onProgress: (percent: number) => void): Promise<string> {
  const sha256 = await sha256Base64(file);
  const signed = await call(selfAssessmentRoutes.signSelfEvidenceUpload, { params: p, body: { name: file.name, contentType: file.type as never, size: file.size, sha256 } }, { silent: true });
  await putSigned(signed, file, onProgress);
  return signed.fileId;
}
