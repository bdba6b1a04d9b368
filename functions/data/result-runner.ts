// Starts the preliminary-results computation (handlers/workflow/compute-results.ts) without waiting
// for it: in AWS an asynchronous Lambda invoke (the API answers at once, the portal polls the run);
// the local stack and the integration tests run it in-process instead, registered here.
import { env } from '../config/env.ts';
import type { ResultRunRecord } from '../model/result.ts';
import { logger } from '../observability/logger.ts';

export interface ComputeEvent {
  regionId: string;
  cycleId: string;
  run: ResultRunRecord;
  by: string;
}
type Runner = (event: ComputeEvent) => Promise<unknown>;
let inProcess: Runner | undefined;

/** Local stack and tests: run the computation in this process (as the daily job runs). */
export function runComputationInProcess(runner: Runner | undefined): void {
  inProcess = runner;
}

export async function startComputation(event: ComputeEvent): Promise<void> {
  if (inProcess) {
    void inProcess(event).catch((e) => logger.error('results computation failed', { runId: event.run.id, error: (e as Error).message }));
    return;
  }
  // Loaded only here: no other API path pays for the Lambda client.
  const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
  await new LambdaClient({}).send(new InvokeCommand({ FunctionName: env.resultsFunctionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(event)) }));
}
