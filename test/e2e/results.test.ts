// 成绩汇总 and 初步结果 on the real local stack in headless Chromium, the seeded 2025 cycle of 玉林市 put back
// in 汇总反馈 with its publications and confirmations taken back: the bureau computes the preliminary results (the local
// stack runs the function in-process), watches the run end, opens 玉州区's breakdown (the engine's lines
// and the grade's reasons), publishes the counties' category; 玉州区 then sees its own result with the
// review window, 市教育局 (another category, not published) sees nothing. Screenshots r01…
import { readFileSync } from 'node:fs';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { getCategorySet } from '../../functions/data/categories.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';
import { thawConfirmations } from '../helpers/thaw.ts';

const YL = '450900';
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => settledScreenshot(page, name);
async function openAs(username: string, menu: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  await signIn(page, stack.url, username);
  await page.getByTestId(`menu-${menu}`).click();
}

describe.skipIf(!hasChromium)('preliminary results in Chromium', () => {
  let countyCategory: string;
  beforeAll(async () => {
    portal = await startPortal('results');
    ({ stack, browser } = portal);
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, '2025'), UpdateExpression: 'SET currentStage = :s, #st = :open', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':s': stageNumber('preliminary_review'), ':open': 'open' } }));
    const set = await getCategorySet(YL, '2025');
    countyCategory = set!.categories.find((c) => c.units.some((u) => u.unitId === 'yl-yuzhou'))!.categoryId;
    for (const c of set!.categories) await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.resultPublication(YL, '2025', c.categoryId) }));
    await thawConfirmations(YL, '2025');
  });
  afterAll(() => portal?.stop());

  it('the bureau computes the preliminary results and watches the run end', async () => {
    await openAs('yl_staff', 'results');
    await page.goto(`${stack.url}/#/results/2025`);
    await expect.poll(() => page.getByTestId('results-start').isEnabled(), { timeout: 15_000 }).toBe(true);
    // The demo's own run of 2025 is shown first; the new one must start, then end.
    const before = await page.getByTestId('results-run').getAttribute('data-run-id');
    await page.getByTestId('results-start').click();
    await expect.poll(() => page.getByTestId('results-run').getAttribute('data-run-id'), { timeout: 10_000 }).not.toBe(before);
    await expect.poll(() => page.getByTestId('results-run').getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    expect(await page.getByTestId('results-run').innerText()).toContain('已完成');
    expect(await page.getByTestId('results-run').innerText()).toMatch(/类别 (\d+)\/\1 · 单位 (\d+)\/\2/);
    await page.getByTestId(`results-category-${countyCategory}`).click();
    await expect.poll(() => page.locator('[data-testid="results-table"] tbody tr').count(), { timeout: 10_000 }).toBe(7);
    expect(await page.getByTestId('results-table').innerText()).toContain('不合格');
    await shot('r01-results-computed');
  });

  it('opens a unit’s breakdown: the engine’s lines and the grade’s reasons', async () => {
    await page.getByTestId('results-open-yl-yuzhou').click();
    await expect.poll(() => page.locator('[data-testid="results-dialog"]:visible').count()).toBe(1);
    expect(await page.getByTestId('result-lines').innerText()).toContain('总分 =');
    expect(await page.getByTestId('result-explanation').innerText()).toContain('评定结果：');
    await shot('r02-unit-breakdown');
    await page.keyboard.press('Escape');
  });

  it('exports the category as .xlsx, then publishes it to its units with the review window', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('results-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^2025-.*初步考评结果\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(8);
    const yuzhou = rows.find((r) => r.includes('yl-yuzhou'))!;
    expect(yuzhou.some((c) => typeof c === 'string' && /^\d+\.\d{2}$/.test(c))).toBe(true);
    await page.getByTestId('results-publish').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await expect.poll(() => page.getByTestId('results-publication').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('results-publication').innerText()).toMatch(/复核截止 \d{4}-\d{2}-\d{2}/);
    await shot('r03-published');
  });

  it('a unit sees its own result once published; a unit of an unpublished category sees nothing', async () => {
    await openAs('yuzhou_staff', 'myResult');
    await page.goto(`${stack.url}/#/my-result/2025`);
    await expect.poll(() => page.getByTestId('my-result-window').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('result-breakdown').innerText()).toContain('玉州区');
    expect(await page.getByTestId('my-result-window').innerText()).toContain('申请复核');
    await shot('r04-own-result');
    await openAs('jyj_staff', 'myResult');
    await page.goto(`${stack.url}/#/my-result/2025`);
    await expect.poll(() => page.getByTestId('my-result-empty').count(), { timeout: 15_000 }).toBe(1);
    await shot('r05-not-published');
    expect(pageErrors).toEqual([]);
  });
});
