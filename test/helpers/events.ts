// HTTP API (payload 2.0) events as the JWT authorizer hands them to Lambda.
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { Caller } from '../../functions/domain/roles.ts';
import { routeKey, routes, type Route } from '../../functions/http/routes.ts';

/** What an ID token says of the caller: who they are. What they may do comes from their profile. */
export function claimsOf(c: Caller): Record<string, string> {
  return { sub: c.username, 'cognito:username': c.username, name: c.name };
}

export function routeFor(group: string, op: string): Route {
  const r = routes.find((x) => x.group === group && x.op === op);
  if (!r) throw new Error(`no route ${group}.${op}`);
  return r;
}

export function apiEvent(
  route: Pick<Route, 'method' | 'path'>,
  opts: { caller?: Caller; params?: Record<string, string>; body?: unknown; query?: Record<string, string>; rawBody?: string } = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: route.path,
    rawQueryString: '',
    headers: {},
    pathParameters: opts.params,
    queryStringParameters: opts.query,
    body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    isBase64Encoded: false,
    requestContext: {
      routeKey: routeKey(route),
      ...(opts.caller ? { authorizer: { jwt: { claims: claimsOf(opts.caller), scopes: [] } } } : {}),
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export const lambdaContext = { awsRequestId: 'test', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

export const callers = {
  ylStaff: { username: 'yl_staff', name: '王芳', role: 'bureau_staff', regionId: '450900', unitId: 'yl-jxb' },
  ylLeader: { username: 'yl_leader', name: '李明华', role: 'bureau_leader', regionId: '450900', unitId: 'yl-jxb' },
  ylUnitStaff: { username: 'yuzhou_staff', name: '张晓燕', role: 'unit_staff', regionId: '450900', unitId: 'yl-yuzhou' },
  blStaff: { username: 'bl_staff', name: '钟秀兰', role: 'bureau_staff', regionId: '450981', unitId: 'bl-jxb' },
} satisfies Record<string, Caller>;

/** The test callers' profiles, which the API reads on every request (functions/http/caller.ts). */
export async function storeCallerProfiles(): Promise<void> {
  const { commit, put } = await import('../../functions/data/commit.ts');
  const { userItem } = await import('../../functions/data/users.ts');
  const profiles = Object.values(callers).map((c) => put(userItem({ ...c, status: 'active', version: 1 })));
  await commit({ username: 'system:test', role: 'system', regionId: '450900' }, { action: 'test.profiles', target: 'users' }, profiles, new Date().toISOString());
}
