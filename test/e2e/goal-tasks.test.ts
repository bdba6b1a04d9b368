// 目标分解 and plan approval on the real local stack in headless Chromium, the seeded 2026 cycle of
// 玉林市 (past its plan stage): 玉州区's goal set approved (written straight to this file's table), its
// filer sets up the departments, decomposes a goal into a department task and a post task, and sees
// both views; the bureau staff propose a plan change, which leaves the version in force; the bureau
// leader approves it, and the public site (no login) shows the new version. Screenshots t01…
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
const UNIT = 'yl-yuzhou';
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let goalId = '';

const shot = (name: string) => settledScreenshot(page, name);

/** A fresh browser context, signed in as `username` unless none is given. */
async function openAs(username?: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  if (username) await signIn(page, stack.url, username);
}

/** The native input behind an Element Plus field carrying `id`. */
const input = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"]`).first();
/** Picks an option of the open dropdown (Element Plus teleports it to the body). */
const pick = (text: string) => page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();

async function saveTask(): Promise<void> {
  await page.getByTestId('task-save').click();
  await expect.poll(() => page.locator('[data-testid="task-dialog"]:visible').count()).toBe(0);
}

describe.skipIf(!hasChromium)('goal decomposition and plan approval in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('goal-tasks');
    ({ stack, browser } = portal);
    goalId = (await approveGoalsDirectly(YL, '2026', UNIT))[0]!.indicatorId;
  });

  afterAll(() => portal?.stop());

  it('lets the filer set up the unit’s departments', async () => {
    await openAs('yuzhou_staff');
    await page.getByTestId('menu-goalTasks').click();
    await expect.poll(() => page.getByTestId('tasks-no-departments').count()).toBe(1);
    expect(await page.getByTestId('tasks-set-status').innerText()).toBe('已审定');
    await page.getByTestId('departments-open').click();
    await input('department-name-0').fill('综合科');
    await page.getByTestId('department-add').click();
    await input('department-name-1').fill('统计科');
    await shot('t01-departments');
    await page.getByTestId('departments-save').click();
    await expect.poll(() => page.getByTestId('tasks-no-departments').count()).toBe(0);
    expect(await page.getByTestId('departments-open').innerText()).toContain('2');
  });

  it('decomposes a goal into a department task and a post task below it (goal → department → post)', async () => {
    await page.getByTestId(`task-add-${goalId}`).click();
    await input('task-title').fill('全年统计监测与分析');
    await page.getByTestId('task-department').click();
    await pick('统计科');
    await input('task-owner').fill('黄海');
    await input('task-due').fill('2026-09-30');
    await input('task-due').press('Enter');
    await saveTask();
    await expect.poll(() => page.getByTestId(`tasks-goal-${goalId}`).innerText()).toContain('全年统计监测与分析');

    await page.locator('[data-testid^="task-add-post-"]').first().click();
    await input('task-title').fill('月度数据采集');
    await input('task-post').fill('统计员');
    await input('task-owner').fill('李明');
    // A due date after the goal's last milestone (2026-11-30) is refused unless confirmed; a post task not after its department task.
    await input('task-due').fill('2026-08-31');
    await input('task-due').press('Enter');
    await saveTask();
    const goal = page.getByTestId(`tasks-goal-${goalId}`);
    await expect.poll(() => goal.innerText()).toContain('月度数据采集');
    expect(await goal.innerText()).toContain('统计员');
    await shot('t02-tree-by-goal');
  });

  it('shows the same tasks per department, naming their goal', async () => {
    await page.getByTestId('tasks-tabs').getByRole('tab', { name: '按科室' }).click();
    const stats = page.getByTestId('tasks-department-统计科');
    await expect.poll(() => stats.innerText()).toContain('月度数据采集');
    expect(await stats.innerText()).toContain('全年统计监测与分析');
    expect(await stats.innerText()).toContain('岗位任务');
    expect(await page.getByTestId('tasks-department-综合科').innerText()).toContain('尚未分解任务');
    await shot('t03-by-department');
    expect(pageErrors).toEqual([]);
  });

  it('prints both views without the page’s buttons', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId(`tasks-goal-${goalId}`).isVisible()).toBe(true);
    expect(await page.getByTestId('tasks-department-统计科').isVisible()).toBe(true);
    expect(await page.getByTestId('departments-open').isVisible()).toBe(false);
    expect(await page.locator('[data-testid^="task-edit-"]').first().isVisible()).toBe(false);
    await shot('t03b-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('lets the bureau staff propose a plan change; the version in force stays', async () => {
    await openAs('yl_staff');
    await page.goto(`${stack.url}/#/cycles/2026/plan`);
    await expect.poll(() => page.locator('input[data-testid^="plan-name-"]').count()).toBeGreaterThan(0);
    expect(await page.locator('body').innerText()).toContain('报绩效办领导审批');
    const name = page.locator('input[data-testid^="plan-name-"]').first();
    await name.fill(`${await name.inputValue()}（调整）`);
    await page.getByTestId('plan-save').click();
    await page.locator('.el-message-box__input input').fill('按市委部署调整一级指标名称');
    await page.locator('.el-message-box__btns .el-button--primary').click();
    const proposal = page.getByTestId('plan-proposal');
    await expect.poll(() => proposal.count()).toBe(1);
    expect(await proposal.innerText()).toContain('第 1 号方案修改待审批（现行第 1 版不变）');
    expect(await proposal.innerText()).toContain('按市委部署调整一级指标名称');
    expect(await page.getByTestId('plan-proposal-approve').count()).toBe(0);
    expect(await page.getByTestId('plan-save').count()).toBe(0);
    await shot('t04-plan-proposed');
  });

  it('lets the bureau leader approve it: the next version is in force and published', async () => {
    await openAs('yl_leader');
    await page.goto(`${stack.url}/#/cycles/2026/plan`);
    await expect.poll(() => page.getByTestId('plan-proposal-approve').count()).toBe(1);
    // While a proposal waits nobody edits the plan: the tree shows the version in force, read only.
    expect(await page.getByTestId('plan-tree').innerText()).not.toContain('（调整）');
    // The leader looks at the proposed plan itself before deciding.
    await page.getByTestId('plan-proposal-preview').click();
    await expect.poll(() => page.getByTestId('plan-tree').innerText()).toContain('（调整）');
    await shot('t05-plan-leader-sees-proposal');
    await page.getByTestId('plan-proposal-back').click();
    await page.getByTestId('plan-proposal-approve').click();
    await expect.poll(() => page.getByTestId('plan-proposal').innerText()).toContain('第 1 号方案修改已批准，第 2 版施行并公开');
    expect(await page.locator('input[data-testid^="plan-name-"]').first().inputValue()).toContain('（调整）');
    await shot('t06-plan-approved');
  });

  it('shows the published version on the public site without login', async () => {
    await openAs();
    await page.goto(`${stack.url}/#/public?region=${YL}`);
    await page.getByTestId('public-cycle-plans-2026').click();
    await expect.poll(() => page.getByTestId('plan-print-document').count()).toBe(1);
    await expect.poll(() => page.getByTestId('plan-print-meta').innerText()).toContain('第 2 版');
    expect(await page.getByTestId('plan-print-indicators').innerText()).toContain('（调整）');
    expect(await page.locator('body').innerText()).not.toContain('yl_staff');
    await shot('t07-public-plan');
    expect(pageErrors).toEqual([]);
  });
});
