import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors.ts';
import { applyPercent, formatPercent, formatPoints, mulDiv, parsePoints, roundDiv } from '../../../functions/domain/scoring/index.ts';

describe('points as integer hundredths', () => {
  it.each([
    ['12.34', 1234],
    ['12.3', 1230],
    ['12', 1200],
    ['0.05', 5],
    ['-0.50', -50],
    [' 7.00 ', 700],
    [7.5, 750],
    [60, 6000],
  ] as const)('parses %j as %i', (text, value) => {
    expect(parsePoints(text)).toBe(value);
  });

  it.each(['12.345', '1e2', '', '.5', '12.', 'abc', '1,000'])('refuses %j and names the field', (text) => {
    try {
      parsePoints(text, 'goals.0.points');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).details).toEqual([{ path: 'goals.0.points', message: expect.stringContaining('两位小数') }]);
    }
  });

  it('refuses a float that is not what the user typed', () => {
    expect(() => parsePoints(0.1 + 0.2)).toThrow(ValidationError);
  });

  it('formats with exactly two decimals', () => {
    expect(formatPoints(1234)).toBe('12.34');
    expect(formatPoints(700)).toBe('7.00');
    expect(formatPoints(5)).toBe('0.05');
    expect(formatPoints(-50)).toBe('-0.50');
    expect(formatPercent(8750)).toBe('87.50%');
  });

  it('round-trips every amount', () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), (h) => parsePoints(formatPoints(h)) === h));
  });

  it('rounds half up, once: 8.00 × 87.50 % = 7.00, 10 × 1/3 = 3.33, 10 × 2/3 = 6.67', () => {
    expect(applyPercent(800, 8750)).toBe(700);
    expect(mulDiv(1000, 1, 3)).toBe(333);
    expect(mulDiv(1000, 2, 3)).toBe(667);
    expect(mulDiv(1, 1, 2)).toBe(1); // 0.005 -> 0.01
    expect(mulDiv(-1, 1, 2)).toBe(-1); // ties away from zero
    expect(roundDiv(5n, 10n)).toBe(1n);
    expect(roundDiv(4n, 10n)).toBe(0n);
  });

  it('stays exact beyond 2^53 by falling back to big integers', () => {
    expect(mulDiv(2 ** 40, 2 ** 20, 2 ** 20)).toBe(2 ** 40);
    expect(mulDiv(9_007_199_254_740_991, 3, 3)).toBe(9_007_199_254_740_991);
  });

  it('agrees with exact big-integer rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e8, max: 1e8 }), fc.integer({ min: 0, max: 1e8 }), fc.integer({ min: 1, max: 1e8 }), (a, b, c) => {
        expect(mulDiv(a, b, c)).toBe(Number(roundDiv(BigInt(a) * BigInt(b), BigInt(c))));
      }),
    );
  });
});
