// 账号管理 on the real local stack in headless Chromium: the bureau opens an account and sees its
// one-time password, disables and enables it, imports a sheet with a bad row (report, nothing opened)
// and then a good one (passwords downloaded once); a unit leader sees and opens only their unit's
// filing staff. 三权分立 (security.md M5): the system administrator sees 账号管理 alone and opens an
// account without a role, the security administrator sees 角色授权 alone and grants it one, the audit
// administrator sees 操作日志 alone; each is sent back to its page from any other. New accounts are never
// signed in here (they must change their password first).
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../cdk/local/demo-data.ts';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { hasChromium, openPage, screenshot, SHOTS, startPortal, type Portal } from '../helpers/portal.ts';


const HEADER = ['用户名', '姓名', '角色', '所属单位'];
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** A screenshot once the table has loaded and dialogs and menus have finished moving. */
async function shot(name: string): Promise<void> {
  await expect.poll(() => page.locator('.el-loading-mask').count()).toBe(0);
  await page.waitForTimeout(400);
  await screenshot(page, name);
}
const row = (username: string) => page.locator('[data-testid="users-table"] .el-table__row', { has: page.getByTestId(`user-row-${username}`) });
const tableText = () => page.getByTestId('users-table').innerText();

/** A fresh browser context signed in as `username`, on the accounts page. */
async function signIn(username: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  await page.goto(`${stack.url}/#/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('topbar-user').count()).toBe(1);
}

/** An .xlsx of `rows` under the header, saved where the screenshots go. */
async function sheet(name: string, rows: string[][]): Promise<string> {
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('账号名单');
  ws.addRow(['玉林市新增账号']);
  ws.addRow(HEADER);
  rows.forEach((r) => ws.addRow(r));
  const file = join(SHOTS, name);
  await book.xlsx.writeFile(file);
  return file;
}

async function pickOption(select: string, option: string): Promise<void> {
  await page.getByTestId(select).click();
  await page.getByTestId(option).click();
}

describe.skipIf(!hasChromium)('accounts page in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('accounts');
    ({ stack, browser } = portal);
  });

  afterAll(() => portal?.stop());

  it('lists the region’s accounts for the bureau, with their units and status', async () => {
    await signIn('yl_staff');
    await page.getByTestId('menu-users').click();
    await expect.poll(tableText).toContain('yuzhou_staff');
    expect(await tableText()).toContain('玉林市统计局');
    expect(await page.locator('.el-breadcrumb').innerText()).toContain('账号管理');
    // The bureau leader's account is the leader's to manage, not the staff's.
    expect(await row('yl_leader').innerText()).toContain('无权管理');
    // The administrators' accounts are the system administrator's; the audit log is no longer the bureau's.
    expect(await row('yl_auditor').innerText()).toContain('无权管理');
    expect(await page.getByTestId('menu-audit').count()).toBe(0);
    await shot('a01-users');
    await page.getByTestId('users-filter-keyword').fill('yuzhou');
    await expect.poll(() => page.locator('[data-testid="users-table"] .el-table__row').count()).toBe(2);
    await page.getByTestId('users-filter-keyword').fill('');
  });

  it('opens an account and shows its temporary password once', async () => {
    await page.getByTestId('users-create').click();
    await page.getByTestId('user-form-username').fill('E2E_Staff');
    await page.getByTestId('user-form-name').fill('覃小梅');
    // Assessor staff may sit only in an assessor unit: 玉州区 is not offered for that role.
    await pickOption('user-form-role', 'user-form-role-assessor_staff');
    await page.getByTestId('user-form-unit').click();
    await expect.poll(() => page.getByTestId('user-form-unit-yl-tjj').count()).toBe(1);
    expect(await page.getByTestId('user-form-unit-yl-yuzhou').count()).toBe(0);
    await page.keyboard.press('Escape');
    await pickOption('user-form-role', 'user-form-role-unit_staff');
    await pickOption('user-form-unit', 'user-form-unit-yl-yuzhou');
    await shot('a02-create-form');
    await page.getByTestId('user-form-save').click();
    await expect.poll(() => page.getByTestId('user-password-value').count()).toBe(1);
    expect(await page.getByTestId('user-password-username').innerText()).toBe('e2e_staff');
    expect(await page.getByTestId('user-password-value').innerText()).toMatch(/^\S{12}$/);
    expect(await page.getByTestId('user-password-once').innerText()).toContain('只显示这一次');
    await shot('a03-password');
    await page.getByTestId('user-password-close').click();
    await expect.poll(() => row('e2e_staff').innerText()).toContain('待本人修改');
    expect(await row('e2e_staff').innerText()).toContain('玉州区');
  });

  it('refuses a username already in use, next to the field', async () => {
    await page.getByTestId('users-create').click();
    await page.getByTestId('user-form-username').fill('e2e_staff');
    await page.getByTestId('user-form-name').fill('重名');
    await pickOption('user-form-unit', 'user-form-unit-yl-jyj');
    await page.getByTestId('user-form-save').click();
    await expect.poll(() => page.getByTestId('user-dialog').innerText()).toContain('已被使用');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('user-form-save').isVisible()).toBe(false);
  });

  it('disables and enables an account after confirmation', async () => {
    await page.getByTestId('user-disable-e2e_staff').click();
    await page.getByTestId('confirm-user-disable').click();
    await expect.poll(() => page.getByTestId('user-status-e2e_staff').innerText()).toBe('已停用');
    await page.getByTestId('users-filter-status').click();
    await page.locator('.el-select-dropdown__item', { hasText: '已停用' }).click();
    await expect.poll(() => page.locator('[data-testid="users-table"] .el-table__row').count()).toBe(1);
    await shot('a04-disabled');
    await page.getByTestId('user-enable-e2e_staff').click();
    await page.getByTestId('confirm-user-enable').click();
    await expect.poll(() => page.locator('[data-testid="users-table"] .el-table__row').count()).toBe(0);
    await page.locator('[data-testid="users-filter-status"] .el-select__wrapper').hover();
    await page.locator('[data-testid="users-filter-status"] .el-select__clear').click();
    await expect.poll(() => page.getByTestId('user-status-e2e_staff').innerText()).toBe('在用');
  });

  it('resets a password after confirmation and shows the new one', async () => {
    await page.getByTestId('user-reset-e2e_staff').click();
    await page.getByTestId('confirm-user-reset').click();
    await expect.poll(() => page.getByTestId('user-password-lead').innerText()).toContain('已重置「覃小梅」的密码');
    expect(await page.getByTestId('user-password-value').innerText()).toMatch(/^\S{12}$/);
    await page.getByTestId('user-password-close').click();
  });

  it('edits the name and unit of an account; its role is the security administrator\'s to change', async () => {
    await page.getByTestId('user-edit-e2e_staff').click();
    expect(await page.getByTestId('user-form-username').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="user-form-role"].is-disabled, [data-testid="user-form-role"] .is-disabled').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('user-dialog').innerText()).toContain('角色由安全管理员授予');
    await page.getByTestId('user-form-name').fill('覃晓梅');
    await pickOption('user-form-unit', 'user-form-unit-yl-jyj');
    await shot('a04b-edit');
    await page.getByTestId('user-form-save').click();
    await expect.poll(() => row('e2e_staff').innerText()).toContain('玉林市教育局');
    expect(await row('e2e_staff').innerText()).toContain('覃晓梅');
    expect(await row('e2e_staff').innerText()).toContain('责任单位填报员');
  });

  it('imports nothing from a sheet with a bad row, and says which cell is wrong', async () => {
    const file = await sheet('accounts-bad.xlsx', [
      ['import_a', '甲', '责任单位填报员', '玉州区'],
      ['import_b', '乙', '管理员', '无此单位'],
    ]);
    await page.locator('.users__upload input[type=file]').setInputFiles(file);
    await expect.poll(() => page.getByTestId('user-import-summary').innerText()).toContain('表格有 2 处错误（涉及 1 行）');
    expect(await page.getByTestId('user-import-bad-4-role').innerText()).toContain('未知的角色「管理员」');
    expect(await page.getByTestId('user-import-bad-4-unit').innerText()).toContain('无此单位');
    expect(await page.getByTestId('user-import-confirm').isDisabled()).toBe(true);
    await shot('a05-import-bad');
    const [errors] = await Promise.all([page.waitForEvent('download'), page.getByTestId('user-import-download-errors').click()]);
    expect(errors.suggestedFilename()).toBe('错误数据.xlsx');
    await page.getByTestId('user-import-dialog').getByRole('button', { name: '取消' }).click();
    await expect.poll(() => page.getByTestId('user-import-dialog').isVisible()).toBe(false);
    expect(await tableText()).not.toContain('import_a');
  });

  it('opens every account of a good sheet at once and gives the passwords as a workbook, once', async () => {
    const file = await sheet('accounts-good.xlsx', [
      ['import_a', '甲', '责任单位填报员', '玉州区'],
      ['import_b', '乙', '考评单位工作人员', '玉林市统计局'],
    ]);
    await page.locator('.users__upload input[type=file]').setInputFiles(file);
    await expect.poll(() => page.getByTestId('user-import-summary').innerText()).toContain('共 2 个账号，检查无误');
    await shot('a06-import-preview');
    await page.getByTestId('user-import-confirm').click();
    await expect.poll(() => page.getByTestId('user-import-done').innerText()).toContain('已开设 2 个账号');
    await shot('a07-import-done');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('user-import-download-passwords').click()]);
    const saved = join(SHOTS, 'accounts-passwords.xlsx');
    await download.saveAs(saved);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const ws = book.worksheets[0]!;
    const cells = (r: number) => (ws.getRow(r).values as unknown[]).slice(1).map(String);
    expect(cells(1)).toEqual(['用户名', '姓名', '初始密码']);
    expect([cells(2).slice(0, 2), cells(3).slice(0, 2)]).toEqual([['import_a', '甲'], ['import_b', '乙']]);
    expect(cells(2)[2]).toMatch(/^\S{12}$/);
    // Once: the button is spent and the page has let the passwords go.
    expect(await page.getByTestId('user-import-download-passwords').isDisabled()).toBe(true);
    expect(await page.getByTestId('user-import-passwords-saved').innerText()).toContain('不再保留');
    await page.getByTestId('user-import-close').click();
    await expect.poll(tableText).toContain('import_b');
    expect(await row('import_b').innerText()).toContain('玉林市统计局');
    expect(pageErrors).toEqual([]);
  });

  it('shows a unit leader their own unit only and lets them open filing staff there only', async () => {
    await signIn('yuzhou_leader');
    await page.getByTestId('menu-users').click();
    await expect.poll(tableText).toContain('yuzhou_staff');
    const text = await tableText();
    expect(text).toContain('import_a');
    expect(text).not.toContain('e2e_staff'); // moved to 玉林市教育局 above
    expect(text).not.toContain('yl_staff');
    expect(text).not.toContain('玉林市统计局');
    expect(await page.getByTestId('users-scope').innerText()).toContain('玉州区');
    expect(await page.getByTestId('users-import').count()).toBe(0);
    expect(await row('yuzhou_leader').innerText()).toContain('无权管理');
    await shot('a08-unit-leader');
    await page.getByTestId('users-create').click();
    expect(await page.getByTestId('user-form-role').innerText()).toContain('责任单位填报员');
    expect(await page.getByTestId('user-form-unit').innerText()).toContain('玉州区');
    expect(await page.locator('[data-testid="user-form-role"].is-disabled, [data-testid="user-form-role"] .is-disabled').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="user-form-unit"].is-disabled, [data-testid="user-form-unit"] .is-disabled').count()).toBeGreaterThan(0);
    await page.getByTestId('user-form-username').fill('yuzhou_e2e');
    await page.getByTestId('user-form-name').fill('黎文静');
    await shot('a09-unit-leader-create');
    await page.getByTestId('user-form-save').click();
    await expect.poll(() => page.getByTestId('user-password-username').innerText()).toBe('yuzhou_e2e');
    await page.getByTestId('user-password-close').click();
    await expect.poll(() => row('yuzhou_e2e').innerText()).toContain('责任单位填报员');
    expect(pageErrors).toEqual([]);
  });

  it('keeps the page from a role that manages no accounts', async () => {
    await signIn('yl_tjj');
    expect(await page.getByTestId('menu-users').count()).toBe(0);
    await page.goto(`${stack.url}/#/users`);
    await expect.poll(() => page.url()).toMatch(/#\/$/);
  });

  /** The side menu's entries, by test id. */
  const menu = () => page.locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));

  it('gives the system administrator 账号管理 alone, where it opens an account without a role', async () => {
    await signIn('yl_sysadmin');
    await expect.poll(() => page.url()).toMatch(/#\/users$/);
    expect(await menu()).toEqual(['menu-users']);
    await expect.poll(tableText).toContain('yl_auditor');
    expect(await page.getByTestId('users-scope').innerText()).toContain('安全管理员授予');
    // It keeps the administrators' accounts too (but may not disable itself).
    expect(await page.getByTestId('user-reset-yl_auditor').count()).toBe(1);
    expect(await page.getByTestId('user-disable-yl_sysadmin').isDisabled()).toBe(true);
    await shot('a10-sysadmin');
    await page.getByTestId('users-create').click();
    await page.getByTestId('user-form-username').fill('e2e_boss');
    await page.getByTestId('user-form-name').fill('黎志远');
    await page.getByTestId('user-form-role').click();
    await expect.poll(() => page.getByTestId('user-form-role-unassigned').count()).toBe(1);
    for (const granted of ['bureau_staff', 'bureau_leader', 'unit_leader', 'security_admin', 'audit_admin', 'system_admin']) {
      expect(await page.getByTestId(`user-form-role-${granted}`).count(), granted).toBe(0);
    }
    await page.getByTestId('user-form-role-unassigned').click();
    await pickOption('user-form-unit', 'user-form-unit-yl-jxb');
    await shot('a11-sysadmin-create');
    await page.getByTestId('user-form-save').click();
    await expect.poll(() => page.getByTestId('user-password-username').innerText()).toBe('e2e_boss');
    await page.getByTestId('user-password-close').click();
    await expect.poll(() => row('e2e_boss').innerText()).toContain('待授权');
    // Any other page sends it back to its own.
    await page.goto(`${stack.url}/#/cycles`);
    await expect.poll(() => page.url()).toMatch(/#\/users$/);
    expect(pageErrors).toEqual([]);
  });

  it('gives the security administrator 角色授权 alone, where it grants a role and nothing else', async () => {
    await signIn('yl_secadmin');
    await expect.poll(() => page.url()).toMatch(/#\/roles$/);
    expect(await menu()).toEqual(['menu-roles']);
    await expect.poll(tableText).toContain('e2e_boss');
    expect(await page.getByTestId('users-create').count()).toBe(0);
    expect(await page.getByTestId('users-import').count()).toBe(0);
    expect(await page.getByTestId('user-reset-yuzhou_staff').count()).toBe(0);
    expect(await page.getByTestId('user-refused-yl_secadmin').innerText()).toContain('无权管理');
    expect(await page.getByTestId('users-scope').innerText()).toContain('三权分立');
    await shot('a12-secadmin');
    await page.getByTestId('user-grant-e2e_boss').click();
    expect(await page.getByTestId('user-form-current-role').innerText()).toBe('待授权');
    expect(await page.getByTestId('user-form-name').isDisabled()).toBe(true);
    await pickOption('user-form-role', 'user-form-role-bureau_staff');
    await shot('a13-secadmin-grant');
    await page.getByTestId('user-form-save').click();
    await expect.poll(() => row('e2e_boss').innerText()).toContain('绩效办工作人员');
    await page.goto(`${stack.url}/#/audit`);
    await expect.poll(() => page.url()).toMatch(/#\/roles$/);
    expect(pageErrors).toEqual([]);
  });

  it('gives the audit administrator 操作日志 alone', async () => {
    await signIn('yl_auditor');
    await expect.poll(() => page.url()).toMatch(/#\/audit$/);
    expect(await menu()).toEqual(['menu-audit']);
    await expect.poll(() => page.locator('.el-loading-mask').count()).toBe(0);
    await shot('a14-auditor');
    for (const other of ['users', 'roles', 'cycles', '']) {
      await page.goto(`${stack.url}/#/${other}`);
      await expect.poll(() => page.url(), { message: other }).toMatch(/#\/audit$/);
    }
    expect(pageErrors).toEqual([]);
  });
});
