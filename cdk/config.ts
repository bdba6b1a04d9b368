// Typed configuration from CDK context (`-c key=value` or cdk.json). One switch, `target`, selects
// the China variant where services differ (notes/aws-china.md); everything else has offline defaults.
import { Token, type Stack } from 'aws-cdk-lib';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import type { Node } from 'constructs';

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
  /** Default-stage throttling of the HTTP API; public (unauthenticated) routes get `publicRate`. */
  throttle: { rate: number; burst: number; publicRate: number; publicBurst: number };
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
    throttle: { rate: num('throttleRate', 50), burst: num('throttleBurst', 100), publicRate: num('publicThrottleRate', 20), publicBurst: num('publicThrottleBurst', 40) },
    tracing: { lambda: bool('lambdaTracing', target === 'global'), stateMachine: bool('stateMachineTracing', target === 'global') },
    alarmEmails: list(node.tryGetContext('alarmEmail')),
  };
}

/** China ARNs and service variants need a literal partition: refuse an environment-agnostic cn stack. */
export function assertResolvedEnv(stack: Stack, cfg: AppConfig): void {
  if (cfg.target === 'cn' && (Token.isUnresolved(stack.region) || stack.partition !== 'aws-cn')) {
    throw new Error(`target=cn needs a concrete China region (got region ${stack.region}, partition ${stack.partition})`);
  }
}
