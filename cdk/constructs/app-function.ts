// The one place with our Lambda defaults: Node 24, ESM bundle, explicit log group and a role of its own,
// and the Powertools settings every function reads (functions/observability/).
import { type CfnElement, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Architecture } from 'aws-cdk-lib/aws-lambda';
import { Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../functions/observability/names.ts';
import { REPO_ROOT, repoPath } from './paths.ts';

/** The single runtime constant for all our functions (async handlers only on Node 24). */
export const RUNTIME = Runtime.NODEJS_24_X;
/** Security target M9: every log store keeps ≥ 365 days. */
export const LOG_RETENTION = RetentionDays.THIRTEEN_MONTHS;

export interface AppFunctionProps {
  /** Entry file relative to the repository root, exporting `handler`. */
  entry: string;
  architecture: Architecture;
  description: string;
  timeout?: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
  /** X-Ray active tracing (config.tracing.lambda: off where the partition has no X-Ray for Lambda). */
  tracing: boolean;
}

export class AppFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.RETAIN });
    // Own role without the AWSLambdaBasicExecutionRole managed policy (cdk-nag IAM4): it may write only its own log group.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal(ServicePrincipal.servicePrincipalName('lambda')),
      description: `Execution role of ${id}`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry: repoPath(props.entry),
      handler: 'handler',
      description: props.description,
      runtime: RUNTIME,
      architecture: props.architecture,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      // Stack traces point into the TypeScript sources (the .map file sits next to index.mjs).
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // Without active tracing there is no trace to add to: the tracer stays a no-op.
        POWERTOOLS_TRACE_ENABLED: String(props.tracing),
        ...props.environment,
      },
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      role,
      logGroup,
      projectRoot: REPO_ROOT,
      depsLockFilePath: repoPath('package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        // middy 7 and zod are ESM; bundled CJS deps (the AWS SDK's) still call require().
        banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Bundle the AWS SDK too: the exact versions in package-lock.json run in every region (the runtime's
        // built-in SDK version differs by region and lags in China), the same code the local stack tests.
        externalModules: [],
      },
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.stack.getLogicalId(logGroup.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason: 'Log streams of this function\'s own log group only (the stream name is chosen by Lambda).',
    });
    if (props.tracing) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions (CDK-generated for active tracing).',
      });
    }
  }
}
