// Scores, points and percentages are integer hundredths, so that sums and comparisons are exact
// and no floating error can change a grade or a rank (SPEC.md "Scoring": two decimals).
//   points:  12.34 分  -> 1234
//   percent: 87.50 %   -> 8750   (100 % = FULL_PERCENT)
// The one rounding rule: a product or quotient is rounded once, half up (四舍五入, ties away from
// zero) to the hundredth; inputs and intermediate ratios are never rounded before that.
import { ValidationError } from '../errors.ts';
import type { FieldProblem } from './problems.ts';

/** An amount in hundredths: points (分) or percent (%), always a safe integer. */
export type Hundredths = number;

/** 100.00 % in hundredths of a percent. */
export const FULL_PERCENT: Hundredths = 10_000;

/** Largest amount accepted anywhere (1,000,000.00), far above any indicator tree. */
export const MAX_AMOUNT: Hundredths = 100_000_000;

const POINTS_TEXT = /^(-?)(\d{1,9})(?:\.(\d{1,2}))?$/;

/** True for an amount in hundredths (a safe integer). */
export function isHundredths(value: unknown): value is Hundredths {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * Reads '12.34', '12.3', '12', 7 or 7.5 as hundredths. More than two decimals is refused rather
 * than rounded: a figure the user typed must not change silently. Numbers are read through their
 * shortest decimal form, so 0.1 + 0.2 (0.30000000000000004) is refused too.
 */
export function parsePoints(value: string | number, path = 'value'): Hundredths {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = POINTS_TEXT.exec(text);
  if (!m) {
    throw new ValidationError('分值格式有误', [{ path, message: '应为最多两位小数的数值，如 12.34' }]);
  }
  const abs = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' && abs !== 0 ? -abs : abs;
}

/** 1234 -> '12.34', 700 -> '7.00', -50 -> '-0.50'. */
export function formatPoints(value: Hundredths): string {
  const abs = Math.abs(value);
  const text = `${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return value < 0 ? `-${text}` : text;
}

/** 8750 -> '87.50%'. */
export function formatPercent(value: Hundredths): string {
  return `${formatPoints(value)}%`;
}

/** `num / den` rounded half up (away from zero) to an integer; `den` must be positive. */
export function roundDiv(num: bigint, den: bigint): bigint {
  const neg = num < 0n;
  const abs = neg ? -num : num;
  let q = abs / den;
  if ((abs % den) * 2n >= den) q += 1n;
  return neg ? -q : q;
}

/** `a × b / c` rounded half up, exact for any safe integers (c > 0). */
export function mulDiv(a: number, b: number, c: number): number {
  const p = a * b;
  if (Number.isSafeInteger(p)) {
    // With |p| below 2^53 the float quotient never rounds across an integer, so floor is exact.
    const abs = Math.abs(p);
    const q = Math.floor(abs / c);
    const r = abs - q * c;
    const up = r * 2 >= c ? q + 1 : q;
    return p < 0 && up !== 0 ? -up : up;
  }
  return Number(roundDiv(BigInt(a) * BigInt(b), BigInt(c)));
}

/** `points × percent`, e.g. 8.00 分 × 87.50 % = 7.00 分. */
export function applyPercent(points: Hundredths, percent: Hundredths): Hundredths {
  return mulDiv(points, percent, FULL_PERCENT);
}

/** Problem-collecting check for an amount in [min, max] hundredths; the message shows decimals. */
export function checkAmount(
  problems: FieldProblem[],
  path: string,
  value: unknown,
  min: Hundredths,
  max: Hundredths,
  what: string,
): boolean {
  if (!isHundredths(value)) {
    problems.push({ path, message: `${what}必须是以百分之一为单位的整数` });
    return false;
  }
  if (value < min || value > max) {
    problems.push({ path, message: `${what}必须在 ${formatPoints(min)} 到 ${formatPoints(max)} 之间` });
    return false;
  }
  return true;
}

