// The portal under its content security policy (functions/http/limits.ts, served by the local gateway
// as CloudFront serves it in AWS): every page works and the browser reports no violation, while an
// inline script, which the policy forbids, is really refused (so "no violation" means something).
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openPage, screenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

let portal: Portal;
let page: Page;
const pageErrors: string[] = [];
const consoleProblems: string[] = [];
/** API answers the portal got that it should never get in normal use: throttled or failed. */
const badAnswers: string[] = [];

/** Violations the page reported (securitypolicyviolation events, collected from the first script on). */
const violations = (p: Page) => p.evaluate<string[]>('window.__csp');

describe.skipIf(!hasChromium)('portal under the content security policy', () => {
  beforeAll(async () => {
    portal = await startPortal('site-headers');
    page = await openPage(portal.browser, pageErrors);
    // In the page (as text: this file is typed for Node, not the DOM).
    await page.addInitScript({
      content: `window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));`,
    });
    page.on('response', (r) => {
      if (r.status() === 429 || r.status() >= 500) badAnswers.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (m: ConsoleMessage) => {
      if (/Content[- ]Security[- ]Policy|Refused to|Permissions-Policy/i.test(m.text())) consoleProblems.push(`${m.type()}: ${m.text()}`);
    });
  });

  afterAll(() => portal?.stop());

  it('sends the policy with the page', async () => {
    const res = await page.goto(`${portal.stack.url}/#/public`);
    const csp = res!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(res!.headers()['x-content-type-options']).toBe('nosniff');
  });

  it('opens the public page, signs in and opens every page of the menu without a violation', async () => {
    await expect.poll(() => page.getByTestId('public-region').count()).toBeGreaterThan(0);
    await signIn(page, portal.stack.url, 'yl_staff');
    for (const key of ['units', 'calendar', 'notices', 'audit', 'simulate', 'users', 'goalReview', 'cycles']) {
      const item = page.getByTestId(`menu-${key}`);
      if (!(await item.count())) continue;
      await item.click();
      await expect.poll(() => page.locator('.el-breadcrumb').innerText()).not.toBe('');
      await page.waitForLoadState('networkidle');
    }
    await page.goto(`${portal.stack.url}/#/cycles/2026/plan`);
    await page.getByTestId('plan-categories').getByText('市直政府部门').click();
    await page.waitForLoadState('networkidle');
    // A dialog and a message box: Element Plus's positioned, inline-styled overlays.
    await page.goto(`${portal.stack.url}/#/cycles`);
    await page.getByTestId('cycle-create').click();
    await expect.poll(() => page.locator('.el-dialog').count()).toBeGreaterThan(0);
    await screenshot(page, 'csp-dialog');
    await page.keyboard.press('Escape');
    await page.goto(`${portal.stack.url}/#/cycles/2025`);
    await expect.poll(() => page.getByTestId('stage-plan').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'csp-cycle');
    // Within the deployed limits (the harness runs the gateway with them): nothing throttled, nothing failed.
    expect(badAnswers).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(consoleProblems).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('refuses an inline script (the policy is in force)', async () => {
    const ran = await page.evaluate<boolean>(`(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.appendChild(s);
      return window.__inlineRan === true;
    })()`);
    expect(ran).toBe(false);
    await expect.poll(async () => (await violations(page)).some((v) => v.startsWith('script-src'))).toBe(true);
  });
});
