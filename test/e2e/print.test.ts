// Printing from inside the portal: the shell scrolls within its main area on screen, and printed that
// used to cut every page to one sheet. A page taller than a sheet must print on as many sheets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openPage, signIn, startPortal, type Portal } from '../helpers/portal.ts';

/** CSS pixels of content an A4 sheet holds with 15 mm margins (267 mm at 96 dpi). */
const SHEET_PX = (267 / 25.4) * 96;
const pagesOf = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

let portal: Portal;
let page: Page;
const pageErrors: string[] = [];

describe.skipIf(!hasChromium)('printing portal pages', () => {
  beforeAll(async () => {
    portal = await startPortal('print');
    page = await openPage(portal.browser, pageErrors);
  });

  afterAll(() => portal?.stop());

  it('signs the bureau in', () => signIn(page, portal.stack.url, 'yl_staff'));

  for (const [what, path, ready] of [
    ['a cycle\'s timeline', '/#/cycles/2026', 'stage-plan'],
    ['the unit list', '/#/units', 'units-table'],
  ] as const) {
    it(`prints ${what} on every sheet it needs`, async () => {
      await page.goto(`${portal.stack.url}${path}`);
      await expect.poll(() => page.getByTestId(ready).count()).toBeGreaterThan(0);
      await page.waitForTimeout(500); // tables and charts settle
      await page.emulateMedia({ media: 'print' });
      const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
      await page.emulateMedia({ media: null }); // back to the default: page.pdf() prints with print CSS
      expect(height).toBeGreaterThan(SHEET_PX); // the case that used to be cut
      const pdf = await page.pdf({ format: 'A4' });
      expect(pagesOf(pdf)).toBeGreaterThanOrEqual(Math.ceil(height / SHEET_PX));
    });
  }

  it('raised no script error', () => expect(pageErrors).toEqual([]));
});
