// The global (aws partition) stack: template assertions and cdk-nag, from one synth.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { TABLE } from '../../functions/data/table.ts';
import { nagCanFail, ofType, resources, sharedChecks } from './shared.ts';
import { synth, type Synth } from './synth.ts';

let s: Synth;
beforeAll(() => {
  s = synth('global');
}, 120_000);

describe('global stack', () => {
  sharedChecks(() => s);
  nagCanFail();

  it('builds the table from TABLE: keys, GSIs, PITR, deletion protection, retained, no fixed name', () => {
    const [[, table], ...rest] = ofType(s, 'AWS::DynamoDB::GlobalTable') as any;
    expect(rest).toHaveLength(0);
    expect(table.DeletionPolicy).toBe('Retain');
    const p = table.Properties;
    expect(p.TableName).toBeUndefined();
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    expect(p.GlobalSecondaryIndexes).toEqual(
      TABLE.globalIndexes.map((g) => ({
        IndexName: g.indexName,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(p.Replicas).toHaveLength(1);
    expect(p.Replicas[0].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true);
    expect(p.Replicas[0].DeletionProtectionEnabled).toBe(true);
    // Ended sessions and sign-in guards expire (functions/data/sessions.ts, sign-in.ts).
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('runs the ASL file as a Standard state machine with logging ALL, tracing, and may restart itself', () => {
    const [[, sm]] = ofType(s, 'AWS::StepFunctions::StateMachine') as any;
    const p = sm.Properties;
    expect(p.StateMachineType).toBe('STANDARD');
    expect(p.DefinitionString).toBe(readFileSync(new URL('../../statemachines/annual-cycle.asl.json', import.meta.url), 'utf8'));
    expect(p.DefinitionSubstitutions.Partition).toBe('aws');
    expect(p.DefinitionSubstitutions.StageTaskFunctionArn['Fn::GetAtt'][1]).toBe('Arn');
    expect(p.LoggingConfiguration.Level).toBe('ALL');
    expect(p.TracingConfiguration.Enabled).toBe(true);
    // The ARN it may start (ContinueAsNew) is its own: same name, this account and region.
    expect(p.StateMachineName).toBe('Jixiao-annual-cycle');
    const ownArn = `arn:aws:states:ap-east-1:000000000000:stateMachine:${p.StateMachineName}`;
    s.template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: p.RoleArn['Fn::GetAtt'][0] }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'states:StartExecution', Resource: ownArn })]) },
    });
  });

  it('runs the daily job at 01:00 Asia/Shanghai with retries and a dead-letter queue', () => {
    s.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 1 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: Match.objectLike({ DeadLetterConfig: { Arn: Match.anyValue() }, RetryPolicy: Match.objectLike({ MaximumRetryAttempts: Match.anyValue() }) }),
    });
  });

  it('has a Cognito user pool without self sign-up, with MFA, a PKCE client without secret', () => {
    s.template.resourceCountIs('AWS::Cognito::UserPool', 1);
    s.template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true }, MfaConfiguration: 'ON' }),
    });
    // Roles live on the profile in our table, not in the pool.
    s.template.resourceCountIs('AWS::Cognito::UserPoolGroup', 0);
    const [[, client]] = ofType(s, 'AWS::Cognito::UserPoolClient') as any;
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.AllowedOAuthFlows).toEqual(['code']);
    expect(client.Properties.WriteAttributes ?? []).toEqual([]);
  });

  it('serves the site from a private bucket through CloudFront with OAC and SPA fallback', () => {
    const site = Object.entries(resources(s)).find(([id, r]) => r.Type === 'AWS::S3::Bucket' && id.startsWith('SiteBucket'))!;
    expect(site[1].Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    s.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const [[, d]] = ofType(s, 'AWS::CloudFront::Distribution') as any;
    const c = d.Properties.DistributionConfig;
    expect(c.DefaultRootObject).toBe('index.html');
    expect(c.CustomErrorResponses.map((e: any) => [e.ErrorCode, e.ResponseCode, e.ResponsePagePath])).toEqual([
      [403, 200, '/index.html'],
      [404, 200, '/index.html'],
    ]);
    expect(c.Origins[0].OriginAccessControlId).toBeDefined();
    expect(c.Logging.Bucket).toBeDefined();
    // config.json is filled at deploy time with the API URL, the issuer and the web client id.
    const [[, deploy]] = ofType(s, 'Custom::CDKBucketDeployment') as any;
    const markers = JSON.stringify(deploy.Properties.SourceMarkers);
    for (const type of ['AWS::ApiGatewayV2::Api', 'AWS::Cognito::UserPoolClient', 'AWS::Cognito::UserPool']) {
      expect(markers, type).toContain(ofType(s, type)[0]![0]);
    }
    expect(deploy.Properties.DistributionPaths).toEqual(['/*']);
  });

  it('keeps evidence in a private, versioned, SSL-only, retained bucket', () => {
    const [id, bucket] = Object.entries(resources(s)).find(([id, r]) => r.Type === 'AWS::S3::Bucket' && id.startsWith('EvidenceBucket'))!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.VersioningConfiguration.Status).toBe('Enabled');
    expect(bucket.Properties.BucketEncryption).toBeDefined();
    expect(bucket.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('uses arm64 by default in the global partition', () => {
    for (const [, fn] of ofType(s, 'AWS::Lambda::Function').filter(([, f]) => f.Properties.Runtime === 'nodejs24.x')) {
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
  });
});
