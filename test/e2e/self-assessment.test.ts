// 单位自评 on the real local stack (with its evidence store) in headless Chromium: the seeded 2026 cycle
// of 玉林市 put at stage 5 (自评) with 玉州区's goals approved (written straight to this file's table).
// The filer assesses a goal 市统计局 assesses — its method's input, a narrative, an evidence file
// uploaded straight to the store — saved as typed with the engine's preview; the rest through the API;
// the leader submits; 市统计局 (assessor unit) reads only its indicators and the file; another unit is
// refused; the bureau finds it among the submitted sets and confirms it. Screenshots s01…
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import type { GoalRecord } from '../../functions/model/goal.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const YL = '450900';
const UNIT = 'yl-yuzhou';
let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let goals: GoalRecord[];
let assessed: GoalRecord;
const pdf = Buffer.from('%PDF-1.4\n玉州区 2026 年度自评佐证\n%%EOF\n');
const base = `/regions/${YL}/cycles/2026/units/${UNIT}/self-assessment`;

const shot = (name: string) => settledScreenshot(page, name);
async function openAs(username: string): Promise<void> {
  await page?.context().close();
  page = await openPage(browser, pageErrors);
  await signIn(page, stack.url, username);
}
const input = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"], [data-testid="${id}"] textarea`).first();

describe.skipIf(!hasChromium)('self-assessment in Chromium', () => {
  beforeAll(async () => {
    portal = await startPortal('self');
    ({ stack, browser } = portal);
    goals = await approveGoalsDirectly(YL, '2026', UNIT);
    assessed = goals.find((g) => g.assessorUnitId === 'yl-tjj')!;
    const deadline = beijingDate(Date.now() + 30 * 86_400_000);
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.cycle(YL, '2026'), UpdateExpression: 'SET currentStage = :s', ExpressionAttributeValues: { ':s': stageNumber('self_assessment') } }));
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.stage(YL, '2026', stageNumber('self_assessment')), UpdateExpression: 'SET deadline = :d', ExpressionAttributeValues: { ':d': deadline } }));
  });
  afterAll(() => portal?.stop());

  it('the filer assesses a goal with an evidence file, saved as typed with the engine’s preview', async () => {
    await openAs('yuzhou_staff');
    await page.getByTestId('menu-selfAssessment').click();
    await expect.poll(() => page.locator('[data-testid="self-goals"] tbody tr').count()).toBe(goals.length);
    expect(await page.getByTestId('self-missing').innerText()).toContain('尚未自评');
    await page.getByTestId(`self-edit-${assessed.indicatorId}`).click();
    await expect.poll(() => page.locator('[data-testid="self-entry"]:visible').count()).toBe(1);
    // The field the goal's method takes.
    if (await input('self-achieved').count()) await input('self-achieved').fill(String((assessed.target ?? 100) - 2));
    else if (await input('self-occurrences').count()) await input('self-occurrences').fill('1');
    else if (await input('self-score').count()) await input('self-score').fill('8.5');
    else await page.locator('[data-testid="self-level"] label').nth(1).click();
    await input('self-narrative').fill('全年完成情况良好：统计数据按期报送，质量抽查全部合格，台账齐全。');
    await page.getByTestId('self-file-input').setInputFiles({ name: '年度自评佐证.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => page.getByTestId('self-file').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('self-saved').count(), { timeout: 10_000 }).toBe(1);
    await shot('s01-self-entry-with-evidence');
    await page.getByTestId('self-entry-done').click();
    await expect.poll(() => page.locator('[data-testid="self-entry"]:visible').count()).toBe(0);
    // The other goals through the API, as the filer (the page shows them complete once reloaded).
    const api = await ApiClient.login(stack.url, 'yuzhou_staff');
    const view = (await api.get(base)).body;
    for (const g of view.goals.filter((x: any) => x.indicatorId !== assessed.indicatorId)) {
      const field = { completion: { achieved: g.target }, ranking: { achieved: 3 }, deduction: { occurrences: 0 }, qualitative: { level: 'good' }, direct: { selfScore: Math.floor(g.points * 0.9) } }[g.method.kind as string];
      const res = await api.call('PUT', `${base}/${g.indicatorId}`, { ...field, narrative: `${g.name}：全年目标已完成。`, evidence: [], version: 0 });
      expect(res.status).toBe(200);
    }
  });

  it('the leader submits the complete set to the assessor units and the bureau', async () => {
    await openAs('yuzhou_leader');
    await page.getByTestId('menu-selfAssessment').click();
    await expect.poll(() => page.locator('[data-testid="self-goals"] tbody tr').count()).toBe(goals.length);
    expect(await page.getByTestId('self-missing').count()).toBe(0);
    await page.getByTestId('self-submit').click();
    await page.getByTestId('self-submit-confirm').click();
    await expect.poll(() => page.getByTestId('self-status').innerText()).toBe('已报送');
    expect(await page.getByTestId('self-submit').count()).toBe(0);
    await shot('s02-self-submitted');
  });

  it('the assessor unit reads only its indicators and the evidence file; another unit is refused', async () => {
    await openAs('yl_tjj');
    await page.getByTestId('menu-assessedSelf').click();
    await page.getByTestId(`assessed-self-open-${UNIT}`).click();
    const mine = goals.filter((g) => g.assessorUnitId === 'yl-tjj').length;
    await expect.poll(() => page.locator('[data-testid="self-goals"] tbody tr').count()).toBe(mine);
    expect(mine).toBeLessThan(goals.length);
    await page.getByTestId(`self-edit-${assessed.indicatorId}`).click();
    await expect.poll(() => page.getByTestId('self-file').count()).toBe(1);
    await shot('s03-assessor-reads-self');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('self-file').locator('a, .el-link').first().click()]);
    expect(download.suggestedFilename()).toBe('年度自评佐证.pdf');

    const other = await ApiClient.login(stack.url, 'jyj_staff');
    const refused = await other.get(base);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('本单位');
  });

  it('the bureau lists the units by status and opens the submitted one to confirm it', async () => {
    await openAs('yl_staff');
    await page.getByTestId('menu-selfAssessments').click();
    await page.getByTestId('self-filter-submitted').click();
    await expect.poll(() => page.locator('[data-testid="self-sets"] tbody tr').count()).toBe(1);
    expect(await page.getByTestId('self-sets').innerText()).toContain('玉州区');
    await shot('s04-bureau-self-list');
    await page.getByTestId(`self-open-${UNIT}`).click();
    await page.getByTestId('self-approve').click();
    await expect.poll(() => page.getByTestId('self-status').innerText()).toBe('已确认');
    expect(pageErrors).toEqual([]);
  });
});
