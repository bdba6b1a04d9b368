// Typed configuration from CDK context (`-c key=value` or cdk.json). One switch, `target`, selects
// the China variant where services differ (notes/aws-china.md); everything else has offline defaults.
import { Token, type Stack } from 'aws-cdk-lib';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import type { Node } from 'constructs';
import { GROUPS, type Group } from '../functions/contracts/define.ts';
import { LIMIT_CLASSES, RESERVED_CONCURRENCY, ROUTE_LIMITS, type LimitClass, type Rate } from '../functions/http/limits.ts';

export type Target = 'global' | 'cn';

export interface AppConfig {
  target: Target;
  stackName: string;
  /** Concrete, so `Stack.partition` renders as a literal (`aws` / `aws-cn`). */
  env: { account: string; region: string };
  arch: Architecture;
  /** cn only: the OIDC issuer the JWT authorizer trusts (global uses its own Cognito user pool). */
  oidc?: { issuerUrl: string; audience: string; usernameClaim: string };
  /** global only: prefix of the Cognito hosted sign-in domain (unique per region). */
  authDomainPrefix: string;
  /** Custom domain of the site. cn: an IAM server certificate id (no ACM for CloudFront there). */
  site: { aliases: string[]; iamCertificateId?: string; acmCertificateArn?: string };
  /**
   * HTTP API route limits per limit class (functions/http/limits.ts, ROUTE_LIMITS); `read` is also
   * the stage default. Context: throttleRate/throttleBurst (read), writeThrottleRate, heavyThrottleBurst...
   */
  throttle: Record<LimitClass, Rate>;
  /** Lambda reserved concurrency per handler group (default RESERVED_CONCURRENCY; `none`: no reservations). */
  reservedConcurrency: Partial<Record<Group, number>>;
  /**
   * AWS WAF web ACL on the site's CloudFront distribution (global only: a CLOUDFRONT-scope ACL lives
   * in us-east-1, so `create` adds a stack there). `existing`: an ACL made elsewhere (webAclArn).
   */
  waf: { mode: 'create' | 'existing' | 'off'; arn?: string };
  /** Custom domain of the API (a regional certificate in the stack's region); its execute-api endpoint is then off. */
  api: { domain?: string; certificateArn?: string };
  /**
   * X-Ray tracing. China: Lambda's X-Ray integration is not offered there (AWS's China documentation),
   * and Step Functions tracing is unconfirmed, so both default to off; logs and metrics are the same.
   */
  tracing: { lambda: boolean; stateMachine: boolean };
  /** Addresses subscribed to the alarm topic (each confirms by mail); none: subscribe later. */
  alarmEmails: string[];
}

const DEFAULTS = {
  global: { region: 'ap-east-1', arch: 'arm64', stackName: 'Jixiao' },
  // arm64 in China regions is unconfirmed (notes/aws-china.md), so cn defaults to x86_64.
  cn: { region: 'cn-northwest-1', arch: 'x86_64', stackName: 'JixiaoCn' },
} as const;

/** Context values arrive as strings from `-c`, or as JSON values from cdk.json. */
function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

