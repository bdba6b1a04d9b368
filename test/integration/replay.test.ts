// Replay: every task of the annual-cycle state machine (statemachines/annual-cycle.asl.json: open,
// await, escalate) and the daily job may run again with the same input — a Lambda retry, a
// Step Functions retry, the scheduler's at-least-once delivery, the local stack's hourly timer. The
// second run must change nothing: the whole table (items, notices, audit entries) is compared after
// the first and after the second run.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { clockOffset, nowIso, setClockOffset } from '../../functions/config/clock.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { commit, put } from '../../functions/data/commit.ts';
import { createCycle } from '../../functions/data/cycles.ts';
import { regionItem } from '../../functions/data/regions.ts';
import { deadlineInstant } from '../../functions/domain/dates.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';
import { handler as daily } from '../../functions/handlers/schedule/daily.ts';
import { handler as stageTask } from '../../functions/handlers/workflow/stage-task.ts';
import { callers, lambdaContext } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const HOUR = 3_600_000;
type Item = Record<string, unknown>;

/** Every item of the table, in key order. */
async function snapshot(): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(new ScanCommand({ TableName: tableName(), ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (i: Item) => `${String(i.pk)}\u0000${String(i.sk)}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
/** Audit entries (the audit partitions also hold each hash chain's head: functions/data/audit.ts). */
const audits = (items: Item[]) => items.filter((i) => String(i.pk).startsWith('AUDIT#') && i.entity === 'audit');
const noticesOf = (items: Item[], kind: string) => items.filter((i) => i.kind === kind && String(i.pk).startsWith('INBOX#'));
const stageOf = (items: Item[], cycleId: string, index: number) => items.find((i) => i.pk === `REGION#${YL}` && i.sk === `CYCLE#${cycleId}#STAGE#${String(index).padStart(2, "0")}`);

const task = (event: Record<string, unknown>) => stageTask(event, lambdaContext);
const runDaily = () => daily(undefined, lambdaContext) as Promise<{ cycles: number; reminded: number; escalated: number }>;
const moveTo = (instant: number) => setClockOffset(Math.max(0, instant - Date.now()));

/** Runs `step` twice; answers the table after each run. */
async function twice(step: () => Promise<unknown>) {
  const before = await snapshot();
  await step();
  const first = await snapshot();
  await step();
  const second = await snapshot();
  return { before, first, second };
}

let year = 2040;
/** A fresh cycle of the region (its own year), as the create route writes it. */
async function newCycle(): Promise<{ cycleId: string; due: number }> {
  const y = year++;
  const stages = defaultStageDates(y);
  await createCycle(callers.ylStaff, YL, { year: y, name: `${y}年度绩效考评`, stages }, nowIso());
  return { cycleId: String(y), due: deadlineInstant(stages[0]!.deadline) };
}

beforeAll(async () => {
  await useFreshTable();
  const at = new Date().toISOString();
  await commit(callers.ylStaff, { action: 'test.setup', target: 'region' }, [put(regionItem({ regionId: YL, name: '玉林市', bureauUnitId: 'yl-jxb' }))], at);
});

describe('state-machine tasks, replayed with the same input, change nothing twice', () => {
  it('open: the stage is opened once, one audit entry', async () => {
    const { cycleId, due } = await newCycle();
    moveTo(due - 20 * 24 * HOUR);
    const event = { action: 'open', regionId: YL, cycleId, stage: 1, executionStartedAt: new Date().toISOString() };
    const { before, first, second } = await twice(() => task(event));
    expect(stageOf(first, cycleId, 1)?.openedAt).toBeDefined();
    expect(audits(first).length).toBe(audits(before).length + 1);
    expect(second).toEqual(first);
  });

  it('open answers the same wait both times', async () => {
    const { cycleId, due } = await newCycle();
    moveTo(due - 20 * 24 * HOUR);
    const event = { action: 'open', regionId: YL, cycleId, stage: 1, executionStartedAt: new Date().toISOString() };
    const a = await task(event);
    const b = await task(event);
    expect(b).toEqual(a);
  });

  it('await: the task token is kept once, one audit entry', async () => {
    const { cycleId, due } = await newCycle();
    moveTo(due - 20 * 24 * HOUR);
    await task({ action: 'open', regionId: YL, cycleId, stage: 1, executionStartedAt: new Date().toISOString() });
    const event = { action: 'await', regionId: YL, cycleId, stage: 1, taskToken: `token-${cycleId}-a` };
    const { before, first, second } = await twice(() => task(event));
    expect(stageOf(first, cycleId, 1)?.taskToken).toBe(`token-${cycleId}-a`);
    expect(audits(first).length).toBe(audits(before).length + 1);
    expect(second).toEqual(first);
  });

  it('await with a new token (a retried wait) keeps the new one: a different effect, audited', async () => {
    const { cycleId, due } = await newCycle();
    moveTo(due - 20 * 24 * HOUR);
    await task({ action: 'await', regionId: YL, cycleId, stage: 1, taskToken: `token-${cycleId}-a` });
    const before = await snapshot();
    await task({ action: 'await', regionId: YL, cycleId, stage: 1, taskToken: `token-${cycleId}-b` });
    const after = await snapshot();
    expect(stageOf(after, cycleId, 1)?.taskToken).toBe(`token-${cycleId}-b`);
    expect(audits(after).length).toBe(audits(before).length + 1);
  });

  it('escalate past the deadline: one escalation, one notice, one audit entry', async () => {
    const { cycleId, due } = await newCycle();
    moveTo(due + HOUR);
    const event = { action: 'escalate', regionId: YL, cycleId, stage: 1, executionStartedAt: new Date(Date.now() + clockOffset() - HOUR).toISOString() };
    const { before, first, second } = await twice(() => task(event));
    expect(stageOf(first, cycleId, 1)?.escalatedAt).toBeDefined();
    expect(noticesOf(first, 'stage.overdue').length).toBe(noticesOf(before, 'stage.overdue').length + 1);
    expect(audits(first).length).toBe(audits(before).length + 1);
    expect(second).toEqual(first);
  });

  it('escalate replayed at once (two deliveries in flight): still one escalation', async () => {
    const { cycleId, due } = await newCycle();
    moveTo(due + HOUR);
    const event = { action: 'escalate', regionId: YL, cycleId, stage: 1, executionStartedAt: new Date().toISOString() };
    const before = await snapshot();
    await Promise.all([task(event), task(event), task(event)]);
    const after = await snapshot();
    expect(noticesOf(after, 'stage.overdue').length).toBe(noticesOf(before, 'stage.overdue').length + 1);
    expect(audits(after).length).toBe(audits(before).length + 1);
  });

  it('escalate before the deadline writes nothing, however often', async () => {
    const { cycleId, due } = await newCycle();
    moveTo(due - 5 * 24 * HOUR);
    const event = { action: 'escalate', regionId: YL, cycleId, stage: 1, executionStartedAt: new Date().toISOString() };
    const { before, first, second } = await twice(() => task(event));
    expect(first).toEqual(before);
    expect(second).toEqual(before);
  });
});

describe('the daily job, run twice on the same day, changes nothing twice', () => {
  // The daily job walks every open cycle of the table, so these run on cycles whose first
  // deadline the earlier tests' cycles do not share (one more year each).
  it('in the reminder window: one reminder, one notice, one audit entry per cycle', async () => {
    const { cycleId, due } = await newCycle();
    moveTo(due - 2 * 24 * HOUR);
    const { before, first, second } = await twice(runDaily);
    expect(stageOf(first, cycleId, 1)?.reminderSentAt).toBeDefined();
    expect(noticesOf(first, 'stage.reminder').length).toBeGreaterThan(noticesOf(before, 'stage.reminder').length);
    expect(second).toEqual(first);
    expect(await runDaily()).toMatchObject({ reminded: 0, escalated: 0 });
  });

  it('past the deadline (the safety net): one escalation per cycle, the second run writes nothing', async () => {
    const { cycleId, due } = await newCycle();
    moveTo(due + 2 * HOUR);
    const { before, first, second } = await twice(runDaily);
    expect(stageOf(first, cycleId, 1)?.escalatedAt).toBeDefined();
    expect(noticesOf(first, 'stage.overdue').length).toBeGreaterThan(noticesOf(before, 'stage.overdue').length);
    expect(second).toEqual(first);
    expect(await runDaily()).toMatchObject({ escalated: 0 });
  });

  it('after the workflow escalated, the daily job does not escalate again', async () => {
    const { cycleId, due } = await newCycle();
    moveTo(due + 3 * HOUR);
    await task({ action: 'escalate', regionId: YL, cycleId, stage: 1, executionStartedAt: new Date().toISOString() });
    const before = await snapshot();
    await runDaily();
    const after = await snapshot();
    expect(stageOf(after, cycleId, 1)).toEqual(stageOf(before, cycleId, 1));
    expect(noticesOf(after, 'stage.overdue').filter((n) => String(n.link ?? '').endsWith(`/${cycleId}`))).toHaveLength(1);
  });
});
