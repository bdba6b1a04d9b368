// 本单位目标 and 目标审核 on the real local stack in headless Chromium, the seeded 2026 cycle of 玉林市
// put back at stage 2 (目标制定) in this file's own table: the filer of 玉州区 drafts a goal per plan leaf
// until coverage is complete, the leader submits, the bureau returns one goal with its reason, the
// filer fixes it (the change is shown), the leader resubmits and the bureau approves. Screenshots g01…
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { goalStagesAhead } from '../helpers/goal-stages.ts';
import { setCommonGoals } from '../helpers/common-goals.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
const UNIT = 'yl-yuzhou';
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let leaves: string[] = [];

const shot = (name: string) => settledScreenshot(page, name);

/** A fresh browser context signed in as `username`, on the page its menu entry `menu` opens. */
async function openAs(username: string, menu: string, ready: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  await signIn(page, stack.url, username);
  await page.getByTestId(`menu-${menu}`).click();
  await expect.poll(() => page.getByTestId(ready).count()).toBeGreaterThan(0);
}

/** The native input behind an Element Plus field carrying `id`. */
const input = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"]`).first();
const status = (indicatorId: string) => page.getByTestId(`goal-status-${indicatorId}`).innerText();
const setStatus = () => page.getByTestId('goals-set-status').innerText();

async function saveDialog(): Promise<void> {
  await page.getByTestId('goal-form-save').click();
  await expect.poll(() => page.getByTestId('goal-form').count()).toBe(0);
}