export function loadConfig(node: Node): AppConfig {
  const ctx = (key: string): string | undefined => {
    const v = node.tryGetContext(key);
    return v === undefined || v === null || v === '' ? undefined : String(v);
  };
  const target = ctx('target') ?? 'global';
  if (target !== 'global' && target !== 'cn') throw new Error(`context target must be 'global' or 'cn', got '${target}'`);
  const d = DEFAULTS[target];
  const region = ctx('region') ?? d.region;
  if ((target === 'cn') !== region.startsWith('cn-')) throw new Error(`region ${region} does not belong to target ${target}`);
  const arch = ctx('arch') ?? d.arch;
  if (arch !== 'arm64' && arch !== 'x86_64') throw new Error(`context arch must be arm64 or x86_64, got '${arch}'`);
  const num = (key: string, fallback: number) => Number(ctx(key) ?? fallback);
  const bool = (key: string, fallback: boolean) => {
    const v = ctx(key);
    if (v === undefined) return fallback;
    if (v !== 'true' && v !== 'false') throw new Error(`context ${key} must be true or false, got '${v}'`);
    return v === 'true';
  };

  const stackName = ctx('stackName') ?? d.stackName;
  const account = ctx('account') ?? '000000000000';
  return {
    target,
    stackName,
    env: { account, region },
    arch: arch === 'arm64' ? Architecture.ARM_64 : Architecture.X86_64,
    oidc:
      target === 'cn'
        ? {
            // Placeholders keep offline synth working; a real deploy passes the mainland issuer (Authing, Keycloak...).
            issuerUrl: ctx('oidcIssuer') ?? 'https://idp.example.cn/oidc',
            audience: ctx('oidcAudience') ?? 'jixiao-web',
            // The claim that names the person, matched to the profile's username. OIDC promises only
            // `sub` to be unique and unchanging; name another only if the issuer guarantees it too.
            usernameClaim: ctx('oidcUsernameClaim') ?? 'sub',
          }
        : undefined,
    authDomainPrefix: ctx('authDomainPrefix') ?? `${stackName.toLowerCase()}-${account}`,
    site: {
      aliases: list(node.tryGetContext('siteAliases')),
      iamCertificateId: ctx('iamCertificateId'),
      acmCertificateArn: ctx('acmCertificateArn'),
    },
    throttle: Object.fromEntries(
      LIMIT_CLASSES.map((c) => {
        const prefix = c === 'read' ? 'throttle' : `${c}Throttle`;
        const r = { rate: num(`${prefix}Rate`, ROUTE_LIMITS[c].rate), burst: num(`${prefix}Burst`, ROUTE_LIMITS[c].burst) };
        if (!(r.rate > 0) || !Number.isInteger(r.burst) || r.burst < 1) throw new Error(`context ${prefix}Rate/${prefix}Burst must be a positive rate and a whole burst`);
        return [c, r];
      }),
    ) as Record<LimitClass, Rate>,
    reservedConcurrency: reservations(ctx('reservedConcurrency')),
    waf: waf(target, ctx('waf'), ctx('webAclArn')),
    api: apiDomain(ctx('apiDomain'), ctx('apiCertificateArn')),
    tracing: { lambda: bool('lambdaTracing', target === 'global'), stateMachine: bool('stateMachineTracing', target === 'global') },
    alarmEmails: list(node.tryGetContext('alarmEmail')),
  };
}

/** `public:150,plan:20`, or `none`; unset: RESERVED_CONCURRENCY. */
function reservations(value: string | undefined): Partial<Record<Group, number>> {
  if (value === undefined) return { ...RESERVED_CONCURRENCY } as Partial<Record<Group, number>>;
  if (value === 'none') return {};
  const out: Partial<Record<Group, number>> = {};
  for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [group, n] = item.split(':');
    const found = GROUPS.find((g) => g === group);
    if (!found || !Number.isInteger(Number(n)) || Number(n) < 1) throw new Error(`context reservedConcurrency: '${item}' is not group:count (groups: ${GROUPS.join(', ')})`);
    out[found] = Number(n);
  }
  return out;
}

/** On by default where the partition offers a CloudFront-scope WAF (not in China). */
function waf(target: Target, value: string | undefined, arn: string | undefined): AppConfig['waf'] {
  if (value !== undefined && value !== 'true' && value !== 'false') throw new Error(`context waf must be true or false, got '${value}'`);
  if (target === 'cn') {
    if (value === 'true' || arn) throw new Error('waf: China regions offer no CloudFront-scope web ACL (AWS WAF is regional only there)');
    return { mode: 'off' };
  }
  if (value === 'false') return { mode: 'off' };
  if (arn) {
    if (!/^arn:[\w-]+:wafv2:us-east-1:\d{12}:global\/webacl\//.test(arn)) throw new Error(`context webAclArn must be a CLOUDFRONT-scope (us-east-1, global) web ACL ARN, got '${arn}'`);
    return { mode: 'existing', arn };
  }
  return { mode: 'create' };
}

function apiDomain(domain: string | undefined, certificateArn: string | undefined): AppConfig['api'] {
  if (!domain && !certificateArn) return {};
  if (!domain || !certificateArn) throw new Error('context apiDomain and apiCertificateArn go together');
  return { domain, certificateArn };
}

/** China ARNs and service variants need a literal partition: refuse an environment-agnostic cn stack. */
export function assertResolvedEnv(stack: Stack, cfg: AppConfig): void {
  if (cfg.target === 'cn' && (Token.isUnresolved(stack.region) || stack.partition !== 'aws-cn')) {
    throw new Error(`target=cn needs a concrete China region (got region ${stack.region}, partition ${stack.partition})`);
  }
}
