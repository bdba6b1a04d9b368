// What a person must act on, and one place to look: alarms (to an encrypted SNS topic) on API 5xx,
// Lambda errors and throttles, failed state-machine executions and failed daily runs, and one
// dashboard with the API, the functions, the workflow, the daily job and our own metrics
// (functions/observability/names.ts). Tracing itself is switched per function and on the state
// machine (config.tracing).
import { Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  Stats,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { BUSINESS_EVENTS, METRICS_NAMESPACE, ROUTE_METRICS, SERVICE_NAME } from '../../functions/observability/names.ts';
import type { AppConfig } from '../config.ts';
import type { Api } from './api.ts';
import type { AppFunction } from './app-function.ts';
import type { DailyJob } from './schedule.ts';
import type { Workflow } from './workflow.ts';

export interface ObservabilityProps {
  config: AppConfig;
  api: Api;
  workflow: Workflow;
  daily: DailyJob;
}

const FIVE_MINUTES = Duration.minutes(5);
const sum = { period: FIVE_MINUTES, statistic: Stats.SUM };

export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, { config, api, workflow, daily }: ObservabilityProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const cloudwatch = new ServicePrincipal(ServicePrincipal.servicePrincipalName('cloudwatch'));

    // CloudWatch cannot use the AWS-managed SNS key, so the topic has a key of its own that CloudWatch may use.
    const key = new Key(this, 'AlarmTopicKey', { description: 'Encrypts the alarm topic of the performance platform', enableKeyRotation: true });
    key.addToResourcePolicy(new PolicyStatement({ principals: [cloudwatch], actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: ['*'] }));
    this.topic = new Topic(this, 'AlarmTopic', { displayName: '绩效管理平台告警 Jixiao alarms', masterKey: key, enforceSSL: true });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudwatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    for (const email of config.alarmEmails) this.topic.addSubscription(new EmailSubscription(email));
    const action = new SnsAction(this.topic);

    /** Fires when one 5-minute period reaches `threshold`; no data is no problem. */
    const alarm = (alarmId: string, metric: IMetric, description: string, threshold = 1) => {
      const a = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      this.alarms.push(a);
      return a;
    };

    // The HTTP API: every 5xx is a fault of ours or an outage (the chain answers 4xx for the caller's
    // mistakes). HTTP APIs publish no throttle metric (their 429s are counted in 4xx), so throttling
    // is watched where it hurts: the functions (below) and the state machine.
    const httpApi = api.httpApi;
    alarm('Api5xx', httpApi.metricServerError(sum), 'The HTTP API answered 5xx (an unhandled error, a timeout or a throttled function).');

    const functions: Array<[string, AppFunction]> = [
      ...Object.entries(api.functions).map(([group, fn]): [string, AppFunction] => [`Api${group[0]!.toUpperCase()}${group.slice(1)}`, fn]),
      ['StageTask', workflow.stageTask],
      ['ComputeResults', workflow.computeResults],
      ['RecolourWarnings', workflow.recolourWarnings],
      ['Daily', daily.fn],
      ['DailyRegion', daily.regionFn],
    ];
    for (const [name, fn] of functions) {
      alarm(`${name}Errors`, fn.metricErrors(sum), `Lambda ${name} failed (crash, timeout or out of memory); its log group has the 'failed' line.`);
      alarm(`${name}Throttles`, fn.metricThrottles(sum), `Lambda ${name} was throttled (account or reserved concurrency exhausted).`);
    }

    const sm = workflow.stateMachine;
    alarm('CycleExecutionsFailed', sm.metricFailed(sum), 'An annual-cycle execution failed: that cycle no longer advances or escalates until it is restarted.');
    alarm('CycleExecutionsTimedOut', sm.metricTimedOut(sum), 'An annual-cycle execution timed out.');
    alarm('CycleExecutionsAborted', sm.metricAborted(sum), 'An annual-cycle execution was stopped by hand or by the service.');
    alarm('CycleExecutionsThrottled', sm.metricThrottled(sum), 'Step Functions throttled an annual-cycle execution.');

    // The daily job: a run the scheduler could not deliver, or one that failed in the function after
    // Lambda's retries, ends in the dead-letter queue; the scheduler's own target errors show sooner.
    const schedules = ScheduleGroup.fromDefaultScheduleGroup(this, 'DefaultScheduleGroup');
    alarm('DailyScheduleTargetErrors', schedules.metricTargetErrors(sum), 'EventBridge Scheduler could not invoke the daily job (it retries, then dead-letters).');
    alarm(
      'DailyDeadLetters',
      daily.deadLetters.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: Stats.MAXIMUM }),
      'A daily run failed for good (undelivered, or failed after retries): read the message, fix, then run the job again.',
    );

    // ---- the dashboard ----
    const perFunction = (title: string, metricOf: (fn: AppFunction) => Metric) =>
      new GraphWidget({ title, width: 8, left: functions.map(([name, fn]) => metricOf(fn).with({ label: name })) });
    const ours = (metricName: string, stat: string = Stats.SUM, period = FIVE_MINUTES) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: SERVICE_NAME }, statistic: stat, period, label: metricName });
    const perRoute = (metricName: string, stat: string) =>
      new MathExpression({
        expression: `SEARCH('{${METRICS_NAMESPACE},route,service} MetricName="${metricName}"', '${stat}', 300)`,
        usingMetrics: {},
        label: '',
        period: FIVE_MINUTES,
      });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${stack.stackName}-operations`,
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new GraphWidget({
            title: 'API requests and errors',
            width: 12,
            left: [httpApi.metricCount({ ...sum, label: 'requests' })],
            right: [httpApi.metricClientError({ ...sum, label: '4xx' }), httpApi.metricServerError({ ...sum, label: '5xx' })],
          }),
          new GraphWidget({
            title: 'API latency (ms)',
            width: 12,
            left: [
              httpApi.metricLatency({ period: FIVE_MINUTES, statistic: Stats.p(50), label: 'p50' }),
              httpApi.metricLatency({ period: FIVE_MINUTES, statistic: Stats.p(90), label: 'p90' }),
              httpApi.metricIntegrationLatency({ period: FIVE_MINUTES, statistic: Stats.p(90), label: 'integration p90' }),
            ],
          }),
        ],
        [
          perFunction('Lambda errors', (fn) => fn.metricErrors(sum)),
          perFunction('Lambda duration p90 (ms)', (fn) => fn.metricDuration({ period: FIVE_MINUTES, statistic: Stats.p(90) })),
          perFunction('Lambda throttles', (fn) => fn.metricThrottles(sum)),
        ],
        [
          new GraphWidget({
            title: 'Annual-cycle executions',
            width: 12,
            left: [
              sm.metricStarted({ ...sum, label: 'started' }),
              sm.metricSucceeded({ ...sum, label: 'succeeded' }),
              sm.metricFailed({ ...sum, label: 'failed' }),
              sm.metricTimedOut({ ...sum, label: 'timed out' }),
              sm.metricAborted({ ...sum, label: 'aborted' }),
            ],
          }),
          new GraphWidget({
            title: 'Daily job',
            width: 12,
            left: [
              daily.fn.metricInvocations({ ...sum, label: 'runs' }),
              daily.fn.metricErrors({ ...sum, label: 'failed runs' }),
              daily.regionFn.metricInvocations({ ...sum, label: 'region runs' }),
              daily.regionFn.metricErrors({ ...sum, label: 'failed region runs' }),
            ],
            right: [
              schedules.metricTargetErrors({ ...sum, label: 'scheduler target errors' }),
              daily.deadLetters.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: Stats.MAXIMUM, label: 'dead letters' }),
            ],
          }),
        ],
        [
          new GraphWidget({
            title: 'Business events (per hour)',
            width: 24,
            left: BUSINESS_EVENTS.map((name) => ours(name, Stats.SUM, Duration.hours(1))),
          }),
        ],
        [
          new GraphWidget({ title: 'Requests per route', width: 8, left: [perRoute(ROUTE_METRICS.requests, 'Sum')] }),
          new GraphWidget({ title: '5xx and failures per route', width: 8, left: [perRoute(ROUTE_METRICS.errors, 'Sum')] }),
          new GraphWidget({ title: 'Latency per route, p90 (ms)', width: 8, left: [perRoute(ROUTE_METRICS.latency, 'p90')] }),
        ],
        [new AlarmStatusWidget({ title: 'Alarms', width: 24, alarms: this.alarms })],
      ],
    });
  }
}
