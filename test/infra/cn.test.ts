// The China (aws-cn) variant: no Cognito, no OAC, CloudFront as CfnDistribution with an OAI, literal aws-cn ARNs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../functions/http/limits.ts';
import { sharedChecks, ofType } from './shared.ts';
import { synth, type Synth } from './synth.ts';

let s: Synth;
beforeAll(() => {
  s = synth('cn');
}, 120_000);

describe('cn stack', () => {
  sharedChecks(() => s);

  it('has no Cognito user pool and trusts the configured OIDC issuer', () => {
    expect(ofType(s, 'AWS::Cognito::UserPool')).toEqual([]);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://idp.example.cn/oidc', Audience: ['jixiao-web'] },
    });
  });

  it('serves the site with a CfnDistribution, an OAI and ForwardedValues (no OAC, no cache policy)', () => {
    expect(ofType(s, 'AWS::CloudFront::OriginAccessControl')).toEqual([]);
    expect(ofType(s, 'AWS::CloudFront::Function')).toEqual([]);
    s.template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 1);
    const [[, d]] = ofType(s, 'AWS::CloudFront::Distribution') as any;
    const c = d.Properties.DistributionConfig;
    expect(JSON.stringify(c.Origins[0].S3OriginConfig.OriginAccessIdentity)).toContain('origin-access-identity/cloudfront/');
    expect(c.DefaultCacheBehavior.ForwardedValues).toEqual({ QueryString: false, Cookies: { Forward: 'none' } });
    expect(c.DefaultCacheBehavior.CachePolicyId).toBeUndefined();
    expect(c.DefaultRootObject).toBe('index.html');
    expect(c.CustomErrorResponses.map((e: any) => [e.ErrorCode, e.ResponseCode, e.ResponsePagePath])).toEqual([
      [403, 200, '/index.html'],
      [404, 200, '/index.html'],
    ]);
    expect(c.ViewerCertificate).toEqual({ CloudFrontDefaultCertificate: true });
  });

  it('carries the content security policy in index.html (no response-headers policy, no CloudFront Functions, no web ACL in China)', () => {
    expect(ofType(s, 'AWS::CloudFront::ResponseHeadersPolicy')).toEqual([]);
    expect(ofType(s, 'AWS::CloudFront::Function')).toEqual([]);
    expect(ofType(s, 'AWS::WAFv2::WebACL')).toEqual([]);
    expect(Object.keys(s.others)).toEqual([]);
    // The deployment writes an index.html of its own over the built one: the site, that page, config.json.
    const [[, deploy]] = ofType(s, 'Custom::CDKBucketDeployment') as any;
    expect(deploy.Properties.SourceObjectKeys).toHaveLength(3);
    const pages = readdirSync(s.outdir)
      .filter((f) => f.startsWith('asset.') && existsSync(join(s.outdir, f, 'index.html')))
      .map((f) => readFileSync(join(s.outdir, f, 'index.html'), 'utf8'));
    const withPolicy = pages.filter((p) => p.includes('http-equiv="Content-Security-Policy"'));
    expect(withPolicy).toHaveLength(1);
    const page = withPolicy[0]!;
    const csp = page.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)![1]!.replace(/&#39;|&apos;/g, "'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('https://idp.example.cn'); // the configured OIDC issuer
    expect(csp).toContain('https://*.execute-api.cn-northwest-1.');
    expect(csp).not.toContain('frame-ancestors'); // ignored in a <meta>: browsers warn about it
    expect(page).toContain(`<meta name="referrer" content="${SECURITY_HEADERS['referrer-policy']}" />`);
    // Everything else of the page is the built one: the policy comes before its scripts.
    expect(page.indexOf('Content-Security-Policy')).toBeLessThan(page.indexOf('<script'));
  });

  it('renders ARNs with the literal aws-cn partition and never arn:aws:', () => {
    expect(s.text).not.toContain('arn:aws:');
    expect(s.text).toContain('arn:aws-cn:');
    const [[, sm]] = ofType(s, 'AWS::StepFunctions::StateMachine') as any;
    expect(sm.Properties.DefinitionSubstitutions.Partition).toBe('aws-cn');
    expect(sm.Properties.LoggingConfiguration.Level).toBe('ALL');
    expect(sm.Properties.TracingConfiguration?.Enabled ?? false).toBe(false);
  });

  it('keeps the table shape and the daily schedule in China too', () => {
    const [[, table]] = ofType(s, 'AWS::DynamoDB::GlobalTable') as any;
    expect(table.Properties.Replicas[0].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true);
    s.template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpressionTimezone: 'Asia/Shanghai' });
  });

  it('uses x86_64 by default in China (arm64 unconfirmed there)', () => {
    for (const [, fn] of ofType(s, 'AWS::Lambda::Function').filter(([, f]) => f.Properties.Runtime === 'nodejs24.x')) {
      expect(fn.Properties.Architectures).toEqual(['x86_64']);
    }
  });
});
