// Alarms, the dashboard, the daily job's dead letters and tracing, for both targets (called from sharedChecks).
import { expect, it } from 'vitest';
import { BUSINESS_EVENTS, METRICS_NAMESPACE, ROUTE_METRICS, SERVICE_NAME } from '../../functions/observability/names.ts';
import { ofType, statements } from './shared.ts';
import type { Synth } from './synth.ts';

type Dimension = { Name: string; Value: unknown };
const nodeFunctions = (s: Synth) => ofType(s, 'AWS::Lambda::Function').filter(([, r]) => String(r.Properties.Runtime).startsWith('nodejs'));
const idOf = (s: Synth, type: string, prefix: string) => {
  const found = ofType(s, type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}*`).toHaveLength(1);
  return found[0]![0];
};

export function observabilityChecks(get: () => Synth) {
  it('alarms on API 5xx, on errors and throttles of every function, on failed executions and failed daily runs, all to one encrypted topic', () => {
    const s = get();
    const alarms = ofType(s, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const [[topicId, topic]] = ofType(s, 'AWS::SNS::Topic') as any;
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    for (const a of alarms) {
      expect(a.AlarmActions, a.MetricName).toEqual([{ Ref: topicId }]);
      expect(a.Threshold, a.MetricName).toBe(1);
      expect(a.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
      expect(a.TreatMissingData).toBe('notBreaching');
    }
    const on = (namespace: string, metric: string, dimension: Dimension) =>
      alarms.filter((a) => a.Namespace === namespace && a.MetricName === metric && JSON.stringify(a.Dimensions) === JSON.stringify([dimension]));

    const apiId = ofType(s, 'AWS::ApiGatewayV2::Api')[0]![0];
    expect(on('AWS/ApiGateway', '5xx', { Name: 'ApiId', Value: { Ref: apiId } })).toHaveLength(1);
    const fns = nodeFunctions(s);
    for (const [fnId] of fns) {
      for (const metric of ['Errors', 'Throttles']) expect(on('AWS/Lambda', metric, { Name: 'FunctionName', Value: { Ref: fnId } }), `${fnId} ${metric}`).toHaveLength(1);
    }
    const smId = ofType(s, 'AWS::StepFunctions::StateMachine')[0]![0];
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted', 'ExecutionThrottled']) {
      expect(on('AWS/States', metric, { Name: 'StateMachineArn', Value: { Ref: smId } }), metric).toHaveLength(1);
    }
    expect(on('AWS/Scheduler', 'TargetErrorCount', { Name: 'ScheduleGroup', Value: 'default' })).toHaveLength(1);
    const dlqId = idOf(s, 'AWS::SQS::Queue', 'DailyDeadLetters');
    expect(on('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } })).toHaveLength(1);
    expect(alarms).toHaveLength(1 + 2 * fns.length + 4 + 2);
  });

  it('encrypts the alarm topic with a rotating key CloudWatch may use, allows only TLS, and lets CloudWatch of this account publish', () => {
    const s = get();
    const [[topicId, topic]] = ofType(s, 'AWS::SNS::Topic') as any;
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    const key = Object.fromEntries(ofType(s, 'AWS::KMS::Key'))[keyId]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
    );
    const [[, policy]] = ofType(s, 'AWS::SNS::TopicPolicy').filter(([, p]) => JSON.stringify(p.Properties.Topics) === JSON.stringify([{ Ref: topicId }])) as any;
    const st = policy.Properties.PolicyDocument.Statement;
    expect(st).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(st).toContainEqual(
      expect.objectContaining({ Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'cloudwatch.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '000000000000' } } }),
    );
  });

  it('ends a failed daily run in the encrypted dead-letter queue: the scheduler\'s retries for delivery, Lambda\'s for the run', () => {
    const s = get();
    const dlqId = idOf(s, 'AWS::SQS::Queue', 'DailyDeadLetters');
    const dlq = Object.fromEntries(ofType(s, 'AWS::SQS::Queue'))[dlqId]!;
    expect(dlq.Properties.SqsManagedSseEnabled ?? dlq.Properties.KmsMasterKeyId).toBeTruthy();
    const dlqArn = { 'Fn::GetAtt': [dlqId, 'Arn'] };
    const [[, schedule]] = ofType(s, 'AWS::Scheduler::Schedule') as any;
    expect(schedule.Properties.Target.DeadLetterConfig).toEqual({ Arn: dlqArn });
    expect(schedule.Properties.Target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
    // The dispatcher and each region's worker: Lambda's retries, then the same queue, and only that queue.
    const dailyIds = nodeFunctions(s).filter(([, f]) => /daily job|^Daily/.test(f.Properties.Description)).map(([id]) => id);
    expect(dailyIds).toHaveLength(2);
    const invokeConfigs = ofType(s, 'AWS::Lambda::EventInvokeConfig') as any[];
    expect(invokeConfigs.map(([, c]) => c.Properties.FunctionName.Ref).sort()).toEqual([...dailyIds].sort());
    for (const [, invokeConfig] of invokeConfigs) expect(invokeConfig.Properties).toMatchObject({ MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: dlqArn } } });
    for (const dailyId of dailyIds) {
      const fnRole = Object.fromEntries(nodeFunctions(s))[dailyId]!.Properties.Role['Fn::GetAtt'][0];
      const sends = ofType(s, 'AWS::IAM::Policy')
        .filter(([, p]) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === fnRole))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
        .filter((st: any) => [st.Action].flat().includes('sqs:SendMessage'));
      expect(sends.map((st: any) => st.Resource), dailyId).toEqual([dlqArn]);
    }
  });

  it('has one dashboard: API, functions, executions, the daily job, per-route and business-event metrics, alarm states', () => {
    const s = get();
    const [[, dashboard], ...more] = ofType(s, 'AWS::CloudWatch::Dashboard') as any;
    expect(more).toHaveLength(0);
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const needle of ['AWS/ApiGateway', 'AWS/Lambda', 'AWS/States', 'AWS/Scheduler', 'AWS/SQS', 'alarm', METRICS_NAMESPACE, ...Object.values(ROUTE_METRICS), ...BUSINESS_EVENTS]) {
      expect(body, needle).toContain(needle);
    }
  });

  it('gives every function the Powertools settings, and traces where the partition offers it', () => {
    const s = get();
    const tracing = s.target === 'global';
    for (const [id, fn] of nodeFunctions(s)) {
      expect(fn.Properties.Environment.Variables, id).toMatchObject({
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_TRACE_ENABLED: String(tracing),
      });
      expect(fn.Properties.TracingConfig?.Mode === 'Active', id).toBe(tracing);
    }
    const [[, sm]] = ofType(s, 'AWS::StepFunctions::StateMachine') as any;
    expect(sm.Properties.TracingConfiguration?.Enabled ?? false).toBe(tracing);
    const xray = statements(s).filter((st) => [st.Action].flat().includes('xray:PutTraceSegments'));
    expect(xray.length > 0).toBe(tracing);
  });
}
