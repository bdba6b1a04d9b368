// The e2e harness: the real local stack on a table of its own, and headless Chromium driving the
// built portal. Screenshots go to test-results/screenshots (looked at by people, kept by CI).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { DEMO_PASSWORD } from '../../cdk/local/demo-data.ts';
import { buildSiteIfStale } from '../../cdk/local/site-build.ts';
import { ROOT, startLocalStack, type LocalStack, type LocalStackOptions } from '../../cdk/local/stack.ts';
import { LIMITS } from '../../functions/http/limits.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const SHOTS = join(ROOT, 'test-results/screenshots');
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`e2e skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

export interface Portal {
  stack: LocalStack;
  browser: Browser;
  stop(): Promise<void>;
}

/** The site (built if stale), a local stack with the demo data, and a browser. */
export async function startPortal(name: string, options: Pick<LocalStackOptions, 'port' | 'oidc'> = {}): Promise<Portal> {
  mkdirSync(SHOTS, { recursive: true });
  await buildSiteIfStale(ROOT, () => {});
  // With the deployed API's request limits: the portal must work within them.
  const stack = await startLocalStack({ ...options, limits: LIMITS, dynamoEndpoint: inject('dynamoEndpoint'), tableName: `e2e-${name}-${randomUUID()}` });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  } catch (e) {
    await stack.stop();
    throw e;
  }
  return {
    stack,
    browser,
    stop: async () => {
      await browser.close();
      await stack.stop();
    },
  };
}

/** A Chinese desktop page whose script errors land in `errors` (each test file asserts none). */
export async function openPage(browser: Browser, errors: string[], viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: 'zh-CN', acceptDownloads: true });
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** A screenshot once the page has settled: no loading mask, and Element Plus's transitions over. */
export async function settledScreenshot(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator('.el-loading-mask:visible').count()).toBe(0);
  await page.waitForTimeout(400);
  await screenshot(page, name);
}

/** Signs a demo account in through the login form and waits for the top bar. */
export async function signIn(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${url}/#/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('topbar-user').count()).toBe(1);
}
