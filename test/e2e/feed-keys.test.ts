// 数据接口 on the real local stack in headless Chromium (玉林市 2026 in 过程管理, 玉州区's goals approved
// in this file's own table): the bureau registers a feeding system and sees its key once (screenshot
// f01); the system feeds a value through the local gateway with that key (no token); the list shows
// its last use; the bureau revokes the key after confirming, and the next call is refused with 401.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import type { GoalRecord } from '../../functions/model/goal.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
const UNIT = 'yl-yuzhou';
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let goals: GoalRecord[] = [];
let key = '';

const shot = (name: string) => settledScreenshot(page, name);

/** An Element Plus input or text area by its test id (the id lands on the inner element). */
const input = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"], [data-testid="${id}"] textarea`).first();

const feed = (withKey: string | undefined, value: number) =>
  fetch(`${stack.url}/api/feed/regions/${YL}/cycles/2026/values`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(withKey ? { 'x-feed-key': withKey } : {}) },
    body: JSON.stringify({ values: [{ unitId: UNIT, indicatorId: goals[0]!.indicatorId, period: '2026-05', value, note: '统计月报' }] }),
  });

describe.skipIf(!hasChromium)('数据接口 in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('feed-keys');
    ({ stack, browser } = portal);
    goals = await approveGoalsDirectly(YL, '2026', UNIT);
    page = await openPage(browser, pageErrors);
  });
  afterAll(() => portal?.stop());

  it('registers a feeding system and shows its key once, with copy', async () => {
    await signIn(page, stack.url, 'yl_staff');
    await page.getByTestId('menu-feedSystems').click();
    await expect.poll(() => page.getByTestId('feed-table').count()).toBe(1);
    await page.getByTestId('feed-create').click();
    await input('feed-form-name').fill('市统计局统计数据平台');
    await page.getByTestId('feed-form-indicators').click();
    // 玉州区's category: the same code in another category's plan is another indicator.
    await page.locator('.el-select-dropdown__item:visible', { hasText: `县（市、区） · ${goals[0]!.indicatorId} ` }).click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: `县（市、区） · ${goals[1]!.indicatorId} ` }).click();
    await input('feed-form-name').click();
    await page.getByTestId('feed-form-save').click();
    await expect.poll(() => page.getByTestId('feed-key-dialog').isVisible()).toBe(true);
    key = await input('feed-key-value').inputValue();
    expect(key).toMatch(/^pmf_[a-z2-7]{16}_[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => page.getByTestId('feed-key-once').textContent()).toContain('无法再次查看');
    await shot('f01-feed-key-created');
    await page.getByTestId('feed-key-close').click();
    await expect.poll(() => page.getByTestId('feed-key-dialog').isVisible()).toBe(false);
    // The list shows only the key's public part, never the key.
    const id = key.split('_')[1]!;
    await expect.poll(() => page.getByTestId(`feed-key-${id}`).textContent()).toBe(`pmf_${id}_…`);
    expect(await page.locator('body').textContent()).not.toContain(key);
    expect(await page.locator('input, textarea').evaluateAll((els, k) => els.some((e) => Reflect.get(e, 'value') === k), key)).toBe(false);
  });

  it('takes the system’s value through the gateway with its key, and shows its last use', async () => {
    expect((await feed(undefined, 40)).status).toBe(401);
    const res = await feed(key, 40);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ stored: 1, refused: 0 });
    await page.reload();
    await expect.poll(() => page.getByTestId('feed-table').textContent()).toContain('累计报送 1 条');
  });

  it('revokes the key after confirmation; the system is then refused', async () => {
    const id = key.split('_')[1]!;
    await page.getByTestId(`feed-revoke-${id}`).click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await expect.poll(() => page.getByTestId(`feed-status-${id}`).textContent()).toBe('已吊销');
    await shot('f02-feed-key-revoked');
    expect((await feed(key, 41)).status).toBe(401);
    expect(pageErrors).toEqual([]);
  });
});