describe.skipIf(!hasChromium)('goals pages in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('goals');
    ({ stack, browser } = portal);
    await documentClient().send(
      new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, '2026'), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('goal_setting') } }),
    );
    await goalStagesAhead(YL, '2026');
  });

  afterAll(() => portal?.stop());

  it('shows the filer every leaf of the unit’s plan, each missing goal named above the table, no 提交', async () => {
    await openAs('yuzhou_staff', 'goals', 'goals-table');
    await expect.poll(() => page.getByTestId('goals-problems').count()).toBe(1);
    const rows = await page.locator('[data-testid^="goal-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('goal-row-'.length)));
    expect(await page.locator('[data-testid^="goals-problem-"]').count()).toBe(rows.length);
    // The common leaves are their assessor units' to set (test/e2e/assessor-targets.test.ts): the filer drafts the others.
    const common = await page.locator('[data-testid^="goal-assessor-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('goal-assessor-'.length)));
    expect(common.length).toBeGreaterThan(0);
    leaves = rows.filter((id) => !common.includes(id));
    expect(leaves.length).toBeGreaterThan(2);
    expect(await page.getByTestId('goals-submit').count()).toBe(0);
    expect(await page.getByTestId('menu-goalReview').count()).toBe(0);
    await shot('g01-unit-goals-empty');
    // 目标审核 is the bureau's: the filer is sent back to the workbench.
    await page.goto(`${stack.url}/#/goal-review/2026`);
    await expect.poll(() => page.locator('.el-breadcrumb').innerText()).not.toContain('目标审核');
    await page.getByTestId('menu-goals').click();
  });

  it('drafts a goal per leaf (one with a milestone and the person responsible) until coverage is complete', async () => {
    for (const [i, id] of leaves.entries()) {
      await page.getByTestId(`goal-edit-${id}`).click();
      await input('goal-form-target').fill(String(10 + i));
      await input('goal-form-uom').fill('%');
      if (i === 0) {
        await page.getByTestId('goal-form-milestone-add').click();
        const [date, expected] = [0, 1].map((n) => page.getByTestId('goal-form-milestone-0').locator('input').nth(n));
        await date!.fill('2026-06-30');
        await date!.press('Enter');
        await expected!.fill('5');
        await input('goal-form-responsible').fill('刘建国');
        await shot('g02-goal-dialog');
      }
      await saveDialog();
      await expect.poll(() => status(id)).toBe('草稿');
    }
    // The assessor units set the common goals (the bureau on their behalf); then coverage is complete.
    await setCommonGoals(YL, '2026', UNIT, { username: 'yl_staff', name: '王芳', role: 'bureau_staff', regionId: YL, unitId: 'yl-jxb' });
    await page.reload();
    await expect.poll(() => page.getByTestId('goals-complete').count()).toBe(1);
    expect(await page.getByTestId('goals-problems').count()).toBe(0);
    expect(await page.getByTestId('goals-table').innerText()).toContain('10 %');
    await shot('g03-unit-goals-complete');
  });

  it('lets the leader submit the complete set', async () => {
    await openAs('yuzhou_leader', 'goals', 'goals-table');
    await expect.poll(() => page.getByTestId('goals-submit').isDisabled()).toBe(false);
    await page.getByTestId('goals-submit').click();
    await expect.poll(setStatus).toBe('已报送');
    expect(await page.getByTestId('goals-submit').isDisabled()).toBe(true);
    await shot('g04-unit-goals-submitted');
  });

  it('lets the bureau return one goal with its reason', async () => {
    await openAs('yl_staff', 'goalReview', 'goal-sets-table');
    await expect.poll(() => page.getByTestId(`goal-set-status-${UNIT}`).innerText()).toBe('已报送');
    await shot('g05-review-queue');
    expect(await page.getByTestId('menu-goals').count()).toBe(0);
    await page.getByTestId('goal-sets-filter-submitted').click();
    // Only submitted sets are left: this unit's and the demo's.
    await expect.poll(async () => [...new Set(await page.locator('[data-testid^="goal-set-status-"]').allInnerTexts())]).toEqual(['已报送']);
    expect(await page.getByTestId(`goal-set-status-${UNIT}`).count()).toBe(1);
    await page.getByTestId('goal-sets-filter-all').click();
    await expect.poll(() => page.locator('[data-testid="goal-sets-table"] .el-table__row').count()).toBeGreaterThan(1);
    await page.getByTestId(`goal-set-open-${UNIT}`).click();
    await expect.poll(() => page.getByTestId('goal-review-set').count()).toBe(1);
    await page.getByTestId(`goal-return-${leaves[0]}`).click();
    await page.getByTestId('goal-review-return').click();
    await input(`goal-return-reason-${leaves[0]}`).fill('目标值低于上年实绩，请上调');
    await shot('g06-review-return-dialog');
    await page.getByTestId('goal-return-confirm').click();
    await expect.poll(() => page.getByTestId(`goal-set-status-${UNIT}`).innerText()).toBe('已退回');
    expect(await status(leaves[0]!)).toBe('已退回');
    // The other submitted goals are accepted with the return.
    expect(await status(leaves[1]!)).toBe('已审定');
    await shot('g07-review-returned');
  });

  it('shows the filer the reason; once fixed, the changed field', async () => {
    await openAs('yuzhou_staff', 'goals', 'goals-table');
    const first = leaves[0]!;
    await expect.poll(() => page.getByTestId(`goal-reason-${first}`).innerText()).toContain('目标值低于上年实绩，请上调');
    expect(await page.getByTestId(`goal-edit-${leaves[1]}`).count()).toBe(0);
    await page.getByTestId(`goal-edit-${first}`).click();
    await input('goal-form-target').fill('15');
    await saveDialog();
    await expect.poll(() => page.getByTestId(`goal-changed-${first}`).innerText()).toContain('目标值');
    await shot('g08-unit-goal-fixed');
  });

  it('lets the leader resubmit and the bureau approve', async () => {
    await openAs('yuzhou_leader', 'goals', 'goals-table');
    await expect.poll(() => page.getByTestId('goals-submit').isDisabled()).toBe(false);
    await page.getByTestId('goals-submit').click();
    await expect.poll(setStatus).toBe('已报送');
    await shot('g09-unit-goals-resubmitted');

    await openAs('yl_staff', 'goalReview', 'goal-sets-table');
    await page.getByTestId(`goal-set-open-${UNIT}`).click();
    await expect.poll(() => page.getByTestId(`goal-changed-${leaves[0]}`).innerText()).toContain('目标值');
    await page.getByTestId('goal-review-approve').click();
    await expect.poll(() => page.getByTestId(`goal-set-status-${UNIT}`).innerText()).toBe('已审定');
    expect(await status(leaves[0]!)).toBe('已审定');
    await shot('g10-review-approved');
    expect(pageErrors).toEqual([]);
  });
});
