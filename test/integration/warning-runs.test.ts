// Background recolour runs (Art 12) on DynamoDB Local, through the plan and progress Lambdas: an
// approval of new warning thresholds answers with its run at once and the run (in-process here, as
// the local stack runs it) recolours the category's approved sets with its progress counted to the
// end; a second run changes nothing; a run that could not start is shown failed and the bureau
// restarts it, once; only the region's bureau reads or restarts runs.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { getCategorySet } from '../../functions/data/categories.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { commit } from '../../functions/data/commit.ts';
import { goalWarningEntity, readDashboard } from '../../functions/data/early-warning.ts';
import { keys } from '../../functions/data/keys.ts';
import { recolourInProcess } from '../../functions/data/warning-runner.ts';
import { getWarningRun, newRunItem } from '../../functions/data/warning-runs.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { handler as planHandler } from '../../functions/handlers/api/plan.ts';
import { handler as progressHandler } from '../../functions/handlers/api/progress.ts';
import { newWarningRun, recolourRun } from '../../functions/handlers/workflow/recolour-warnings.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2026';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const staff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const leader = person('yl_leader', 'bureau_leader', 'yl-jxb');
const unitStaff = person('yuzhou_staff', 'unit_staff', 'yl-yuzhou');
const otherRegion = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');

