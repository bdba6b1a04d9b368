// The annual plan as a new bureau user would set it up, by hand, on the real local stack in headless
// Chromium: a cycle for 2028, its category of units, the indicator tree typed in row by row with
// four scoring methods, a wrong points total seen and corrected, the grading rules; then the
// simulation with that plan's rules, and the plan exported to Excel and read back.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { hasChromium, openPage, screenshot, signIn, SHOTS, startPortal, type Portal } from '../helpers/portal.ts';

const YEAR = 2028;
const CATEGORY = '县（市、区）';
const COUNTIES = ['玉州区', '福绵区', '北流市', '容县', '陆川县', '博白县', '兴业县'];
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => screenshot(page, name);
/** The whole page: the layout scrolls inside its main area, so the window grows to its height for the shot. */
async function tallShot(name: string) {
  const height = (await page.evaluate('(() => { const m = document.querySelector(".layout__main"); return m ? m.scrollHeight + m.getBoundingClientRect().top : 900; })()')) as number;
  await page.setViewportSize({ width: 1440, height: Math.max(900, Math.ceil(height)) });
  await page.waitForTimeout(300); // the chart and the tables follow the new size
  await shot(name);
  await page.setViewportSize({ width: 1440, height: 900 });
}
const byId = (id: string) => page.getByTestId(id);
/** An open dropdown's option (Element Plus teleports them to the body). */
const option = (text: string) => page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${text}`) }).first();

/** Types into an el-input-number and leaves it, so it commits the value. */
async function number(target: Locator, value: number | string) {
  const input = target.locator('input');
  await input.fill(String(value));
  await input.press('Tab');
}

async function choose(select: Locator, text: string) {
  await select.click();
  await option(text).click();
}

/** One indicator row: name and points, typed in the tree. */
async function indicator(id: string, name: string, points: number) {
  await byId(`plan-name-${id}`).fill(name);
  await number(byId(`plan-points-${id}`), points);
}

/** A leaf's assessor unit and 共性/个性 in the tree, its method in the dialog. */
async function leaf(id: string, assessor: string, common: boolean, method: () => Promise<void>, criteria: string) {
  await choose(byId(`plan-assessor-${id}`), assessor);
  await byId(`plan-common-${id}`).getByText(common ? '共性' : '个性').click();
  await byId(`plan-method-${id}`).click();
  await expect.poll(() => byId('method-kind').isVisible()).toBe(true);
  await method();
  await byId('plan-criteria').fill(criteria);
  await byId('plan-method-ok').click();
  await expect.poll(() => byId('method-kind').isVisible()).toBe(false);
}

describe.skipIf(!hasChromium)('the annual plan, set up by hand', () => {
  beforeAll(async () => {
    portal = await startPortal('plan');
    ({ stack, browser } = portal);
    page = await openPage(browser, pageErrors);
  });

  afterAll(() => portal?.stop());

  it('logs the bureau staff in', async () => {
    await signIn(page, stack.url, 'yl_staff');
    await expect.poll(() => byId('topbar-user').innerText()).toContain('王芳');
    await shot('p01-dashboard');
  });

  it('creates the cycle of 2028 and sets up its category', async () => {
    await byId('menu-cycles').click();
    await byId('cycle-create').click();
    await number(byId('cycle-form-year'), YEAR);
    await byId('cycle-form-save').click();
    await expect.poll(() => page.url()).toContain(`/cycles/${YEAR}`);
    await shot('p02-cycle-created');

    await byId('cycle-plan').click();
    // No category yet: the plan page says so and leads to the categories.
    await expect.poll(() => byId('plan-no-categories').isVisible()).toBe(true);
    await shot('p03-plan-no-categories');
    await byId('plan-no-categories').getByRole('button').click();
    await expect.poll(() => page.url()).toContain(`/cycles/${YEAR}/categories`);

    await byId('categories-add').click();
    await byId('category-name-0').fill(CATEGORY);
    await byId('category-units-0').click();
    for (const name of COUNTIES) await option(name).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => byId('category-0').innerText()).toContain('（7）');
    await byId('categories-save').click();
    await expect.poll(() => page.locator('.el-message').innerText()).toContain('考评类别已保存');
    await shot('p04-categories');
  });

  it('enters the plan by hand, sees the wrong sum flagged, corrects it and saves', async () => {
    await page.goto(`${stack.url}/#/cycles/${YEAR}/plan`);
    await expect.poll(() => byId('plan-categories').innerText()).toContain(`${CATEGORY}（7）`);
    await expect.poll(() => byId('plan-tree').innerText()).toContain('尚无指标');
    await shot('p05-plan-empty');

    // 一级指标 1 with two 二级指标: a completion-rate and a ranking indicator.
    await byId('plan-add').click();
    await indicator('1', '经济高质量发展', 60);
    await byId('plan-add-1').click();
    await indicator('1.1', '地区生产总值增速', 30);
    await leaf('1.1', '玉林市统计局', false, async () => {
      await choose(byId('method-kind'), '目标完成率法');
      await number(byId('method-cap'), 100);
    }, '以统计部门公布的全年增速为准，完成目标得满分，按完成比例计分');
    await byId('plan-add-1').click();
    await indicator('1.2', '重点项目建设排名', 35); // should be 30: the sum of 1 is now wrong
    await leaf('1.2', '玉林市发展和改革委员会', false, async () => {
      await choose(byId('method-kind'), '排名法');
      await number(byId('method-band-rank-0'), 2);
      await byId('method-band-add').click();
      await number(byId('method-band-rank-1'), 4);
      await number(byId('method-band-percent-1'), 80);
      await number(byId('method-otherwise'), 60);
      await expect.poll(() => byId('plan-method-summary').innerText()).toBe('排名法：第1–2名 100%；第3–4名 80%；其余 60%');
      await shot('p06-method-dialog');
    }, '按全市重点项目季度考评平均名次排名');

    // 一级指标 2, common to every county: a qualitative and a deduction indicator.
    await byId('plan-add').click();
    await indicator('2', '党的建设与平安建设', 40);
    await byId('plan-add-2').click();
    await indicator('2.1', '党风廉政建设', 20);
    await leaf('2.1', '中共玉林市委组织部', true, async () => {
      await choose(byId('method-kind'), '定性评价法');
      await number(byId('method-level-fair'), 65);
    }, '按年度党建述职评议结果评定优、良、中、差');
    await byId('plan-add-2').click();
    await indicator('2.2', '安全生产', 20);
    await leaf('2.2', '中共玉林市委政法委员会', true, async () => {
      await choose(byId('method-kind'), '扣分法');
      await number(byId('method-per'), 2);
    }, '每发生一起一般安全生产责任事故扣 2 分');

    // The tree's total is right (60 + 40), but 1's children add up to 65: flagged on its row.
    await expect.poll(() => byId('plan-total').innerText()).toContain('一级指标合计 100.00 分 / 类别总分 100.00 分');
    await expect.poll(() => byId('plan-sum-1').innerText()).toBe('下级合计 65.00，与本项 60.00 不符');
    expect(await byId('plan-sum-1').getAttribute('class')).toContain('plan__error');
    expect(await byId('plan-sum-2').innerText()).toBe('下级合计 40.00');
    expect(await page.locator('.plan__row--off').count()).toBe(1);
    await expect.poll(() => byId('plan-tree').innerText()).toContain('排名法');
    expect(await byId('plan-tree').innerText()).toContain('第1–2名 100%；第3–4名 80%；其余 60%');

    // Grading rules: fail line 65, 20 % first grade.
    await number(byId('plan-fail-line'), 65);
    await number(byId('plan-first-percent'), 20);

    // Saved as it is, the plan is kept but the message says the points do not add up.
    await byId('plan-save').click();
    await expect.poll(() => page.locator('.el-message').last().innerText()).toContain('分值尚未平衡');
    await tallShot('p07-plan-wrong-sum');

    await number(byId('plan-points-1.2'), 30);
    await expect.poll(() => byId('plan-sum-1').innerText()).toBe('下级合计 60.00');
    expect(await page.locator('.plan__row--off').count()).toBe(0);
    await byId('plan-save').click();
    await expect.poll(() => page.locator('.el-message').last().innerText()).toBe('已保存（第 1 版）');
    // Read back from the server: what the page shows is what was stored.
    await page.reload();
    await expect.poll(() => byId('plan-sum-1').innerText()).toBe('下级合计 60.00');
    await expect.poll(() => byId('plan-tree').innerText()).toContain('每次扣 2 分，最低 0 分');
    expect(await byId('plan-tree').innerText()).toContain('优 100%；良 85%；中 65%；差 50%');
    expect(await byId('plan-tree').innerText()).toContain('玉林市统计局');
    expect(await byId('plan-unbalanced').count()).toBe(0);
    await expect.poll(() => byId('plan-fail-line').locator('input').inputValue()).toBe('65.00');
    await tallShot('p08-plan-saved');
  });

  it('opens the simulation from the plan page with that plan’s rules', async () => {
    await byId('plan-simulate').click();
    await expect.poll(() => byId('simulate-plan-loaded').innerText()).toContain(CATEGORY);
    expect(await byId('simulate-fail-line').inputValue()).toBe('65.00');
    expect(await byId('simulate-first-percent').inputValue()).toBe('20.00');
  });

  it('picks the plan by cycle and category on the simulate page and grades sample scores', async () => {
    // From the menu, with the default rules, as a user coming back later would.
    await page.goto(`${stack.url}/#/`);
    await byId('menu-simulate').click();
    await expect.poll(() => byId('simulate-fail-line').inputValue()).toBe('60.00');
    await expect.poll(() => byId('simulate-plan-cycle').innerText()).toContain(String(YEAR));
    await choose(byId('simulate-plan-category'), CATEGORY);
    await byId('simulate-plan-load').click();
    await expect.poll(() => byId('simulate-fail-line').inputValue()).toBe('65.00');
    expect(await byId('simulate-first-percent').inputValue()).toBe('20.00');
    expect(await byId('simulate-second-percent').inputValue()).toBe('50.00');
    await expect.poll(() => byId('simulate-plan-loaded').innerText()).toContain('第 1 版');

    const scores = [
      ['单位名称', '总分', '共性指标得分'],
      ['玉州区', '91.50', '36.20'],
      ['北流市', '89.20', '35.90'],
      ['容县', '86.75', '35.50'],
      ['陆川县', '84.30', '34.80'],
      ['博白县', '80.10', '35.10'],
      ['兴业县', '72.40', '33.60'],
      ['福绵区', '63.80', '31.10'],
    ];
    await byId('simulate-paste-open').click();
    await byId('simulate-paste-text').fill(scores.map((r) => r.join('\t')).join('\n'));
    await byId('simulate-paste-import').click();
    await expect.poll(() => byId('simulate-data-count').innerText()).toContain('共 7 个单位');

    // Six pass (65.00 and above); 20 % of six is one first grade, 50 % three second grades.
    await expect.poll(() => byId('simulate-count-first').innerText()).toBe('1');
    expect(await byId('simulate-count-second').innerText()).toBe('3');
    expect(await byId('simulate-count-third').innerText()).toBe('2');
    expect(await byId('simulate-count-fail').innerText()).toBe('1');
    const rows = await byId('simulate-result-table').locator('.el-table__body tr').allInnerTexts();
    expect(rows[0]).toMatch(/^\s*1\s+玉州区\s+91\.50\s+36\.20\s+一等\s+1/);
    expect(rows[1]).toMatch(/2\s+北流市.*二等\s+1/s);
    expect(rows[6]).toMatch(/7\s+福绵区.*不合格/s);
    await tallShot('p09-simulate-result');

    // Changing a rule here says so, and does not touch the plan.
    await byId('simulate-first-percent').fill('30');
    await expect.poll(() => byId('simulate-plan-loaded').innerText()).toContain('已在此处改动');
    await expect.poll(() => byId('simulate-count-first').innerText()).toBe('1'); // 30 % of six is 1.8: still one
  });

  it('exports the plan to Excel with every indicator row', async () => {
    const ExcelJS = (await import('exceljs')).default;
    await page.goto(`${stack.url}/#/cycles/${YEAR}/plan`);
    await expect.poll(() => byId('plan-name-1.2').inputValue()).toBe('重点项目建设排名');
    const [download] = await Promise.all([page.waitForEvent('download'), byId('plan-export').click()]);
    expect(download.suggestedFilename()).toBe(`${YEAR}年度${CATEGORY}指标体系.xlsx`);
    const file = join(SHOTS, 'p-plan-export.xlsx');
    await download.saveAs(file);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const header = rows.findIndex((r) => r.includes('分值'));
    expect(rows[header]!.slice(0, 5)).toEqual(['一级指标', '二级指标', '分值', '评分方法', '方法参数']);
    const body = rows.slice(header + 1).map((r) => [...r, ...Array(7).fill('')].slice(0, 7));
    expect(body).toEqual([
      ['经济高质量发展', '', '60', '', '', '', ''],
      ['', '地区生产总值增速', '30', '目标完成率法', '封顶100%', '玉林市统计局', '个性'],
      ['', '重点项目建设排名', '30', '排名法', '第1-2名100%；第3-4名80%；其余60%', '玉林市发展和改革委员会', '个性'],
      ['党的建设与平安建设', '', '40', '', '', '', ''],
      ['', '党风廉政建设', '20', '定性评价法', '优100%；良85%；中65%；差50%', '中共玉林市委组织部', '共性'],
      ['', '安全生产', '20', '扣分法', '每次扣2分；保底0分', '中共玉林市委政法委员会', '共性'],
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('prints the plan as the bureau publishes it', async () => {
    await page.goto(`${stack.url}/#/cycles/${YEAR}/plan`);
    await byId('plan-print').click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/cycles/${YEAR}/plan/[^/]+/print$`));
    // A given version prints the same way; the button opens the current one.
    const printUrl = page.url();
    await page.goto(`${printUrl}?version=1`);
    await expect.poll(() => byId('plan-print-meta').innerText()).toMatch(/^第 1 版/);
    await page.goto(`${stack.url}/#/cycles/${YEAR}/plan`);
    await byId('plan-print').click();
    await expect.poll(() => page.url()).toBe(printUrl);
    await expect.poll(() => byId('plan-print-title').innerText()).toBe(`玉林市${YEAR}年度绩效考评方案（${CATEGORY}）`);
    expect(await byId('plan-print-meta').innerText()).toMatch(/^第 1 版\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} 由 yl_staff 保存$/);

    // The table: each 一级 cell spans its 二级 rows, methods in words, assessors by name, a total row.
    const table = byId('plan-print-indicators');
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['编号', '一级指标', '二级指标', '分值', '评分方法', '评分标准', '考评单位', '共性/个性']);
    expect(await byId('plan-print-name-1').getAttribute('rowspan')).toBe('2');
    expect(await byId('plan-print-name-1').innerText()).toBe('经济高质量发展\n（60分）');
    const row = async (code: string) => (await byId(`plan-print-row-${code}`).locator('td').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
    expect(await row('1.2')).toEqual(['1.2', '重点项目建设排名', '30', '排名法 第1–2名 100%；第3–4名 80%；其余 60%', '按全市重点项目季度考评平均名次排名', '玉林市发展和改革委员会', '个性']);
    expect(await row('2.2')).toEqual(['2.2', '安全生产', '20', '扣分法 每次扣 2 分，最低 0 分', '每发生一起一般安全生产责任事故扣 2 分', '中共玉林市委政法委员会', '共性']);
    expect((await byId('plan-print-name-2').innerText()).split('\n')).toEqual(['党的建设与平安建设', '（40分）']);
    expect(await byId('plan-print-total').locator('td').allInnerTexts()).toEqual(['合计', '100', '']);

    // The rules in sentences, and the units of the category.
    const doc = await byId('plan-print-document').innerText();
    expect(doc).toContain('本类别不设加分项目。');
    expect(doc).toContain('本类别不设扣分项目。');
    expect(doc).toContain('本类别不设一票否决事项。');
    const grading = await byId('plan-print-grading').allInnerTexts();
    expect(grading[0]).toBe('1. 年度考评总分低于 65 分的，评定为不合格等次；有一票否决事项的，直接评定为不合格等次。');
    expect(grading[1]).toContain('前 20% 评定为一等，其后 50% 评定为二等');
    expect(grading.at(-1)).toBe('6. 被考评单位对考评结果有异议的，可在结果反馈之日起 5 个工作日内申请复核（第二十一条）。');
    const units = await byId('plan-print-units').innerText();
    expect(units).toMatch(/^本类别考评对象共 7 个：/);
    for (const name of COUNTIES) expect(units).toContain(name);

    // Printed: no menu, top bar or toolbar; the shot shows the page as it prints.
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await page.emulateMedia({ media: 'print' });
    expect(await byId('plan-print-print').isVisible()).toBe(false);
    expect(await page.locator('.layout__aside').isVisible()).toBe(false);
    expect(await byId('topbar-user').isVisible()).toBe(false);
    await shot('p10-plan-print');
    await page.emulateMedia({ media: null });
    await page.setViewportSize({ width: 1440, height: 900 });

    await byId('plan-print-back').click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/cycles/${YEAR}/plan$`));
    expect(pageErrors).toEqual([]);
  });
});
