// Complaints and reports (投诉举报, Art 32): filing (public, without sign-in, capped per client address
// and day; or in the portal, carrying the account), reading by query code, and the bureau's handling —
// assign, the staff's written answer, the leader's approval or return. Spread into the 'supervision'
// handler. Rules: domain/complaints.ts; storage: data/complaints.ts.
import { randomUUID } from 'node:crypto';
import { now, nowIso } from '../../config/clock.ts';
import { complaintRoutes } from '../../contracts/complaints.ts';
import { t } from '../../contracts/lang.ts';
import { listCalendarYears } from '../../data/calendar.ts';
import type { Actor } from '../../data/commit.ts';
import { getComplaint, getComplaintByCode, getComplaintWithContact, listComplaints, storeComplaintMove, storeFiling } from '../../data/complaints.ts';
import { getCycle, listCycles } from '../../data/cycles.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getRegion, getUnit, listUnits } from '../../data/regions.ts';
import { getUser } from '../../data/users.ts';
import { clientHash, codeHash, newQueryCode } from '../../identity/complaint-codes.ts';
import {
  COMPLAINT_ANSWER_WORKING_DAYS,
  complaintDue,
  CONTACT_RETENTION_DAYS,
  isComplaintOverdue,
  maskContact,
  moveRefusal,
  PUBLIC_DAILY_CAP,
  seesContact,
  statusAfter,
  type ComplaintMove,
} from '../../domain/complaints.ts';
import { beijingDate } from '../../domain/dates.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { Caller } from '../../domain/roles.ts';
import { ops } from '../../http/chain.ts';
import type { ComplaintContact, ComplaintContactRecord, ComplaintRecord } from '../../model/complaint.ts';
import type { z } from '../../contracts/zod.ts';
import type { fileComplaintBody } from '../../contracts/complaints.ts';

type FileInput = z.output<typeof fileComplaintBody>;
const DAY_S = 86_400;

const noRegion = () => new NotFoundError(t('该行政区域不存在', 'This region does not exist'));
const noComplaint = () => new NotFoundError(t('没有这条投诉举报', 'No such complaint'));

