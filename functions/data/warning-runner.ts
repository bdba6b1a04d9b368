// Starts a recolour run (handlers/workflow/recolour-warnings.ts) without waiting for it: in AWS an
// asynchronous Lambda invoke (the API answers at once, the portal polls the run); the local stack
// and the integration tests run it in-process instead, registered here.
import { env } from '../config/env.ts';
import type { WarningRunRecord } from '../model/warning-run.ts';
import { logger } from '../observability/logger.ts';

export interface RecolourEvent {
  run: WarningRunRecord;
}
type Runner = (event: RecolourEvent) => Promise<unknown>;
let inProcess: Runner | undefined;

/** Local stack and tests: run the recolour in this process. */
export function recolourInProcess(runner: Runner | undefined): void {
  inProcess = runner;
}

export async function startRecolour(event: RecolourEvent): Promise<void> {
  if (inProcess) {
    void inProcess(event).catch((e) => logger.error('recolour run failed', { runId: event.run.id, error: (e as Error).message }));
    return;
  }
  // Loaded only here: no other API path pays for the Lambda client.
  const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
  await new LambdaClient({}).send(new InvokeCommand({ FunctionName: env.warningsFunctionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(event)) }));
}
