// 复核 (Art 21) on the real local stack in headless Chromium: the seeded 2025 cycle of 玉林市 put back in
// 汇总反馈 (its confirmations taken back) and the counties' category published again today, so its window
// is open. 玉州区's filer drafts a request on 1.1 with reasons, its leader files it; the bureau sees 复核中
// on 成绩汇总 and the request in 复核申请, adjusts 1.1 by the corrected value achieved (the engine scores
// it) — and 玉州区, second before, heads the category; the unit sees the decision with its opinion.
// Screenshots rv01…
import type { Browser, Page } from 'playwright-core';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { loadWorkingCalendar } from '../../functions/data/calendar.ts';
import { getCategorySet } from '../../functions/data/categories.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { getPublication, storePublication } from '../../functions/data/results.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import { RESULT_STAGES } from '../../functions/domain/results.ts';
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
async function openAs(username: string, path: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  await signIn(page, stack.url, username);
  await page.goto(`${stack.url}/#${path}`);
}
const firstRowName = () => page.locator('[data-testid="results-table"] tbody tr').first().locator('td').nth(1).innerText();

describe.skipIf(!hasChromium)('复核 in Chromium', () => {
  let reviewUntil: string;
  beforeAll(async () => {
    portal = await startPortal('reviews');
    ({ stack, browser } = portal);
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, '2025'), UpdateExpression: 'SET currentStage = :s, #st = :open', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':s': stageNumber('preliminary_review'), ':open': 'open' } }));
    await thawConfirmations(YL, '2025');
    // The counties' category published again today: a window of its plan's working days from now.
    const set = await getCategorySet(YL, '2025');
    const counties = set!.categories.find((c) => c.units.some((u) => u.unitId === 'yl-yuzhou'))!;
    const before = await getPublication(YL, '2025', counties.categoryId);
    const at = new Date().toISOString();
    reviewUntil = (await loadWorkingCalendar(YL)).deadline(beijingDate(Date.now()), before!.reviewDays).date;
    await storePublication({ username: 'yl_staff', role: 'bureau_staff', regionId: YL, unitId: 'yl-jxb' }, before, { ...before!, publishedAt: at, publishedBy: 'yl_staff', reviewUntil, version: before!.version + 1 }, counties.units.map((u) => u.unitId), RESULT_STAGES);
   }, 600_000);
  afterAll(() => portal?.stop());

  it('the unit’s filer drafts a request on 1.1 within the window', async () => {
    await openAs('yuzhou_staff', '/my-result/2025');
    await expect.poll(() => page.getByTestId('review-window').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('review-window').innerText()).toContain(`截止 ${reviewUntil} 24:00`);
    await page.getByTestId('review-request').click();
    await expect.poll(() => page.locator('[data-testid="review-dialog"]:visible').count()).toBe(1);
    // Without a ticked item nothing is sent.
    await page.getByTestId('review-save').click();
    expect(await page.getByTestId('review-error').innerText()).toContain('请至少勾选');
    await page.getByTestId('review-pick-score:1.1').click();
    await page.locator('[data-testid="review-reason-score:1.1"]').fill('统计局年报更正后本区地区生产总值增长为 7.3%，请按更正后的数据评分。');
    await shot('rv01-request-dialog');
    expect(await page.getByTestId('review-submit').count()).toBe(0);
    await page.getByTestId('review-save').click();
    await expect.poll(() => page.getByTestId('review-status').first().innerText(), { timeout: 10_000 }).toBe('草稿');
  });

  it('its leader files it', async () => {
    await openAs('yuzhou_leader', '/my-result/2025');
    await expect.poll(() => page.getByTestId('review-request').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('review-request').innerText()).toContain('修改复核申请草稿');
    await page.getByTestId('review-request').click();
    await expect.poll(() => page.locator('[data-testid="review-dialog"]:visible').count()).toBe(1);
    await page.getByTestId('review-submit').click();
    await expect.poll(() => page.getByTestId('review-status').first().innerText(), { timeout: 10_000 }).toBe('待复核');
    await page.getByTestId('review-section').scrollIntoViewIfNeeded();
    await shot('rv02-filed');
  });

  it('the bureau sees it pending and adjusts 1.1: 玉州区 heads its category', async () => {
    await openAs('yl_staff', '/results/2025');
    await page.getByTestId('results-category-c1').click();
    await expect.poll(() => page.getByTestId('results-review-yl-yuzhou').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('results-review-yl-yuzhou').innerText()).toBe('复核中');
    expect(await firstRowName()).toBe('博白县');
    await page.getByTestId('results-table').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('rv03-results-pending');
    await page.getByRole('tab', { name: '复核申请' }).click();
    await expect.poll(() => page.getByTestId('review-row-status-yl-yuzhou').count(), { timeout: 10_000 }).toBe(1);
    await page.locator('[data-testid="review-table"] .el-table__expand-icon').first().click();
    await page.getByTestId('review-decide-yl-yuzhou-score:1.1').click();
    await expect.poll(() => page.locator('[data-testid="review-decide-dialog"]:visible').count()).toBe(1);
    await page.getByTestId('review-adjusted').click();
    await page.locator('[data-testid="review-value"]').fill('7.3');
    await page.locator('[data-testid="review-opinion"]').fill('经核对自治区统计局更正公告，实际完成值为 7.3%，按更正后的数据评分。');
    await shot('rv04-decide-dialog');
    await page.getByTestId('review-decide').click();
    await expect.poll(() => page.locator('.el-message--success').innerText(), { timeout: 15_000 }).toContain('类别内位次 1');
    await expect.poll(() => page.getByTestId('review-row-status-yl-yuzhou').innerText()).toBe('已复核');
    await shot('rv05-decided');
    await page.getByRole('tab', { name: '初步结果' }).click();
    await expect.poll(firstRowName, { timeout: 10_000 }).toBe('玉州区');
    expect(await page.getByTestId('results-review-yl-yuzhou').innerText()).toBe('已复核');
    await page.getByTestId('results-table').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('rv06-ranking-changed');
  });

  it('the unit sees the decision and its opinion on its result page', async () => {
    await openAs('yuzhou_staff', '/my-result/2025');
    await expect.poll(() => page.getByTestId('review-outcome').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('review-outcome').innerText()).toBe('调整');
    const section = await page.getByTestId('review-section').innerText();
    expect(section).toContain('实际完成值 6.7，得分 18.36 → 实际完成值 7.3，得分 20.00');
    expect(section).toContain('经核对自治区统计局更正公告');
    await page.getByTestId('review-section').scrollIntoViewIfNeeded();
    await shot('rv07-unit-sees-decision');
    expect(pageErrors).toEqual([]);
  });
});
