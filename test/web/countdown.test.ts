import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { countdownParts, formatCountdown } from '@/utils/countdown';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t = (key: string, values: Record<string, number>) => i18n.global.t(key, values);

describe('countdown', () => {
  it.each([
    [3 * DAY + 5 * HOUR + 59 * 60_000, '剩余 3 天 5 小时'],
    [DAY, '剩余 1 天 0 小时'],
    [5 * HOUR + 30 * 60_000, '剩余 5 小时 30 分'],
    [59_000, '剩余 0 小时 0 分'],
    [0, '已超期 0 小时'],
    [-(2 * HOUR + 1), '已超期 2 小时'],
    [-(DAY + 23 * HOUR), '已超期 1 天'],
    [-12 * DAY, '已超期 12 天'],
  ])('formats %d ms as %s', (ms, text) => {
    // Act
    const shown = formatCountdown(ms, t);

    // Assess
    expect(shown).toBe(text);
  });

  it('splits a remaining time into whole units', () => {
    // Act
    const parts = countdownParts(-(2 * DAY + 3 * HOUR + 4 * 60_000 + 5_000));

    // Assess
    expect(parts).toEqual({ overdue: true, days: 2, hours: 3, minutes: 4 });
  });
});
