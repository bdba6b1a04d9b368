// The demo progress reports (cdk/local/seed-progress.ts): a year of 2025, the months of 2026 so far,
// and the cases the dashboards show — late reports, units behind their milestones, goals with nothing
// to report, evidence files — each record valid to its schema.
import { describe, expect, it } from 'vitest';
import { demoGoalItems } from '../../cdk/local/seed-goals.ts';
import { demoProgress } from '../../cdk/local/seed-progress.ts';
import { goalEntity } from '../../functions/data/goals.ts';
import { itemEntity, reportEntity } from '../../functions/data/progress-reports.ts';
import { expectedBy } from '../../functions/domain/progress-periods.ts';

const plan = demoProgress('2026-12-03');
const reports = plan.items.filter(reportEntity.is).map(reportEntity.parse);
const items = plan.items.filter(itemEntity.is).map(itemEntity.parse);

describe('demo progress reports', () => {
  it('covers every month of 2025, and 2026 up to the month before the seed day', () => {
    expect(new Set(reports.filter((r) => r.cycleId === '2025').map((r) => r.period)).size).toBe(12);
    const months2026 = [...new Set(reports.filter((r) => r.cycleId === '2026').map((r) => r.period))].sort();
    expect(months2026.at(0)).toBe('2026-01');
    expect(months2026.at(-1)).toBe('2026-11');
  });

  it('approves every report past its due day; the month due next is submitted or a draft', () => {
    expect(reports.filter((r) => r.dueDate < '2026-12-03').every((r) => r.status === 'approved')).toBe(true);
    const november = reports.filter((r) => r.period === '2026-11');
    expect(november.some((r) => r.status === 'draft')).toBe(true);
    expect(november.some((r) => r.status === 'submitted')).toBe(true);
  });

  it('has late reports, goals declared empty with a reason, units clearly behind, and evidence', () => {
    expect(reports.filter((r) => r.late).length).toBeGreaterThan(5);
    const empty = items.filter((i) => i.nothingToReport);
    expect(empty.length).toBeGreaterThan(10);
    expect(empty.every((i) => i.nothingReason && i.value === undefined)).toBe(true);
    expect(items.some((i) => i.problems)).toBe(true);
    expect(items.filter((i) => i.evidence.length).length).toBe(plan.files.length);
    expect(plan.evidence.some((e) => e.cycleId === '2026' && e.assessorUnitId === 'yl-tjj')).toBe(true);
    // Every item's report exists and counts it.
    for (const r of reports.slice(0, 50)) {
      const mine = items.filter((i) => i.unitId === r.unitId && i.period === r.period && i.cycleId === r.cycleId);
      expect(r.counts.nothingToReport).toBe(mine.filter((i) => i.nothingToReport).length);
    }
  });

  it('keeps a behind unit well under the value its milestones expect', () => {
    const goals = new Map(
      demoGoalItems()
        .flat()
        .filter(goalEntity.is)
        .map(goalEntity.parse)
        .map((g) => [`${g.regionId}/${g.cycleId}/${g.unitId}/${g.indicatorId}`, g]),
    );
    const behind = items.filter((i) => i.problems && i.value !== undefined);
    expect(behind.length).toBeGreaterThan(0);
    for (const i of behind) {
      const expected = expectedBy(goals.get(`${i.regionId}/${i.cycleId}/${i.unitId}/${i.indicatorId}`)!.milestones, i.period);
      if (expected && expected.expected > 0) expect(i.value!).toBeLessThan(expected.expected * 0.8);
    }
  });
});
