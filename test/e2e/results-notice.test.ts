// The results notice and results use on the real local stack in headless Chromium, with the demo's 玉林市
// 2025 (结果运用, every category confirmed as version 1; its seeded notice taken away first so the walk
// starts from a draft): the bureau staff draft the notice from the confirmed results and submit it, the
// leader approves and publishes it; the public reads it without signing in from 公开信息 and prints it on
// A4; the bureau reads the reward eligibility (the counties' factor 1.20) and exports it as .xlsx and
// registers a consuming system's key; after a category is reopened and confirmed again (version 2, through
// the API), the staff draft a correction, the leader publishes it, and the public page says it was
// corrected, with version 1 still readable. Screenshots n01…
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { stageNumber, type StageCode } from '../../functions/domain/stages.ts';
import { handler as results } from '../../functions/handlers/api/results.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
const DOC = '玉绩办〔2026〕12号';
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => settledScreenshot(page, name);
async function openAs(username: string | undefined, path: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  if (username) await signIn(page, stack.url, username);
  await page.goto(`${stack.url}/#${path}`);
}
const bureau = (username: string, role: Caller['role']): Caller => ({ username, name: username, role, regionId: YL, unitId: 'yl-jxb' });
async function api(op: string, caller: Caller, params: Record<string, string>, body: unknown): Promise<any> {
  const res = (await results(apiEvent(routeFor('results', op), { caller, params: { regionId: YL, cycleId: '2025', ...params }, body }), lambdaContext)) as { statusCode: number; body: string };
  expect(res.statusCode, res.body).toBeLessThan(300);
  return JSON.parse(res.body);
}
const setStage = (stage: StageCode) =>
  documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, '2025'), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber(stage) } }));
const confirmBox = () => page.locator('.el-message-box__btns .el-button--primary').click();

