// Reading one cell of a sample table. Each reader returns the value or a Chinese message saying
// what is wrong; nothing is rounded or guessed, so a typed figure never changes silently.
import { MAX_AMOUNT, parsePoints, type Hundredths } from '@shared/domain/scoring/index.ts';

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = (message: string): CellResult<never> => ({ ok: false, message });

/** Full-width digits and points (８５．５) become ASCII; surrounding spaces go. */
export const cleanCell = (text: string): string => text.normalize('NFKC').trim();

/**
 * Points with at most two decimals, e.g. "85.5", "85.50", "85.50分". A comma is refused, not read
 * as a decimal point: "85,5" could be a European decimal or a thousands separator, and Excel in
 * Chinese never writes either for scores.
 */
export function readPoints(text: string): CellResult<Hundredths> {
  const s = cleanCell(text).replace(/分$/, '').trim();
  if (s.includes(',')) return bad('小数点请用“.”，不要用逗号（如 85.50）');
  if (s.startsWith('-')) return bad('不能为负数');
  try {
    const value = parsePoints(s);
    return value > MAX_AMOUNT ? bad('数值过大') : ok(value);
  } catch {
    return bad('应为最多两位小数的数值，如 85.50');
  }
}

/** A count of 0 or more; blank is 0. */
export function readCount(text: string, min = 0): CellResult<number> {
  const s = cleanCell(text).replace(/[次项个]$/, '');
  if (s === '') return ok(min);
  if (!/^\d{1,6}$/.test(s)) return bad(`应为不小于 ${min} 的整数`);
  const n = Number(s);
  return n < min ? bad(`应为不小于 ${min} 的整数`) : ok(n);
}

/** One of a few words, e.g. 提高/降低; compared case-insensitively after cleaning. */
export function readChoice<T>(text: string, words: Record<string, T>, expected: string): CellResult<T> {
  const value = words[cleanCell(text).toLowerCase()];
  return value === undefined ? bad(`应为${expected}`) : ok(value);
}

export const TARGET_WORDS: Record<string, 'grade' | 'rank'> = { 等次: 'grade', 等级: 'grade', grade: 'grade', 位次: 'rank', 名次: 'rank', rank: 'rank' };
export const DIRECTION_WORDS: Record<string, 'raise' | 'lower'> = {
  提高: 'raise',
  上调: 'raise',
  raise: 'raise',
  降低: 'lower',
  下调: 'lower',
  lower: 'lower',
};
export const YES_NO_WORDS: Record<string, boolean> = {
  是: true,
  已批准: true,
  批准: true,
  y: true,
  yes: true,
  true: true,
  '1': true,
  '√': true,
  否: false,
  未批准: false,
  n: false,
  no: false,
  false: false,
  '0': false,
  '': false,
};
