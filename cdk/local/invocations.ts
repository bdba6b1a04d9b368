// Each local handler call as an invocation of its own. Lambda runs one invocation at a time per
// execution environment, unless AWS_LAMBDA_MAX_CONCURRENCY is set: then the runtime keeps each
// invocation's state in `globalThis.awslambda.InvokeStore`, and Powertools keeps the logger's request
// id and keys and the stored metrics per invocation there. The local stack serves every request in one
// process, many at once, so it does the same; otherwise one request's id and caller would appear on
// another's log lines.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

const REQUEST_ID = Symbol.for('_AWS_LAMBDA_REQUEST_ID');
const X_RAY_TRACE_ID = Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID');
const TENANT_ID = Symbol.for('_AWS_LAMBDA_TENANT_ID');
type Store = Record<string | symbol, unknown>;

/** The InvokeStore interface as the Lambda Node.js runtime provides it (what Powertools and the AWS SDK call). */
class LocalInvokeStore {
  private readonly als = new AsyncLocalStorage<Store>();
  getContext = () => this.als.getStore();
  hasContext = () => this.als.getStore() !== undefined;
  get = (key: string | symbol) => this.als.getStore()?.[key];
  set = (key: string | symbol, value: unknown) => {
    const store = this.als.getStore();
    if (!store) throw new Error('No context available');
    store[key] = value;
  };
  run = <T>(context: Store, fn: () => T): T => this.als.run(context, fn);
  getRequestId = () => (this.get(REQUEST_ID) as string | undefined) ?? '-';
  getXRayTraceId = () => this.get(X_RAY_TRACE_ID) as string | undefined;
  getTenantId = () => this.get(TENANT_ID) as string | undefined;
  getTraceparent = () => undefined;
  getTracestate = () => undefined;
  getBaggage = () => undefined;
}

function store(): LocalInvokeStore {
  const g = globalThis as { awslambda?: { InvokeStore?: unknown } };
  g.awslambda ??= {};
  if (!(g.awslambda.InvokeStore instanceof LocalInvokeStore)) g.awslambda.InvokeStore = new LocalInvokeStore();
  // Powertools reads this on every call and then expects the store: set together, never one alone.
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64';
  return g.awslambda.InvokeStore as LocalInvokeStore;
}

/** Runs `fn` as the invocation `requestId`: what it logs and records stays with it. */
export function asInvocation<T>(requestId: string, fn: () => T): T {
  return store().run({ [REQUEST_ID]: requestId }, fn);
}

/** A Lambda context as the runtime hands it over, for a local invocation. */
export function localContext(functionName: string, awsRequestId: string = randomUUID(), timeoutMs = 300_000): Context {
  const deadline = Date.now() + timeoutMs;
  const unsupported = () => {
    throw new Error('callback-style completion is not used by our handlers');
  };
  return {
    awsRequestId,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** Calls a non-HTTP handler (a state-machine task, the daily job) as Lambda would: with a context of its own. */
export function invokeLocally<E, R>(functionName: string, handler: (event: E, context: Context) => Promise<R>, event: E): Promise<R> {
  const context = localContext(functionName);
  return asInvocation(context.awsRequestId, () => handler(event, context));
}