describe.skipIf(!hasChromium)('results notice and results use in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('results-notice');
    ({ stack, browser } = portal);
    for (const Key of [keys.noticeHead(YL, '2025'), keys.noticeVersion(YL, '2025', 1)]) await documentClient().send(new DeleteCommand({ TableName: tableName(), Key }));
  });
  afterAll(() => portal?.stop());

  it('the staff draft the notice from the confirmed results and submit it', async () => {
    await openAs('yl_staff', '/results-notice/2025');
    await expect.poll(() => page.getByTestId('notice-categories').innerText(), { timeout: 15_000 }).toContain('已确认（第 1 版）');
    await page.getByTestId('notice-new').click();
    await page.getByTestId('notice-document-number').fill(DOC);
    await page.getByTestId('notice-preface').fill('根据《玉林市绩效管理条例》，经综合考评、反馈复核并报市绩效考评领导小组审定，现将2025年度绩效考评结果通报如下。');
    await page.getByTestId('notice-draft').click();
    await expect.poll(() => page.getByTestId('notice-status').innerText(), { timeout: 10_000 }).toBe('草稿');
    expect(await page.getByTestId('notice-preview').innerText()).toContain('县（市、区）');
    await shot('n01-notice-draft');
    await page.getByTestId('notice-submit').click();
    await confirmBox();
    await expect.poll(() => page.getByTestId('notice-status').innerText(), { timeout: 10_000 }).toBe('待审批');
    // The staff cannot approve: the page offers no approval to them.
    expect(await page.getByTestId('notice-approve').count()).toBe(0);
  });

  it('the leader approves and publishes it', async () => {
    await openAs('yl_leader', '/results-notice/2025');
    await expect.poll(() => page.getByTestId('notice-approve').count(), { timeout: 15_000 }).toBe(1);
    await shot('n02-notice-to-approve');
    await page.getByTestId('notice-approve').click();
    await confirmBox();
    await expect.poll(() => page.getByTestId('notice-versions').innerText(), { timeout: 10_000 }).toContain('现行');
    expect(await page.getByTestId('notice-public-link').count()).toBe(1);
    await shot('n03-notice-published');
  });

  it('the public reads it without signing in, from 公开信息, and prints it on A4', async () => {
    await openAs(undefined, `/public?region=${YL}`);
    await page.getByTestId('public-cycle-notice-2025').click();
    await expect.poll(() => page.getByTestId('notice-document').innerText(), { timeout: 15_000 }).toContain(DOC);
    const text = await page.getByTestId('notice-document').innerText();
    expect(text).toContain('一、');
    expect(text).toContain('不合格');
    expect(text).toContain('一票否决');
    await shot('n04-public-notice');
    await page.getByTestId('public-notice-print').click();
    await expect.poll(() => page.getByTestId('notice-print-sheet').innerText(), { timeout: 10_000 }).toContain(DOC);
    await shot('n05-public-notice-print');
    // Printed, the toolbar is left out and the document alone remains.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('notice-print-print').isVisible()).toBe(false);
    expect(await page.getByTestId('notice-document').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('the bureau reads the eligibility (the counties at 1.20) and exports it', async () => {
    await openAs('yl_staff', '/results-use/2025');
    await expect.poll(() => page.getByTestId('use-basis').innerText(), { timeout: 15_000 }).toContain(DOC);
    await expect.poll(() => page.getByTestId('use-summary').innerText()).toContain('基层单位系数 1.20');
    expect(await page.getByTestId('use-table').innerText()).toContain('取消评优评先资格');
    await shot('n06-eligibility');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('use-export').click()]);
    expect(download.suggestedFilename()).toBe('2025-奖惩运用资格.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(9).text).toBe('系数折算分');
    const rows = sheet.getSheetValues().slice(2) as (string | undefined)[][];
    const xingye = rows.find((r) => String(r[4]).includes('兴业'))!;
    expect([xingye[5], xingye[10]]).toEqual(['不合格', '取消评优评先资格']);
  });

  it('the bureau registers a results consumer and is shown its read-only key once', async () => {
    await page.getByTestId('use-consumer').click();
    await page.getByTestId('use-consumer-name').fill('市财政局绩效奖金管理系统');
    await page.getByTestId('use-consumer-create').click();
    await expect.poll(() => page.getByTestId('feed-key-value').inputValue(), { timeout: 10_000 }).toMatch(/^pmf_[a-z2-7]{16}_/);
    await shot('n07-results-consumer-key');
  });

  it('a category reopened and confirmed again gives a correction: the public page says the notice was corrected', async () => {
    // 等次评定: the staff propose a correction of the counties' results, the leader approves it and confirms version 2.
    await setStage('grading');
    const reopen = await api('proposeReopen', bureau('yl_staff', 'bureau_staff'), { categoryId: 'c1' }, { reason: '复查发现一项指标录入有误', version: 1 });
    await api('decideReopen', bureau('yl_leader', 'bureau_leader'), { categoryId: 'c1', reopenId: reopen.id }, { decision: 'approve', reason: '同意更正', version: 1 });
    await api('confirmResults', bureau('yl_leader', 'bureau_leader'), { categoryId: 'c1' }, { version: 3 });
    await setStage('closed');
    await openAs('yl_staff', '/results-notice/2025');
    await expect.poll(() => page.getByTestId('notice-category-c1').innerText(), { timeout: 15_000 }).toContain('第 2 版');
    await page.getByTestId('notice-new').click();
    await page.getByTestId('notice-document-number').fill('玉绩办〔2026〕15号');
    await page.getByTestId('notice-correction-reason').fill('县（市、区）类别经复查更正后重新确认（第 2 版），现予更正。');
    await page.getByTestId('notice-draft').click();
    await expect.poll(() => page.getByTestId('notice-status').innerText(), { timeout: 10_000 }).toBe('草稿');
    await page.getByTestId('notice-submit').click();
    await confirmBox();
    await expect.poll(() => page.getByTestId('notice-status').innerText(), { timeout: 10_000 }).toBe('待审批');
    await openAs('yl_leader', '/results-notice/2025');
    await expect.poll(() => page.getByTestId('notice-approve').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('notice-approve').click();
    await confirmBox();
    await expect.poll(() => page.getByTestId('notice-versions').innerText(), { timeout: 10_000 }).toContain('已被更正');
    await openAs(undefined, `/public/results-notice/${YL}/2025`);
    await expect.poll(() => page.getByTestId('public-notice-corrected').innerText(), { timeout: 15_000 }).toContain('现行为第 2 版');
    expect(await page.getByTestId('public-notice-corrected').innerText()).toContain('经复查更正后重新确认');
    expect(await page.getByTestId('notice-document').innerText()).toContain('玉绩办〔2026〕15号');
    await shot('n08-public-notice-corrected');
    await page.getByTestId('public-notice-show-1').click();
    await expect.poll(() => page.getByTestId('public-notice-replaced').innerText(), { timeout: 10_000 }).toContain('第 1 版');
    expect(await page.getByTestId('notice-document').innerText()).toContain(DOC);
    expect(pageErrors).toEqual([]);
  });
});
