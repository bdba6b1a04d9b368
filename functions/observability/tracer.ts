// The X-Ray tracer (Powertools), loaded only where it traces: inside Lambda with tracing switched
// on. Loading it costs ~180 ms of cold start (the X-Ray SDK sets itself up on import: measured by
// test/bench/cold-start.ts), so where tracing is off — POWERTOOLS_TRACE_ENABLED=false, set by CDK
// where the partition has no X-Ray for Lambda (China), or any process outside Lambda (the local
// stack, tests) — it is never evaluated and every call below is a no-op.
import type { MiddlewareObj } from '@middy/core';
import { SERVICE_NAME } from './names.ts';

export const tracingOn = process.env.POWERTOOLS_TRACE_ENABLED !== 'false' && Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

const powertools = tracingOn
  ? await Promise.all([import('@aws-lambda-powertools/tracer'), import('@aws-lambda-powertools/tracer/middleware')])
  : undefined;
const tracer = powertools && new powertools[0].Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME });

/** An AWS SDK v3 client whose calls appear as subsegments of the invocation's trace (the same client when not tracing). */
export function traced<T>(client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

/** The middleware that opens the invocation's segment (none when not tracing). No response in traces: answers carry people's data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function traceMiddleware(): MiddlewareObj<any, any>[] {
  return powertools && tracer ? [powertools[1].captureLambdaHandler(tracer, { captureResponse: false })] : [];
}

export function annotate(key: string, value: string): void {
  tracer?.putAnnotation(key, value);
}
