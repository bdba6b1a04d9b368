// Early warning and the dashboard on the real local stack in headless Chromium. 玉州区's goal 1.1 has
// one milestone two days ahead (50 expected) and 40 reached in November's approved report: green
// before the milestone; the bureau moves the development clock past it, the daily job turns it
// yellow and the unit sees why. Five more units (not yet approved in the demo data) carry a year of
// reports refreshed month by month,
// so the bureau's dashboard draws its charts (by category, the trend, most red) beside the tables
// and exports them; an assessor unit sees the goals it scores. Screenshots d01…
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { setClockOffset } from '../../functions/config/clock.ts';
import { getCategorySet } from '../../functions/data/categories.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { refreshWarnings } from '../../functions/data/early-warning.ts';
import { goalItem, goalSetItem, readUnitGoals } from '../../functions/data/goals.ts';
import { keys } from '../../functions/data/keys.ts';
import { beijingDate, deadlineInstant, shiftIsoDate } from '../../functions/domain/dates.ts';
import type { GoalRecord } from '../../functions/model/goal.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { hasChromium, openPage, screenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
const C = '2026';
const U = 'yl-yuzhou';
const DAY = 86_400_000;
/** 玉州区's milestone: two days ahead of the real clock, so the stack starts before it. */
const MILESTONE = beijingDate(Date.now() + 2 * DAY);
/** Paces of the five units with a year of reports: ahead, a little behind, behind, far behind (twice). */
const PACES = [1.05, 0.92, 0.82, 0.7, 0.6];
/** The units given a year: ones whose 2026 set the demo data has not approved, so nothing coloured them at the stack's start (statuses are written in time order). */
const yearUnits: { unitId: string; name: string }[] = [];
const pad2 = (n: number) => String(n).padStart(2, '0');
const monthEnd = (m: number) => shiftIsoDate(m === 12 ? '2027-01-01' : `2026-${pad2(m + 1)}-01`, -1);
const noon = (date: string) => new Date(deadlineInstant(date) - 12 * 3600_000).toISOString();

let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function shot(name: string): Promise<void> {
  await expect.poll(() => page.locator('.el-loading-mask:visible').count()).toBe(0);
  await page.waitForTimeout(600);
  await screenshot(page, name);
}

async function openAs(username: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  await signIn(page, stack.url, username);
}

const put = (Item: Record<string, unknown>) => documentClient().send(new PutCommand({ TableName: tableName(), Item }));

/** An approved report of a unit's period: each goal's value from `value(goal index)`. */
async function approveReport(unitId: string, goals: GoalRecord[], m: number, value: (i: number) => number, late = false) {
  const period = `2026-${pad2(m)}`;
  const due = m === 12 ? '2027-01-05' : `2026-${pad2(m + 1)}-05`;
  const base = { regionId: YL, cycleId: C, unitId, period, categoryId: goals[0]!.categoryId, status: 'approved', late, version: 3, updatedAt: noon(due), updatedBy: 'e2e' };
  await put({ ...keys.progressReport(YL, C, unitId, period), entity: 'progressReport', ...base, dueDate: due, counts: { filled: goals.length, nothingToReport: 0 } });
  for (const [i, g] of goals.entries()) {
    await put({ ...keys.progressItem(YL, C, unitId, period, g.indicatorId), entity: 'progressItem', ...base, indicatorId: g.indicatorId, assessorUnitId: g.assessorUnitId, evidence: [], nothingToReport: false, value: value(i) });
  }
}

/** 玉州区: its approved goals with one milestone ahead, November's report at 40, statuses worked out today. */
async function yuzhouBeforeTheMilestone() {
  const goals = (await approveGoalsDirectly(YL, C, U)).map((g) => ({ ...g, milestones: [{ date: MILESTONE, expected: 50 }] }));
  for (const g of goals) await put(goalItem(g));
  await approveReport(U, goals, 11, () => 40);
  await refreshWarnings(YL, C, U, new Date().toISOString());
}

/** A unit with a year of reports (some months missed or late), its statuses refreshed at each month's end. */
async function yearOf(unitId: string, pace: number) {
  const goals = await approveGoalsDirectly(YL, C, unitId);
  const { set } = await readUnitGoals(YL, C, unitId);
  await put(goalSetItem({ ...set!, approvedAt: '2026-01-20T02:00:00.000Z' }, '2026-01-20T02:00:00.000Z'));
  for (let m = 1; m <= 11; m++) {
    if (!(pace < 0.8 && m % 5 === 4)) await approveReport(unitId, goals, m, (i) => Math.round(m * 8 * (pace + (i % 4) * 0.06) * 10) / 10, pace < 0.9 && m % 3 === 0);
    await refreshWarnings(YL, C, unitId, noon(monthEnd(m)));
  }
  await refreshWarnings(YL, C, unitId, new Date().toISOString());
}

