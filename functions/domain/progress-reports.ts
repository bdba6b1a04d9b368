// The rules of a unit's progress report of one period (Art 13): who moves it where, what a goal's
// entry must hold before the report leaves the unit, and the fed values (系统采集) the unit cannot change.
import { t } from '../contracts/lang.ts';
import type { Role } from './roles.ts';
import type { ProgressFields, ProgressItemRecord, ReportCounts, ReportStatus } from '../model/progress-report.ts';
import type { FieldProblem } from './errors.ts';

/** The stages in which a unit reports (the last period is due after the year, in self-assessment). */
export const PROGRESS_STAGES = ['execution', 'self_assessment'] as const;

export type ReportAction = 'edit' | 'submit' | 'approve' | 'return';

const FILERS: readonly Role[] = ['unit_staff', 'unit_leader'];

/** Where an action takes the report from `status` (undefined: nothing saved yet), or why it cannot. */
export function reportMove(action: ReportAction, status: ReportStatus | undefined, role: Role): { ok: true; to: ReportStatus } | { ok: false; message: string } {
  const withUnit = status === undefined || status === 'draft' || status === 'returned';
  switch (action) {
    case 'edit':
      if (!FILERS.includes(role)) return { ok: false, message: t('只有本单位填报人员可以填写进度', 'Only the unit’s own people fill in progress') };
      return withUnit ? { ok: true, to: status === 'returned' ? 'returned' : 'draft' } : { ok: false, message: status === 'approved' ? t('本期进度已审核通过，不能再修改', 'This period’s report is approved and can no longer be changed') : t('本期进度已提交单位负责人审核，不能修改', 'This period’s report is with the unit leader for approval and cannot be changed') };
    case 'submit':
      if (!FILERS.includes(role)) return { ok: false, message: t('只有本单位人员可以提交', 'Only the unit’s own people submit') };
      return withUnit ? { ok: true, to: 'submitted' } : { ok: false, message: t('本期进度已提交或已审核', 'This period’s report is already submitted or approved') };
    case 'approve':
      if (role !== 'unit_leader') return { ok: false, message: t('只有单位负责人可以审核本单位进度报告', 'Only the unit leader approves the unit’s report') };
      return status === 'approved' ? { ok: false, message: t('本期进度已审核通过', 'This period’s report is already approved') } : { ok: true, to: 'approved' };
    case 'return':
      if (role !== 'unit_leader') return { ok: false, message: t('只有单位负责人可以退回', 'Only the unit leader returns a report') };
      return status === 'submitted' ? { ok: true, to: 'returned' } : { ok: false, message: t('只有待审核的进度报告可以退回', 'Only a report awaiting approval can be returned') };
  }
}

/** A goal's entry says something: a value (typed or fed), a narrative, or the declaration of nothing to report. */
export const isFilled = (i: Pick<ProgressItemRecord, 'value' | 'nothingToReport' | 'narrative' | 'fed'>) =>
  i.nothingToReport || i.value !== undefined || i.fed !== undefined || Boolean(i.narrative);

export function countItems(items: readonly Pick<ProgressItemRecord, 'value' | 'nothingToReport' | 'narrative' | 'fed'>[]): ReportCounts {
  return { filled: items.filter(isFilled).length, nothingToReport: items.filter((i) => i.nothingToReport).length };
}

/** The goals of the period with nothing said yet: the report cannot leave the unit while any is left blank. */
export function blankGoals(goalIds: readonly string[], items: readonly ProgressItemRecord[]): string[] {
  const filled = new Set(items.filter(isFilled).map((i) => i.indicatorId));
  return goalIds.filter((id) => !filled.has(id));
}

/** Problems of an entry as saved: a declaration needs its reason and holds no value. */
export function entryProblems(fields: ProgressFields): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (fields.nothingToReport) {
    if (!fields.nothingReason) out.push({ path: 'body.nothingReason', message: t('声明本期无进展时请说明原因', 'Give the reason when declaring nothing to report') });
    if (fields.value !== undefined) out.push({ path: 'body.value', message: t('声明本期无进展时不填完成值', 'No value when declaring nothing to report') });
  }
  return out;
}

/**
 * Why a save would change a fed value (系统采集), or undefined: where another system feeds the value,
 * the unit neither types a different one nor declares the period empty.
 */
export function fedConflict(fed: ProgressItemRecord['fed'], fields: ProgressFields): string | undefined {
  if (!fed) return undefined;
  if ((fields.value !== undefined && fields.value !== fed.value) || fields.nothingToReport) {
    return t(`完成值由「${fed.systemName}」系统采集（${fed.value}），单位不能修改`, `The value is collected from “${fed.systemName}” (${fed.value}); the unit cannot change it`);
  }
  return undefined;
}
