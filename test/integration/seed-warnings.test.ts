// The demo's early-warning trend (cdk/local/seed-warnings.ts): after the seed, 预警监测's trend has the
// months of 2026 so far from the goals' approval, every running count at or above zero, some goals
// red and yellow as the seeded late and behind reports make them; and once the sets are coloured (as
// the daily job does at the stack's start) the months still add up to the statuses (a recount). The
// finished year 2025 has its twelve months too (part 'warnings-2025'), shown beside 2026's on the board.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { goalWarningEntity, readDashboard, refreshWarnings } from '../../functions/data/early-warning.ts';
import { listGoalSets } from '../../functions/data/goals.ts';
import { keys } from '../../functions/data/keys.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import { dashboardOf, yearTrend } from '../../functions/domain/dashboard.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { handler as progressHandler } from '../../functions/handlers/api/progress.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2026';
const today = beijingDate(Date.now());

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
}, 180_000);

const monthCounters = async () => (await readDashboard(YL, C)).filter((c) => c.scope === 'month').sort((a, b) => a.key.localeCompare(b.key));
const sum = (list: { green: number; yellow: number; red: number }[]) => list.reduce((s, c) => ({ green: s.green + c.green, yellow: s.yellow + c.yellow, red: s.red + c.red }), { green: 0, yellow: 0, red: 0 });

describe('the seeded early-warning trend', () => {
  it('has the months of 2026 before this one, each running count at or above zero, some red and yellow; they add up to no statuses yet', async () => {
    const months = await monthCounters();
    const past = months.filter((m) => m.key < today.slice(0, 7));
    expect(past.length).toBeGreaterThanOrEqual(6);
    let running = { green: 0, yellow: 0, red: 0 };
    for (const m of past) {
      running = sum([running, m]);
      expect(Math.min(running.green, running.yellow, running.red), m.key).toBeGreaterThanOrEqual(0);
    }
    expect(running.red).toBeGreaterThan(0);
    expect(running.yellow + running.red).toBeGreaterThan(0);
    expect(sum(months)).toEqual({ green: 0, yellow: 0, red: 0 });
  });

  it('once the approved sets are coloured now, the months add up to the statuses and the board’s trend ends at them', async () => {
    for (const s of (await listGoalSets(YL, C)).filter((x) => x.status === 'approved')) await refreshWarnings(YL, C, s.unitId, new Date().toISOString());
    const items = (await documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(YL, C), ':sk': 'GOAL#' }, ConsistentRead: true }))).Items ?? [];
    const statuses = items.filter(goalWarningEntity.is).map(goalWarningEntity.parse);
    const count = (level: string) => statuses.filter((w) => w.level === level).length;
    expect(sum(await monthCounters())).toEqual({ green: count('green'), yellow: count('yellow'), red: count('red') });
    const view = dashboardOf(await readDashboard(YL, C), Number(C), today);
    expect(view.months.at(-1)).toMatchObject({ green: count('green'), yellow: count('yellow'), red: count('red') });
    expect(view.months.filter((m) => m.green + m.yellow + m.red > 0).length).toBeGreaterThanOrEqual(6);
  });
});

describe('the seeded trend of 2025', () => {
  it('has every month of 2025 with some red and yellow, each running count at or above zero; its months add up to 2025’s statuses', async () => {
    const counters = await readDashboard(YL, '2025');
    const months = yearTrend(counters, 2025);
    expect(months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    for (const m of months) expect(Math.min(m.green, m.yellow, m.red), m.month).toBeGreaterThanOrEqual(0);
    expect(months.at(-1)!.green + months.at(-1)!.yellow + months.at(-1)!.red).toBeGreaterThan(0);
    expect(months.some((m) => m.red > 0)).toBe(true);
    expect(months.some((m) => m.yellow > 0)).toBe(true);
    // The seed's month balances the year (the daily job counts 2025's statuses there when it colours them).
    const items = (await documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(YL, '2025'), ':sk': 'GOAL#' }, ConsistentRead: true }))).Items ?? [];
    const statuses = items.filter(goalWarningEntity.is).map(goalWarningEntity.parse);
    expect(sum(counters.filter((c) => c.scope === 'month'))).toEqual({ green: statuses.filter((w) => w.level === 'green').length, yellow: statuses.filter((w) => w.level === 'yellow').length, red: statuses.filter((w) => w.level === 'red').length });
  });

  it('is on 2026’s board as last year’s line, month by month', async () => {
    const staff: Caller = { username: 'yl_staff', name: '王芳', role: 'bureau_staff', regionId: YL, unitId: 'yl-jxb' };
    const res = (await progressHandler(apiEvent(routeFor('progress', 'getDashboard'), { caller: staff, params: { regionId: YL, cycleId: C }, query: {} }), lambdaContext)) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(200);
    const board = JSON.parse(res.body);
    expect(board.lastYear.cycleId).toBe('2025');
    expect(board.lastYear.months).toEqual(yearTrend(await readDashboard(YL, '2025'), 2025));
  });
});