/** The contact's fields that were filled in, or nothing. */
function contactOf(c: FileInput['contact']): ComplaintContact | undefined {
  if (!c) return undefined;
  const kept = Object.fromEntries(Object.entries(c).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as ComplaintContact;
  return Object.keys(kept).length ? kept : undefined;
}

async function file(regionId: string, body: FileInput, who: { caller?: Caller; sourceIp?: string }) {
  const region = await getRegion(regionId);
  if (!region) throw noRegion();
  const [cycle, unit, entered] = await Promise.all([
    body.cycleId ? getCycle(regionId, body.cycleId) : undefined,
    body.unitId ? getUnit(regionId, body.unitId) : undefined,
    listCalendarYears(regionId),
  ]);
  if (body.cycleId && !cycle) throw new ValidationError(t('输入有误', 'Invalid input'), [{ path: 'body.cycleId', message: t('该区域没有这个考评周期', 'This region has no such cycle') }]);
  if (body.unitId && !unit) throw new ValidationError(t('输入有误', 'Invalid input'), [{ path: 'body.unitId', message: t('该区域没有这个单位', 'This region has no such unit') }]);
  const at = nowIso();
  const receivedOn = beijingDate(now());
  const code = newQueryCode();
  const contact = contactOf(body.contact);
  const actor: Actor = who.caller ?? { username: 'public', role: 'public', regionId };
  const complaint: ComplaintRecord = {
    regionId,
    complaintId: randomUUID(),
    codeHash: codeHash(code),
    channel: who.caller ? 'portal' : 'public',
    ...(who.caller ? { filedBy: who.caller.username, filerUnitId: who.caller.unitId } : {}),
    receivedAt: at,
    receivedOn,
    ...(cycle ? { cycleId: cycle.cycleId } : {}),
    ...(unit ? { unitId: unit.unitId, unitName: unit.name } : {}),
    ...(body.stage ? { stage: body.stage } : {}),
    subject: body.subject,
    content: body.content,
    hasContact: Boolean(contact),
    due: complaintDue(entered, receivedOn),
    status: 'received',
    history: [{ step: 'file', at, by: actor.username, role: actor.role }],
    version: 1,
    updatedAt: at,
    updatedBy: actor.username,
  };
  const nowS = Math.floor(now() / 1000);
  const contactRecord: ComplaintContactRecord | undefined = contact
    ? { regionId, complaintId: complaint.complaintId, contact, consentedAt: at, expiresAt: nowS + CONTACT_RETENTION_DAYS * DAY_S }
    : undefined;
  await storeFiling(actor, {
    complaint,
    contact: contactRecord,
    // Signed-in filers are bounded by their account's own limits; the public by address and day.
    cap: who.caller ? undefined : { clientHash: clientHash(who.sourceIp ?? 'unknown', receivedOn), date: receivedOn, max: PUBLIC_DAILY_CAP, expiresAt: nowS + 2 * DAY_S },
    notices: [
      noticeItem({
        regionId,
        unitId: region.bureauUnitId,
        at,
        kind: 'complaint.filed',
        link: `/complaints/${complaint.complaintId}`,
        title: `【投诉举报】${complaint.subject}`,
        body: `${receivedOn} 收到一件投诉举报${unit ? `（涉及${unit.name}）` : ''}，应于 ${complaint.due.date} 24:00 前书面答复${complaint.due.provisional ? '（暂定，当年放假通知未录入）' : ''}，请指定承办人。`,
      }),
    ],
  });
  return { complaintId: complaint.complaintId, code, receivedOn, due: complaint.due };
}

const listItem = (c: ComplaintRecord, today: string) => ({ ...c, overdue: isComplaintOverdue(c, today) });

/** The detail as this caller may see it: the contact in clear for the handler and the leader only. */
async function detail(regionId: string, complaintId: string, caller: Caller) {
  const { complaint, contact } = await getComplaintWithContact(regionId, complaintId);
  if (!complaint) throw noComplaint();
  const clear = seesContact(complaint, caller);
  return {
    ...listItem(complaint, beijingDate(now())),
    ...(contact ? { contact: clear ? contact.contact : maskContact(contact.contact), contactKeptUntil: beijingDate(contact.expiresAt * 1000) } : {}),
    contactMasked: !clear,
  };
}

async function move(caller: Caller, regionId: string, complaintId: string, m: ComplaintMove, version: number, change: (c: ComplaintRecord, at: string) => Partial<ComplaintRecord>, note?: string) {
  const before = await getComplaint(regionId, complaintId);
  if (!before) throw noComplaint();
  if (before.version !== version) throw new ConflictError(t('该投诉举报已被他人修改，请刷新后重试', 'Someone else changed this complaint; please refresh and try again'));
  const refusal = moveRefusal(m, before, caller);
  if (refusal) throw new ConflictError(refusal);
  const at = nowIso();
  const changed = { ...before, ...change(before, at) };
  const after: ComplaintRecord = {
    ...changed,
    status: statusAfter(m, changed),
    history: [...before.history, { step: m, at, by: caller.username, role: caller.role, ...(note ? { note } : {}) }],
    version: before.version + 1,
    updatedAt: at,
    updatedBy: caller.username,
  };
  const region = await getRegion(regionId);
  const bureauUnit = region?.bureauUnitId ?? caller.unitId;
  const notices =
    m === 'answer'
      ? [noticeItem({ regionId, unitId: bureauUnit, at, kind: 'complaint.answer', audience: 'bureau_leader', link: `/complaints/${complaintId}`, title: `【待审核】投诉举报「${before.subject}」的答复`, body: `${caller.name} 已起草答复，请审核。` })]
      : m === 'return'
        ? [noticeItem({ regionId, unitId: bureauUnit, at, kind: 'complaint.return', audience: 'bureau_staff', link: `/complaints/${complaintId}`, title: `【退回】投诉举报「${before.subject}」的答复`, body: `领导退回答复：${note ?? ''}` })]
        : [];
  await storeComplaintMove(caller, `complaint.${m}`, before, after, notices);
  return detail(regionId, complaintId, caller);
}

export const complaintOps = ops(complaintRoutes, {
  getComplaintForm: async ({ params }) => {
    const region = await getRegion(params.regionId);
    if (!region) throw noRegion();
    const [cycles, units] = await Promise.all([listCycles(region.regionId), listUnits(region.regionId)]);
    return {
      regionName: region.name,
      cycles: cycles.map((c) => ({ cycleId: c.cycleId, name: c.name })),
      units: units.filter((u) => u.status === 'active').map((u) => ({ unitId: u.unitId, name: u.name })),
      answerWorkingDays: COMPLAINT_ANSWER_WORKING_DAYS,
      retentionDays: CONTACT_RETENTION_DAYS,
      dailyCap: PUBLIC_DAILY_CAP,
    };
  },
  filePublicComplaint: async ({ params, body, sourceIp }) => file(params.regionId, body, { sourceIp }),
  fileComplaint: async ({ params, body, caller }) => file(params.regionId, body, { caller }),
  lookupComplaint: async ({ body }) => {
    const c = await getComplaintByCode(codeHash(body.code));
    // One answer for a wrong code and a missing complaint: nothing tells a guesser more.
    if (!c) throw new NotFoundError(t('查询码无效，请核对后重试', 'No complaint has this query code; check it and try again'));
    const region = await getRegion(c.regionId);
    return {
      regionName: region?.name ?? c.regionId,
      receivedOn: c.receivedOn,
      subject: c.subject,
      content: c.content,
      ...(c.unitName ? { unitName: c.unitName } : {}),
      status: c.status,
      due: c.due,
      ...(c.status === 'answered' && c.answer ? { answer: { text: c.answer.text, on: beijingDate(Date.parse(c.answeredAt ?? c.updatedAt)) } } : {}),
    };
  },
  listComplaints: async ({ params, query }) => {
    const page = await listComplaints(params.regionId, query.limit, query.cursor, query.status);
    const today = beijingDate(now());
    return { items: page.items.map((c) => listItem(c, today)), nextCursor: page.nextCursor };
  },
  getComplaint: async ({ params, caller }) => detail(params.regionId, params.complaintId, caller),
  assignComplaint: async ({ params, body, caller }) => {
    const handler = await getUser(body.handler);
    if (!handler || handler.regionId !== params.regionId || handler.role !== 'bureau_staff' || handler.status !== 'active') {
      throw new ValidationError(t('输入有误', 'Invalid input'), [{ path: 'body.handler', message: t('承办人应为本区域在用的绩效办工作人员', 'The handler must be an active bureau staff account of this region') }]);
    }
    return move(caller, params.regionId, params.complaintId, 'assign', body.version, () => ({ handler: handler.username }), handler.username);
  },
  answerComplaint: async ({ params, body, caller }) =>
    move(caller, params.regionId, params.complaintId, 'answer', body.version, (c, at) => ({ answer: { text: body.answer, by: caller.username, at }, handler: c.handler ?? caller.username, returnOpinion: undefined })),
  decideComplaint: async ({ params, body, caller }) =>
    body.approve
      ? move(caller, params.regionId, params.complaintId, 'approve', body.version, (_c, at) => ({ approvedBy: caller.username, answeredAt: at }), body.opinion)
      : move(caller, params.regionId, params.complaintId, 'return', body.version, () => ({ returnOpinion: body.opinion }), body.opinion),
});
