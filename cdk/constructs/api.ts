// The HTTP API, built by walking the route table: one Lambda per handler group, the JWT authorizer on
// every route that is not public (the feed routes are authenticated by a system's key in the handler), throttling and access logs on the default stage.
//
// Limits (functions/http/limits.ts): every route has explicit rate and burst on the stage by its limit
// class (read, write, heavy imports, public), `read` also being the stage default; the public group's
// Lambda has reserved concurrency. HTTP APIs have no per-client limits (no usage plans or API keys)
// and take no WAF web ACL, so limits per person are enforced by the local gateway only (README).
// With a custom domain (apiDomain + apiCertificateArn) the default execute-api endpoint is disabled.
import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { GROUPS, routeKey, routes, type Group } from '../../functions/http/routes.ts';
import { limitClass } from '../../functions/http/limits.ts';
import type { AppConfig } from '../config.ts';
import { AppFunction, LOG_RETENTION } from './app-function.ts';
import type { Issuer } from './auth.ts';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { Data } from './data.ts';
import type { Workflow } from './workflow.ts';

/** What the account operations call on the pool, and nothing more. */
export const COGNITO_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminUserGlobalSignOut',
];

export interface ApiProps {
  config: AppConfig;
  issuer: Issuer;
  /** The Cognito pool the accounts are mirrored into; absent where another OIDC issuer keeps them. */
  userPool?: IUserPool;
  data: Data;
  workflow: Workflow;
  /** Origins of the web site (CORS). */
  siteOrigins: string[];
}

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly functions: Record<Group, AppFunction>;
  /** The custom domain, when configured (its execute-api endpoint is then disabled). */
  readonly domainName?: DomainName;
  private readonly customDomain?: string;

  constructor(scope: Construct, id: string, { config, issuer, userPool, data, workflow, siteOrigins }: ApiProps) {
    super(scope, id);

    this.functions = Object.fromEntries(
      GROUPS.map((group) => [
        group,
        new AppFunction(this, `${group[0]!.toUpperCase()}${group.slice(1)}Fn`, {
          entry: `functions/handlers/api/${group}.ts`,
          description: `HTTP API handler group '${group}'`,
          architecture: config.arch,
          tracing: config.tracing.lambda,
        }),
      ]),
    ) as Record<Group, AppFunction>;

    // Least privilege: the public pages only read; the cycles group also drives the state machine.
    for (const group of GROUPS) {
      this.functions[group].addEnvironment('USERNAME_CLAIM', issuer.usernameClaim);
      if (group === 'public') data.allowRead(this.functions[group]);
      else data.allowReadWrite(this.functions[group]);
    }
    // A runaway (say, anyone on the internet hammering the public pages) cannot take the account's
    // whole concurrency: reserved concurrency caps the group (functions/http/limits.ts, RESERVED_CONCURRENCY).
    for (const [group, n] of Object.entries(config.reservedConcurrency)) {
      (this.functions[group as Group].node.defaultChild as CfnFunction).reservedConcurrentExecutions = n;
    }
    const cycles = this.functions.cycles;
    cycles.addEnvironment('STATE_MACHINE_ARN', workflow.stateMachineArn);
    workflow.grantStartAndAnswer(cycles);
    // The results group starts the preliminary-results computation without waiting for it.
    workflow.grantStartResults(this.functions.results);
    // An approved plan with new warning thresholds, and the bureau's restart, start the recolour without waiting.
    workflow.grantStartRecolour(this.functions.plan);
    workflow.grantStartRecolour(this.functions.progress);

    // Only the users group may touch the pool's accounts (functions/identity/directory.ts).
    const users = this.functions.users;
    if (userPool) {
      users.addEnvironment('IDENTITY_MODE', 'cognito');
      users.addEnvironment('USER_POOL_ID', userPool.userPoolId);
      userPool.grant(users, ...COGNITO_ADMIN_ACTIONS);
    } else {
      users.addEnvironment('IDENTITY_MODE', 'external');
    }

    const authorizer = new HttpJwtAuthorizer('Jwt', issuer.issuerUrl, { jwtAudience: [issuer.audience] });
    this.customDomain = config.api.domain;
    if (config.api.domain && config.api.certificateArn) {
      // TLS 1.2 is the domain name's default security policy. DNS: a CNAME to the output ApiDomainTarget.
      this.domainName = new DomainName(this, 'Domain', {
        domainName: config.api.domain,
        certificate: Certificate.fromCertificateArn(this, 'DomainCertificate', config.api.certificateArn),
      });
      new CfnOutput(this, 'ApiDomainTarget', { value: this.domainName.regionalDomainName, description: `CNAME target of ${config.api.domain}` });
    }
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: '绩效管理平台 API',
      createDefaultStage: false, // our own stage below, with throttling and access logs
      // With a custom domain, that is the only way in (no second, unlisted endpoint to throttle or watch).
      disableExecuteApiEndpoint: this.domainName !== undefined,
      defaultAuthorizer: authorizer, // a route added without thought is protected
      corsPreflight: {
        allowOrigins: siteOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        maxAge: Duration.hours(1),
      },
    });

    // One invoke permission per function for this API, not one per route: a stack holds at most 500
    // resources, and 170+ per-route permissions took a third of them. Each route still reaches only
    // its own group's function through its integration.
    const integrations = Object.fromEntries(
      GROUPS.map((g) => [g, new HttpLambdaIntegration(`${g}Integration`, this.functions[g], { scopePermissionToRoute: false })]),
    ) as Record<Group, HttpLambdaIntegration>;
    const publicRoutes: HttpRoute[] = [];
    const feedRoutes: HttpRoute[] = [];
    const allRoutes: HttpRoute[] = [];
    for (const r of routes) {
      const added = this.httpApi.addRoutes({
        path: r.path,
        methods: [HttpMethod[r.method]],
        integration: integrations[r.group],
        authorizer: r.access.public ? new HttpNoneAuthorizer() : authorizer,
      });
      allRoutes.push(...added);
      if (r.access.public && r.access.key) feedRoutes.push(...added);
      else if (r.access.public) publicRoutes.push(...added);
    }
    for (const route of publicRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'Public read-only pages (条例 Art. 10 disclosure), marked public in the route table; own route limits on the stage and reserved concurrency.',
      });
    }
    // The feed API is called by other government systems, which hold no token of our issuer: the
    // handler authenticates each call by the system's own key (hashed, revocable, constant-time
    // compare: functions/http/feed-auth.ts) before reading anything, under the tightest route limit.
    for (const route of feedRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'Feed API for other systems (issue 12): authenticated in the handler by a per-system key (stored hashed, revocable, audited), not by a JWT; tightest route limit (functions/http/limits.ts feed).',
      });
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.RETAIN });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.throttle.read.rate, burstLimit: config.throttle.read.burst },
      ...(this.domainName ? { domainMapping: { domainName: this.domainName } } : {}),
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            responseLength: '$context.responseLength',
            authError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    // Every route its explicit limits by class (security REL1: every route limited). RouteSettings is
    // a JSON map in CloudFormation, passed through as written: its values take CloudFormation's names.
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      routes.map((r) => {
        const limit = config.throttle[limitClass(r)];
        return [routeKey(r), { ThrottlingRateLimit: limit.rate, ThrottlingBurstLimit: limit.burst }];
      }),
    );
    // Route settings name route keys, which must exist before the stage is updated.
    for (const route of allRoutes) cfnStage.node.addDependency(route);
  }

  /** Base URL without a trailing slash (the $default stage is served at the endpoint root). */
  get url(): string {
    return this.customDomain ? `https://${this.customDomain}` : this.httpApi.apiEndpoint;
  }
}
