// Feedback during the year (Art 14) on the real local stack in headless Chromium (玉林市, 2026 in
// 过程管理). The bureau raises feedback on 玉州区 delivered 2026-09-30: the portal shows the answer
// due 2026-10-20, counted on the 2026 notice (10-01..07 off, Saturday 10-10 a make-up working day).
// The development clock moves on, the daily job escalates: the unit's leader and the bureau are told,
// the item's history says so, and the unit's late answer stays marked late. Then the clock reaches
// 2027-02-01 (no 2027 notice yet): a new item's answer date is provisional (暂定, statutory holidays
// only: 2027-02-17), and once the bureau enters the 2027 notice on the calendar page it is recomputed
// (2027-02-22). The bureau's 扣分建议 lists the Art 20 proposals. The bureau's evidence file is
// uploaded with the item, downloaded by the unit (the same bytes) and refused to another unit (403);
// the unit's answer carries its own file. Screenshots fb01…
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { now, setClockOffset } from '../../functions/config/clock.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const DAY = 86_400_000;
const YL = '450900';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => settledScreenshot(page, name);

async function openAs(username: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  await signIn(page, stack.url, username);
}

const feedbackPage = async () => {
  await page.goto(`${stack.url}/#/feedback/2026`);
  await page.getByTestId('fb-table').waitFor();
  await expect.poll(() => page.locator('.el-loading-mask:visible').count()).toBe(0);
};
const row = (text: string) => page.getByTestId('fb-table').locator('.el-table__body tr', { hasText: text });

async function pickDate(testid: string, date: string): Promise<void> {
  const input = page.locator(`[data-testid="${testid}"] input, input[data-testid="${testid}"]`).first();
  await input.fill(date);
  await input.press('Enter');
}

async function raise(received: string, resultDue: string, problem: string): Promise<void> {
  await page.getByTestId('fb-raise').click();
  await page.getByTestId('fb-raise-dialog').waitFor();
  await page.getByTestId('fb-raise-unit').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: /^玉州区$/ }).click();
  await page.locator('[data-testid="fb-raise-problem"] textarea, textarea[data-testid="fb-raise-problem"]').first().fill(problem);
  await pickDate('fb-raise-received', received);
  await pickDate('fb-raise-result-due', resultDue);
}

async function moveClock(days: number): Promise<void> {
  await page.getByTestId('dev-clock-button').click();
  const input = page.getByTestId('dev-clock-days').locator('input');
  await input.fill(String(days));
  await input.press('Tab');
  await page.getByTestId('dev-clock-confirm').click();
  // The move runs the daily job and the workflow before it answers: slow on a loaded machine.
  await expect.poll(() => page.locator('.el-dialog:visible').count(), { timeout: 90_000 }).toBe(0);
}

