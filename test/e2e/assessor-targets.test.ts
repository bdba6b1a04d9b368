// 共性指标目标 on the real local stack in headless Chromium: 市统计局 (yl_tjj) enters per-unit targets
// of a common indicator in its table — rows saved as typed, one row with the whole-table save, the
// .xlsx export read back and an import with a bad row refused by row and column — and 玉州区 sees its
// target read-only, marked as set by the assessor unit. The seeded 2026 cycle of 玉林市 is put back
// at 目标制定 in this file's own table, and its 县（市、区） plan gives 1.1 地区生产总值增长 (scored by
// 市统计局) as a common indicator: the demo plan gives 市统计局 individual indicators only.
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { getCategorySet } from '../../functions/data/categories.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { getCurrentPlan, planItem } from '../../functions/data/plans.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import { hasChromium, openPage, settledScreenshot, SHOTS, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
const IND = '1.1';
const UNIT = 'yl-yuzhou';
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
let categoryId = '';
const pageErrors: string[] = [];

const shot = (name: string) => settledScreenshot(page, name);

async function openAs(username: string, menu: string, ready: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  await signIn(page, stack.url, username);
  await page.getByTestId(`menu-${menu}`).click();
  await expect.poll(() => page.getByTestId(ready).count()).toBeGreaterThan(0);
}

const input = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
const state = (unitId: string) => page.getByTestId(`common-state-${unitId}`).innerText();

/** The editable rows of the table (their unit ids), in table order. */
const editableRows = () =>
  page.locator('[data-testid^="common-target-"] input:not([disabled]), input[data-testid^="common-target-"]:not([disabled])').evaluateAll((els) =>
    els.map((e) => (e.closest('[data-testid^="common-target-"]') ?? e).getAttribute('data-testid')!.slice('common-target-'.length)),
  );

describe.skipIf(!hasChromium)('common-indicator targets in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('assessor-targets');
    ({ stack, browser } = portal);
    await documentClient().send(
      new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, '2026'), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('goal_setting') } }),
    );
    const category = (await getCategorySet(YL, '2026'))!.categories.find((c) => c.name === '县（市、区）')!;
    categoryId = category.categoryId;
    const plan = (await getCurrentPlan(YL, '2026', categoryId))!;
    const tree = plan.plan.tree.map((n) => ({ ...n, children: n.children?.map((c) => (c.id === IND ? { ...c, common: true } : c)) }));
    expect(tree.flatMap((n) => n.children ?? []).find((c) => c.id === IND)).toMatchObject({ assessorUnitId: 'yl-tjj', common: true });
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: planItem({ ...plan, plan: { ...plan.plan, tree } }) }));
  });

  afterAll(() => portal?.stop());

  it('lists 市统计局’s common indicator per category with how many units have a target', async () => {
    await openAs('yl_tjj', 'commonGoals', 'common-goals-worklist');
    const count = page.getByTestId(`common-count-${categoryId}-${IND}`);
    await expect.poll(() => count.innerText()).toMatch(/^已填 \d+ \/ 7$/);
    expect(await page.getByTestId('common-table-title').innerText()).toContain('地区生产总值增长');
    expect(await page.locator('[data-testid^="common-row-"]').count()).toBe(7);
    await shot('a01-assessor-worklist');
  });

  it('saves each row as it is typed, and a row with the whole-table save', async () => {
    const rows = await editableRows();
    expect(rows[0]).toBe(UNIT);
    expect(rows.length).toBeGreaterThan(1);
    const before = await page.getByTestId(`common-count-${categoryId}-${IND}`).innerText();
    await input(`common-target-${UNIT}`).fill('6.5');
    await input(`common-uom-${UNIT}`).fill('%');
    await input(`common-milestones-${UNIT}`).fill('2026-06-30：3；2026-12-31：6.5');
    await input(`common-responsible-${UNIT}`).fill('陈志强');
    await expect.poll(() => state(UNIT), { timeout: 10_000 }).toBe('已保存');
    // Another unit, with rows saved only with the table (all or nothing).
    const other = rows[1]!;
    await page.getByTestId('common-autosave').click();
    await input(`common-target-${other}`).fill('7');
    await input(`common-uom-${other}`).fill('%');
    await expect.poll(() => state(other)).toBe('待保存');
    expect(await page.getByTestId('common-table-save').innerText()).toContain('1 行');
    await page.getByTestId('common-table-save').click();
    await expect.poll(() => state(other)).toBe('已保存');
    await expect.poll(() => page.getByTestId(`common-count-${categoryId}-${IND}`).innerText()).not.toBe(before);
    await shot('a02-assessor-table-saved');
  });

  it('exports the targets as .xlsx and refuses an import with a bad row, naming row and column', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('common-sheet-export').click()]);
    const file = `${SHOTS}/../common-targets.xlsx`;
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(['指标编号', '指标名称', '考评类别', '单位名称', '目标值', '计量单位', '节点目标', '责任人']);
    const yuzhou = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(4).value === '玉州区')!;
    expect([yuzhou.getCell(5).value, yuzhou.getCell(6).value, yuzhou.getCell(7).value]).toEqual(['6.5', '%', '2026-06-30：3；2026-12-31：6.5']);
    // The same sheet with one target no number: the preview names the cell, nothing can be imported.
    yuzhou.getCell(5).value = '六点五';
    const bad = `${SHOTS}/../common-targets-bad.xlsx`;
    await book.xlsx.writeFile(bad);
    await page.locator('input[type="file"]').setInputFiles(bad);
    await expect.poll(() => page.getByTestId('common-sheet-summary').innerText()).toContain('未导入任何目标');
    expect(await page.getByTestId(`common-sheet-bad-${yuzhou.number}-target`).innerText()).toContain('不是数值');
    expect(await page.getByTestId('common-sheet-confirm').isDisabled()).toBe(true);
    await shot('a03-assessor-import-refused');
    await page.getByRole('button', { name: '取消' }).click();
  });

  it('shows 玉州区 its target read-only, set by 市统计局', async () => {
    await openAs('yuzhou_staff', 'goals', 'goals-table');
    await expect.poll(() => page.getByTestId(`goal-assessor-${IND}`).innerText()).toBe('由考评单位制定：玉林市统计局');
    expect(await page.getByTestId(`goal-edit-${IND}`).count()).toBe(0);
    expect(await page.getByTestId(`goal-status-${IND}`).innerText()).toBe('草稿');
    expect(await page.getByTestId('goals-table').innerText()).toContain('6.5 %');
    // The other common indicators still wait for their assessor units.
    expect(await page.getByTestId('goals-problems').innerText()).toContain('待考评单位制定目标');
    await shot('a04-unit-sees-assessor-target');
    expect(pageErrors).toEqual([]);
  });
});
