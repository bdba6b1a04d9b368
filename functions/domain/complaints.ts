// Rules of complaints and reports (投诉举报, Art 32; SPEC "Complaints"): the written answer is due
// COMPLAINT_ANSWER_WORKING_DAYS working days after receipt (the day of receipt not counted; the
// regulation and SPEC name no number, so 15 — README), provisional where a year's holiday notice is
// not entered; contact masking; the per-client cap on public filings; who moves what.
import { t } from '../contracts/lang.ts';
import type { CalendarYear } from '../model/calendar.ts';
import type { ComplaintContact, ComplaintRecord, ComplaintStatus } from '../model/complaint.ts';
import type { DueDate } from '../model/feedback.ts';
import { shiftIsoDate } from './dates.ts';
import type { Role } from './roles.ts';
import { fillCalendar } from './statutory-holidays.ts';

/** Working days the bureau has for its written answer. */
export const COMPLAINT_ANSWER_WORKING_DAYS = 15;
/** Public (signed-out) filings one client address may make per Beijing day. */
export const PUBLIC_DAILY_CAP = 5;
/** Contact details are kept this many days after receipt, then the table's TTL deletes them. */
export const CONTACT_RETENTION_DAYS = 365;

const yearOf = (date: string) => Number(date.slice(0, 4));

/** The answer's due date, counted on the region's calendar (provisional years filled in). */
export function complaintDue(entered: readonly CalendarYear[], receivedOn: string, days = COMPLAINT_ANSWER_WORKING_DAYS): DueDate {
  const { calendar, provisional } = fillCalendar(entered, [yearOf(receivedOn), yearOf(receivedOn) + 1]);
  const date = calendar.addWorkingDays(receivedOn, days);
  const first = yearOf(shiftIsoDate(receivedOn, 1));
  return { date, provisional: [first, yearOf(date)].some((y) => provisional.has(y)) };
}

/** Open (not answered) and past its due date (a date ends 24:00 Beijing). */
export const isComplaintOverdue = (c: Pick<ComplaintRecord, 'status' | 'due'>, today: string) => c.status !== 'answered' && today > c.due.date;

/** Whether the daily job owes the bureau leader a notice: overdue and not yet told of this due date. */
export const escalationDue = (c: Pick<ComplaintRecord, 'status' | 'due' | 'escalatedFor'>, today: string) => isComplaintOverdue(c, today) && c.escalatedFor !== c.due.date;

// ---- Masking (shown to everyone but the handler and the leader).
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, '');
  return digits.length < 7 ? '*'.repeat(digits.length) : `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
export function maskEmail(email: string): string {
  const [user = '', host = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${host}`;
}
export function maskContact(c: ComplaintContact): ComplaintContact {
  return { ...(c.name ? { name: maskName(c.name) } : {}), ...(c.phone ? { phone: maskPhone(c.phone) } : {}), ...(c.email ? { email: maskEmail(c.email) } : {}) };
}
/** Who reads the contact in clear: the staff member handling it and the bureau leader who signs the answer. */
export const seesContact = (c: Pick<ComplaintRecord, 'handler'>, caller: { username: string; role: Role }) => caller.role === 'bureau_leader' || (caller.role === 'bureau_staff' && c.handler === caller.username);

// ---- Moves.
export type ComplaintMove = 'assign' | 'answer' | 'approve' | 'return';

/** Why a move is refused now (undefined: allowed). */
export function moveRefusal(move: ComplaintMove, c: Pick<ComplaintRecord, 'status' | 'handler'>, caller: { username: string; role: Role }): string | undefined {
  const open: ComplaintStatus[] = ['received', 'handling'];
  switch (move) {
    case 'assign':
      return open.includes(c.status) ? undefined : t('该投诉举报已在审核或已答复，不能再改派', 'This complaint is awaiting approval or answered; it can no longer be reassigned');
    case 'answer':
      if (caller.role !== 'bureau_staff') return t('答复由绩效办工作人员起草', 'Bureau staff draft the answer');
      if (!open.includes(c.status)) return t('该投诉举报已在审核或已答复', 'This complaint is awaiting approval or answered');
      if (c.handler && c.handler !== caller.username) return t(`该投诉举报由 ${c.handler} 承办`, `This complaint is handled by ${c.handler}`);
      return undefined;
    case 'approve':
    case 'return':
      return c.status === 'pending_approval' ? undefined : t('该投诉举报没有待审核的答复', 'This complaint has no answer awaiting approval');
  }
}

/** The status a move leads to. */
export function statusAfter(move: ComplaintMove, c: Pick<ComplaintRecord, 'handler'>): ComplaintStatus {
  if (move === 'answer') return 'pending_approval';
  if (move === 'approve') return 'answered';
  if (move === 'return') return c.handler ? 'handling' : 'received';
  return 'handling';
}

export function escalationNotice(c: Pick<ComplaintRecord, 'complaintId' | 'subject' | 'receivedOn' | 'due'>) {
  return {
    kind: 'complaint.overdue',
    audience: 'bureau_leader',
    title: `【逾期】投诉举报「${c.subject}」未在期限内答复`,
    body: `${c.receivedOn} 收到的投诉举报（编号 ${c.complaintId.slice(0, 8)}）应于 ${c.due.date} 24:00 前书面答复，至今未答复，请督办。`,
  };
}
