// 进度填报 on the real local stack (with its evidence store) in headless Chromium, the seeded 2026 cycle
// of 玉林市 at 过程管理: 玉州区's goals approved (written straight to this file's table). The filer fills
// each goal of the month — one with an evidence file uploaded straight to the store with its progress,
// one declared as nothing to report — and submits; the leader approves; the statistics bureau (an
// assessor unit) downloads the file; another unit is refused it. Screenshots p01…
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import type { GoalRecord } from '../../functions/model/goal.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
const UNIT = 'yl-yuzhou';
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let goals: GoalRecord[];
/** The goal the statistics bureau assesses: it gets the evidence file. */
let assessed: GoalRecord;
let period = '';
const pdf = Buffer.from('%PDF-1.4\n玉州区进度佐证材料\n%%EOF\n');

const shot = (name: string) => settledScreenshot(page, name);
async function openAs(username: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  await signIn(page, stack.url, username);
}
const input = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"], [data-testid="${id}"] textarea`).first();

/** Opens a goal's entry, lets `fill` type, waits for the server draft, and closes. */
async function fillEntry(indicatorId: string, fill: () => Promise<void>, name?: string): Promise<void> {
  await page.getByTestId(`progress-edit-${indicatorId}`).click();
  await expect.poll(() => page.locator('[data-testid="progress-entry"]:visible').count()).toBe(1);
  await fill();
  // Saved as typed: the dialog says so without a button pressed.
  await expect.poll(() => page.getByTestId('progress-saved').count(), { timeout: 10_000 }).toBe(1);
  if (name) await shot(name);
  await page.getByTestId('progress-entry-done').click();
  await expect.poll(() => page.locator('[data-testid="progress-entry"]:visible').count()).toBe(0);
}

