// The global (aws partition) stack: template assertions and cdk-nag, from one synth.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { TABLE } from '../../functions/data/table.ts';
import { SECURITY_HEADERS, WAF_RATE_RULE } from '../../functions/http/limits.ts';
import { MANAGED_RULE_GROUPS } from '../../cdk/constructs/waf.ts';
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

  it('serves the site with the content security policy and the security headers (a response-headers policy)', () => {
    const [[policyId, policy]] = ofType(s, 'AWS::CloudFront::ResponseHeadersPolicy') as any;
    const [[, d]] = ofType(s, 'AWS::CloudFront::Distribution') as any;
    expect(d.Properties.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    const h = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    // The CSP names the region's execute-api endpoints and the Cognito issuer and hosted domain (URL suffix as a token).
    const csp = JSON.stringify(h.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const part of ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "object-src 'none'", "frame-ancestors 'self'", 'https://*.execute-api.ap-east-1.', 'https://cognito-idp.ap-east-1.', '.auth.ap-east-1.amazoncognito.com']) {
      expect(csp).toContain(part);
    }
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(h.ContentSecurityPolicy.Override).toBe(true);
    // The same headers as the local gateway sends (SECURITY_HEADERS), in CloudFront's terms.
    expect(h.StrictTransportSecurity).toEqual({ AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true });
    expect(SECURITY_HEADERS['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(h.ContentTypeOptions).toEqual({ Override: true });
    expect(h.FrameOptions).toEqual({ FrameOption: SECURITY_HEADERS['x-frame-options'], Override: true });
    expect(h.ReferrerPolicy).toEqual({ ReferrerPolicy: SECURITY_HEADERS['referrer-policy'], Override: true });
    expect(policy.Properties.ResponseHeadersPolicyConfig.CustomHeadersConfig.Items).toEqual([
      { Header: 'Permissions-Policy', Value: SECURITY_HEADERS['permissions-policy'], Override: true },
    ]);
  });

  it('attaches a CLOUDFRONT-scope web ACL from a us-east-1 stack: managed common and bad-input rules, a rate rule', () => {
    const [[file, edge], ...more] = Object.entries(s.others);
    expect(more).toEqual([]);
    expect(file).toMatch(/EdgeWaf/);
    const [[, acl]] = Object.entries(edge.toJSON().Resources).filter(([, r]: any) => r.Type === 'AWS::WAFv2::WebACL') as any;
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    expect(acl.Properties.DefaultAction).toEqual({ Allow: {} });
    const rules = acl.Properties.Rules;
    expect(rules.filter((r: any) => r.Statement.ManagedRuleGroupStatement).map((r: any) => [r.Statement.ManagedRuleGroupStatement.VendorName, r.Statement.ManagedRuleGroupStatement.Name])).toEqual(
      MANAGED_RULE_GROUPS.map((n) => ['AWS', n]),
    );
    const rate = rules.find((r: any) => r.Statement.RateBasedStatement);
    expect(rate.Statement.RateBasedStatement).toEqual({ Limit: WAF_RATE_RULE.limit, EvaluationWindowSec: WAF_RATE_RULE.windowSeconds, AggregateKeyType: 'IP' });
    expect(rate.Action.Block.CustomResponse.ResponseCode).toBe(429);
    // The distribution takes it through CDK's cross-region reference.
    const [[, d]] = ofType(s, 'AWS::CloudFront::Distribution') as any;
    const ref = JSON.stringify(d.Properties.DistributionConfig.WebACLId);
    expect(ref).toContain('JixiaoEdgeWaf');
    expect(ref).toMatch(/GetStackOutput|ExportsReader/);
    expect(s.acknowledged.has('Annotation::AwsSolutions-CFR2')).toBe(false);
  });

  it('uses arm64 by default in the global partition', () => {
    for (const [, fn] of ofType(s, 'AWS::Lambda::Function').filter(([, f]) => f.Properties.Runtime === 'nodejs24.x')) {
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
  });
});

describe('global stack with a custom API domain and the web ACL switched off', () => {
  let d: Synth;
  beforeAll(() => {
    d = synth('global', { apiDomain: 'api.jx.example.gov.cn', apiCertificateArn: 'arn:aws:acm:ap-east-1:000000000000:certificate/example', waf: 'false' });
  }, 120_000);

  it('disables the default execute-api endpoint and maps the domain to the stage; the site calls the domain', () => {
    const [[, api]] = ofType(d, 'AWS::ApiGatewayV2::Api') as any;
    expect(api.Properties.DisableExecuteApiEndpoint).toBe(true);
    d.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'api.jx.example.gov.cn' });
    d.template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    // config.json (a staged asset) names the domain as the API base.
    const configs = readdirSync(d.outdir)
      .filter((f) => f.startsWith('asset.') && existsSync(join(d.outdir, f, 'config.json')))
      .map((f) => JSON.parse(readFileSync(join(d.outdir, f, 'config.json'), 'utf8')));
    expect(configs.map((c) => c.apiBase)).toEqual(['https://api.jx.example.gov.cn']);
    const [[, policy]] = ofType(d, 'AWS::CloudFront::ResponseHeadersPolicy') as any;
    const csp = JSON.stringify(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain('https://api.jx.example.gov.cn');
    expect(csp).not.toContain('execute-api');
  });

  it('has no web ACL stack, acknowledges CFR2 for it, and leaves no cdk-nag finding open', () => {
    expect(Object.keys(d.others)).toEqual([]);
    const [[, dist]] = ofType(d, 'AWS::CloudFront::Distribution') as any;
    expect(dist.Properties.DistributionConfig.WebACLId).toBeUndefined();
    expect(d.acknowledged.has('Annotation::AwsSolutions-CFR2')).toBe(true);
    expect(d.validationError?.message).toBeUndefined();
  });
});
