// The dashboard from its counters: the trend adds each month's net change up, the units with most
// red come first, late reports are listed most missed first, and empty units are left out.
import { describe, expect, it } from 'vitest';
import { dashboardOf, yearTrend } from '../../functions/domain/dashboard.ts';
import type { DashboardCounter } from '../../functions/model/early-warning.ts';

const c = (scope: DashboardCounter['scope'], key: string, n: Partial<DashboardCounter> = {}): DashboardCounter => ({ regionId: '450900', cycleId: '2026', scope, key, name: key, categoryId: '', green: 0, yellow: 0, red: 0, missing: 0, late: 0, ...n });

describe('dashboard', () => {
  const counters = [
    c('unit', 'u1', { name: '玉州区', categoryId: 'c1', green: 3, yellow: 1, red: 2, missing: 1 }),
    c('unit', 'u2', { name: '福绵区', categoryId: 'c1', green: 5, red: 2, yellow: 2, late: 2 }),
    c('unit', 'u3', { name: '教育局', categoryId: 'c2', green: 6 }),
    c('unit', 'u4', { name: '空', categoryId: 'c2' }),
    c('category', 'c1', { name: '县（市、区）', green: 8, yellow: 3, red: 4, missing: 1, late: 2 }),
    c('category', 'c2', { name: '市直单位', green: 6 }),
    c('month', '2026-02', { green: 10 }),
    c('month', '2026-04', { green: -3, yellow: 3, missing: 1 }),
    c('month', '2026-05', { green: -1, red: 4, yellow: 0, late: 2 }),
  ];

  it('adds the months up into a trend to this month, and totals the units', () => {
    const d = dashboardOf(counters, 2026, '2026-06-15');
    expect(d.months.map((m) => [m.month, m.green, m.yellow, m.red])).toEqual([
      ['2026-01', 0, 0, 0],
      ['2026-02', 10, 0, 0],
      ['2026-03', 10, 0, 0],
      ['2026-04', 7, 3, 0],
      ['2026-05', 6, 3, 4],
      ['2026-06', 6, 3, 4],
    ]);
    expect(d.totals).toEqual({ green: 14, yellow: 3, red: 4, missing: 1, late: 2 });
    expect(d.units.map((u) => u.unitId)).not.toContain('u4');
  });

  it('ranks the units with most red (ties by yellow) and lists late reports most missed first', () => {
    const d = dashboardOf(counters, 2026, '2026-06-15');
    expect(d.mostRed.map((u) => u.unitId)).toEqual(['u2', 'u1']);
    expect(d.lateUnits.map((u) => u.unitId)).toEqual(['u1', 'u2']);
  });

  it('stops the trend at December of the cycle’s year', () => {
    expect(dashboardOf(counters, 2026, '2027-02-01').months.at(-1)!.month).toBe('2026-12');
  });
});

describe('last year’s trend beside this year’s', () => {
  const last = [
    c('month', '2025-01', { green: 8, yellow: 2 }),
    c('month', '2025-06', { green: -3, yellow: 1, red: 2, missing: 1 }),
    c('month', '2025-12', { green: 1, red: -1, late: 1 }),
    // Counted after the year (the seed's balance, a later refresh): not part of 2025's story.
    c('month', '2026-12', { green: -6, yellow: -3, red: -1, missing: -1, late: -1 }),
  ];

  it('gives the counts at the end of each month January to December, whatever was counted after the year', () => {
    const t = yearTrend(last, 2025);
    expect(t).toHaveLength(12);
    expect(t.map((m) => [m.month, m.green, m.yellow, m.red])).toEqual([
      ['2025-01', 8, 2, 0],
      ['2025-02', 8, 2, 0],
      ['2025-03', 8, 2, 0],
      ['2025-04', 8, 2, 0],
      ['2025-05', 8, 2, 0],
      ['2025-06', 5, 3, 2],
      ['2025-07', 5, 3, 2],
      ['2025-08', 5, 3, 2],
      ['2025-09', 5, 3, 2],
      ['2025-10', 5, 3, 2],
      ['2025-11', 5, 3, 2],
      ['2025-12', 6, 3, 1],
    ]);
    expect(t.at(-1)).toMatchObject({ missing: 1, late: 1 });
  });

  it('opens with changes dated before the year, and is empty for a year with no month counted', () => {
    expect(yearTrend([c('month', '2024-12', { green: 2 }), c('month', '2025-03', { red: 1 })], 2025)[0]).toMatchObject({ month: '2025-01', green: 2, red: 0 });
    expect(yearTrend([c('month', '2026-12', { green: -4 })], 2025)).toEqual([]);
    expect(yearTrend([], 2025)).toEqual([]);
  });
});