describe.skipIf(!hasChromium)('feedback and rectification in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('feedback');
    ({ stack, browser } = portal);
  });

  afterAll(async () => {
    await portal?.stop();
    setClockOffset(0);
    expect(pageErrors).toEqual([]);
  });

  it('the bureau raises feedback delivered 2026-09-30: due 2026-10-20 across National Day', async () => {
    await openAs('yl_staff');
    await feedbackPage();
    await shot('fb01-bureau-list');
    await raise('2026-09-30', '2026-12-31', '三季度重点项目投资完成率低于序时进度，请说明原因并提出整改措施。');
    // The evidence file goes straight to the evidence store through a signed upload, with progress.
    await page.getByTestId('fb-raise-evidence-file-input').setInputFiles({ name: '三季度督查记录.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => page.getByTestId('fb-raise-evidence-files').innerText()).toContain('三季度督查记录.pdf');
    await shot('fb02-raise-dialog');
    await page.getByTestId('fb-raise-send').click();
    await expect.poll(() => row('三季度重点项目').count()).toBe(1);
    const text = await row('三季度重点项目').innerText();
    expect(text).toContain('2026-09-30');
    // 10-08, 10-09, Sat 10-10 (make-up), 10-12..16, 10-19, 10-20: the tenth working day.
    expect(text).toContain('2026-10-20');
    expect(text).not.toContain('暂定');
    expect(text).toContain('已逾期');
    await shot('fb03-raised-due-2026-10-20');
  });

  it('the development clock moves on: the daily job escalates to the unit leader and the bureau', async () => {
    await moveClock(1);
    await expect
      .poll(
        async () => {
          await feedbackPage();
          await row('三季度重点项目').getByRole('button').click();
          const history = await page.getByTestId('fb-history').innerText();
          await page.keyboard.press('Escape');
          return history;
        },
        { timeout: 30_000 },
      )
      .toContain('逾期督办');
    await row('三季度重点项目').getByRole('button').click();
    expect(await page.getByTestId('fb-history').innerText()).toContain('已通知绩效办');
    await shot('fb04-history-escalated');
    await page.keyboard.press('Escape');
    await page.getByTestId('menu-notices').click();
    await expect.poll(() => page.locator('body').innerText()).toContain('【反馈逾期】玉州区');
    await shot('fb05-bureau-notice');
  });

  it('the unit leader is told, sees both clocks, and answers: the answer stays marked late', async () => {
    await openAs('yuzhou_leader');
    await page.getByTestId('menu-notices').click();
    await expect.poll(() => page.locator('body').innerText()).toContain('【反馈逾期·请督办】');
    await shot('fb06-leader-notice');
    await page.getByTestId('menu-feedback').click();
    await page.getByTestId('fb-table').waitFor();
    await expect.poll(() => row('三季度重点项目').count()).toBe(1);
    expect(await row('三季度重点项目').innerText()).toContain('2026-12-31');
    await shot('fb07-unit-list');
    await row('三季度重点项目').getByRole('button', { name: '答复' }).click();
    // The bureau's file, downloaded by the unit through a signed GET: the same bytes.
    const link = page.getByTestId('fb-evidence-download');
    await expect.poll(() => link.innerText()).toBe('三季度督查记录.pdf');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('三季度督查记录.pdf');
    expect(sha(await readFile((await download.path())!))).toBe(sha(pdf));
    // Another unit is refused it (403).
    const mine = await ApiClient.login(stack.url, 'yuzhou_staff');
    const item = (await mine.get(`/regions/${YL}/cycles/2026/units/yl-yuzhou/feedback`)).body.items.find((f: any) => f.problem.startsWith('三季度重点项目'));
    const fileUrl = `/regions/${YL}/cycles/2026/units/yl-yuzhou/feedback/${item.feedbackId}/evidence/${item.evidence[0].fileId}`;
    expect((await mine.get(fileUrl)).status).toBe(200);
    const other = await ApiClient.login(stack.url, 'jyj_staff');
    const refused = await other.get(fileUrl);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('发出方');
    // The unit adds its own file to the answer.
    await page.getByTestId('fb-reply-evidence-file-input').setInputFiles({ name: '整改措施.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => page.getByTestId('fb-reply-evidence-files').innerText()).toContain('整改措施.pdf');
    await page.locator('[data-testid="fb-answer-explanation"] textarea, textarea[data-testid="fb-answer-explanation"]').first().fill('国庆假期后项目复工延迟，审批手续衔接不畅。');
    await page.locator('[data-testid="fb-answer-measures"] textarea, textarea[data-testid="fb-answer-measures"]').first().fill('一是倒排工期；二是每周调度；三是月底前补齐手续。');
    await shot('fb08-answer-dialog');
    await page.getByTestId('fb-answer-send').click();
    await expect.poll(() => row('三季度重点项目').innerText()).toContain('整改中');
    expect(await row('三季度重点项目').innerText()).toContain('逾期');
    await shot('fb09-answered-late');
    await row('三季度重点项目').getByRole('button').first().click();
    await expect.poll(() => page.getByTestId('fb-answer-evidence-files').innerText()).toContain('整改措施.pdf');
    await shot('fb09b-answer-with-evidence');
    await page.keyboard.press('Escape');
  });

  it('a 2027 receipt before the 2027 notice is entered: a provisional date (暂定), recomputed when the bureau enters it', async () => {
    await openAs('yl_staff');
    // To 2027-02-01 (Beijing) on the development clock.
    await moveClock(Math.ceil((Date.parse('2027-01-31T16:00:00Z') - now()) / DAY));
    await feedbackPage();
    await raise('2027-02-01', '2027-03-31', '春节前安全生产大检查发现隐患整改不到位。');
    await page.getByTestId('fb-raise-send').click();
    await expect.poll(() => row('春节前安全生产').count()).toBe(1);
    // 除夕 02-05 (Fri) to 初三 02-08 (Mon) off, weekends off: 02-02..04, 09..12, 15..17.
    expect(await row('春节前安全生产').innerText()).toContain('2027-02-17');
    expect(await row('春节前安全生产').getByTestId('fb-provisional').count()).toBe(1);
    await shot('fb10-provisional-2027');

    // The bureau enters the 2027 notice: 01-01..03 and 02-05..13 off, Sunday 01-31 and Saturday 02-20 working days.
    await page.goto(`${stack.url}/#/calendar`);
    await page.getByTestId('calendar-page').waitFor();
    await page.getByTestId('calendar-year').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '2027' }).click();
    await page.getByTestId('calendar-month-2').waitFor();
    const click = async (date: string, times = 1) => {
      for (let i = 0; i < times; i++) await page.getByTestId(`day-${date}`).click();
    };
    for (const d of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12']) await click(d);
    for (const d of ['2027-01-02', '2027-01-03', '2027-02-06', '2027-02-07', '2027-02-13']) await click(d, 2);
    for (const d of ['2027-01-31', '2027-02-20']) await click(d);
    await page.locator('[data-testid="calendar-source"] input, input[data-testid="calendar-source"]').first().fill('国务院办公厅关于2027年部分节假日安排的通知');
    await page.getByTestId('calendar-save').click();
    await expect.poll(() => page.getByTestId('calendar-meta').count()).toBe(1);
    await shot('fb11-calendar-2027-entered');

    await feedbackPage();
    // 02-02..04 (3), 02-05..14 off, 02-15..19 (8), Saturday 02-20 (9), 02-22 (10).
    await expect.poll(() => row('春节前安全生产').innerText()).toContain('2027-02-22');
    expect(await row('春节前安全生产').getByTestId('fb-provisional').count()).toBe(0);
    await row('春节前安全生产').getByRole('button').click();
    expect(await page.getByTestId('fb-history').innerText()).toContain('答复期限重新计算');
    await shot('fb12-recomputed');
    await page.keyboard.press('Escape');

    // The Art 20 proposals: 玉州区's late answer, and the demo's unanswered items the daily job found.
    await page.getByRole('tab', { name: '扣分建议' }).click();
    await expect.poll(() => page.getByTestId('fb-proposals').innerText()).toContain('玉州区');
    const proposals = await page.getByTestId('fb-proposals').innerText();
    expect(proposals).toContain('逾期答复');
    expect(proposals).toContain('逾期未答复');
    await shot('fb13-proposals');
  });
});
