// The daily job: EventBridge Scheduler at 01:00 Beijing time starts a dispatcher, which invokes one
// worker per region asynchronously (a province's regions side by side, each within 15 minutes); both
// retry, and what fails for good lands in one dead-letter queue.
import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AppConfig } from '../config.ts';
import { AppFunction } from './app-function.ts';
import type { Data } from './data.ts';

export interface DailyJobProps {
  config: AppConfig;
  data: Data;
}

export class DailyJob extends Construct {
  readonly fn: AppFunction;
  readonly regionFn: AppFunction;
  readonly schedule: Schedule;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, { config, data }: DailyJobProps) {
    super(scope, id);
    this.fn = new AppFunction(this, 'Fn', {
      entry: 'functions/handlers/schedule/daily.ts',
      description: 'Daily reminders and missed-deadline safety net',
      architecture: config.arch,
      tracing: config.tracing.lambda,
      timeout: Duration.minutes(5),
    });
    this.regionFn = new AppFunction(this, 'RegionFn', {
      entry: 'functions/handlers/schedule/daily-region.ts',
      description: "One region's share of the daily job",
      architecture: config.arch,
      tracing: config.tracing.lambda,
      timeout: Duration.minutes(15),
      memorySize: 1024,
    });
    // The dispatcher only reads which regions and cycles there are; the workers write.
    data.allowRead(this.fn);
    data.allowReadWrite(this.regionFn);
    this.regionFn.grantInvoke(this.fn);
    const regionFnId = Stack.of(this).getLogicalId(this.regionFn.node.defaultChild as CfnElement);
    Validations.of(this.fn.role!).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${regionFnId}.Arn>:*]`, reason: "Invoke any version/alias of the one region worker (CDK grantInvoke)." });
    this.fn.addEnvironment('DAILY_REGION_FUNCTION_NAME', this.regionFn.functionName);

    // Failed deliveries land here (alarm at > 0; China has no SQS redrive, so replay is a script).
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the daily schedule.' });
    // Scheduler invokes Lambda asynchronously: its retries and DLQ cover delivery only. A run that
    // fails in the function is retried by Lambda, then lands in the same queue.
    for (const fn of [this.fn, this.regionFn]) fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(2), onFailure: new SqsDestination(this.deadLetters) });

    // Own role (instead of CDK's stack-level singleton) so its one finding is acknowledged right here.
    const role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal(ServicePrincipal.servicePrincipalName('scheduler'), {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    const fnId = Stack.of(this).getLogicalId(this.fn.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`, reason: 'Invoke versions/aliases of the one daily function (CDK grantInvoke).' });

    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Daily job at 01:00 Asia/Shanghai',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '1', timeZone: TimeZone.ASIA_SHANGHAI }),
      // The job is idempotent (records each reminder/escalation once), so retries are safe.
      target: new LambdaInvoke(this.fn, { role, deadLetterQueue: this.deadLetters, retryAttempts: 3, maxEventAge: Duration.hours(2) }),
    });
  }
}
