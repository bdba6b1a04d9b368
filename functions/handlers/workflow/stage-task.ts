// The tasks of the annual-cycle state machine (statemachines/annual-cycle.asl.json):
//   open     record the stage as open and say how long to wait for the bureau
//   await    keep the task token the bureau's advance will answer (the state waits on it)
//   escalate after a timeout: record a missed deadline, and say whether to continue in a new execution
import * as z from 'zod';
import { now, nowIso } from '../../config/clock.ts';
import { getCycle, markStageOpened, storeTaskToken } from '../../data/cycles.ts';
import { deadlineInstant } from '../../domain/dates.ts';
import { isNewlyOverdue, mustContinueAsNew, planWait } from '../../domain/stage-wait.ts';
import { logger } from '../../observability/logger.ts';
import { businessEvent } from '../../observability/metrics.ts';
import { observedHandler } from '../../observability/middleware.ts';
import { escalateStage, systemActor } from './escalation.ts';

const WORKFLOW = 'system:workflow';

const base = { regionId: z.string().min(1), cycleId: z.string().min(1), stage: z.number().int().min(1) };
export const stageTaskEvent = z.discriminatedUnion('action', [
  z.object({ action: z.literal('open'), ...base, executionStartedAt: z.string() }),
  z.object({ action: z.literal('await'), ...base, taskToken: z.string().min(1) }),
  z.object({ action: z.literal('escalate'), ...base, executionStartedAt: z.string() }),
]);
export type StageTaskEvent = z.infer<typeof stageTaskEvent>;

async function currentStage(e: { regionId: string; cycleId: string; stage: number }) {
  const cycle = await getCycle(e.regionId, e.cycleId);
  const stage = cycle?.stages[e.stage - 1];
  if (!cycle || !stage) throw new Error(`cycle ${e.regionId}/${e.cycleId} stage ${e.stage} not found`);
  return { cycle, stage };
}

async function run(raw: unknown) {
  const e = stageTaskEvent.parse(raw);
  logger.appendKeys({ regionId: e.regionId, cycleId: e.cycleId, stage: e.stage });
  const actor = systemActor(e.regionId, WORKFLOW);
  switch (e.action) {
    case 'open': {
      const { stage } = await currentStage(e);
      if (await markStageOpened(actor, e.regionId, e.cycleId, e.stage, nowIso())) {
        logger.info('stage opened');
        businessEvent('StageOpened');
      }
      return planWait(stage.deadline, Date.parse(e.executionStartedAt), now());
    }
    case 'await': {
      // A replay with the token already kept writes nothing (storeTaskToken answers false).
      if (!(await storeTaskToken(actor, e.regionId, e.cycleId, e.stage, e.taskToken, nowIso()))) logger.info('task token already kept');
      const { stage } = await currentStage(e);
      return { deadlineAt: deadlineInstant(stage.deadline), escalated: stage.escalatedAt !== undefined };
    }
    case 'escalate': {
      const { cycle, stage } = await currentStage(e);
      if (isNewlyOverdue(stage.deadline, stage.escalatedAt, now())) await escalateStage(cycle, stage, WORKFLOW);
      return { continueAsNew: mustContinueAsNew(Date.parse(e.executionStartedAt), now()) };
    }
  }
}

const ACTIONS: readonly unknown[] = stageTaskEvent.options.map((o) => o.shape.action.value);

/** The task Lambda; each action is its own route in the logs and metrics (`workflow open`, …). */
export const handler = observedHandler(run, {
  describe: ({ event }) => {
    const action = (event as { action?: unknown } | undefined)?.action;
    return { route: `workflow ${ACTIONS.includes(action) ? action : 'invalid'}` };
  },
});
