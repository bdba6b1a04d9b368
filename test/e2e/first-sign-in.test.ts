// A new account in headless Chromium: the temporary password the bureau handed over only opens the
// form to choose a new one; a weak choice is refused in place; a good one signs the person in; left
// alone for 30 minutes (the page's clock fast-forwarded), the session ends and the login page says why;
// signing out ends the session on the server too.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { hasChromium, openPage, screenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';
import { ApiClient } from '../helpers/api-client.ts';

let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
let temporary: string;
const pageErrors: string[] = [];

describe.skipIf(!hasChromium)('first sign-in of a new account', () => {
  beforeAll(async () => {
    portal = await startPortal('first-sign-in');
    ({ stack, browser } = portal);
    const bureau = await ApiClient.login(stack.url, 'yl_staff');
    const res = await bureau.post('/regions/450900/users', { username: 'xin_tianbao', name: '覃天宝', role: 'unit_staff', unitId: 'yl-yuzhou' });
    expect(res.status).toBe(201);
    temporary = res.body.temporaryPassword;
    page = await openPage(browser, pageErrors, { width: 1280, height: 800 });
  });

  afterAll(() => portal?.stop());

  it('asks for a new password instead of signing in with the temporary one', async () => {
    await page.goto(`${stack.url}/#/login`);
    await page.getByTestId('login-username').fill('xin_tianbao');
    await page.getByTestId('login-password').fill(temporary);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-change-reason').innerText()).toContain('首次登录');
    expect(await page.evaluate(() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage))).not.toMatch(/eyJ/);
  });

  it('refuses a weak password in place, then signs in with a good one', async () => {
    await page.getByTestId('login-new-password').fill('abcdefgh');
    await page.getByTestId('login-confirm-password').fill('abcdefgh');
    await page.getByTestId('login-change-submit').click();
    await expect.poll(() => page.locator('.el-form-item__error').first().innerText()).toContain('至少 3 种');
    await screenshot(page, 'f01-change-password');
    await page.getByTestId('login-new-password').fill('Tian#bao2026');
    await page.getByTestId('login-confirm-password').fill('Tian#bao2026');
    await page.getByTestId('login-change-submit').click();
    await expect.poll(() => page.getByTestId('topbar-user').innerText()).toContain('覃天宝');
    await screenshot(page, 'f02-signed-in');
    expect(pageErrors).toEqual([]);
  });

  it('signs out after 30 minutes without activity, and says why', async () => {
    await page.clock.install();
    await page.reload();
    await expect.poll(() => page.getByTestId('topbar-user').innerText()).toContain('覃天宝');
    // Every tick on the way runs (a jump fires a due timer at most once), so the keeper's check at 30 minutes happens.
    await page.clock.runFor('31:00');
    await expect.poll(() => page.getByTestId('login-idle').count()).toBe(1);
    expect(await page.getByTestId('login-idle').innerText()).toContain('30 分钟');
    expect(await page.evaluate(() => sessionStorage.getItem('jx.token'))).toBeNull();
    await screenshot(page, 'f03-idle-signed-out');
    expect(pageErrors).toEqual([]);
  });

  it('signs out on the server: the token the tab held is refused afterwards', async () => {
    const fresh = await openPage(browser, pageErrors, { width: 1280, height: 800 });
    await signIn(fresh, stack.url, 'xin_tianbao', 'Tian#bao2026');
    const token = await fresh.evaluate(() => sessionStorage.getItem('jx.token'));
    expect(token).toMatch(/^eyJ/);
    const me = () => new ApiClient(stack.url, token!).get('/me');
    expect((await me()).status).toBe(200);
    await fresh.getByTestId('logout').click();
    await expect.poll(() => fresh.getByTestId('login-submit').count()).toBe(1);
    expect(await fresh.evaluate(() => sessionStorage.getItem('jx.token'))).toBeNull();
    const after = await me();
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('SESSION_ENDED');
    await fresh.context().close();
    expect(pageErrors).toEqual([]);
  });
});
