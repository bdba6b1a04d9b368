// Checks that hold for both targets, walking the route table and the template rather than hard-coding.
import { expect, it } from 'vitest';
import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GROUPS, routeKey, routes } from '../../functions/http/routes.ts';
import { COGNITO_ADMIN_ACTIONS } from '../../cdk/constructs/api.ts';
import { limitClass, RESERVED_CONCURRENCY, ROUTE_LIMITS } from '../../functions/http/limits.ts';
import { AUDIT_DENIED_ACTIONS, AUDIT_KEY_PREFIX } from '../../cdk/constructs/data.ts';
import { keys } from '../../functions/data/keys.ts';
import { observabilityChecks } from './observability-checks.ts';
import type { Synth } from './synth.ts';

type Resources = Record<string, { Type: string; Properties?: any; DeletionPolicy?: string; DependsOn?: string[] }>;
export const resources = (s: Synth) => s.template.toJSON().Resources as Resources;
export const ofType = (s: Synth, type: string) => Object.entries(resources(s)).filter(([, r]) => r.Type === type);

/** Every IAM statement in the template (managed policies, inline role policies). */
export function statements(s: Synth): Array<{ Action: string | string[]; Resource?: unknown; Effect: string }> {
  const out: any[] = [];
  for (const [, r] of Object.entries(resources(s))) {
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') out.push(...r.Properties.PolicyDocument.Statement);
    if (r.Type === 'AWS::IAM::Role') for (const p of r.Properties.Policies ?? []) out.push(...p.PolicyDocument.Statement);
  }
  return out;
}
const list = (a: string | string[]) => [a].flat();

/** The Lambda function of an API group (found by its description), and every action its role may take. */
export function groupFunction(s: Synth, group: string) {
  const found = ofType(s, 'AWS::Lambda::Function').filter(([, r]) => r.Properties.Description === `HTTP API handler group '${group}'`);
  expect(found, `function for group ${group}`).toHaveLength(1);
  const [id, fn] = found[0]!;
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const actions = ofType(s, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement.flatMap((st: any) => list(st.Action)));
  return { id, fn, actions: new Set<string>(actions) };
}

