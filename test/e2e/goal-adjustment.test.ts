// Public goals and goal adjustment (Art 10–11) on the real local stack in headless Chromium, the seeded
// 2026 cycle of 玉林市 in 过程管理 with 玉州区's set approved (written to this file's own table): the
// public page, without signing in, lists the units and shows 玉州区's goals; its filer drafts an
// adjustment, its leader sends it, the bureau leader approves it; the public page then shows the new
// revision with the adjustment's date and reason class, on screen and in the A4 print view; the
// goal's assessor unit sends a request of its own. Screenshots a01…
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import type { GoalRecord } from '../../functions/model/goal.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
const UNIT = 'yl-yuzhou';
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let goals: GoalRecord[] = [];
let adjusted: GoalRecord;

const shot = (name: string) => settledScreenshot(page, name);

async function fresh(): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
}

async function openAs(username: string, menu: string, ready: string): Promise<void> {
  await fresh();
  await signIn(page, stack.url, username);
  await page.getByTestId(`menu-${menu}`).click();
  await expect.poll(() => page.getByTestId(ready).count()).toBeGreaterThan(0);
}

const input = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"], [data-testid="${id}"] textarea`).first();

/** The public unit page of 玉州区, reached from the public page without signing in. */
async function publicUnitPage(): Promise<void> {
  await fresh();
  await page.goto(`${stack.url}/#/public?region=${YL}`);
  await page.getByTestId('public-cycle-goals-2026').click();
  await expect.poll(() => page.getByTestId('public-goal-units').count()).toBe(1);
  await input('public-goals-search').fill('玉州');
  await page.getByTestId('public-goals-search-go').click();
  await expect.poll(() => page.getByTestId(`public-goal-unit-${UNIT}`).count()).toBe(1);
  await page.getByTestId(`public-goal-unit-${UNIT}`).click();
  await expect.poll(() => page.getByTestId('public-unit-goals').count()).toBe(1);
}

