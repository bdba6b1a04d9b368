// The whole platform on one machine: DynamoDB Local, the table, demo data, the annual-cycle state
// machine run locally, the daily job, and the gateway serving the API and the built site.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { now } from '../../functions/config/clock.ts';
import { listOpenCycles } from '../../functions/data/cycles.ts';
import { DevClock } from './dev-clock.ts';
import { ensureTable, startDynamoLocal, type DynamoLocal } from './dynamodb-local.ts';
import { startEvidenceStore } from './evidence-store.ts';
import { GROUPS } from '../../functions/http/routes.ts';
import { LocalGateway, type GatewayOptions, type OidcIssuer } from './gateway.ts';
import type { Limits } from '../../functions/http/limits.ts';
import { asInvocation, invokeLocally } from './invocations.ts';
import { seedDemo } from './seed.ts';
import { LocalStepFunctions } from './step-functions-local.ts';
import { TokenIssuer } from './token-issuer.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const TABLE_NAME = 'jixiao-local';
const STATE_MACHINE_ARN = 'arn:aws:states:local:000000000000:stateMachine:annual-cycle';
const HOUR_MS = 3_600_000;

export interface LocalStackOptions {
  /** Keep data here (a restart keeps it); without it everything lives in memory. */
  dataDir?: string;
  port?: number;
  /** Existing DynamoDB Local to use instead of starting one (tests share one). */
  dynamoEndpoint?: string;
  tableName?: string;
  log?: (line: string) => void;
  /** Sign in at this OIDC issuer instead of the local one; the named claim is the username. */
  oidc?: OidcIssuer & { usernameClaim: string };
  /**
   * Request limits on the gateway, as in AWS (`LIMITS` from functions/http/limits.ts: `npm start` and
   * the e2e portal use them). Unset: none, for tests that drive many requests as one caller.
   */
  limits?: Limits;
}

export interface LocalStack {
  url: string;
  dynamoEndpoint: string;
  /** The local evidence bucket (s3rver). */
  evidenceEndpoint: string;
  sfnEndpoint: string;
  stepFunctions: LocalStepFunctions;
  clock: DevClock;
  runDailyJob(): Promise<unknown>;
  /** The local token issuer (tests sign expired or odd tokens with it). */
  issuer: TokenIssuer;
  timings: Record<string, number>;
  stop(): Promise<void>;
}