export function sharedChecks(get: () => Synth) {
  it('creates every route of the route table, JWT-authorized iff not public, on its group\'s function', () => {
    const s = get();
    const byKey = new Map(ofType(s, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r.Properties]));
    expect(byKey.size).toBe(routes.length); // no route outside the table
    const integrations = Object.fromEntries(ofType(s, 'AWS::ApiGatewayV2::Integration'));
    for (const r of routes) {
      const route = byKey.get(routeKey(r));
      expect(route, routeKey(r)).toBeDefined();
      expect(route.AuthorizationType, routeKey(r)).toBe(r.access.public ? 'NONE' : 'JWT');
      if (!r.access.public) expect(route.AuthorizerId, routeKey(r)).toBeDefined();
      const integrationId = route.Target['Fn::Join'][1][1].Ref;
      expect(integrations[integrationId]!.Properties.IntegrationUri['Fn::GetAtt'][0], routeKey(r)).toBe(groupFunction(s, r.group).id);
    }
  });

  it('limits every route on the stage by its class (functions/http/limits.ts), read as the default, and writes access logs', () => {
    const [[, stage]] = ofType(get(), 'AWS::ApiGatewayV2::Stage') as any;
    expect(stage.Properties.StageName).toBe('$default');
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: ROUTE_LIMITS.read.rate, ThrottlingBurstLimit: ROUTE_LIMITS.read.burst });
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(routes.map(routeKey).sort());
    for (const r of routes) {
      const limit = ROUTE_LIMITS[limitClass(r)];
      expect(stage.Properties.RouteSettings[routeKey(r)], routeKey(r)).toEqual({ ThrottlingRateLimit: limit.rate, ThrottlingBurstLimit: limit.burst });
    }
    // Imports are held tighter than any other signed-in route.
    const heavy = routes.filter((r) => limitClass(r) === 'heavy');
    expect(heavy.length).toBeGreaterThan(0);
    for (const r of heavy) expect(stage.Properties.RouteSettings[routeKey(r)].ThrottlingBurstLimit).toBeLessThan(ROUTE_LIMITS.write.burst);
    expect(stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0]).toMatch(/AccessLogs/);
  });

  it('reserves concurrency for the public group only, above the sum of its routes\' bursts', () => {
    const s = get();
    for (const group of GROUPS) {
      const { fn } = groupFunction(s, group);
      expect(fn.Properties.ReservedConcurrentExecutions, group).toBe(RESERVED_CONCURRENCY[group]);
    }
    const publicBursts = routes.filter((r) => r.group === 'public').reduce((sum, r) => sum + ROUTE_LIMITS[limitClass(r)].burst, 0);
    expect(RESERVED_CONCURRENCY.public).toBeGreaterThanOrEqual(publicBursts);
    // Lambda keeps 100 unreserved: the default account limit of 1,000 leaves room for these.
    expect(Object.values(RESERVED_CONCURRENCY).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(900);
  });

  it('keeps the default execute-api endpoint while no custom domain is configured', () => {
    const [[, api]] = ofType(get(), 'AWS::ApiGatewayV2::Api') as any;
    expect(api.Properties.DisableExecuteApiEndpoint ?? false).toBe(false);
    expect(ofType(get(), 'AWS::ApiGatewayV2::DomainName')).toEqual([]);
  });

  it('has one Node 24 function per handler group plus the stage task, the results computation, the warning recolour and the daily job (a dispatcher and a worker per region)', () => {
    const s = get();
    const node = ofType(s, 'AWS::Lambda::Function').filter(([, r]) => String(r.Properties.Runtime).startsWith('nodejs'));
    expect(node).toHaveLength(GROUPS.length + 5);
    for (const [id, fn] of node) {
      expect(fn.Properties.Runtime, id).toBe('nodejs24.x');
      expect(fn.Properties.Handler, id).toBe('index.handler');
      expect(fn.Properties.LoggingConfig.LogGroup, id).toBeDefined();
      expect(fn.Properties.Environment.Variables.TABLE_NAME, id).toBeDefined();
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS, id).toContain('--enable-source-maps');
    }
    for (const g of GROUPS) groupFunction(s, g);
    expect(node.filter(([, f]) => /stage-task|state machine tasks/i.test(f.Properties.Description))).toHaveLength(1);
    expect(node.filter(([, f]) => /^Daily reminders/.test(f.Properties.Description))).toHaveLength(1);
    expect(node.filter(([, f]) => /region's share of the daily job/.test(f.Properties.Description) && f.Properties.Timeout === 900)).toHaveLength(1);
    expect(node.filter(([, f]) => /Preliminary results/.test(f.Properties.Description) && f.Properties.Timeout === 900)).toHaveLength(1);
    expect(node.filter(([, f]) => /Early-warning recolour/.test(f.Properties.Description) && f.Properties.Timeout === 900)).toHaveLength(1);
    for (const [, lg] of ofType(s, 'AWS::Logs::LogGroup')) expect(lg.Properties.RetentionInDays).toBeGreaterThanOrEqual(365);
  });

  it('grants least privilege: public reads only, only cycles drives the state machine', () => {
    const s = get();
    const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    const pub = groupFunction(s, 'public').actions;
    expect(pub.has('dynamodb:Query')).toBe(true);
    for (const w of writes) expect(pub.has(w), w).toBe(false);
    for (const g of GROUPS.filter((g) => g !== 'public')) expect(groupFunction(s, g).actions.has('dynamodb:PutItem'), g).toBe(true);
    const cycles = groupFunction(s, 'cycles');
    expect(cycles.actions.has('states:StartExecution')).toBe(true);
    expect(cycles.actions.has('states:SendTaskSuccess')).toBe(true);
    expect(cycles.fn.Properties.Environment.Variables.STATE_MACHINE_ARN).toBeDefined();
    for (const g of GROUPS.filter((g) => g !== 'cycles')) expect([...groupFunction(s, g).actions].filter((a) => a.startsWith('states:')), g).toEqual([]);
  });

  it('lets the HTTP API invoke each group function through one permission, not one per route (the stack stays under 500 resources)', () => {
    const s = get();
    const fromApi = ofType(s, 'AWS::Lambda::Permission').filter(([, p]) => p.Properties.Principal === 'apigateway.amazonaws.com');
    expect(fromApi).toHaveLength(GROUPS.length);
    expect(ofType(s, 'AWS::ApiGatewayV2::Route').length).toBeGreaterThan(GROUPS.length);
  });

  it('lets the plan and progress groups (alone) start the warning recolour, asynchronously by name', () => {
    const s = get();
    for (const g of GROUPS) {
      const { fn, actions } = groupFunction(s, g);
      const starts = g === 'plan' || g === 'progress';
      expect(actions.has('lambda:InvokeFunction'), g).toBe(starts || g === 'results');
      expect(fn.Properties.Environment.Variables.WARNINGS_FUNCTION_NAME !== undefined, g).toBe(starts);
    }
  });

  it('keeps the audit log append-only: every writing role is denied updates and deletes of AUDIT# items', () => {
    const s = get();
    const denies = ofType(s, 'AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement.filter((st: any) => st.Effect === 'Deny').map((st: any) => ({ st, roles: p.Properties.Roles })));
    for (const g of GROUPS.filter((g) => g !== 'public')) {
      const roleId = groupFunction(s, g).fn.Properties.Role['Fn::GetAtt'][0];
      const deny = denies.find((d) => d.roles.some((r: any) => r.Ref === roleId));
      expect(deny, g).toBeDefined();
      expect(list(deny!.st.Action).sort(), g).toEqual([...AUDIT_DENIED_ACTIONS].sort());
      expect(deny!.st.Condition).toEqual({ 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } });
    }
    expect(keys.auditPartition('450900', '2026-11').startsWith(AUDIT_KEY_PREFIX)).toBe(true);
  });

  it('tells every API function which token claim names the person', () => {
    const s = get();
    const expected = s.target === 'global' ? 'cognito:username' : 'sub';
    for (const g of GROUPS) expect(groupFunction(s, g).fn.Properties.Environment.Variables.USERNAME_CLAIM, g).toBe(expected);
  });

  it('lets only the users group manage identity-provider accounts, and only where the pool is ours', () => {
    const s = get();
    const users = groupFunction(s, 'users');
    const cognito = [...users.actions].filter((a) => a.startsWith('cognito-idp:')).sort();
    const env = users.fn.Properties.Environment.Variables;
    if (s.target === 'global') {
      expect(cognito).toEqual([...COGNITO_ADMIN_ACTIONS].sort());
      expect(env).toMatchObject({ IDENTITY_MODE: 'cognito', USER_POOL_ID: expect.anything() });
    } else {
      expect(cognito).toEqual([]);
      expect(env.IDENTITY_MODE).toBe('external');
    }
    for (const g of GROUPS.filter((g) => g !== 'users')) expect([...groupFunction(s, g).actions].filter((a) => a.startsWith('cognito-idp:')), g).toEqual([]);
  });

  it('has no IAM statement with Action "*" or a service wildcard, and no wildcard action on the table', () => {
    const s = get();
    const all = statements(s);
    expect(all.length).toBeGreaterThan(10);
    for (const st of all) {
      for (const a of list(st.Action)) {
        expect(a).not.toBe('*');
        expect(a).not.toMatch(/^[a-z0-9-]+:\*$/); // e.g. dynamodb:*, s3:*
      }
      const onTable = JSON.stringify(st.Resource ?? '').includes('DataTable');
      if (onTable) for (const a of list(st.Action)) expect(a, 'table action').not.toContain('*');
    }
  });

  it('passes cdk-nag AwsSolutions with zero unacknowledged errors', () => {
    const s = get();
    const violations = (s.report?.pluginReports ?? []).flatMap((p) => p.violations.map((v) => ({ plugin: p.pluginName, ...v })));
    const errors = violations.filter((v) => v.severity === 'error' || v.severity === 'fatal');
    const show = (vs: typeof violations) => vs.map((v) => `${v.ruleName} @ ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`);
    console.log(`cdk-nag ${s.target}: acknowledged\n  ${[...s.acknowledged.keys()].sort().join('\n  ')}`);
    if (violations.length) console.log(`cdk-nag ${s.target}: open findings\n  ${show(violations).join('\n  ')}`);
    expect(show(errors)).toEqual([]);
    expect(s.validationError?.message).toBeUndefined();
    expect(s.acknowledged.size).toBeGreaterThan(0);
  });

  observabilityChecks(get);
}

/** Proves the nag plugin as wired in tests actually fails synth on an unacknowledged finding. */
export function nagCanFail() {
  it('cdk-nag fails synth on an unacknowledged error (sanity check of the harness)', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk-nag-')) });
    new Bucket(new Stack(app, 'Bad'), 'Open'); // no SSL policy, no access logs
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });
}
