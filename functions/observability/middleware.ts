// observe(): the middy middlewares that make a handler observable — the logger carries the request
// id (and the route and caller once known), per-route metrics are recorded and flushed, the
// invocation is traced where tracing is on. observedHandler() wraps a plain handler with them.
import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj, type Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from './logger.ts';
import { metrics, recordInvocation } from './metrics.ts';
import { annotate as annotateTrace, traceMiddleware } from './tracer.ts';

/** What an invocation is about. Each key given is added to every log line of the invocation. */
export interface Invocation {
  /** The metric dimension `route` and the log key `route`: an HTTP route key, or e.g. `workflow open`. */
  route?: string;
  username?: string;
  role?: string;
  regionId?: string;
}

export interface ObserveOptions<E = unknown, R = unknown> {
  /**
   * Called twice: when the invocation starts (before any middleware used after observe(), so give
   * what the event alone says) and when it ends (after the guard and the handler: give everything).
   * Undefined values are left out.
   */
  describe?: (request: Request<E, R>) => Invocation;
  /** The route when describe names none (default: the function name, or `handler`). */
  route?: string;
}

/** Invocations need an id to be told apart; a call without a Lambda context (local, tests) gets one. */
function ensureContext<E, R>(): MiddlewareObj<E, R> {
  return {
    before: (request) => {
      const context = request.context as Partial<Context>;
      if (!context.awsRequestId) context.awsRequestId = randomUUID();
    },
  };
}

const statusOf = (response: unknown): number | undefined => {
  const status = (response as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};

/** The caller and route on the log lines, and the per-route metrics at the end. */
function invocationRecord<E, R>({ describe, route: fallback }: ObserveOptions<E, R>): MiddlewareObj<E, R> {
  const startedAt = new WeakMap<object, number>();
  const annotate = (request: Request<E, R>): string => {
    const described = describe?.(request) ?? {};
    const route = described.route || fallback || request.context.functionName || 'handler';
    const keys = Object.fromEntries(Object.entries(described).filter(([, v]) => v !== undefined && v !== ''));
    logger.appendKeys({ ...keys, route });
    return route;
  };
  const finish = (request: Request<E, R>, threw: boolean) => {
    const route = annotate(request);
    const ms = Math.round(performance.now() - (startedAt.get(request) ?? performance.now()));
    const status = statusOf(request.response);
    // A thrown error that no inner middleware turned into a response fails the invocation itself.
    const unhandled = threw && request.response === undefined;
    const failed = unhandled || (status !== undefined && status >= 500);
    recordInvocation(route, { failed, ms });
    annotateTrace('route', route);
    if (unhandled) logger.error('failed', { ms, error: request.error });
    else if (failed) logger.error('done', { status, ms });
    else logger.info('done', { status, ms });
  };
  return {
    before: (request) => {
      startedAt.set(request, performance.now());
      annotate(request);
    },
    after: (request) => finish(request, false),
    onError: (request) => finish(request, true),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const powertools = (m: ReturnType<typeof injectLambdaContext>): MiddlewareObj<any, any> => m;

/**
 * The middlewares to `.use()` first on a middy handler (before the chain's own, so their errors and
 * early work are covered too). Middlewares after it should throw rather than return early.
 */
export function observe<E = unknown, R = unknown>(options: ObserveOptions<E, R> = {}): MiddlewareObj<E, R>[] {
  return [
    ensureContext<E, R>(),
    // Powertools types its middlewares for any event (MiddlewareLikeObj); middy takes them as they are.
    powertools(injectLambdaContext(logger, { resetKeys: true })),
    powertools(logMetrics(metrics, { captureColdStartMetric: true })),
    ...traceMiddleware(),
    invocationRecord(options),
  ];
}

/** A plain async handler made observable; the context may be left out (the local stack, tests). */
export function observedHandler<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  options: ObserveOptions<E, R> = {},
): (event?: E, context?: Context) => Promise<R> {
  const run = middy<E, R>().use(observe(options)).handler(handler);
  return (event, context) => run(event as E, context ?? ({} as Context));
}
