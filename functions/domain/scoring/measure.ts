// Measured values (target and actual of a completion goal) are plain decimals of any precision,
// e.g. 0.452 吨标煤/万元; they are kept exact as digits × 10^-scale and only ever divided.

/** A measured value as typed or stored: '0.452', '-1.2', 1350. Exponent forms are refused. */
export type Measure = string | number;

export interface ExactDecimal {
  digits: bigint;
  scale: number;
}

const DECIMAL_TEXT = /^-?\d{1,30}(?:\.\d{1,12})?$/;

/** Reads a measure exactly, or returns undefined when it is not a plain decimal. */
export function readMeasure(value: unknown): ExactDecimal | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (!DECIMAL_TEXT.test(text)) return undefined;
  const [whole, frac = ''] = text.split('.');
  return { digits: BigInt(whole! + frac), scale: frac.length };
}

/** a / b as an exact fraction num/den with den > 0 (b must not be zero). */
export function ratio(a: ExactDecimal, b: ExactDecimal): { num: bigint; den: bigint } {
  let num = a.digits * 10n ** BigInt(b.scale);
  let den = b.digits * 10n ** BigInt(a.scale);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  return { num, den };
}