type Res = { status: number; body: any };
async function call(group: 'plan' | 'progress', op: string, caller: Caller, params: Record<string, string>, body?: unknown): Promise<Res> {
  const handler = group === 'plan' ? planHandler : progressHandler;
  const res = (await handler(apiEvent(routeFor(group, op), { caller, params: { regionId: YL, cycleId: C, ...params }, body, query: {} }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

let categoryId = '';
/** The runs started through the API, awaited by the test instead of polled. */
let running: Promise<unknown> = Promise.resolve();

/** Proposes the thresholds and has the leader approve them; answers the approval. */
async function approveThresholds(yellowBelowPercent: number): Promise<Res> {
  const current = (await call('plan', 'getPlan', staff, { categoryId })).body;
  const warning = { ...current.plan.warning, yellowBelowPercent, redBelowPercent: Math.min(yellowBelowPercent, 40) };
  const proposed = await call('plan', 'savePlan', staff, { categoryId }, { revision: current.revision, reason: `预警线调整为 ${yellowBelowPercent}%（测试）`, plan: { ...current.plan, warning } });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
  return call('plan', 'decidePlanProposal', leader, { categoryId }, { decision: 'approve', seq: proposed.body.proposal.seq, opinion: '同意' });
}

/** The category's statuses, by unit and indicator, with their versions. */
async function statuses(): Promise<Map<string, { level: string; version: number }>> {
  const items = (await documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': keys.workPartition(YL, C), ':sk': 'GOAL#' }, ConsistentRead: true }))).Items ?? [];
  return new Map(items.filter(goalWarningEntity.is).map(goalWarningEntity.parse).filter((w) => w.categoryId === categoryId).map((w) => [`${w.unitId}/${w.indicatorId}`, { level: w.level, version: w.version }]));
}

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
  // The county category: its demo sets are mostly approved (cdk/local/seed-goals.ts), none coloured yet.
  categoryId = (await getCategorySet(YL, C))!.categories.find((c) => c.units.some((u) => u.unitId === 'yl-yuzhou'))!.categoryId;
  recolourInProcess((e) => (running = recolourRun(e.run)));
}, 90_000);
afterAll(() => recolourInProcess(undefined));

describe('a threshold approval', () => {
  it('answers at once with its run; the run recolours every approved set of the category, its progress counted to the end', async () => {
    const approved = await approveThresholds(85);
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    const runId = approved.body.warningRunId as string;
    // Watch the run's progress while it works: it only moves forward, and ends with every unit.
    const seen: number[] = [];
    let watching = true;
    const watch = (async () => {
      while (watching) {
        seen.push((await getWarningRun(YL, C, runId))!.unitsDone);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await running;
    watching = false;
    await watch;
    const listed = await call('progress', 'listWarningRuns', staff, {});
    expect(listed.status).toBe(200);
    const run = listed.body.items.find((r: any) => r.categoryId === categoryId);
    expect(run).toMatchObject({ id: runId, status: 'done', planVersion: approved.body.version, startedBy: 'yl_leader' });
    expect(run.unitsTotal).toBeGreaterThanOrEqual(3);
    expect(run.unitsDone).toBe(run.unitsTotal);
    expect(run.changed).toBeGreaterThan(0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.every((n) => n <= run.unitsTotal)).toBe(true);
    // Every approved set of the category is coloured, and the category's counter counts them all.
    const now = await statuses();
    expect(new Set([...now.keys()].map((k) => k.split('/')[0])).size).toBe(run.unitsTotal);
    const counter = (await readDashboard(YL, C)).find((c) => c.scope === 'category' && c.key === categoryId)!;
    expect(counter.green + counter.yellow + counter.red).toBe(now.size);
  });

  it('is idempotent: a second run over the same thresholds changes nothing', async () => {
    const before = await statuses();
    const run = await newWarningRun({ regionId: YL, cycleId: C, categoryId, categoryName: '县（市、区）', planVersion: 0, by: 'yl_staff', at: new Date().toISOString() });
    await commit(staff, { action: 'test.run', target: run.id }, [newRunItem(run)], run.startedAt);
    const done = await recolourRun(run);
    expect(done.changed).toBe(0);
    expect(await getWarningRun(YL, C, run.id)).toMatchObject({ status: 'done', changed: 0, unitsDone: done.units });
    expect(await statuses()).toEqual(before);
  });
});

describe('a failed run', () => {
  let failedId = '';

  it('is shown failed with its reason when it cannot start; the approval stands', async () => {
    // No in-process runner and no function to invoke: the start fails.
    recolourInProcess(undefined);
    try {
      const approved = await approveThresholds(80);
      expect(approved.status, JSON.stringify(approved.body)).toBe(201);
      failedId = approved.body.warningRunId;
    } finally {
      recolourInProcess((e) => (running = recolourRun(e.run)));
    }
    const run = (await call('progress', 'listWarningRuns', staff, {})).body.items.find((r: any) => r.categoryId === categoryId);
    expect(run).toMatchObject({ id: failedId, status: 'failed', unitsDone: 0 });
    expect(run.error).toMatch(/WARNINGS_FUNCTION_NAME/);
    expect((await call('plan', 'getPlan', staff, { categoryId })).body.plan.warning.yellowBelowPercent).toBe(80);
  });

  it('is restarted by the bureau, once; the restart runs to its end', async () => {
    const seen = { seenUpdatedAt: (await getWarningRun(YL, C, failedId))!.updatedAt };
    expect((await call('progress', 'restartWarningRun', unitStaff, { runId: failedId }, seen)).status).toBe(403);
    expect((await call('progress', 'restartWarningRun', otherRegion, { runId: failedId }, seen)).status).toBe(403);
    // A view older than the run is refused.
    expect((await call('progress', 'restartWarningRun', staff, { runId: failedId }, { seenUpdatedAt: '2026-01-01T00:00:00.000Z' })).status).toBe(409);
    const restarted = await call('progress', 'restartWarningRun', staff, { runId: failedId }, seen);
    expect(restarted.status, JSON.stringify(restarted.body)).toBe(201);
    expect(restarted.body).toMatchObject({ restartOf: failedId, status: 'running', categoryId, startedBy: 'yl_staff' });
    await running;
    expect(await getWarningRun(YL, C, restarted.body.id)).toMatchObject({ status: 'done' });
    expect(await getWarningRun(YL, C, failedId)).toMatchObject({ status: 'failed', restartedBy: restarted.body.id });
    // Restarted already, and a done run is no failure: both refused.
    expect((await call('progress', 'restartWarningRun', staff, { runId: failedId }, seen)).status).toBe(409);
    const done = (await getWarningRun(YL, C, restarted.body.id))!;
    expect((await call('progress', 'restartWarningRun', staff, { runId: done.id }, { seenUpdatedAt: done.updatedAt })).status).toBe(409);
    expect((await call('progress', 'restartWarningRun', staff, { runId: '20261203T101010101Z-0000abcd' }, seen)).status).toBe(404);
  });
});

describe('who may watch the runs', () => {
  it('is the region’s bureau only: a unit and another region’s bureau are refused', async () => {
    expect((await call('progress', 'listWarningRuns', leader, {})).status).toBe(200);
    expect((await call('progress', 'listWarningRuns', unitStaff, {})).status).toBe(403);
    expect((await call('progress', 'listWarningRuns', otherRegion, {})).status).toBe(403);
  });
});
