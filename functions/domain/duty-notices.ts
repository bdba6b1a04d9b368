// Texts of the notices stage duties send (站内消息): to a unit's leader, and to the bureau.
import { STAGE_NAMES, type StageCode } from './stages.ts';

export interface DutyRef {
  cycleName: string;
  stage: StageCode;
  deadline: string;
}

/** What the unit owes, as the notice names it (the stage's duties, domain/duties.ts). */
export interface Owed {
  what: readonly string[];
}

/** The unit missed its deadline: addressed to its leader. */
export function unitMissedNotice(r: DutyRef & Owed & { unitName: string; extended: boolean }) {
  return {
    kind: 'duty.overdue',
    audience: 'unit_leader',
    title: `【超期】致${r.unitName}负责人：${r.cycleName}「${STAGE_NAMES[r.stage]}」未按期完成`,
    body: `${r.unitName}未在${r.extended ? '延期后的' : ''}截止日期 ${r.deadline} 前完成「${STAGE_NAMES[r.stage]}」阶段的工作（${r.what.join('；')}），已记录为超期，逾期不能再提交。如确有原因，请向绩效办申请延期。`,
  };
}

/** The bureau learns which units missed a deadline (an extension's, where one was granted). */
export function bureauMissedNotice(r: Omit<DutyRef, 'deadline'> & { units: readonly string[] }) {
  return {
    kind: 'duty.overdue',
    title: `【超期】${r.cycleName}「${STAGE_NAMES[r.stage]}」${r.units.length} 个单位逾期仍未完成`,
    body: `以下单位在截止日期（含延期）前仍未完成「${STAGE_NAMES[r.stage]}」阶段的工作，已记录为超期：${r.units.join('、')}。`,
  };
}

/** A unit that has not delivered yet, three working days before its deadline. */
export function unitReminderNotice(r: DutyRef & Owed & { unitName: string; extended: boolean }) {
  return {
    kind: 'duty.reminder',
    audience: 'unit_leader',
    title: `【提醒】致${r.unitName}负责人：${r.cycleName}「${STAGE_NAMES[r.stage]}」即将截止`,
    body: `本单位「${STAGE_NAMES[r.stage]}」阶段的工作（${r.what.join('；')}）尚未完成，${r.extended ? '延期后的' : ''}截止时间为 ${r.deadline} 24:00，请及时完成。`,
  };
}

/** The bureau granted the unit an extension. */
export function extensionNotice(r: DutyRef & { unitName: string; reason: string }) {
  return {
    kind: 'duty.extended',
    audience: 'unit_leader',
    title: `【延期】致${r.unitName}负责人：${r.cycleName}「${STAGE_NAMES[r.stage]}」截止日期延至 ${r.deadline}`,
    body: `绩效办同意本单位「${STAGE_NAMES[r.stage]}」阶段的工作延期至 ${r.deadline} 24:00 完成。理由：${r.reason}`,
  };
}