export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const log = opts.log ?? (() => {});
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const mark = (name: string) => (timings[name] = Math.round(performance.now() - t0));
  if (opts.dataDir) mkdirSync(join(opts.dataDir, 'dynamodb'), { recursive: true });

  let dynamo: DynamoLocal | undefined;
  const dynamoEndpoint = opts.dynamoEndpoint ?? (dynamo = await startDynamoLocal({ dataDir: opts.dataDir && join(opts.dataDir, 'dynamodb') })).endpoint;
  mark('dynamodb');
  const evidence = await startEvidenceStore(opts.dataDir);
  mark('evidence');
  // The handlers read their configuration from the environment, as in Lambda.
  const tableName = opts.tableName ?? TABLE_NAME;
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = dynamoEndpoint;
  process.env.STATE_MACHINE_ARN = STATE_MACHINE_ARN;
  process.env.S3_ENDPOINT = evidence.endpoint;
  process.env.EVIDENCE_BUCKET = evidence.bucket;
  if (opts.oidc) process.env.USERNAME_CLAIM = opts.oidc.usernameClaim;
  else delete process.env.USERNAME_CLAIM;
  // Observability (functions/observability/): readable log lines, metrics only at DEBUG, no tracing.
  process.env.LOCAL_STACK = '1';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_TRACE_ENABLED = 'false';

  if (await ensureTable(dynamoEndpoint, tableName)) log('created table');
  // Imported only now: handlers read their configuration from the environment when they load.
  const { handler: stageTask } = await import('../../functions/handlers/workflow/stage-task.ts');
  const { handler: daily } = await import('../../functions/handlers/schedule/daily.ts');
  const { handler: computeResultsHandler } = await import('../../functions/handlers/workflow/compute-results.ts');
  // The bureau's 计算初步结果 starts the computation without waiting (a Lambda async invoke in AWS): here, in-process.
  const { runComputationInProcess } = await import('../../functions/data/result-runner.ts');
  runComputationInProcess((event) => invokeLocally('local-compute-results', computeResultsHandler, event));
  // A plan approval with new warning thresholds (or the bureau's restart) starts the recolour the same way.
  const { handler: recolourHandler } = await import('../../functions/handlers/workflow/recolour-warnings.ts');
  const { recolourInProcess } = await import('../../functions/data/warning-runner.ts');
  recolourInProcess((event) => invokeLocally('local-recolour-warnings', recolourHandler, event));
  // Each call is an invocation of its own, as in Lambda (its request id and caller stay on its log lines).
  type ApiHandler = GatewayOptions['handlers'][(typeof GROUPS)[number]];
  const apiHandlers = Object.fromEntries(
    await Promise.all(
      GROUPS.map(async (g) => {
        const handler = (await import(`../../functions/handlers/api/${g}.ts`)).handler as ApiHandler;
        const invoke = ((event: Parameters<ApiHandler>[0], context: Parameters<ApiHandler>[1]) =>
          asInvocation(context.awsRequestId, () => handler(event, context))) as ApiHandler;
        return [g, invoke] as const;
      }),
    ),
  ) as GatewayOptions['handlers'];
  const seeded = await seedDemo(new Date(now()).toISOString());
  if (seeded.length) log(`seeded the demo data: ${seeded.join(', ')}`);
  mark('seed');

  const stepFunctions = new LocalStepFunctions({
    aslPath: join(ROOT, 'statemachines/annual-cycle.asl.json'),
    stateMachineArn: STATE_MACHINE_ARN,
    functions: {
      StageTaskFunctionArn: (payload) => invokeLocally('local-stage-task', stageTask, payload),
      ComputeResultsFunctionArn: (payload) => invokeLocally('local-compute-results', computeResultsHandler, payload),
    },
    now,
    log,
  });
  const sfnEndpoint = await stepFunctions.listen();
  process.env.SFN_ENDPOINT = sfnEndpoint;

  // Resume: every open cycle continues at its current stage in a new run.
  for (const c of await listOpenCycles()) {
    stepFunctions.startExecution({ regionId: c.regionId, cycleId: c.cycleId, stage: c.currentStage }, `${c.regionId}-${c.cycleId}-resume-${Date.now()}`);
  }
  mark('workflow');

  let dailyRunning: Promise<unknown> = Promise.resolve();
  const runDailyJob = () => (dailyRunning = dailyRunning.then(() => invokeLocally('local-daily', daily, {})).catch((e) => log(`daily job failed: ${e}`)));
  const clock = new DevClock(opts.dataDir, async () => {
    stepFunctions.checkDeadlines();
    await runDailyJob();
  });
  const watcher = setInterval(() => stepFunctions.checkDeadlines(), 1000);
  const dailyTimer = setInterval(() => void runDailyJob(), HOUR_MS);
  // The first run is awaited: the stack is ready once today's reminders, escalations and early-warning
  // colours are in, so nothing writes behind the first requests (and tests read a settled table).
  await runDailyJob();
  mark('daily');

  const issuer = await TokenIssuer.create(opts.dataDir);
  const gateway = new LocalGateway({
    handlers: apiHandlers,
    issuer,
    ...(opts.oidc ? { oidc: { issuer: opts.oidc.issuer, audience: opts.oidc.audience } } : {}),
    clock,
    siteDir: join(ROOT, 'web/dist'),
    evidenceOrigin: evidence.endpoint,
    port: opts.port,
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  const url = await gateway.listen();
  mark('ready');

  return {
    url,
    dynamoEndpoint,
    evidenceEndpoint: evidence.endpoint,
    sfnEndpoint,
    stepFunctions,
    clock,
    issuer,
    runDailyJob,
    timings,
    stop: async () => {
      clearInterval(watcher);
      clearInterval(dailyTimer);
      await gateway.close();
      await stepFunctions.stop();
      await dailyRunning;
      await dynamo?.stop();
      await evidence.stop();
    },
  };
}
