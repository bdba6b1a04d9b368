// The daily job (EventBridge Scheduler, 01:00 Beijing time): reminders before deadlines, escalation
// after them, and a safety net that records any missed stage deadline the workflow has not recorded
// yet. This is the dispatcher: it finds the regions and their open cycles and hands each region to
// daily-region.ts. In AWS each region is its own asynchronous invocation, so a province's regions
// run side by side, each within one Lambda's 15 minutes; the local stack and the tests, which set no
// worker function, run the regions here one after another and get the summed counts back.
import { env } from '../../config/env.ts';
import { listOpenCycles } from '../../data/cycles.ts';
import { listRegions } from '../../data/regions.ts';
import { logger } from '../../observability/logger.ts';
import { observedHandler } from '../../observability/middleware.ts';
import { emptySummary, runRegion, type DailySummary, type RegionDay } from './daily-region.ts';

/** Every region, with its open cycles (a region without one still has complaints to watch). */
async function regionDays(): Promise<RegionDay[]> {
  const open = await listOpenCycles();
  return (await listRegions()).map(({ regionId }) => ({ regionId, cycleIds: open.filter((c) => c.regionId === regionId).map((c) => c.cycleId) }));
}

async function dispatch(days: RegionDay[]): Promise<void> {
  const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
  const lambda = new LambdaClient({});
  for (const day of days) {
    await lambda.send(new InvokeCommand({ FunctionName: env.dailyRegionFunctionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(day)) }));
  }
}

async function run(): Promise<DailySummary & { regions: number }> {
  const days = await regionDays();
  if (env.dailyRegionFunctionName) {
    await dispatch(days);
    logger.info('daily job dispatched', { regions: days.length });
    return { ...emptySummary(), regions: days.length };
  }
  const summary = emptySummary();
  for (const day of days) {
    const part = await runRegion(day);
    for (const k of Object.keys(summary) as (keyof DailySummary)[]) summary[k] += part[k];
  }
  logger.info('daily job', summary);
  return { ...summary, regions: days.length };
}

/** The scheduled Lambda (route `schedule daily` in the logs and metrics). */
export const handler = observedHandler(run, { route: 'schedule daily' });
