// Bonus and deduction items (Art 19–20) on the real local stack in headless Chromium, 玉林市 2026 put in
// 考核评分 (this file's own table): 玉州区's filer claims a bonus with an evidence file (three items of a
// rule capped at 1.00), its leader approves and submits it, 市统计局 raises a deduction against 玉州区,
// the bureau leader approves both with reasons, and the bureau sees the capped effect (raw +1.50, counted
// +1.00). Screenshots c01…
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => settledScreenshot(page, name);
async function openAs(username: string, menu: string, ready: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  await signIn(page, stack.url, username);
  await page.getByTestId(`menu-${menu}`).click();
  await expect.poll(() => page.getByTestId(ready).count()).toBeGreaterThan(0);
}
const field = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"], [data-testid="${id}"] textarea`).first();
const option = (text: string) => page.locator('.el-select-dropdown__item:visible', { hasText: text }).first();
const row = (table: string, text: string) => page.locator(`[data-testid="${table}"] .el-table__body tr`, { hasText: text });
async function confirmBox(): Promise<void> {
  await page.locator('.el-message-box__btns .el-button--primary').click();
}

describe.skipIf(!hasChromium)('bonus and deduction items in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('claims');
    ({ stack, browser } = portal);
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle('450900', '2026'), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('assessment') } }));
  });
  afterAll(async () => {
    await portal?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('玉州区’s filer claims a bonus with an evidence file; the draft is kept for the leader', async () => {
    await openAs('yuzhou_staff', 'claims', 'claims-new-bonus');
    await page.getByTestId('claims-new-bonus').click();
    await page.getByTestId('claim-rule').click();
    await option('b2 ').click();
    await field('claim-occurrences').fill('3');
    await field('claim-occurrences').press('Tab');
    await expect.poll(() => page.getByTestId('claim-amount').innerText()).toContain('+1.50 分');
    await field('claim-description').fill('乡村振兴、营商环境、生态文明三个项目获自治区人民政府表彰。');
    await page.locator('.el-dialog:visible input[type=file]').setInputFiles({ name: '自治区表彰文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 表彰文件') });
    await expect.poll(() => page.locator('.el-dialog:visible').innerText(), { timeout: 20_000 }).toContain('自治区表彰文件.pdf');
    await shot('c01-bonus-claim-dialog');
    await page.getByTestId('claim-save').click();
    await expect.poll(() => page.getByTestId('claim-dialog').isVisible()).toBe(false);
    await expect.poll(() => row('claims-bonuses', '获自治区级表彰').innerText()).toContain('草稿');
    expect(await page.locator('body').innerText()).toContain('加分申报须经单位负责人审核后报送绩效办');
  });

  it('the unit leader approves and submits it', async () => {
    await openAs('yuzhou_leader', 'claims', 'claims-bonuses');
    await expect.poll(() => row('claims-bonuses', '获自治区级表彰').count()).toBe(1);
    await row('claims-bonuses', '获自治区级表彰').getByTestId(/claim-submit-/).click();
    await confirmBox();
    await expect.poll(() => row('claims-bonuses', '获自治区级表彰').innerText()).toContain('待审核');
    await shot('c02-leader-submitted');
  });

  it('市统计局 raises a deduction against 玉州区 with the facts and submits it', async () => {
    await openAs('yl_tjj', 'deductions', 'deductions-raised');
    await page.getByTestId('deduction-unit').click();
    await option('玉州区').click();
    await page.getByTestId('deduction-new').click();
    await field('claim-description').fill('统计数据质量抽查发现虚报，被自治区统计局通报批评（桂统通〔2026〕8号）。');
    await page.getByTestId('claim-save').click();
    await expect.poll(() => row('deductions-raised', '通报批评').count()).toBe(1);
    await row('deductions-raised', '通报批评').getByTestId(/deduction-submit-/).click();
    await confirmBox();
    await expect.poll(() => row('deductions-raised', '通报批评').innerText()).toContain('待审核');
    await shot('c03-assessor-deduction');
  });

  it('the bureau leader approves both with reasons and sees the capped effect', async () => {
    await openAs('yl_leader', 'claimReview', 'claim-queue');
    await expect.poll(() => page.getByTestId('claim-queue-filter-submitted').innerText()).toContain('2');
    await shot('c04-bureau-queue');
    for (const [text, reason] of [['获自治区级表彰', '经核实三项表彰均属实'], ['通报批评', '通报文件属实']] as const) {
      await row('claim-queue', text).getByTestId(/claim-decide-/).click();
      await field('claim-decision-reason').fill(reason);
      await page.getByTestId('claim-approve').click();
      await expect.poll(() => row('claim-queue', text).count()).toBe(0);
    }
    await page.getByTestId('claim-queue-filter-approved').click();
    await expect.poll(() => row('claim-queue', '获自治区级表彰').innerText()).toContain('经核实三项表彰均属实');
    await page.getByRole('tab', { name: '计分影响' }).click();
    const yuzhou = row('claim-effects', '玉州区');
    await expect.poll(() => yuzhou.innerText()).toContain('+1.50');
    expect(await yuzhou.innerText()).toContain('+1.00');
    expect(await yuzhou.innerText()).toContain('−1.00');
    await yuzhou.locator('.el-table__expand-icon').click();
    await expect.poll(() => page.getByTestId('claim-effect').first().innerText()).toContain('超过该项加分上限，按 1.00 分计');
    await shot('c05-bureau-capped-effect');
  });
});
