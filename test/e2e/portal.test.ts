// The real local stack in headless Chromium: the bureau creates a cycle, advances a stage, moves the
// development clock past a deadline and sees the escalation, and the public page follows.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { hasChromium, openPage, screenshot, SHOTS, startPortal, type Portal } from '../helpers/portal.ts';
import { DEMO_PASSWORD } from '../../cdk/local/demo-data.ts';
import { deadlineInstant } from '../../functions/domain/dates.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';


const YEAR = 2027;
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => screenshot(page, name);
const stage = (code: string) => page.getByTestId(`stage-${code}`);

describe.skipIf(!hasChromium)('portal in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('portal');
    ({ stack, browser } = portal);
    page = await openPage(browser, pageErrors);
  });

  afterAll(() => portal?.stop());

  it('shows the public page without login', async () => {
    await page.goto(`${stack.url}/#/public`);
    await expect.poll(() => page.getByTestId('public-region').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('body').innerText()).toContain('玉林市');
    await shot('01-public');
  });

  it('logs the bureau in, in Chinese', async () => {
    await page.goto(`${stack.url}/#/login`);
    await page.getByTestId('login-username').fill('yl_staff');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await shot('02-login');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('topbar-user').innerText()).toContain('王芳');
    await expect.poll(() => page.getByTestId('dashboard-stage').innerText()).toContain('过程管理');
    await shot('03-dashboard');
  });

  it('creates the cycle of the next year', async () => {
    await page.getByTestId('menu-cycles').click();
    await page.getByTestId('cycle-create').click();
    const year = page.getByTestId('cycle-form-year').locator('input');
    await year.fill(String(YEAR));
    await year.press('Tab');
    await shot('04-create-form');
    await page.getByTestId('cycle-form-save').click();
    // Saving opens the new cycle's page; the list has it too.
    await expect.poll(() => page.url()).toContain(`/cycles/${YEAR}`);
    await expect.poll(() => stage('plan').getAttribute('data-state')).toBe('current');
    await shot('05-new-cycle');
    await page.getByTestId('menu-cycles').click();
    await expect.poll(() => page.getByTestId(`cycle-row-${YEAR}`).count()).toBe(1);
    await shot('06-cycle-list');
  });

  it('advances the first stage after confirmation', async () => {
    await page.getByTestId(`cycle-view-${YEAR}`).click();
    await expect.poll(() => stage('plan').getAttribute('data-state')).toBe('current');
    await page.getByTestId('cycle-advance').click();
    await page.getByTestId('confirm-advance').click();
    await expect.poll(() => stage('plan').getAttribute('data-state')).toBe('done');
    await expect.poll(() => stage('goal_setting').getAttribute('data-state')).toBe('current');
    await shot('07-advanced');
  });

  it('escalates when the development clock passes the deadline', async () => {
    const deadline = defaultStageDates(YEAR)[1]!.deadline;
    const days = Math.ceil((deadlineInstant(deadline) - Date.now()) / 86_400_000) + 1;
    await page.getByTestId('dev-clock-button').click();
    const input = page.getByTestId('dev-clock-days').locator('input');
    await input.fill(String(days));
    await input.press('Tab');
    await page.getByTestId('dev-clock-confirm').click();
    await expect.poll(async () => {
      await page.reload();
      await stage('goal_setting').waitFor();
      return page.getByTestId('stage-goal_setting-escalated').count();
    }, { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('stage-goal_setting-overdue').count()).toBe(1);
    await shot('08-escalated');
  });

  it('shows the change on the public page', async () => {
    await page.goto(`${stack.url}/#/public`);
    // Pick 北流市 first, then 玉林市 again: the page follows the region chosen.
    await page.getByTestId('public-region').click();
    await page.getByTestId('public-region-450981').click();
    await expect.poll(() => page.locator('body').innerText()).toContain('北流市考评周期');
    await expect.poll(() => page.getByTestId(`public-cycle-${YEAR}`).count()).toBe(0);
    await page.getByTestId('public-region').click();
    await page.getByTestId('public-region-450900').click();
    await expect.poll(() => page.getByTestId(`public-cycle-${YEAR}`).count()).toBe(1);
    await expect.poll(() => page.getByTestId(`public-cycle-${YEAR}`).innerText()).toContain('目标制定');
    await shot('09-public-after');
  });

  it('opens every page of the menu without a script error', async () => {
    await page.goto(`${stack.url}/#/`);
    for (const key of ['units', 'calendar', 'notices', 'users', 'simulate', 'cycles']) {
      await page.getByTestId(`menu-${key}`).click();
      await expect.poll(() => page.locator('.el-breadcrumb').innerText()).not.toBe('');
      await page.waitForLoadState('networkidle');
      await shot(`10-menu-${key}`);
    }
    await page.goto(`${stack.url}/#/cycles/2026/categories`);
    await expect.poll(() => page.locator('body').innerText()).toContain('市直政府部门');
    await shot('11-categories');
    await page.goto(`${stack.url}/#/cycles/2026/plan`);
    await page.getByTestId('plan-categories').getByText('市直政府部门').click(); // the plan page's tab, not the page before it
    // Indicator names sit in the tree's input fields.
    await expect.poll(() => page.locator('input').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value))).toContain('市委市政府重点工作');
    await shot('12-plan');
    expect(pageErrors).toEqual([]);
  });

  it('imports a plan from Excel: the change is proposed for the leader with a wrong total flagged, a bad row imports nothing', async () => {
    const ExcelJS = (await import('exceljs')).default;
    await page.goto(`${stack.url}/#/cycles/2026/plan`);
    await page.getByTestId('plan-categories').getByText('市直政府部门').click(); // the plan page's tab, not the page before it
    await expect.poll(() => page.getByTestId('plan-tree').innerText()).toContain('1.1');
    // Export the current tree, as a 绩效办 would, and change it in "Excel".
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plan-export').click()]);
    const exported = join(SHOTS, 'plan-export.xlsx');
    await download.saveAs(exported);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(exported);
    const sheet = book.worksheets[0]!;
    const cells = (r: number) => (sheet.getRow(r).values as unknown[]).map((v) => String(v ?? ''));
    const headerRow = [...Array(sheet.rowCount).keys()].map((i) => i + 1).find((r) => cells(r).includes('分值'))!;
    const pointsCol = cells(headerRow).indexOf('分值');
    const keyRow = [...Array(sheet.rowCount).keys()].map((i) => i + 1).find((r) => cells(r).includes('市委市政府重点工作'))!;
    const importSheet = async (name: string, edit: () => void) => {
      edit();
      const file = join(SHOTS, name);
      await book.xlsx.writeFile(file);
      await page.locator('.plan__upload input[type=file]').setInputFiles(file);
      // Past the plan stage every change needs a reason and is proposed for the bureau leader's approval.
      await page.locator('.el-message-box__input input').fill('按市委调整重点工作分值');
      await page.locator('.el-message-box__btns .el-button--primary').click();
    };

    // A bad row imports nothing: the report names it, the version in force stays, nothing is proposed.
    await importSheet('plan-bad-row.xlsx', () => (sheet.getRow(keyRow).getCell(pointsCol).value = '三十'));
    await expect.poll(() => page.getByTestId('plan-import-errors').innerText()).toContain(String(keyRow));
    expect(await page.locator('body').innerText()).toContain('第 1 版');
    expect(await page.getByTestId('plan-proposal').count()).toBe(0);
    await page.waitForTimeout(400); // let the report dialog finish fading in, for the screenshot only
    await shot('14-plan-bad-row');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="plan-import-errors"]:visible').count()).toBe(0);

    await importSheet('plan-wrong-total.xlsx', () => (sheet.getRow(keyRow).getCell(pointsCol).value = 35));
    // Proposed as change 1 for the leader (the version in force stays), its points flagged as not adding up.
    await expect.poll(() => page.getByTestId('plan-proposal').count()).toBe(1);
    expect(await page.getByTestId('plan-proposal').innerText()).toContain('第 1 号方案修改待审批（现行第 1 版不变）');
    expect(await page.getByTestId('plan-proposal-unbalanced').count()).toBe(1);
    expect(await page.getByTestId('plan-tree').innerText()).not.toContain('下级合计 65.00');
    await shot('13-plan-wrong-total');
    expect(pageErrors).toEqual([]);
  });
});