describe.skipIf(!hasChromium)('public goals and goal adjustment in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('goal-adjustment');
    ({ stack, browser } = portal);
    goals = await approveGoalsDirectly(YL, '2026', UNIT);
    // A goal nobody assesses but the bureau, so the unit's request is the only one.
    adjusted = goals[1]!;
  });

  afterAll(() => portal?.stop());

  it('shows approved goals to the public without signing in: the units of the cycle, then 玉州区’s goals', async () => {
    await fresh();
    await page.goto(`${stack.url}/#/public?region=${YL}`);
    await expect.poll(() => page.getByTestId('public-cycle-goals-2026').count()).toBe(1);
    await page.getByTestId('public-cycle-goals-2026').click();
    await expect.poll(() => page.getByTestId('public-goals-summary').innerText()).toMatch(/已审定公布 \d+ 个/);
    await shot('a01-public-goal-units');
    await publicUnitPage();
    expect(await page.getByTestId('public-unit-title').innerText()).toContain('玉州区');
    expect(await page.getByTestId(`public-goal-target-${adjusted.indicatorId}`).innerText()).toBe(`${adjusted.target} %`);
    // Nobody signed in, and nothing of who in the bureau approved.
    expect(await page.getByTestId('topbar-user').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('yl_staff');
    await shot('a02-public-unit-goals');
  });

  it('lets the unit’s filer draft an adjustment with a reason class, an explanation and the new target', async () => {
    await openAs('yuzhou_staff', 'goalAdjustments', 'adjust-goals');
    await page.getByTestId(`adjust-request-${adjusted.indicatorId}`).click();
    await expect.poll(() => page.getByTestId('adjust-dialog').isVisible()).toBe(true);
    // The filer saves a draft only; the leader sends it.
    expect(await page.getByTestId('adjust-send').count()).toBe(0);
    await page.getByTestId('adjust-reason-major_decision').click();
    await input('adjust-explanation').fill('市委调整年度重点工作部署，该项任务量相应调减。');
    await input('adjust-target').fill('70');
    await shot('a03-adjust-dialog');
    await page.getByTestId('adjust-save-draft').click();
    await expect.poll(() => page.getByTestId(`adjust-request-status-${adjusted.indicatorId}`).innerText()).toBe('草稿');
    await shot('a04-adjust-draft');
  });

  it('lets the leader send it to the bureau', async () => {
    await openAs('yuzhou_leader', 'goalAdjustments', 'adjust-requests');
    await page.getByTestId(`adjust-submit-${adjusted.indicatorId}`).click();
    await expect.poll(() => page.getByTestId(`adjust-request-status-${adjusted.indicatorId}`).innerText()).toBe('待审批');
    await shot('a05-adjust-sent');
  });

  it('lets the bureau leader approve it from the queue, with an opinion', async () => {
    await openAs('yl_leader', 'goalAdjustmentReview', 'adjust-queue');
    await expect.poll(() => page.getByTestId('adjust-queue-filter-pending').innerText()).toContain('1');
    await shot('a06-adjust-queue');
    await page.getByTestId(`adjust-open-${UNIT}-${adjusted.indicatorId}`).click();
    await expect.poll(() => page.getByTestId('decision-dialog').isVisible()).toBe(true);
    expect(await page.getByTestId('decision-compare').innerText()).toContain('70');
    await input('decision-opinion').fill('同意调整');
    await shot('a07-adjust-decision');
    await page.getByTestId('decision-approve').click();
    await expect.poll(() => page.getByTestId('decision-dialog').isVisible()).toBe(false);
    await page.getByTestId('adjust-queue-filter-approved').click();
    await expect.poll(() => page.getByTestId(`adjust-open-${UNIT}-${adjusted.indicatorId}`).count()).toBe(1);
  });

  it('shows the public the new revision with the date and reason class of the adjustment, on screen and in print', async () => {
    await publicUnitPage();
    expect(await page.getByTestId(`public-goal-target-${adjusted.indicatorId}`).innerText()).toBe('70 %');
    expect(await page.getByTestId(`public-goal-adjusted-${adjusted.indicatorId}`).innerText()).toBe('第 2 版');
    const line = await page.getByTestId(`public-goal-adjustment-${adjusted.indicatorId}`).innerText();
    expect(line).toContain(beijingDate(Date.now()));
    expect(line).toContain('重大决策调整');
    // The explanation and the opinion stay inside.
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('市委调整年度重点工作部署');
    expect(text).not.toContain('同意调整');
    await shot('a08-public-adjusted');
    await page.getByTestId('public-unit-print').click();
    await expect.poll(() => page.getByTestId('goals-print-document').count()).toBe(1);
    expect(await page.getByTestId(`goals-print-row-${adjusted.indicatorId}`).innerText()).toContain('70 %');
    expect(await page.getByTestId('goals-print-adjustments').innerText()).toContain('重大决策调整');
    await shot('a09-public-goals-print');
  });

  it('lets an assessor unit request the adjustment of a goal it assesses, sent to the bureau at once', async () => {
    const assessed = goals.find((g) => g.assessorUnitId === 'yl-tjj')!;
    await openAs('yl_tjj', 'assessedAdjustments', 'assessed-goals');
    await page.getByTestId(`assessed-request-${UNIT}-${assessed.indicatorId}`).click();
    await expect.poll(() => page.getByTestId('adjust-dialog').isVisible()).toBe(true);
    expect(await page.getByTestId('adjust-save-draft').count()).toBe(0);
    await page.getByTestId('adjust-reason-institutional').click();
    await input('adjust-explanation').fill('统计口径随机构调整变化，按新口径测算。');
    await input('adjust-target').fill('6');
    await page.getByTestId('adjust-send').click();
    await expect.poll(() => page.getByTestId('assessed-requests').innerText()).toContain('待审批');
    expect(await page.getByTestId('assessed-requests').innerText()).toContain('机构调整');
    await shot('a10-assessor-request');
  });

  it('raised no script error', () => expect(pageErrors).toEqual([]));
});
