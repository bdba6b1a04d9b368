// Config and source rules that need no synth.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { App, Stack } from 'aws-cdk-lib';
import { assertResolvedEnv, loadConfig } from '../../cdk/config.ts';
import { RESERVED_CONCURRENCY, ROUTE_LIMITS } from '../../functions/http/limits.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cfg = (context: Record<string, string>) => loadConfig(new App({ context }).node);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('cdk config', () => {
  it('defaults to the global target with a concrete env and arm64', () => {
    const c = cfg({});
    expect(c.target).toBe('global');
    expect(c.env).toEqual({ account: '000000000000', region: 'ap-east-1' });
    expect(c.arch.name).toBe('arm64');
    expect(c.oidc).toBeUndefined();
  });

  it('selects the China variant with target=cn', () => {
    const c = cfg({ target: 'cn', oidcIssuer: 'https://login.example.cn', siteAliases: 'a.example.cn, b.example.cn', iamCertificateId: 'ASCAEXAMPLE' });
    expect(c.env.region).toBe('cn-northwest-1');
    expect(c.arch.name).toBe('x86_64');
    expect(c.oidc?.issuerUrl).toBe('https://login.example.cn');
    expect(c.oidc?.usernameClaim).toBe('sub'); // the one claim OIDC promises unique and unchanging
    expect(cfg({ target: 'cn', oidcUsernameClaim: 'preferred_username' }).oidc?.usernameClaim).toBe('preferred_username');
    expect(c.site).toMatchObject({ aliases: ['a.example.cn', 'b.example.cn'], iamCertificateId: 'ASCAEXAMPLE' });
  });

  it('traces with X-Ray in the global partition only, unless switched; subscribes the alarm addresses given', () => {
    expect(cfg({}).tracing).toEqual({ lambda: true, stateMachine: true });
    expect(cfg({ target: 'cn' }).tracing).toEqual({ lambda: false, stateMachine: false });
    expect(cfg({ target: 'cn', stateMachineTracing: 'true' }).tracing).toEqual({ lambda: false, stateMachine: true });
    expect(cfg({ lambdaTracing: 'false' }).tracing.lambda).toBe(false);
    expect(() => cfg({ lambdaTracing: 'yes' })).toThrow(/lambdaTracing/);
    expect(cfg({}).alarmEmails).toEqual([]);
    expect(cfg({ alarmEmail: 'ops@example.gov.cn, duty@example.gov.cn' }).alarmEmails).toEqual(['ops@example.gov.cn', 'duty@example.gov.cn']);
  });

  it('takes the route limits from functions/http/limits.ts, overridable per class; reserved concurrency, the web ACL and the API domain as options', () => {
    expect(cfg({}).throttle).toEqual(ROUTE_LIMITS);
    expect(cfg({ throttleRate: '80', heavyThrottleBurst: '4' }).throttle).toMatchObject({ read: { rate: 80, burst: ROUTE_LIMITS.read.burst }, heavy: { rate: ROUTE_LIMITS.heavy.rate, burst: 4 } });
    expect(() => cfg({ writeThrottleBurst: '0' })).toThrow(/writeThrottle/);
    expect(cfg({}).reservedConcurrency).toEqual(RESERVED_CONCURRENCY);
    expect(cfg({ reservedConcurrency: 'none' }).reservedConcurrency).toEqual({});
    expect(cfg({ reservedConcurrency: 'public:20, plan:40' }).reservedConcurrency).toEqual({ public: 20, plan: 40 });
    expect(() => cfg({ reservedConcurrency: 'imports:5' })).toThrow(/reservedConcurrency/);
    // The web ACL: on by default globally, off (and refused) in China, or an existing CLOUDFRONT-scope ACL.
    expect(cfg({}).waf).toEqual({ mode: 'create' });
    expect(cfg({ waf: 'false' }).waf).toEqual({ mode: 'off' });
    expect(cfg({ target: 'cn' }).waf).toEqual({ mode: 'off' });
    expect(() => cfg({ target: 'cn', waf: 'true' })).toThrow(/regional only/);
    const arn = ['arn', 'aws', 'wafv2', 'us-east-1', '000000000000', 'global/webacl/site/abc'].join(':');
    expect(cfg({ webAclArn: arn }).waf).toEqual({ mode: 'existing', arn });
    expect(() => cfg({ webAclArn: arn.replace('us-east-1', 'ap-east-1') })).toThrow(/CLOUDFRONT-scope/);
    expect(cfg({}).api).toEqual({});
    expect(cfg({ apiDomain: 'api.example.gov.cn', apiCertificateArn: 'cert' }).api).toEqual({ domain: 'api.example.gov.cn', certificateArn: 'cert' });
    expect(() => cfg({ apiDomain: 'api.example.gov.cn' })).toThrow(/apiCertificateArn/);
  });

  it('rejects a bad target, arch or a region of the wrong partition', () => {
    expect(() => cfg({ target: 'china' })).toThrow(/target/);
    expect(() => cfg({ arch: 'mips' })).toThrow(/arch/);
    expect(() => cfg({ target: 'cn', region: 'us-east-1' })).toThrow(/region/);
    expect(() => cfg({ region: 'cn-north-1' })).toThrow(/region/);
  });

  it('fails synth of a cn stack whose region is unresolved', () => {
    const c = cfg({ target: 'cn' });
    const agnostic = new Stack(new App(), 'Agnostic');
    expect(() => assertResolvedEnv(agnostic, c)).toThrow(/concrete China region/);
    const app = new App({ context: { '@aws-cdk/core:enablePartitionLiterals': true } });
    expect(() => assertResolvedEnv(new Stack(app, 'Cn', { env: c.env }), c)).not.toThrow();
  });
});

describe('cdk sources', () => {
  it('write no literal arn:aws: or amazonaws.com in the CDK app (cdk/local is the local stack, not deployed)', () => {
    const owned = ['cdk/app.ts', 'cdk/stack.ts', 'cdk/config.ts', 'cdk.json', ...files(join(root, 'cdk/constructs')).map((f) => f.slice(root.length))];
    expect(owned.length).toBeGreaterThan(10);
    const offenders = owned
      .map((f) => join(root, f))
      .filter((f) => /arn:aws:|amazonaws\.com/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keep the partition feature flags in cdk.json', () => {
    const { app, context } = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8'));
    expect(app).toBe('npx tsx cdk/app.ts');
    expect(context['@aws-cdk/core:enablePartitionLiterals']).toBe(true);
    expect(context['@aws-cdk/aws-iam:standardizedServicePrincipals']).toBe(true);
    expect(context['@aws-cdk/core:target-partitions']).toEqual(['aws', 'aws-cn']);
    expect(context['@aws-cdk/customresources:installLatestAwsSdkDefault']).toBe(false);
  });
});
