// Progress reports (Art 13): the schedule, a unit's periods and entries, evidence through signed
// URLs (the file goes straight to the evidence store, never through the API), the leader's
// approval, and the bureau's and the assessor unit's read views, called by their contracts.
import { progressReportRoutes, type SaveEntryBody } from '@shared/contracts/progress-reports.ts';
import type { CallOutput } from '@shared/contracts/define.ts';
import { call } from './call';

export type { SaveEntryBody, UnitProgressView, ProgressItemView } from '@shared/contracts/progress-reports.ts';
export type ProgressGoal = CallOutput<typeof progressReportRoutes.getUnitProgress>['goals'][number];
export type PeriodSummary = CallOutput<typeof progressReportRoutes.getUnitProgress>['periods'][number];
export type ReportRow = CallOutput<typeof progressReportRoutes.listProgressReports>['items'][number];
export type AssessedRow = CallOutput<typeof progressReportRoutes.listAssessedProgress>['items'][number];
export type ScheduleView = CallOutput<typeof progressReportRoutes.getProgressSchedule>;

const at = (regionId: string, cycleId: string, unitId: string) => ({ regionId, cycleId, unitId });

export const getScheduleApi = (regionId: string, cycleId: string) => call(progressReportRoutes.getProgressSchedule, { params: { regionId, cycleId } });
export const setScheduleApi = (regionId: string, cycleId: string, body: { frequency: 'monthly' | 'quarterly'; dueDay: number; bureauAfterDays: number; version: number }) =>
  call(progressReportRoutes.setProgressSchedule, { params: { regionId, cycleId }, body });

/** 单位各期进度及某一期的逐项填报 */
export const getUnitProgressApi = (regionId: string, cycleId: string, unitId: string, period?: string) =>
  call(progressReportRoutes.getUnitProgress, { params: at(regionId, cycleId, unitId), query: period ? { period } : {} });

/** 保存一项目标本期进度（错误由填报框显示） */
export const saveEntryApi = (regionId: string, cycleId: string, unitId: string, period: string, indicatorId: string, body: SaveEntryBody) =>
  call(progressReportRoutes.saveProgressEntry, { params: { ...at(regionId, cycleId, unitId), period, indicatorId }, body }, { silent: true });

export const submitProgressApi = (regionId: string, cycleId: string, unitId: string, period: string, version: number) =>
  call(progressReportRoutes.submitProgress, { params: { ...at(regionId, cycleId, unitId), period }, body: { version } });

export const reviewProgressApi = (regionId: string, cycleId: string, unitId: string, period: string, body: { decision: 'approve'; version: number } | { decision: 'return'; version: number; reason: string }) =>
  call(progressReportRoutes.reviewProgress, { params: { ...at(regionId, cycleId, unitId), period }, body });

export const listReportsApi = (regionId: string, cycleId: string, query: { period?: string; status?: 'draft' | 'submitted' | 'returned' | 'approved'; limit?: number; cursor?: string }) =>
  call(progressReportRoutes.listProgressReports, { params: { regionId, cycleId }, query });

export const listAssessedApi = (regionId: string, cycleId: string, query: { period?: string; limit?: number; cursor?: string }) =>
  call(progressReportRoutes.listAssessedProgress, { params: { regionId, cycleId }, query });

type FileParams = { regionId: string; cycleId: string; unitId: string; period: string; indicatorId: string; fileId: string };
export const downloadEvidenceApi = (p: FileParams) => call(progressReportRoutes.downloadEvidence, { params: p });
export const downloadAssessedEvidenceApi = (p: FileParams) => call(progressReportRoutes.downloadAssessedEvidence, { params: p });

/** The file's SHA-256 as S3 takes it (base64), computed in the browser before signing. */
export async function sha256Base64(file: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  let binary = '';
  for (const b of digest) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Uploads one evidence file: signs (type, size and hash checked by the API and signed into the URL),
 * then PUTs it straight to the evidence store with progress. Resolves with the file id to save on the entry.
 */
export async function uploadEvidence(
  p: Omit<FileParams, 'fileId'>,
  file: File,
  onProgress: (percent: number) => void,
): Promise<string> {
  const sha256 = await sha256Base64(file);
  const signed = await call(
    progressReportRoutes.signEvidenceUpload,
    { params: p, body: { name: file.name, contentType: file.type as never, size: file.size, sha256 } },
    { silent: true },
  );
  await putSigned(signed, file, onProgress);
  return signed.fileId;
}

/** PUTs the file to a signed URL with the signed headers, reporting progress (any evidence path: progress, claims). */
export async function putSigned(signed: { url: string; headers: Record<string, string> }, file: File, onProgress: (percent: number) => void): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', signed.url);
    for (const [k, v] of Object.entries(signed.headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`upload ${xhr.status}`)));
    xhr.onerror = () => reject(new Error('upload failed'));
    xhr.send(file);
  });
}

/** Opens a signed download (attachment) in this tab: the browser saves the file. */
export function openDownload(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
