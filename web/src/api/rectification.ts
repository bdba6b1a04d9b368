// Rectification (整改, Art 25–26): the unit's problems and plans, the bureau's tracking and carry-over,
// the unit's carried goals in the next cycle, and the public commitments.
import { publicRectificationRoutes, rectificationRoutes, type SaveRectificationBody } from '@shared/contracts/rectification.ts';
import type { CallOutput } from '@shared/contracts/define.ts';
import type { RectifyStatus } from '@shared/model/rectification.ts';
import { call } from './call';
import { putSigned, sha256Base64 } from './progress-reports';

export type { RectificationListView, RectificationView, SaveRectificationBody, UnitRectificationView, CarriedGoalView } from '@shared/contracts/rectification.ts';
export type { RectifyStatus } from '@shared/model/rectification.ts';
export { RECTIFY_STATUSES } from '@shared/model/rectification.ts';
export type PublicUnitRectification = CallOutput<typeof publicRectificationRoutes.getPublicUnitRectification>;
export type PublicRectificationUnits = CallOutput<typeof publicRectificationRoutes.listPublicRectificationUnits>;
export type CarriedGoalsView = CallOutput<typeof rectificationRoutes.listCarriedGoals>;

const item = (regionId: string, cycleId: string, unitId: string, problemId: string) => ({ regionId, cycleId, unitId, problemId });

/** 单位的问题清单与整改计划 */
export const getUnitRectificationApi = (regionId: string, cycleId: string, unitId: string) => call(rectificationRoutes.getUnitRectification, { params: { regionId, cycleId, unitId } });

/** 保存整改计划（错误由对话框显示） */
export const saveRectificationApi = (regionId: string, cycleId: string, unitId: string, problemId: string, body: SaveRectificationBody) =>
  call(rectificationRoutes.saveRectification, { params: item(regionId, cycleId, unitId, problemId), body }, { silent: true });

export const submitRectificationApi = (regionId: string, cycleId: string, unitId: string, problemId: string, version: number) =>
  call(rectificationRoutes.submitRectification, { params: item(regionId, cycleId, unitId, problemId), body: { version } }, { silent: true });

export const reviewRectificationApi = (regionId: string, cycleId: string, unitId: string, problemId: string, body: { decision: 'approve'; version: number } | { decision: 'return'; reason: string; version: number }) =>
  call(rectificationRoutes.reviewRectification, { params: item(regionId, cycleId, unitId, problemId), body }, { silent: true });

export const reportRectificationApi = (regionId: string, cycleId: string, unitId: string, problemId: string, body: { text: string; evidence: string[]; version: number }) =>
  call(rectificationRoutes.reportRectificationProgress, { params: item(regionId, cycleId, unitId, problemId), body }, { silent: true });

export const completeRectificationApi = (regionId: string, cycleId: string, unitId: string, problemId: string, body: { result: string; evidence: string[]; version: number }) =>
  call(rectificationRoutes.completeRectification, { params: item(regionId, cycleId, unitId, problemId), body }, { silent: true });

export const decideRectificationApi = (regionId: string, cycleId: string, unitId: string, problemId: string, body: { decision: 'accept'; version: number } | { decision: 'return'; reason: string; version: number }) =>
  call(rectificationRoutes.decideRectification, { params: item(regionId, cycleId, unitId, problemId), body }, { silent: true });

/** 绩效办整改跟踪：按状态/单位/逾期筛选，分页 */
export const listRectificationApi = (regionId: string, cycleId: string, query: { status?: RectifyStatus; unitId?: string; overdue?: 'true' | 'false'; page: number; limit: number }) =>
  call(rectificationRoutes.listRectification, { params: { regionId, cycleId }, query });

/** 结转为下一年度目标草稿（可重复执行） */
export const carryRectificationApi = (regionId: string, cycleId: string, nextCycleId: string) => call(rectificationRoutes.carryRectification, { params: { regionId, cycleId }, body: { nextCycleId } }, { silent: true });

/** 结转事项（错误由目标页上的结转面板自行显示，不打断目标页） */
export const listCarriedGoalsApi = (regionId: string, cycleId: string, unitId: string) => call(rectificationRoutes.listCarriedGoals, { params: { regionId, cycleId, unitId } }, { silent: true });

export const decideCarriedGoalApi = (
  regionId: string,
  cycleId: string,
  unitId: string,
  fromCycleId: string,
  problemId: string,
  body: { decision: 'accept'; indicatorId: string; target: string; version: number } | { decision: 'decline'; reason: string; version: number },
) => call(rectificationRoutes.decideCarriedGoal, { params: { regionId, cycleId, unitId, fromCycleId, problemId }, body }, { silent: true });

/** Uploads one evidence file of a plan through the presigned path (signed by the API, PUT straight to the store). */
export async function uploadRectificationEvidence(at: { regionId: string; cycleId: string; unitId: string; problemId: string }, file: File, onProgress: (percent: number) => void): Promise<string> {
  const body = { name: file.name, contentType: file.type as never, size: file.size, sha256: await sha256Base64(file) };
  const signed = await call(rectificationRoutes.signRectificationEvidence, { params: item(at.regionId, at.cycleId, at.unitId, at.problemId), body }, { silent: true });
  await putSigned(signed, file, onProgress);
  return signed.fileId;
}

export const downloadRectificationEvidenceApi = (regionId: string, cycleId: string, unitId: string, problemId: string, fileId: string) =>
  call(rectificationRoutes.downloadRectificationEvidence, { params: { ...item(regionId, cycleId, unitId, problemId), fileId } });

export const listPublicRectificationUnitsApi = (regionId: string, cycleId: string) => call(publicRectificationRoutes.listPublicRectificationUnits, { params: { regionId, cycleId } });
export const getPublicUnitRectificationApi = (regionId: string, cycleId: string, unitId: string) => call(publicRectificationRoutes.getPublicUnitRectification, { params: { regionId, cycleId, unitId } });
