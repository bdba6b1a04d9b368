// The audit page for the audit reader: search by time range, user and action; export the result to
// .xlsx; check the chains — intact, then an entry edited directly in the table is named on the page.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../cdk/local/demo-data.ts';
import { auditReaders } from '../../functions/contracts/access.ts';
import { searchAudit } from '../../functions/data/audit.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import { hasChromium, openPage, screenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
/** A demo account of the region that the route table lets read the audit log. */
const reader = users.find((u) => u.regionId === YL && (auditReaders.roles as readonly string[]).includes(u.role))!;

let portal: Portal;
let page: Page;
const pageErrors: string[] = [];

describe.skipIf(!hasChromium)('audit page', () => {
  beforeAll(async () => {
    portal = await startPortal('audit');
    page = await openPage(portal.browser, pageErrors);
  });
  afterAll(() => portal?.stop());

  it('signs the audit reader in and lists this month’s entries', async () => {
    expect(reader).toBeDefined();
    await signIn(page, portal.stack.url, reader.username);
    await page.goto(`${portal.stack.url}/#/audit`);
    await expect.poll(() => page.locator('[data-testid=audit-table] .el-table__row').count()).toBeGreaterThan(0);
  });

  it('filters by action family and user', async () => {
    await page.getByTestId('audit-action').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'seed.*' }).click();
    await page.getByTestId('audit-search').click();
    await expect.poll(async () => (await page.locator('[data-testid=audit-table] .el-table__row').allTextContents()).every((r) => r.includes('演示数据'))).toBe(true);
    await page.getByTestId('audit-actor').fill('nobody_here');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.locator('[data-testid=audit-table] .el-table__row').count()).toBe(0);
    await page.getByTestId('audit-actor').fill('');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.locator('[data-testid=audit-table] .el-table__row').count()).toBeGreaterThan(0);
    await screenshot(page, 'audit-search');
  });

  it('exports the search to .xlsx: a header and one row per entry, no cell a formula', async () => {
    const today = beijingDate(Date.now());
    // The export holds every entry of the search, over as many pages as it takes.
    let expected = 0;
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const res = await searchAudit({ regionId: YL, from: `${today.slice(0, 8)}01`, to: today, action: 'seed.', limit: 100, cursor });
      expected += res.items.length;
      cursor = res.nextCursor;
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('时间');
    expect(sheet.rowCount).toBe(expected + 1);
    sheet.eachRow((row) => row.eachCell((cell) => expect(typeof cell.value === 'string' && /^[=+\-@\t\r]/.test(cell.value)).toBe(false)));
  });

  it('checks the chains: intact, then names an entry edited directly in the table', async () => {
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verification').textContent()).toContain('均未被改动或删除');
    await screenshot(page, 'audit-verify-intact');

    const today = beijingDate(Date.now());
    const [victim] = (await searchAudit({ regionId: YL, from: today, to: today, limit: 1 })).items;
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.audit(YL, victim!.at, victim!.id), UpdateExpression: 'SET target = :t', ExpressionAttributeValues: { ':t': 'edited by hand' } }));
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verification').textContent()).toContain('断链');
    expect(await page.getByTestId('audit-breaks').textContent()).toContain(victim!.id);
    expect(await page.getByTestId('audit-breaks').textContent()).toContain('内容被改动');
    await screenshot(page, 'audit-verify-broken');
  });

  it('raised no script error', () => expect(pageErrors).toEqual([]));
});
