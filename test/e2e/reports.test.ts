// Annual reports (Art 24) in the portal with the demo data (玉林市 2025, every category confirmed):
// 玉州区's filer opens 我的年度报告 — the document with its numbered sections, indicator table with the
// points lost and why, the charts with their tables, the bureau as issuer — then the A4 print view, and
// the PDF is made from it with Chromium's page.pdf() (how the browser's "save as PDF" makes it) and read
// back: every page with the running header and 第 n 页 共 m 页; another
// unit's report is not offered. The bureau opens 全区报告 (grades, statistics, most-missed indicators,
// "no previous year" for 2024) and exports it as .xlsx; 2026, not confirmed, says so.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient } from '../helpers/api-client.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { hasChromium, openPage, settledScreenshot, signIn, SHOTS, startPortal, type Portal } from '../helpers/portal.ts';

const pagesOf = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

let portal: Portal;
let page: Page;
const pageErrors: string[] = [];

describe.skipIf(!hasChromium)('annual reports', () => {
  beforeAll(async () => {
    portal = await startPortal('reports');
    page = await openPage(portal.browser, pageErrors);
  });
  afterAll(() => portal?.stop());

  it("a unit's filer opens its own 2025 report as a document", async () => {
    await signIn(page, portal.stack.url, 'yuzhou_staff');
    await page.getByTestId('menu-myReport').click();
    await page.getByTestId('report-document').waitFor();
    // The default cycle is the one in a report stage: 2025.
    expect(page.url()).toContain('/my-report/2025');
    await expect.poll(() => page.getByTestId('report-title').innerText()).toBe('玉林市2025年度绩效考评结果报告');
    const doc = await page.getByTestId('report-document').innerText();
    for (const heading of ['一、总体情况', '二、分项得分与失分情况', '三、加分与扣分情况', '四、一票否决与等次调整', '五、与同类别单位比较', '六、存在的主要问题']) expect(doc).toContain(heading);
    expect(doc).toContain('——玉州区');
    expect(await page.getByTestId('report-overall').innerText()).toMatch(/玉州区绩效考评总得分 \d+\.\d\d 分.*评定等次为(一等|二等|三等|不合格)/);
    expect(await page.getByTestId('report-issuer').innerText()).toMatch(/绩效[\s\S]*\d{4}年\d{1,2}月\d{1,2}日/);
    // Charts drawn (SVG) next to their tables.
    await expect.poll(() => page.locator('[data-testid=report-chart-bands] svg').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=report-chart-groups] svg').count()).toBeGreaterThan(0);
    // The bureau's unit picker is the bureau's only.
    expect(await page.getByTestId('report-unit').count()).toBe(0);
    await settledScreenshot(page, 'rp01-unit-report');
  });

  it('prints on A4 from the print view, and the PDF is made from it', async () => {
    await page.getByTestId('report-open-print').click();
    await page.getByTestId('report-print-print').waitFor();
    expect(page.url()).toContain('/my-report-print/2025/yl-yuzhou');
    // The menu keeps 我的年度报告 marked as the page's owner.
    expect(await page.getByTestId('menu-myReport').getAttribute('class')).toContain('is-active');
    await page.getByTestId('report-document').waitFor();
    await expect.poll(() => page.locator('[data-testid=report-chart-groups] svg').count()).toBeGreaterThan(0);
    await settledScreenshot(page, 'rp02-print-view');
    const pdf = await page.pdf({ format: 'A4', displayHeaderFooter: false, preferCSSPageSize: true });
    const saved = join(SHOTS, 'rp03-unit-report.pdf');
    writeFileSync(saved, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pagesOf(pdf)).toBeGreaterThan(1);
    expect(pdf.length).toBeGreaterThan(50_000);
    // Every page has the running header and its number of the whole; the document's text is in it.
    const text = pdfText(pdf);
    const pages = pagesOf(pdf);
    expect(text.split('玉林市2025年度绩效考评结果报告 · 玉州区').length - 1).toBe(pages);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`第 ${n} 页　共 ${pages} 页`);
    // (Bold runs — headings — use another font subset this reader does not decode: plain text only.)
    for (const part of ['考评类别：县（市、区）', '各项指标满分合计 100.00 分', '请对上述问题逐项制定整改方案', '玉林市绩效考评领导小组办公室（市绩效办）']) expect(text).toContain(part);
    // A look at the printed pages: emulate print and shoot the first one.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: join(SHOTS, 'rp03-print-media.png'), fullPage: true });
    await page.emulateMedia({ media: null });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it("another unit's report is refused to the unit (403), its own answered", async () => {
    const mine = await ApiClient.login(portal.stack.url, 'yuzhou_staff');
    expect((await mine.get('/regions/450900/cycles/2025/units/yl-yuzhou/report')).status).toBe(200);
    const refused = await mine.get('/regions/450900/cycles/2025/units/yl-jyj/report');
    expect(refused.status).toBe(403);
  });

  it('the bureau opens the region report and exports it as .xlsx', async () => {
    await signIn(page, portal.stack.url, 'yl_staff');
    await page.goto(`${portal.stack.url}/#/region-report/2025`);
    await page.getByTestId('region-report-document').waitFor();
    const doc = await page.getByTestId('region-report-document').innerText();
    expect(doc).toContain('玉林市2025年度绩效考评结果报告（全区）');
    for (const part of ['（一）等次分布', '（二）得分统计', '（三）失分较多的指标', '（四）与2024年度比较', '2024年度无考评周期，不作比较。']) expect(doc).toContain(part);
    await settledScreenshot(page, 'rp04-region-report');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('region-report-export').click()]);
    const saved = join(SHOTS, 'rp05-region-report.xlsx');
    await download.saveAs(saved);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    expect(book.worksheets.map((w) => w.name)).toEqual(['等次分布', '得分统计', '失分较多的指标']);
    expect((book.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(['考评类别', '等次', '等次内名次', '单位', '总分', '备注']);
    expect(book.worksheets[0]!.rowCount).toBeGreaterThan(10);
  });

  it('the bureau reads any unit report by picking it, and 2026 (not confirmed) says so', async () => {
    await page.goto(`${portal.stack.url}/#/reports/2025/yl-jyj`);
    await page.getByTestId('report-document').waitFor();
    expect(await page.getByTestId('report-document').innerText()).toContain('——玉林市教育局');
    await page.goto(`${portal.stack.url}/#/reports/2026/yl-yuzhou`);
    await expect.poll(() => page.getByTestId('report-refusal').count()).toBe(1);
    expect(await page.getByTestId('report-refusal').innerText()).toContain('尚未经绩效办领导确认');
    await settledScreenshot(page, 'rp06-unconfirmed');
  });

  it('raised no script error', () => expect(pageErrors).toEqual([]));
});
