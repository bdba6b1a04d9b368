// The annual-cycle state machine, reached through the Step Functions API. Locally SFN_ENDPOINT
// points the same client at the local runner.
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { env } from '../config/env.ts';
import { traced } from '../observability/tracer.ts';

let client: SFNClient | undefined;
let clientEndpoint: string | undefined;

function sfn(): SFNClient {
  const endpoint = env.sfnEndpoint;
  if (!client || endpoint !== clientEndpoint) {
    clientEndpoint = endpoint;
    client = traced(
      new SFNClient(endpoint ? { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    );
  }
  return client;
}

/** What a run of the state machine starts with: the cycle and the stage to open first. */
export interface CycleRunInput {
  regionId: string;
  cycleId: string;
  stage: number;
}

/** What the bureau's advance hands to the waiting stage task. */
export type AdvanceOutput = { closed: true } | { closed: false; nextStage: number };

export async function startCycleRun(input: CycleRunInput, at: number): Promise<void> {
  await sfn().send(
    new StartExecutionCommand({
      stateMachineArn: env.stateMachineArn,
      // Names are unique per state machine for 90 days; the time keeps a restart at the same stage distinct.
      name: `${input.regionId}-${input.cycleId}-s${input.stage}-${at}`,
      input: JSON.stringify(input),
    }),
  );
}

export async function completeStageWait(taskToken: string, output: AdvanceOutput): Promise<void> {
  await sfn().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
}
