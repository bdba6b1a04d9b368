// Art 23: after approval (报批) the bureau may raise or lower a unit's grade or its rank inside the
// grade. It needs a reason and the approval's document number, and it never lifts a veto.
import { checkInt, type FieldProblem } from './problems.ts';

export interface GradeAdjustment {
  target: 'grade' | 'rank';
  direction: 'raise' | 'lower';
  /** Grades, or rank places, to move; default 1. */
  steps?: number;
  reason: string;
  /** Document number of the approval, e.g. 玉绩办〔2026〕3号; required once approved. */
  documentNumber?: string;
  approved: boolean;
}

export const ADJUSTMENT_TARGET_NAMES = { grade: '等次', rank: '位次' } as const;
export const ADJUSTMENT_DIRECTION_NAMES = { raise: '提高', lower: '降低' } as const;

export function checkAdjustment(a: GradeAdjustment, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (a?.target !== 'grade' && a?.target !== 'rank') problems.push({ path: `${path}.target`, message: '应为 grade（等次）或 rank（位次）' });
  if (a?.direction !== 'raise' && a?.direction !== 'lower') problems.push({ path: `${path}.direction`, message: '应为 raise（提高）或 lower（降低）' });
  if (a?.steps !== undefined) checkInt(problems, `${path}.steps`, a.steps, 1, 1_000_000, '调整幅度');
  if (typeof a?.reason !== 'string' || !a.reason.trim()) problems.push({ path: `${path}.reason`, message: '必须说明理由' });
  if (typeof a?.approved !== 'boolean') problems.push({ path: `${path}.approved`, message: '应为是或否' });
  if (a?.approved && (typeof a.documentNumber !== 'string' || !a.documentNumber.trim())) {
    problems.push({ path: `${path}.documentNumber`, message: '已批准的调整必须填写批准文号' });
  }
  return problems;
}
