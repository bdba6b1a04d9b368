// The real ASL file, run by the local runner, with the real stage-task handler on DynamoDB Local.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clockOffset, now, setClockOffset } from '../../functions/config/clock.ts';
import { advanceStage, createCycle, getCycle } from '../../functions/data/cycles.ts';
import { regionItem, unitItem } from '../../functions/data/regions.ts';
import { commit, put } from '../../functions/data/commit.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { defaultStageDates, STAGE_COUNT, stageNumber } from '../../functions/domain/stages.ts';
import { handler as stageTask } from '../../functions/handlers/workflow/stage-task.ts';
import { handler as computeResults } from '../../functions/handlers/workflow/compute-results.ts';
import { latestRun } from '../../functions/data/results.ts';
import { LocalStepFunctions } from '../../cdk/local/step-functions-local.ts';
import { useFreshTable } from '../helpers/table.ts';
import { until } from '../helpers/poll.ts';
import { callers } from '../helpers/events.ts';

const ASL = fileURLToPath(new URL('../../statemachines/annual-cycle.asl.json', import.meta.url));
const REGION = '450900';
const DAY = 86_400_000;
const bureau = callers.ylStaff;

function runner() {
  return new LocalStepFunctions({
    aslPath: ASL,
    stateMachineArn: 'arn:aws:states:local:000000000000:stateMachine:annual-cycle',
    functions: { StageTaskFunctionArn: (p) => stageTask(p), ComputeResultsFunctionArn: (p) => computeResults(p) },
    now,
  });
}

/** A cycle whose first deadline is `firstDeadlineInDays` from now (later stages a month apart). */
async function newCycle(year: number, firstDeadlineInDays = 30) {
  const base = now() + firstDeadlineInDays * DAY;
  const stages = defaultStageDates(year).map((s, i) => {
    const day = new Date(base + i * 30 * DAY).toISOString().slice(0, 10);
    return { ...s, opensOn: new Date(base - 10 * DAY + i * 30 * DAY).toISOString().slice(0, 10), deadline: day };
  });
  return createCycle(bureau, REGION, { year, name: `${year}年度绩效考评`, stages }, new Date(now()).toISOString());
}

const waitingToken = (year: number) =>
  until(
    () => getCycle(REGION, String(year)),
    (c) => Boolean(c?.stages[c.currentStage - 1]?.taskToken),
    `the workflow to wait at the current stage of ${year}`,
  ).then((c) => ({ cycle: c!, token: c!.stages[c!.currentStage - 1]!.taskToken! }));

let sfn: LocalStepFunctions;

beforeAll(async () => {
  await useFreshTable();
  const at = new Date().toISOString();
  await commit(bureau, { action: 'test.setup', target: 'region' }, [
    put(regionItem({ regionId: REGION, name: '玉林市', bureauUnitId: 'yl-jxb' })),
    put(unitItem({ regionId: REGION, unitId: 'yl-jxb', name: '市绩效办', type: 'bureau' })),
  ], at);
});

afterEach(async () => {
  await sfn?.stop();
  setClockOffset(0);
});

