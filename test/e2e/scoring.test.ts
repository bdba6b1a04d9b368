// 考核评分 on the real local stack in headless Chromium, the seeded 2026 cycle of 玉林市 moved to 考核评分
// in this file's table with the counties' goals approved: 市统计局 scores 玉州区's 1.1 and corrects its
// input (refused without a reason, kept with it); the third party imports its survey sheet — first one
// with a phone column (refused, every problem named), then a clean one; the bureau sees the progress
// per assessor unit and indicator; 2025, seeded as scored, shows a unit's self-assessment with its evidence
// file (downloaded) beside the submitted score. Screenshots s01…
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
const COUNTIES = ['yl-yuzhou', 'yl-fumian', 'yl-beiliu', 'yl-rongxian', 'yl-luchuan', 'yl-bobai', 'yl-xingye'];
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
const field = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"], [data-testid="${id}"] textarea`).first();

async function sheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('满意度调查结果');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function importSurvey(buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('survey-import').click();
  await (await chooser).setFiles({ name: '满意度调查结果.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await expect.poll(() => page.locator('.el-message-box:visible').count(), { timeout: 10_000 }).toBe(1);
}

describe.skipIf(!hasChromium)('scoring in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('scoring');
    ({ stack, browser } = portal);
    for (const u of COUNTIES) await approveGoalsDirectly(YL, '2026', u);
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, '2026'), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('assessment') } }));
  });
  afterAll(() => portal?.stop());

  it('an assessor unit scores a unit’s goal, and corrects the input only with a reason', async () => {
    await openAs('yl_tjj', 'scoring');
    await expect.poll(() => page.locator('[data-testid="scoring-table"] tbody tr').count(), { timeout: 15_000 }).toBe(7);
    expect(await page.getByTestId('scoring-counts').innerText()).toContain('待评分 7');
    await page.getByTestId('score-open-yl-yuzhou-1.1').click();
    await expect.poll(() => page.locator('[data-testid="score-dialog"]:visible').count()).toBe(1);
    await field('score-input').fill('81');
    await page.getByTestId('score-save').click();
    await expect.poll(() => page.getByTestId('score-result').innerText()).toContain('18.00');
    expect(await page.getByTestId('score-result').innerText()).toContain('实际值 81 ÷ 目标值 90');
    await field('score-input').fill('85.5');
    await page.getByTestId('score-save').click();
    await expect.poll(() => page.getByTestId('score-error').count()).toBe(1);
    expect(await page.getByTestId('score-error').innerText()).toContain('理由');
    await field('score-reason').fill('以统计年鉴终审数据 85.5 为准');
    await page.getByTestId('score-save').click();
    await expect.poll(() => page.getByTestId('score-corrections').count()).toBe(1);
    expect(await page.getByTestId('score-result').innerText()).toContain('19.00');
    expect(await page.getByTestId('score-corrections').innerText()).toContain('以统计年鉴终审数据 85.5 为准');
    await shot('s01-score-correction');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('scoring-counts').innerText()).toContain('已评分 1');
    await shot('s02-scoring-worklist');
  });

  it('shows 2025 as scored: the unit’s self-assessment with its evidence file, downloadable, and the submitted score', async () => {
    await page.goto(`${stack.url}/#/scoring/2025`);
    await expect.poll(() => page.locator('[data-testid="scoring-table"] tbody tr').count(), { timeout: 15_000 }).toBe(7);
    expect(await page.getByTestId('scoring-counts').innerText()).toContain('已报送 7');
    await page.getByTestId('score-open-yl-yuzhou-1.1').click();
    await expect.poll(() => page.locator('[data-testid="score-dialog"] .score-file').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('score-result').innerText()).toContain('已报送');
    expect(await page.getByTestId('score-save').count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="score-dialog"] .score-file a, [data-testid="score-dialog"] .score-file .el-link').first().click()]);
    expect(download.suggestedFilename()).toContain('年度完成情况佐证.pdf');
    await shot('s03-scored-2025');
    await page.keyboard.press('Escape');
  });

  it('the third party imports its survey sheet: personal contacts refused, a clean sheet taken', async () => {
    await openAs('yl_third', 'scoring');
    await expect.poll(() => page.getByTestId('survey-import').count(), { timeout: 15_000 }).toBe(1);
    const header = ['单位编号', '单位名称', '3.1 社会公众评价（%）'];
    await importSurvey(await sheet([[...header, '受访者电话'], ['yl-yuzhou', '玉州区', '87.5', '13800138000']]));
    expect(await page.locator('.el-message-box:visible').innerText()).toContain('不得含个人联系方式');
    await shot('s04-survey-refused');
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await importSurvey(await sheet([header, ['yl-yuzhou', '玉州区', '87.5'], ['yl-fumian', '福绵区', '90.25'], ['yl-beiliu', '北流市', '85']]));
    expect(await page.locator('.el-message-box:visible').innerText()).toContain('共 3 行');
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await expect.poll(() => page.locator('[data-testid="scoring-table"] tbody tr', { hasText: '87.50%' }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await shot('s05-survey-imported');
  });

  it('the bureau sees the progress per assessor unit and indicator', async () => {
    await openAs('yl_staff', 'scoringProgress');
    await expect.poll(() => page.locator('[data-testid="scoring-progress-table"] tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    const tjj = page.locator('[data-testid="scoring-progress-table"] tbody tr', { hasText: '玉林市统计局' }).first();
    expect(await tjj.innerText()).toContain('评分中');
    await tjj.locator('.el-table__expand-icon').click();
    await expect.poll(() => page.locator('.inner tbody tr', { hasText: '地区生产总值增长' }).count()).toBe(1);
    expect(await page.getByTestId('scoring-totals').innerText()).toMatch(/已评分 4/);
    await shot('s06-scoring-progress');
    expect(pageErrors).toEqual([]);
  });
});
