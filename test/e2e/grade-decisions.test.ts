// 第二十三条 and the leader's confirmation on the real local stack in headless Chromium, the seeded 2025
// cycle of 玉林市 put in 等次评定 (every category confirmed by the demo, version 1): on 成绩汇总 the counties'
// category shows 已确认 · 第 1 版 with its history; the staff propose a correction, the leader approves it;
// the staff propose an Art 23 raise for 玉州区, the leader approves it with its 文号; the bureau computes
// and 玉州区's breakdown shows the change and 文号 apart from the unchanged total; the leader confirms
// version 2, and 玉州区 sees the decision on its own result. Screenshots g01…
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { readUnitResult } from '../../functions/data/results.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
const DOC = '玉绩办〔2026〕11号';
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => settledScreenshot(page, name);
async function openAs(username: string, path: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  await signIn(page, stack.url, username);
  await page.goto(`${stack.url}/#${path}`);
}

describe.skipIf(!hasChromium)('Art 23 and confirmation in Chromium', () => {
  let county: string;
  let before: { total: number; grade: string };
  beforeAll(async () => {
    portal = await startPortal('grade-decisions');
    ({ stack, browser } = portal);
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, '2025'), UpdateExpression: 'SET currentStage = :s, #st = :open', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':s': stageNumber('grading'), ':open': 'open' } }));
    const { result } = await readUnitResult(YL, '2025', 'yl-yuzhou');
    county = result!.categoryId;
    before = { total: result!.total!, grade: result!.place!.grade };
  });
  afterAll(() => portal?.stop());

  const openCounty = async () => {
    await page.getByTestId(`results-category-${county}`).click();
    await expect.poll(() => page.locator('[data-testid="results-table"] tbody tr').count(), { timeout: 10_000 }).toBe(7);
  };

  it('the confirmed category shows its version and history; the staff propose a correction', async () => {
    await openAs('yl_staff', '/results/2025');
    await openCounty();
    await expect.poll(() => page.getByTestId('confirm-badge').innerText(), { timeout: 10_000 }).toContain('已确认 · 第 1 版');
    expect(await page.getByTestId('confirm-history').innerText()).toContain('第 1 版');
    expect(await page.getByTestId('confirm-results').count()).toBe(0);
    await shot('g01-confirmed-v1');
    await page.getByTestId('reopen-propose').click();
    await page.getByTestId('reopen-reason').fill('经复查，玉州区承担的自治区试点任务成效未在初评中体现，提请更正并依第二十三条报批。');
    await shot('g02-reopen-proposal');
    await page.getByTestId('reopen-submit').click();
    await expect.poll(() => page.getByTestId('reopen-pending').count(), { timeout: 10_000 }).toBe(1);
  });

  it('the leader approves the correction', async () => {
    await openAs('yl_leader', '/results/2025');
    await openCounty();
    await expect.poll(() => page.getByTestId('reopen-decide').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('reopen-decide').click();
    await page.getByTestId('reopen-reason').fill('同意更正，重新评定后报我确认。');
    await page.getByTestId('reopen-submit').click();
    await expect.poll(() => page.getByTestId('confirm-badge').innerText(), { timeout: 10_000 }).toContain('已批准更正');
  });

  it('the staff propose an Art 23 raise for 玉州区 with a reason', async () => {
    await openAs('yl_staff', '/results/2025');
    await openCounty();
    await page.getByTestId('results-art23-yl-yuzhou').click();
    await expect.poll(() => page.locator('[data-testid="art23-dialog"]:visible').count()).toBe(1);
    // A unit already 一等 is raised a place in it; otherwise a grade.
    if (before.grade === 'first') await page.getByTestId('art23-target').getByText('位次').click();
    await page.getByTestId('art23-reason').fill('玉州区牵头完成自治区营商环境改革试点，获自治区通报表扬。');
    await shot('g03-art23-proposal');
    await page.getByTestId('art23-submit').click();
    await expect.poll(() => page.locator('[data-testid="art23-dialog"]:visible').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('art23-table').innerText(), { timeout: 10_000 }).toContain('待审批');
  });

  it('the leader approves it with its 文号 (a malformed one is refused in the dialog)', async () => {
    await openAs('yl_leader', '/results/2025');
    await openCounty();
    await expect.poll(() => page.getByTestId('art23-decide-yl-yuzhou').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('art23-decide-yl-yuzhou').click();
    await page.getByTestId('art23-document').fill('11号');
    await page.getByTestId('art23-decide-submit').click();
    await expect.poll(() => page.getByTestId('art23-decide-error').innerText()).toContain('文号格式应如');
    await page.getByTestId('art23-document').fill(DOC);
    await shot('g04-art23-decision');
    await page.getByTestId('art23-decide-submit').click();
    await expect.poll(() => page.getByTestId('art23-doc-yl-yuzhou').innerText(), { timeout: 10_000 }).toBe(DOC);
  });

  it('the computation moves the place, not the total; the breakdown shows the change with its 文号', async () => {
    const runBefore = await page.getByTestId('results-run').getAttribute('data-run-id');
    await page.getByTestId('results-start').click();
    await expect.poll(() => page.getByTestId('results-run').getAttribute('data-run-id'), { timeout: 10_000 }).not.toBe(runBefore);
    await expect.poll(() => page.getByTestId('results-run').getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    await openCounty();
    await page.getByTestId('results-open-yl-yuzhou').click();
    await expect.poll(() => page.getByTestId('result-art23').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('result-art23').innerText()).toContain(DOC);
    expect(await page.getByTestId('result-total').innerText()).toBe((before.total / 100).toFixed(2));
    expect(await page.getByTestId('result-explanation').innerText()).toContain(`文号 ${DOC}`);
    await shot('g05-breakdown-art23');
    await page.keyboard.press('Escape');
  });

  it('the leader confirms: version 2, version 1 kept in the history', async () => {
    await page.getByTestId('confirm-results').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await expect.poll(() => page.getByTestId('confirm-badge').innerText(), { timeout: 10_000 }).toContain('已确认 · 第 2 版');
    const history = await page.getByTestId('confirm-history').innerText();
    expect(history).toContain('第 1 版');
    expect(history).toContain('第 2 版');
    await shot('g06-confirmed-v2');
  });

  it('玉州区 sees the decision and its 文号 on its own result, apart from the score', async () => {
    await openAs('yuzhou_leader', '/my-result/2025');
    await expect.poll(() => page.getByTestId('result-art23').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('result-art23').innerText()).toContain(DOC);
    expect(await page.getByTestId('result-total').innerText()).toBe((before.total / 100).toFixed(2));
    await shot('g07-own-result-art23');
    expect(pageErrors).toEqual([]);
  });
});
