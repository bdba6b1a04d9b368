// Configuration is read once, when a module loads, and a missing value fails fast.
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export const env = {
  get tableName() {
    return requireEnv('TABLE_NAME');
  },
  get stateMachineArn() {
    return requireEnv('STATE_MACHINE_ARN');
  },
  /** Set only by the local stack: AWS SDK clients talk to local endpoints instead of AWS. */
  get dynamoEndpoint() {
    return process.env.DYNAMODB_ENDPOINT;
  },
  /** The evidence bucket (progress reports' files). */
  get evidenceBucket() {
    return requireEnv('EVIDENCE_BUCKET');
  },
  /** Set only by the local stack: the local S3 (s3rver) the evidence bucket lives in. */
  get s3Endpoint() {
    return process.env.S3_ENDPOINT;
  },
  get sfnEndpoint() {
    return process.env.SFN_ENDPOINT;
  },
  /** The preliminary-results computation the results API starts asynchronously (functions/data/result-runner.ts). */
  get resultsFunctionName() {
    return requireEnv('RESULTS_FUNCTION_NAME');
  },
  /** The background recolour after new warning thresholds, started by the plan and progress APIs (functions/data/warning-runner.ts). */
  get warningsFunctionName() {
    return requireEnv('WARNINGS_FUNCTION_NAME');
  },
  /** The daily job's per-region worker (handlers/schedule/daily-region.ts); unset locally, where the regions run in-process. */
  get dailyRegionFunctionName() {
    return process.env.DAILY_REGION_FUNCTION_NAME;
  },
  /** Set (LOCAL_STACK=1) only by the local stack: readable log lines, no metric output, no tracing. */
  get localStack() {
    return process.env.LOCAL_STACK === '1';
  },
};
