import { formatPoints, type Hundredths } from '@shared/domain/scoring/index.ts';

/** A bonus (+) or deduction (−) amount; nothing is signed 0.00. */
export const signed = (value: Hundredths, sign: '+' | '−'): string => (value === 0 ? formatPoints(0) : `${sign}${formatPoints(value)}`);