describe.skipIf(!hasChromium)('early warning and the dashboard in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('dashboard');
    ({ stack, browser } = portal);
    await yuzhouBeforeTheMilestone();
    const units = (await getCategorySet(YL, C))!.categories.flatMap((c) => c.units);
    for (const u of units) {
      if (yearUnits.length === PACES.length) break;
      if (u.unitId !== U && (await readUnitGoals(YL, C, u.unitId)).set?.status !== 'approved') yearUnits.push(u);
    }
    for (const [i, u] of yearUnits.entries()) await yearOf(u.unitId, PACES[i]!);
  }, 240_000);

  afterAll(async () => {
    await portal?.stop();
    setClockOffset(0);
  });

  it('shows 玉州区 its goals green before the milestone, with the reason and the milestone named', async () => {
    await openAs('yuzhou_staff');
    await page.getByTestId('unit-warnings-table').waitFor();
    await expect.poll(() => page.getByTestId('unit-warning-1.1').innerText()).toContain('正常');
    expect(await page.getByTestId('unit-warning-1.1').innerText()).toContain(`尚未到第一个节点（${MILESTONE}，应达 50%）`);
    await shot('d01-unit-green-before-milestone');
  });

  it('turns the goal yellow once the development clock passes the milestone, saying why', async () => {
    await openAs('yl_staff');
    const days = Math.ceil((deadlineInstant(MILESTONE) - Date.now()) / DAY) + 1;
    await page.getByTestId('dev-clock-button').click();
    const input = page.getByTestId('dev-clock-days').locator('input');
    await input.fill(String(days));
    await input.press('Tab');
    await page.getByTestId('dev-clock-confirm').click();
    await openAs('yuzhou_staff');
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('unit-warnings-table').waitFor();
          return page.getByTestId('unit-warning-1.1').innerText();
        },
        { timeout: 30_000 },
      )
      .toContain('黄色预警');
    expect(await page.getByTestId('unit-warning-1.1').innerText()).toContain(`截至节点 ${MILESTONE} 应达 50%，2026-11 期完成 40%，仅为 80%，低于黄色预警线 90%`);
    await shot('d02-unit-yellow-after-milestone');
  });

  it('shows the bureau its dashboard: totals, charts beside their tables, most red, late reports, and exports it', async () => {
    await openAs('yl_staff');
    await page.getByTestId('warning-board').waitFor();
    await expect.poll(() => page.locator('[data-testid="warning-board"] canvas').count(), { timeout: 20_000 }).toBe(3);
    const red = Number((await page.getByTestId('warning-total-red').innerText()).replace(/\D/g, ''));
    expect(red).toBeGreaterThan(0);
    expect(await page.getByTestId('table-most-red').innerText()).toContain(yearUnits.at(-1)!.name);
    expect(await page.getByTestId('table-late').innerText()).not.toBe('');
    expect(await page.getByTestId('table-trend').innerText()).toContain('2026-11');
    // The charts drew something: a canvas with coloured pixels, not a blank one.
    const drawn = await page.locator('[data-testid="warning-board"] canvas').first().evaluate((c: { width: number; height: number; getContext(kind: string): any }) => {
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data as number[];
      let coloured = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 0 && !(d[i] === d[i + 1] && d[i + 1] === d[i + 2])) coloured++;
      return coloured;
    });
    expect(drawn).toBeGreaterThan(500);
    await page.getByTestId('warning-board').scrollIntoViewIfNeeded();
    await shot('d03-bureau-dashboard');
    await page.getByTestId('table-late').scrollIntoViewIfNeeded();
    await shot('d03b-bureau-most-red-and-late');
    const download = page.waitForEvent('download');
    await page.getByTestId('warning-export').click();
    expect((await download).suggestedFilename()).toBe('预警监测_2026.xlsx');
  });

  it('shows an assessor unit the goals it scores across the units', async () => {
    await openAs('yl_tjj');
    await page.getByTestId('assessor-warnings-table').waitFor();
    await expect.poll(() => page.getByTestId('assessor-warnings-table').innerText()).toContain('玉州区');
    await shot('d04-assessor-warnings');
    expect(pageErrors).toEqual([]);
  });
});
