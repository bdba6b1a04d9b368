// 投诉举报 (Art 32): public filing and query by code (no login), portal filing, the bureau's handling.
import { complaintRoutes } from '@shared/contracts/complaints.ts';
import type { ComplaintStatus } from '@shared/model/complaint.ts';
import type { CallInput, CallOutput } from '@shared/contracts/define.ts';
import { call } from './call';

export type ComplaintForm = CallOutput<typeof complaintRoutes.getComplaintForm>;
export type ComplaintFiling = CallInput<typeof complaintRoutes.fileComplaint>['body'];
export type ComplaintFiled = CallOutput<typeof complaintRoutes.fileComplaint>;
export type PublicComplaint = CallOutput<typeof complaintRoutes.lookupComplaint>;
export type ComplaintPage = CallOutput<typeof complaintRoutes.listComplaints>;
export type ComplaintItem = ComplaintPage['items'][number];
export type ComplaintDetail = CallOutput<typeof complaintRoutes.getComplaint>;

export const getComplaintFormApi = (regionId: string) => call(complaintRoutes.getComplaintForm, { params: { regionId } });
/** Signed in: the portal route (carries the account); otherwise the public one (capped per address and day). */
export const fileComplaintApi = (regionId: string, body: ComplaintFiling, signedIn: boolean) =>
  signedIn ? call(complaintRoutes.fileComplaint, { params: { regionId }, body }) : call(complaintRoutes.filePublicComplaint, { params: { regionId }, body });
export const lookupComplaintApi = (code: string) => call(complaintRoutes.lookupComplaint, { body: { code } });
export const listComplaintsApi = (regionId: string, query: { status?: ComplaintStatus; limit?: number; cursor?: string }) =>
  call(complaintRoutes.listComplaints, { params: { regionId }, query });
export const getComplaintApi = (regionId: string, complaintId: string) => call(complaintRoutes.getComplaint, { params: { regionId, complaintId } });
export const assignComplaintApi = (regionId: string, complaintId: string, handler: string, version: number) =>
  call(complaintRoutes.assignComplaint, { params: { regionId, complaintId }, body: { handler, version } });
export const answerComplaintApi = (regionId: string, complaintId: string, answer: string, version: number) =>
  call(complaintRoutes.answerComplaint, { params: { regionId, complaintId }, body: { answer, version } });
export const decideComplaintApi = (regionId: string, complaintId: string, approve: boolean, version: number, opinion?: string) =>
  call(complaintRoutes.decideComplaint, { params: { regionId, complaintId }, body: { approve, version, ...(opinion ? { opinion } : {}) } });
