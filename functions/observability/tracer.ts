// The one X-Ray tracer (Powertools). It traces only inside Lambda with tracing switched on:
// POWERTOOLS_TRACE_ENABLED=false (set by CDK where the partition has no X-Ray for Lambda, i.e. China)
// or any process outside Lambda (the local stack, tests) leaves every call below a no-op.
import { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from './names.ts';

export const tracer: Tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME });

/** An AWS SDK v3 client whose calls appear as subsegments of the invocation's trace (the same client when not tracing). */
export function traced<T>(client: T): T {
  return tracer.captureAWSv3Client(client);
}
