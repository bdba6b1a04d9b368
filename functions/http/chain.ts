// The one middleware chain every API Lambda runs: find the route, check the caller against it,
// validate the input, call the operation, and turn failures into clear JSON errors.
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { ZodType } from 'zod';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type { Caller } from '../domain/roles.ts';
import { callerFrom, usernameFrom } from './caller.ts';
import { auditRefusal } from './refusal.ts';
import { routeKey, routes, type Group, type Route } from './routes.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = Exclude<APIGatewayProxyResultV2, string>;

export interface OpInput<B = any, Q = any> {
  caller?: Caller;
  params: Record<string, string>;
  body: B;
  query: Q;
}
export type Op = (input: OpInput) => Promise<unknown>;

/** The guard hands the matched route and the checked input to the handler, keyed by the event. */
const checked = new WeakMap<Event, { route: Route; input: OpInput }>();

const json = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

function parse(schema: ZodType | undefined, value: unknown, where: 'body' | 'query') {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message }));
  throw new ValidationError('输入有误', fields);
}

function readBody(event: Event): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('请求体有误', [{ path: 'body', message: '不是有效的 JSON' }]);
  }
}

/** Route, caller, scope and input checks, before the operation runs. */
function guard(table: readonly Route[]): MiddlewareObj<Event, Result> {
  return {
    before: async (request) => {
      const event = request.event;
      const route = table.find((r) => routeKey(r) === event.routeKey);
      if (!route) throw new NotFoundError(`没有这个接口：${event.routeKey}`);
      const params = (event.pathParameters ?? {}) as Record<string, string>;
      const caller = route.access.public ? undefined : await callerFrom(event);
      if (!route.access.public) {
        if (!caller) throw new DomainError(401, 'UNAUTHENTICATED', usernameFrom(event) ? '账号不存在或已停用，请联系管理员' : '请先登录');
        if (!route.access.roles.includes(caller.role)) {
          await recordRefusal(event, caller, 'role', params);
          throw new ForbiddenError('您的角色无权执行此操作');
        }
        if (route.access.scope === 'region' && params.regionId !== caller.regionId) {
          await recordRefusal(event, caller, 'region', params);
          throw new ForbiddenError('无权访问其他行政区域的数据');
        }
      }
      const body = parse(route.body, readBody(event), 'body');
      const query = parse(route.query, event.queryStringParameters ?? {}, 'query');
      checked.set(event, { route, input: { caller, params, body, query } });
    },
  };
}

/** A refused call is a security event: it goes to the caller's region's audit log (security.md M7). */
async function recordRefusal(event: Event, caller: Caller, reason: 'role' | 'region', params: Record<string, string>) {
  await auditRefusal(caller, event.routeKey, { reason, params });
}

/** Errors of status < 500 are shown as they are; anything else becomes a generic message. */
function errorResponses(): MiddlewareObj<Event, Result> {
  return {
    onError: async (request) => {
      const e = request.error;
      if (e instanceof DomainError) {
        request.response = json(e.statusCode, { error: { code: e.code, message: e.message, details: e.details } });
        return;
      }
      console.error(JSON.stringify({ level: 'ERROR', msg: 'unhandled', routeKey: request.event.routeKey, error: String(e?.stack ?? e) }));
      request.response = json(500, { error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
    },
  };
}

/** The Lambda handler of one route group. */
export function apiHandler(group: Group, ops: Record<string, Op>) {
  const table = routes.filter((r) => r.group === group);
  for (const r of table) if (!ops[r.op]) throw new Error(`group ${group} has no operation ${r.op}`);
  return middy<Event, Result>()
    .use(errorResponses())
    .use(guard(table))
    .handler(async (event) => {
      const { route, input } = checked.get(event)!;
      const result = await ops[route.op]!(input);
      return json(route.method === 'POST' ? 201 : 200, result ?? {});
    });
}
