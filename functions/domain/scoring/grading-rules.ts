// Grading rules of a category (Art 22), work-plan settings with the SPEC.md stage 8 defaults.
import { checkAmount, FULL_PERCENT, MAX_AMOUNT, type Hundredths } from './points.ts';
import type { FieldProblem } from './problems.ts';

export const GRADES = ['first', 'second', 'third', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_NAMES: Record<Grade, string> = { first: '一等', second: '二等', third: '三等', fail: '不合格' };

/** How passing units are split into 一等/二等/三等. */
export type GradeAllocation =
  /** Quotas over the units that passed, rounded down; the remainder falls to the next grade. */
  | { mode: 'proportion'; firstPercent: Hundredths; secondPercent: Hundredths }
  /** Fixed score lines: total ≥ firstFrom is 一等, ≥ secondFrom is 二等, else 三等. */
  | { mode: 'threshold'; firstFrom: Hundredths; secondFrom: Hundredths };

export interface GradingRules {
  /** Below this total a unit is 不合格; exactly on it passes. */
  failLine: Hundredths;
  allocation: GradeAllocation;
  /**
   * shareRank: equal totals share a rank, listed by common-indicator score;
   * commonScoreThenShare: equal totals are ranked by common-indicator score, sharing only if that ties too.
   */
  ties: 'shareRank' | 'commonScoreThenShare';
  /** A tie across a quota boundary: the whole tie takes the higher grade (using places of the next) or the lower. */
  quotaTie: 'higher' | 'lower';
  /** Severe deductions (Art 20) lower the grade once, or once per severe deduction. */
  severeLowering: 'once' | 'perDeduction';
}

export function defaultGradingRules(): GradingRules {
  return {
    failLine: 6_000,
    allocation: { mode: 'proportion', firstPercent: 3_000, secondPercent: 5_000 },
    // SPEC "Decisions": equal totals are ranked by the common indicators' score, shared only if that ties too.
    ties: 'commonScoreThenShare',
    quotaTie: 'higher',
    severeLowering: 'once',
  };
}

export function checkGradingRules(rules: GradingRules, path = 'grading'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkAmount(problems, `${path}.failLine`, rules.failLine, 0, MAX_AMOUNT, '不合格线');
  const a = rules.allocation;
  if (a?.mode === 'proportion') {
    const ok =
      checkAmount(problems, `${path}.allocation.firstPercent`, a.firstPercent, 0, FULL_PERCENT, '一等比例') &&
      checkAmount(problems, `${path}.allocation.secondPercent`, a.secondPercent, 0, FULL_PERCENT, '二等比例');
    if (ok && a.firstPercent + a.secondPercent > FULL_PERCENT) {
      problems.push({ path: `${path}.allocation.secondPercent`, message: '一等与二等比例之和不能超过 100%' });
    }
  } else if (a?.mode === 'threshold') {
    const ok =
      checkAmount(problems, `${path}.allocation.firstFrom`, a.firstFrom, 0, MAX_AMOUNT, '一等分数线') &&
      checkAmount(problems, `${path}.allocation.secondFrom`, a.secondFrom, 0, MAX_AMOUNT, '二等分数线');
    if (ok && a.firstFrom < a.secondFrom) problems.push({ path: `${path}.allocation.firstFrom`, message: '一等分数线不能低于二等分数线' });
    if (ok && a.secondFrom < rules.failLine) problems.push({ path: `${path}.allocation.secondFrom`, message: '二等分数线不能低于不合格线' });
  } else {
    problems.push({ path: `${path}.allocation.mode`, message: '应为 proportion（按比例）或 threshold（按分数线）' });
  }
  if (rules.ties !== 'shareRank' && rules.ties !== 'commonScoreThenShare') {
    problems.push({ path: `${path}.ties`, message: '应为 shareRank 或 commonScoreThenShare' });
  }
  if (rules.quotaTie !== 'higher' && rules.quotaTie !== 'lower') problems.push({ path: `${path}.quotaTie`, message: '应为 higher 或 lower' });
  if (rules.severeLowering !== 'once' && rules.severeLowering !== 'perDeduction') {
    problems.push({ path: `${path}.severeLowering`, message: '应为 once 或 perDeduction' });
  }
  return problems;
}

/** The grade `steps` places better (negative: worse), staying inside 一等..不合格. */
export function shiftGrade(grade: Grade, steps: number): Grade {
  const i = Math.min(GRADES.length - 1, Math.max(0, GRADES.indexOf(grade) - steps));
  return GRADES[i]!;
}
