// Complaints and reports about the assessment (投诉举报, Art 32; issue 14). Anyone files one on the
// public site without signing in (bounded per client address and day) or in the portal (then it
// carries the account), and later reads its status and answer by the query code it was given. The
// bureau of the complaint's region alone lists and handles them: staff draft the written answer, the
// bureau leader approves it (or returns it with an opinion). Contact details are optional, consented,
// and shown in clear only to the staff member handling it and the leader (domain/complaints.ts).
import { STAGE_CODES } from '../domain/stages.ts';
import { CODE_PATTERN, complaintContact, complaintStatus, complaintStep, COMPLAINT_CHANNELS } from '../model/complaint.ts';
import { dueDate } from '../model/feedback.ts';
import { bureau, bureauLeader, everyone, only, PUBLIC } from './access.ts';
import { noParams, page, pageQuery, route } from './define.ts';
import { t } from './lang.ts';
import { complaintPath, regionPath } from './paths.ts';
import { ids, text, version, z } from './zod.ts';

const PHONE = /^[0-9+\-\s()]{5,20}$/;
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,20}$/;

export const contactInput = z.object({
  name: text({ max: 40 }).optional(),
  phone: z.string().regex(PHONE, { error: () => t('电话号码格式有误', 'Not a valid phone number') }).optional(),
  email: z.string().max(254).regex(EMAIL, { error: () => t('电子邮箱格式有误', 'Not a valid e-mail address') }).optional(),
});

export const fileComplaintBody = z
  .object({
    cycleId: ids.cycle.optional(),
    unitId: ids.unit.optional(),
    stage: z.enum(STAGE_CODES).optional(),
    subject: text({ min: 2, max: 100 }),
    content: text({ min: 10, max: 5000, multiline: true }),
    contact: contactInput.optional(),
    /** Consent to keep the contact for handling this complaint (required when a contact is given). */
    consent: z.boolean().default(false),
  })
  .refine((b) => !b.contact || !Object.values(b.contact).some(Boolean) || b.consent, {
    path: ['consent'],
    error: () => t('留下联系方式须同意其用途与保存期限', 'Leaving contact details needs consent to their purpose and retention'),
  });

export const filedView = z.object({
  complaintId: z.string(),
  /** Shown once: the filer keeps it to read the status and the answer later. */
  code: z.string(),
  receivedOn: z.string(),
  due: dueDate,
});

export const lookupBody = z.object({ code: z.string().max(19).regex(CODE_PATTERN, { error: () => t('查询码格式有误', 'Not a valid query code') }) });

/** What the code's holder reads: never who handled it, never contact details. */
export const publicComplaintView = z.object({
  regionName: z.string(),
  receivedOn: z.string(),
  subject: z.string(),
  content: z.string(),
  unitName: z.string().optional(),
  status: complaintStatus,
  due: dueDate,
  answer: z.object({ text: z.string(), on: z.string() }).optional(),
});

export const complaintFormView = z.object({
  regionName: z.string(),
  cycles: z.array(z.object({ cycleId: z.string(), name: z.string() })),
  units: z.array(z.object({ unitId: z.string(), name: z.string() })),
  answerWorkingDays: z.number().int(),
  retentionDays: z.number().int(),
  dailyCap: z.number().int(),
});

export const complaintListItem = z.object({
  complaintId: z.string(),
  receivedAt: z.string(),
  receivedOn: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS),
  subject: z.string(),
  cycleId: z.string().optional(),
  unitId: z.string().optional(),
  unitName: z.string().optional(),
  stage: z.enum(STAGE_CODES).optional(),
  status: complaintStatus,
  due: dueDate,
  overdue: z.boolean(),
  handler: z.string().optional(),
  hasContact: z.boolean(),
  version: z.number(),
});
export const complaintListQuery = pageQuery.extend({ status: complaintStatus.optional() });

export const complaintDetail = complaintListItem.extend({
  content: z.string(),
  filedBy: z.string().optional(),
  answer: z.object({ text: z.string(), by: z.string(), at: z.string() }).optional(),
  approvedBy: z.string().optional(),
  answeredAt: z.string().optional(),
  returnOpinion: z.string().optional(),
  history: z.array(complaintStep),
  contact: complaintContact.optional(),
  /** Whether `contact` is masked for this caller (only the handler and the leader see it in clear). */
  contactMasked: z.boolean(),
  /** The date the contact details are deleted. */
  contactKeptUntil: z.string().optional(),
});

export const assignBody = z.object({ handler: ids.username, version });
export const answerBody = z.object({ answer: text({ min: 10, max: 5000, multiline: true }), version });
export const decideBody = z
  .object({ approve: z.boolean(), opinion: text({ max: 1000, multiline: true }).optional(), version })
  .refine((b) => b.approve || (b.opinion ?? '').length >= 2, { path: ['opinion'], error: () => t('退回须写明意见', 'A return needs an opinion') });

const base = '/regions/{regionId}/complaints';
const one = `${base}/{complaintId}`;

export const complaintRoutes = {
  getComplaintForm: route({ method: 'GET', path: '/public/regions/{regionId}/complaint-form', group: 'supervision', access: PUBLIC, params: regionPath, output: complaintFormView, summary: '公开：投诉举报表单的选项（考评周期、单位、答复期限、联系方式保存期限）' }),
  filePublicComplaint: route({ method: 'POST', path: '/public/regions/{regionId}/complaints', group: 'supervision', access: PUBLIC, params: regionPath, body: fileComplaintBody, output: filedView, summary: '公开：不登录提交投诉举报（每个地址每日限量），返回查询码' }),
  lookupComplaint: route({ method: 'POST', path: '/public/complaints/lookup', group: 'supervision', access: PUBLIC, params: noParams, body: lookupBody, output: publicComplaintView, summary: '公开：凭查询码查看投诉举报的办理状态与答复' }),
  fileComplaint: route({ method: 'POST', path: base, group: 'supervision', access: everyone('region'), params: regionPath, body: fileComplaintBody, output: filedView, summary: '登录后提交投诉举报（记录提交账号），返回查询码' }),
  listComplaints: route({ method: 'GET', path: base, group: 'supervision', access: bureau, params: regionPath, query: complaintListQuery, output: page(complaintListItem), summary: '绩效办的投诉举报列表（按状态筛选，分页；不含联系方式）' }),
  getComplaint: route({ method: 'GET', path: one, group: 'supervision', access: bureau, params: complaintPath, output: complaintDetail, summary: '投诉举报详情（联系方式仅承办人与绩效办领导可见明文）' }),
  assignComplaint: route({ method: 'POST', path: `${one}/assign`, group: 'supervision', access: bureau, params: complaintPath, body: assignBody, output: complaintDetail, summary: '指定承办的绩效办工作人员' }),
  answerComplaint: route({ method: 'POST', path: `${one}/answer`, group: 'supervision', access: only(['bureau_staff'], 'region'), params: complaintPath, body: answerBody, output: complaintDetail, summary: '绩效办工作人员起草书面答复，报领导审核' }),
  decideComplaint: route({ method: 'POST', path: `${one}/decision`, group: 'supervision', access: bureauLeader, params: complaintPath, body: decideBody, output: complaintDetail, summary: '绩效办领导审核答复：同意后答复生效，或写明意见退回' }),
};
