// Early warning and the dashboard on the real local stack in headless Chromium. 玉州区's goal 1.1 has
// one milestone two days ahead (50 expected) and 40 reached in November's approved report: green
// before the milestone; the bureau moves the development clock past it, the daily job turns it
// yellow and the unit sees why. Five more units (not yet approved in the demo data) carry a year of
// reports refreshed month by month,
// so the bureau's dashboard draws its charts (by category, the trend, most red) beside the tables
// and exports them, with 2025's trend dashed beside 2026's; the leader approves stricter warning
// thresholds and the category is recoloured in the background, its progress and end shown on the plan
// page and the board, a failed run restarted there; an assessor unit sees the goals it scores.
// Screenshots d01…
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
import { recolourInProcess } from '../../functions/data/warning-runner.ts';
import { finishWarningRun } from '../../functions/data/warning-runs.ts';
import { handler as planHandler } from '../../functions/handlers/api/plan.ts';
import { recolourRun } from '../../functions/handlers/workflow/recolour-warnings.ts';
import { users } from '../../cdk/local/demo-data.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
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

/** A plan operation as a demo account of 玉林市, straight through the plan Lambda (the e2e's set-up, not what it shows). */
async function planCall(op: 'getPlan' | 'savePlan' | 'decidePlanProposal', username: string, categoryId: string, body?: unknown): Promise<any> {
  const u = users.find((x) => x.username === username)!;
  const caller = { username, name: u.name, role: u.role, regionId: u.regionId, unitId: u.unitId };
  const res = (await planHandler(apiEvent(routeFor('plan', op), { caller, params: { regionId: YL, cycleId: C, categoryId }, body, query: {} }), lambdaContext)) as { statusCode: number; body: string };
  expect(res.statusCode, res.body).toBeLessThan(300);
  return JSON.parse(res.body);
}

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

  it('shows 2025’s trend dashed beside 2026’s, month by month, in the chart and the table', async () => {
    await openAs('yl_staff');
    await page.getByTestId('warning-board').waitFor();
    await expect.poll(() => page.getByTestId('trend-last-year').innerText(), { timeout: 20_000 }).toContain('2025');
    const table = await page.getByTestId('table-trend').innerText();
    expect(table).toContain('2025年同月');
    // 2025's counts (seed part 'warnings-2025') beside each month: January's after January's five counts.
    expect(table).toMatch(/2026-01\s+(\d+\s+){5}\d+ \/ \d+ \/ \d+/);
    await page.getByTestId('chart-trend').scrollIntoViewIfNeeded();
    await page.getByTestId('chart-trend').hover({ position: { x: 200, y: 150 } });
    await shot('d05-trend-2025-beside-2026');
  });

  it('recolours a category in the background when the leader approves new thresholds: the plan page and the board show its progress and its end; a failed run is restarted', async () => {
    const categoryId = (await getCategorySet(YL, C))!.categories.find((c) => c.units.some((u) => u.unitId === U))!.categoryId;
    // The staff propose a stricter yellow line (past the plan stage a save is a proposal for the leader).
    const propose = async (yellowBelowPercent: number) => {
      const view = await planCall('getPlan', 'yl_staff', categoryId);
      const saved = await planCall('savePlan', 'yl_staff', categoryId, { revision: view.revision, reason: `预警线调整为 ${yellowBelowPercent}%`, plan: { ...view.plan, warning: { ...view.plan.warning, yellowBelowPercent } } });
      return saved.proposal.seq as number;
    };
    await propose(95);
    // Held until the screenshot of its start, then run as the stack runs it.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    recolourInProcess((e) => held.then(() => recolourRun(e.run)));
    await openAs('yl_leader');
    await page.goto(`${stack.url}/#/cycles/${C}/plan`);
    await page.getByTestId('plan-proposal-approve').click();
    await expect.poll(() => page.getByTestId('warning-run-running').innerText(), { timeout: 20_000 }).toMatch(/「.+」重新计算预警状态：已完成 0 \/ \d+ 个单位/);
    await shot('d06-plan-recolour-running');
    release();
    await expect.poll(() => page.getByTestId('warning-run-done').innerText(), { timeout: 30_000 }).toMatch(/「.+」预警状态已重新计算：\d+ 个单位，\d+ 个目标状态变化/);
    await openAs('yl_staff');
    await expect.poll(() => page.getByTestId('warning-run-done').innerText(), { timeout: 20_000 }).toContain('个目标状态变化');
    await shot('d07-board-recolour-done');

    // A run that fails (its function timed out) is shown with the reason; the bureau restarts it.
    await propose(90);
    recolourInProcess(async (e) => finishWarningRun({ username: 'system:e2e', role: 'system', regionId: YL }, e.run, 'failed', new Date().toISOString(), 'Task timed out after 900.00 seconds'));
    const seq = (await planCall('getPlan', 'yl_leader', categoryId)).proposal.seq;
    await planCall('decidePlanProposal', 'yl_leader', categoryId, { decision: 'approve', seq });
    recolourInProcess((e) => recolourRun(e.run));
    await page.reload();
    await expect.poll(() => page.getByTestId('warning-run-failed').innerText(), { timeout: 20_000 }).toContain('原因：Task timed out after 900.00 seconds');
    await shot('d08-board-recolour-failed');
    await page.getByTestId('warning-run-restart').click();
    await expect.poll(() => page.getByTestId('warning-run-done').innerText(), { timeout: 30_000 }).toContain('个目标状态变化');
    expect(await page.getByTestId('warning-run-failed').count()).toBe(0);
  });

  it('shows an assessor unit the goals it scores across the units', async () => {
    await openAs('yl_tjj');
    await page.getByTestId('assessor-warnings-table').waitFor();
    await expect.poll(() => page.getByTestId('assessor-warnings-table').innerText()).toContain('玉州区');
    await shot('d04-assessor-warnings');
    expect(pageErrors).toEqual([]);
  });
});