describe('annual-cycle.asl.json', () => {
  it('runs a cycle through all eleven stages on the bureau\'s advances and closes it', async () => {
    sfn = runner();
    await newCycle(2031);
    const execution = sfn.startExecution({ regionId: REGION, cycleId: '2031', stage: 1 });
    for (let stage = 1; stage <= STAGE_COUNT; stage++) {
      const { cycle, token } = await waitingToken(2031);
      expect(cycle.currentStage).toBe(stage);
      expect(cycle.stages[stage - 1]!.openedAt).toBeDefined();
      await advanceStage(bureau, cycle, token, new Date(now()).toISOString());
      sfn.sendTaskSuccess(token, stage === STAGE_COUNT ? { closed: true } : { closed: false, nextStage: stage + 1 });
    }
    await until(() => execution.status, (s) => s !== 'RUNNING', 'the execution to end');
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.states.filter((s) => s === 'AwaitAdvance')).toHaveLength(STAGE_COUNT);
    expect(execution.states.at(-1)).toBe('CycleClosed');
    // 汇总反馈 opened with the preliminary results computed, once (a cycle without categories: nothing to write).
    expect(execution.states.filter((s) => s === 'ComputeResults')).toHaveLength(1);
    expect(execution.states[execution.states.indexOf('ComputeResults') - 2]).toBe('OpenStage');
    expect(await latestRun(REGION, '2031')).toMatchObject({ status: 'done', categoriesTotal: 0, startedBy: 'system:workflow' });
    expect(stageNumber('preliminary_review')).toBe(7);
    const closed = await getCycle(REGION, '2031');
    expect(closed!.status).toBe('closed');
    expect(closed!.stages.every((s) => s.doneAt)).toBe(true);
  });

  it('escalates a missed deadline once, notifies the bureau, and keeps waiting for the advance', async () => {
    sfn = runner();
    await newCycle(2032, 5);
    const execution = sfn.startExecution({ regionId: REGION, cycleId: '2032', stage: 1 });
    const first = await waitingToken(2032);
    setClockOffset(clockOffset() + 6 * DAY);
    sfn.checkDeadlines();
    const escalated = await until(
      () => getCycle(REGION, '2032'),
      (c) => Boolean(c?.stages[0]!.escalatedAt && c.stages[0]!.taskToken !== first.token),
      'escalation and a new wait',
    );
    expect(execution.states).toEqual(expect.arrayContaining(['Escalate', 'MustContinueAsNew', 'WaitAgain']));
    const notices = await listNotices(REGION, 'yl-jxb', 10);
    expect(notices.items.filter((n) => n.kind === 'stage.overdue')).toHaveLength(1);
    expect(notices.items[0]!.title).toContain('方案');
    // A second pass of the clock does not escalate again.
    setClockOffset(clockOffset() + DAY);
    sfn.checkDeadlines();
    expect(execution.states.filter((s) => s === 'Escalate')).toHaveLength(1);
    // The bureau can still advance the overdue stage.
    const token = escalated!.stages[0]!.taskToken!;
    await advanceStage(bureau, escalated!, token, new Date(now()).toISOString());
    sfn.sendTaskSuccess(token, { closed: false, nextStage: 2 });
    const next = await waitingToken(2032);
    expect(next.cycle.currentStage).toBe(2);
  });

  it('continues in a new execution when one nears the one-year limit', async () => {
    sfn = runner();
    await newCycle(2033, 400);
    const first = sfn.startExecution({ regionId: REGION, cycleId: '2033', stage: 1 });
    await waitingToken(2033);
    setClockOffset(clockOffset() + 401 * DAY);
    sfn.checkDeadlines();
    await until(() => first.status, (s) => s === 'SUCCEEDED', 'the first execution to hand over');
    expect(first.states.at(-1)).toBe('ContinueAsNew');
    const second = [...sfn.executions.values()].find((e) => e !== first)!;
    expect(second.input).toMatchObject({ regionId: REGION, cycleId: '2033', stage: 1 });
    await until(() => second.states, (s) => s.includes('AwaitAdvance'), 'the new execution to wait');
  });

  it('resumes an open cycle at its current stage after a restart', async () => {
    sfn = runner();
    await newCycle(2034);
    sfn.startExecution({ regionId: REGION, cycleId: '2034', stage: 1 });
    const { cycle, token } = await waitingToken(2034);
    await advanceStage(bureau, cycle, token, new Date(now()).toISOString());
    sfn.sendTaskSuccess(token, { closed: false, nextStage: 2 });
    const before = await waitingToken(2034);
    await sfn.stop(); // the local stack goes down

    sfn = runner(); // and comes back: it starts a run at the current stage
    sfn.startExecution({ regionId: REGION, cycleId: '2034', stage: before.cycle.currentStage });
    const after = await until(
      () => getCycle(REGION, '2034'),
      (c) => Boolean(c?.stages[1]!.taskToken && c.stages[1]!.taskToken !== before.token),
      'the resumed wait',
    );
    expect(after!.currentStage).toBe(2);
    expect(after!.stages[1]!.openedAt).toBe(before.cycle.stages[1]!.openedAt);
    expect(() => sfn.sendTaskSuccess(before.token, {})).toThrow(/does not exist/);
  });
});