describe.skipIf(!hasChromium)('progress reports in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('progress');
    ({ stack, browser } = portal);
    goals = await approveGoalsDirectly(YL, '2026', UNIT);
    assessed = goals.find((g) => g.assessorUnitId === 'yl-tjj')!;
  });
  afterAll(() => portal?.stop());

  it('shows the unit its periods and its approved goals with the value the milestones expect', async () => {
    await openAs('yuzhou_staff');
    await page.getByTestId('menu-progress').click();
    await expect.poll(() => page.getByTestId('progress-goals').count()).toBe(1);
    expect(await page.getByTestId('progress-status').innerText()).toBe('未填报');
    period = (await page.locator('.progress-panel strong').innerText()).split('·')[1]!.trim();
    expect(period).toMatch(/^2026-\d\d$/);
    expect(await page.locator('[data-testid="progress-goals"] tbody tr').count()).toBe(goals.length);
    await shot('p01-progress-periods');
  });

  it('fills a goal with a value and an evidence file uploaded straight to the store', async () => {
    await fillEntry(
      assessed.indicatorId,
      async () => {
        await input('progress-value').fill('88.5');
        await input('progress-narrative').fill('本月完成年度目标的 88.5%，重点项目按期推进。');
        await page.getByTestId('progress-file-input').setInputFiles({ name: '12月进度佐证.pdf', mimeType: 'application/pdf', buffer: pdf });
        await expect.poll(() => page.getByTestId('progress-file').count(), { timeout: 15_000 }).toBe(1);
        expect(await page.getByTestId('progress-file').innerText()).toContain('12月进度佐证.pdf');
      },
      'p02-entry-with-evidence',
    );
    await expect.poll(() => page.getByTestId(`progress-value-${assessed.indicatorId}`).innerText()).toContain('88.5');
  });

  it('refuses a file type outside the allow-list in the form', async () => {
    const other = goals.find((g) => g.indicatorId !== assessed.indicatorId)!;
    await page.getByTestId(`progress-edit-${other.indicatorId}`).click();
    await page.getByTestId('progress-file-input').setInputFiles({ name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    expect(await page.getByTestId('progress-upload-error').innerText()).toContain('只能上传');
    await input('progress-value').fill('12');
    await expect.poll(() => page.getByTestId('progress-saved').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('progress-entry-done').click();
  });

  it('declares a goal with nothing to report (with its reason) and fills the rest', async () => {
    const rest = goals.filter((g) => g.indicatorId !== assessed.indicatorId).slice(1);
    const [declared, ...others] = rest;
    await fillEntry(
      declared!.indicatorId,
      async () => {
        await page.getByTestId('progress-nothing').click();
        await input('progress-nothing-reason').fill('该指标按季度统计，本月无新增数据');
      },
      'p03-nothing-to-report',
    );
    for (const g of others) await fillEntry(g.indicatorId, () => input('progress-value').fill('30'));
    await expect.poll(() => page.getByTestId('progress-blank').count()).toBe(0);
  });

  it('submits to the unit leader, who approves the whole period at once', async () => {
    await page.getByTestId('progress-submit').click();
    await expect.poll(() => page.getByTestId('progress-status').innerText()).toBe('待负责人审核');
    await openAs('yuzhou_leader');
    await page.getByTestId('menu-progress').click();
    await expect.poll(() => page.getByTestId('progress-status').innerText()).toBe('待负责人审核');
    await shot('p04-leader-sees-submitted');
    await page.getByTestId('progress-approve').click();
    await page.getByTestId('progress-approve').last().click();
    await expect.poll(() => page.getByTestId('progress-status').innerText()).toBe('已审核报送');
    await shot('p05-approved');
  });

  it('lets the assessor unit download the evidence; another unit is refused it', async () => {
    await openAs('yl_tjj');
    await page.getByTestId('menu-assessedProgress').click();
    const link = page.getByTestId(`assessed-file-${UNIT}-${assessed.indicatorId}`);
    await expect.poll(() => link.count()).toBe(1);
    await shot('p06-assessor-sees-report');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('12月进度佐证.pdf');
    const body = await (await import('node:fs/promises')).readFile((await download.path())!);
    expect(createHash('sha256').update(body).digest('hex')).toBe(createHash('sha256').update(pdf).digest('hex'));

    const unit = await ApiClient.login(stack.url, 'yuzhou_staff');
    const view = await unit.get(`/regions/${YL}/cycles/2026/units/${UNIT}/progress?period=${period}`);
    const fileId = view.body.goals.find((g: any) => g.indicatorId === assessed.indicatorId).item.evidence[0].fileId;
    const other = await ApiClient.login(stack.url, 'jyj_staff');
    const refused = await other.get(`/regions/${YL}/cycles/2026/units/${UNIT}/progress/${period}/${assessed.indicatorId}/evidence/${fileId}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('本单位');
  });

  it('shows the bureau every unit’s report of the period, a page at a time, and opens one read-only', async () => {
    await openAs('yl_staff');
    await page.getByTestId('menu-progressReports').click();
    await expect.poll(() => page.locator('[data-testid="reports-table"] tbody tr').count()).toBeGreaterThan(0);
    // The period due next opens first; the other units' reports of it are drafts or with their leaders.
    await page.getByTestId('reports-status').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '已审核报送' }).first().click();
    const row = page.locator('[data-testid="reports-table"] tbody tr', { hasText: '玉州区' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('已审核报送');
    await shot('p07-bureau-reports');
    await row.click();
    await expect.poll(() => page.locator('.el-drawer [data-testid="progress-status"]').innerText()).toBe('已审核报送');
    // Read-only for the bureau: no filling, no approval.
    expect(await page.locator('.el-drawer [data-testid="progress-approve"]').count()).toBe(0);
    expect(await page.locator(`.el-drawer [data-testid="progress-edit-${assessed.indicatorId}"]`).innerText()).toBe('查看');
    await shot('p08-bureau-opens-report');
    expect(pageErrors).toEqual([]);
  });
});
