// Results use (奖惩运用, Art 28–29): a unit's reward eligibility from its confirmed, published grade.
// 三等 and above are eligible for differentiated rewards; 不合格 loses award eligibility for the year.
// Eligibility depends on the grade alone, never on the rank inside it. The plan's grassroots weighting
// factor (基层单位系数, hundredths: 120 = 1.20) weights the total exactly in hundredths, half away from 0.
import type { Grade } from './scoring/grading-rules.ts';

export const ELIGIBLE_GRADES: readonly Grade[] = ['first', 'second', 'third'];
/** The factor's range in hundredths (0.01–5.00). */
export const FACTOR_MIN = 1;
export const FACTOR_MAX = 500;

/** total × factor, both in hundredths, as hundredths: exact integer arithmetic, rounded half away from zero. */
export function weighted(total: number, factor: number): number {
  if (!Number.isInteger(total) || !Number.isInteger(factor)) throw new RangeError('hundredths are whole numbers');
  const product = Math.abs(total) * factor;
  const rounded = Math.floor((product + 50) / 100);
  return total < 0 ? -rounded : rounded;
}

export interface EligibilityInput {
  grade: Grade;
  total: number;
}

export interface Eligibility {
  eligible: boolean;
  /** 不合格: the unit loses award eligibility that year. */
  lostAward: boolean;
  factor: number;
  weightedTotal: number;
  /** Why, in both languages. */
  basis: { zh: string; en: string };
}

export function eligibilityOf(unit: EligibilityInput, factor: number): Eligibility {
  const eligible = ELIGIBLE_GRADES.includes(unit.grade);
  const basis = eligible
    ? { zh: '考评等次为三等及以上，可享受差异化奖励', en: 'Graded third or better: eligible for differentiated rewards' }
    : { zh: '考评等次为不合格，取消当年度评优评先资格', en: 'Graded fail: no award eligibility this year' };
  return { eligible, lostAward: !eligible, factor, weightedTotal: weighted(unit.total, factor), basis };
}

/** The factor's problem, if any (a whole number of hundredths within range). */
export function factorProblem(factor: number): { zh: string; en: string } | undefined {
  if (Number.isInteger(factor) && factor >= FACTOR_MIN && factor <= FACTOR_MAX) return undefined;
  return { zh: '基层单位系数应为 0.01–5.00，最多两位小数', en: 'The grassroots factor is 0.01–5.00 with at most two decimals' };
}
