// 投诉举报 (Art 32) on the real local stack in headless Chromium: the public files a complaint from the
// public site without signing in and is shown a query code; the bureau's staff member finds it in
// 投诉举报办理, takes it and drafts the written answer; the bureau leader approves it; the public reads
// the answer with the code, still without signing in. Screenshots c01…c06.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let code = '';
const SUBJECT = '玉州区进度报告审核拖延';

const shot = (name: string) => settledScreenshot(page, name);
async function fresh(): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
}
const input = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"], [data-testid="${id}"] textarea`).first();

async function openComplaint(username: string): Promise<void> {
  await fresh();
  await signIn(page, stack.url, username);
  await page.getByTestId('menu-complaints').click();
  await expect.poll(() => page.getByTestId('complaints-table').count()).toBe(1);
  await page.getByText(SUBJECT).first().click();
  await expect.poll(() => page.getByTestId('complaint-status').count()).toBe(1);
}

describe.skipIf(!hasChromium)('complaints in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('complaints');
    ({ stack, browser } = portal);
  });
  afterAll(() => portal?.stop());

  it('the public files a complaint without signing in and is given a query code', async () => {
    await fresh();
    await page.goto(`${stack.url}/#/public?region=${YL}`);
    await page.getByTestId('public-complaints').click();
    await expect.poll(() => page.getByTestId('complaint-form').count()).toBe(1);
    await input('complaint-subject').fill(SUBJECT);
    await input('complaint-content').fill('玉州区第三季度进度报告提交后一个多月仍未审核，请绩效办督促。');
    await input('complaint-phone').fill('13907751234');
    expect(await page.getByTestId('complaint-send').isDisabled()).toBe(true);
    await page.getByTestId('complaint-consent').click();
    await shot('c01-public-complaint-form');
    await page.getByTestId('complaint-send').click();
    await expect.poll(() => page.getByTestId('complaint-code').count()).toBe(1);
    code = (await page.getByTestId('complaint-code').innerText()).trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);
    expect(await page.getByTestId('topbar-user').count()).toBe(0);
    await shot('c02-public-complaint-code');
  });

  it('the bureau staff member takes it (contact in clear for the handler only) and drafts the answer', async () => {
    await openComplaint('yl_staff');
    expect(await page.getByTestId('complaint-contact').innerText()).toBe('139****1234');
    await page.getByTestId('complaint-assign').click();
    await expect.poll(() => page.getByTestId('complaint-status').innerText()).toBe('处理中');
    await expect.poll(() => page.getByTestId('complaint-contact').innerText()).toBe('13907751234');
    await input('complaint-answer-input').fill('经核查，玉州区第三季度进度报告确未按期审核。绩效办已督促其在5个工作日内完成审核，并将在全市通报。');
    await page.getByTestId('complaint-answer-send').click();
    await expect.poll(() => page.getByTestId('complaint-status').innerText()).toBe('待领导审核');
    await shot('c03-bureau-complaint-answered');
  });

  it('the bureau leader approves the answer', async () => {
    await openComplaint('yl_leader');
    await shot('c04-leader-complaint-approval');
    await page.getByTestId('complaint-approve').click();
    await expect.poll(() => page.getByTestId('complaint-status').innerText()).toBe('已答复');
    await page.getByTestId('complaint-drawer').locator('.el-drawer__close-btn').click();
    await shot('c05-bureau-complaint-list');
  });

  it('the public reads the answer with the code, without signing in', async () => {
    await fresh();
    await page.goto(`${stack.url}/#/public/complaints`);
    await input('complaint-lookup-code').fill(code);
    await page.getByTestId('complaint-lookup-send').click();
    await expect.poll(() => page.getByTestId('complaint-found-status').count()).toBe(1);
    expect(await page.getByTestId('complaint-found-status').innerText()).toBe('已答复');
    expect(await page.getByTestId('complaint-found-answer').innerText()).toContain('5个工作日内完成审核');
    expect(await page.locator('body').innerText()).not.toContain('yl_staff');
    await shot('c06-public-complaint-answer');
  });

  it('raised no script error', () => expect(pageErrors).toEqual([]));
});
