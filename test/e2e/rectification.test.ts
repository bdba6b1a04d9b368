// 整改 (Art 25–26) on the real local stack in headless Chromium, on the demo data (玉林市 2025 confirmed):
// 玉州区's filer files a plan for a problem of its confirmed results and submits it; its leader approves
// it and reports progress with an evidence file; the bureau's tracking list shows every plan with the
// overdue one first and in red; the public reads the commitment without signing in; 市教育局 accepts the
// item carried into its 2026 goals under an indicator. Screenshots rect01…rect06.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { beijingDate, shiftIsoDate } from '../../functions/domain/dates.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
const PROBLEM = 'score:2.3';
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** Ten days ahead, within the bound (the end of 2026). */
const deadline = () => [shiftIsoDate(beijingDate(Date.now()), 10), '2026-12-31'].sort()[0]!;

const shot = (name: string) => settledScreenshot(page, name);
async function fresh(): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
}
const input = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"], [data-testid="${id}"] textarea`).first();

async function openUnitPage(username: string): Promise<void> {
  await fresh();
  await signIn(page, stack.url, username);
  await page.getByTestId('menu-rectification').click();
  await expect.poll(() => page.getByTestId(`rect-open-${PROBLEM}`).count()).toBe(1);
}
async function openPlan(): Promise<void> {
  await page.getByTestId(`rect-open-${PROBLEM}`).click();
  await expect.poll(() => page.getByTestId('rect-dialog-problem').count()).toBe(1);
}

describe.skipIf(!hasChromium)('rectification in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('rectification');
    ({ stack, browser } = portal);
  });
  afterAll(() => portal?.stop());

  it('玉州区’s filer sees its problems (overdue in red) and files a plan, then submits it to the leader', async () => {
    await openUnitPage('yuzhou_staff');
    expect(await page.getByTestId('rect-status-score:1.2').innerText()).toBe('整改中');
    expect(await page.getByTestId('rect-deadline-score:1.2').getAttribute('class')).toContain('rect-overdue');
    await shot('rect01-unit-problems');
    await openPlan();
    await input('rect-responsible').fill('张伟');
    await input('rect-post').fill('区住房和城乡建设局局长');
    await input('rect-measures').fill('建立老旧小区改造项目清单，倒排工期，每周调度。');
    await input('rect-commitment').fill('2026年底前完成全部改造任务。');
    await input('rect-deadline').fill(deadline());
    await input('rect-deadline').press('Enter');
    await shot('rect02-unit-plan-form');
    await page.getByTestId('rect-save').click();
    await expect.poll(() => page.getByTestId(`rect-status-${PROBLEM}`).innerText()).toBe('草稿');
    await openPlan();
    await page.getByTestId('rect-submit').click();
    await expect.poll(() => page.getByTestId(`rect-status-${PROBLEM}`).innerText()).toBe('待单位负责人审批');
  });

  it('the leader approves it and reports progress with an evidence file', async () => {
    await openUnitPage('yuzhou_leader');
    await openPlan();
    await page.getByTestId('rect-approve').click();
    await expect.poll(() => page.getByTestId(`rect-status-${PROBLEM}`).innerText()).toBe('整改中');
    await openPlan();
    await input('rect-text').fill('已完成项目清单，开工 3 个小区。');
    await page.getByTestId('rect-evidence-file-input').setInputFiles({ name: '开工通知.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n开工通知\n%%EOF') });
    await expect.poll(() => page.getByTestId('rect-evidence-file').count()).toBe(1);
    await page.getByTestId('rect-report').click();
    await expect.poll(() => page.getByTestId('rect-dialog').isVisible()).toBe(false);
    await openPlan();
    await expect.poll(() => page.getByTestId('rect-progress').innerText()).toContain('开工 3 个小区');
    expect(await page.getByTestId('rect-progress-files-download').innerText()).toBe('开工通知.pdf');
    await shot('rect03-unit-plan-progress');
  });

  it('the bureau tracks every plan: counts by state, the overdue one first and in red', async () => {
    await fresh();
    await signIn(page, stack.url, 'yl_staff');
    await page.getByTestId('menu-rectificationTracking').click();
    await expect.poll(() => page.getByTestId('rect-track-table').locator('tbody tr').count()).toBeGreaterThan(3);
    const first = page.getByTestId('rect-track-table').locator('tbody tr').first();
    expect(await first.innerText()).toContain('玉州区');
    expect(await first.getAttribute('class')).toContain('rect-row--overdue');
    expect(await page.getByTestId('rect-filter-overdue').innerText()).toContain('（1）');
    expect(await page.getByTestId('rect-track-table').innerText()).toContain('生态环境保护');
    await shot('rect04-bureau-tracking');
  });

  it('the public reads 玉州区’s commitments without signing in: the new plan with its progress, the overdue one marked', async () => {
    await fresh();
    await page.goto(`${stack.url}/#/public?region=${YL}`);
    await page.getByTestId('public-cycle-rectification-2025').click();
    await expect.poll(() => page.getByTestId('public-rect-unit-yl-yuzhou').count()).toBe(1);
    await page.getByTestId('public-rect-unit-yl-yuzhou').click();
    await expect.poll(() => page.getByTestId(`public-rect-item-${PROBLEM}`).count()).toBe(1);
    const item = await page.getByTestId(`public-rect-item-${PROBLEM}`).innerText();
    expect(item).toContain('张伟（区住房和城乡建设局局长）');
    expect(item).toContain('开工 3 个小区');
    expect(await page.getByTestId('public-rect-status-score:1.2').innerText()).toBe('逾期未完成');
    expect(await page.locator('body').innerText()).not.toMatch(/yuzhou_(staff|leader)/);
    expect(await page.getByTestId('topbar-user').count()).toBe(0);
    await shot('rect05-public-rectification');
  });

  it('市教育局 accepts the item carried into its 2026 goals under an indicator (来源：2025年度整改事项)', async () => {
    await fresh();
    await signIn(page, stack.url, 'jyj_staff');
    await page.goto(`${stack.url}/#/goals/2026`);
    await expect.poll(() => page.getByTestId('carried-goals').count()).toBe(1);
    const source = page.getByTestId('carried-goals').locator('[data-testid^="carried-source-feedback:"]').first();
    expect(await source.innerText()).toBe('来源：2025年度整改事项');
    await page.getByTestId('carried-goals').locator('[data-testid^="carried-accept-feedback:"]').first().click();
    await expect.poll(() => page.getByTestId('carried-dialog').isVisible()).toBe(true);
    await page.getByTestId('carried-indicator').click();
    await page.locator('.el-select-dropdown__item:visible').first().click();
    await input('carried-target').fill('反馈问题全部整改销号');
    await page.getByTestId('carried-send').click();
    await expect.poll(() => page.getByTestId('carried-goals').locator('[data-testid^="carried-status-feedback:"]').first().innerText()).toBe('已纳入');
    await shot('rect06-carried-goal-accepted');
  });

  it('raised no script error', () => expect(pageErrors).toEqual([]));
});
