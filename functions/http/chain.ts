// The one middleware chain every API Lambda runs: find the route, check the caller and the unit
// scope against it, validate path, query and body, call the operation, check its answer against
// the contract, and turn failures into clear JSON errors in the caller's language.
import { AsyncLocalStorage } from 'node:async_hooks';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { ZodType } from 'zod';
import { noParams, type Group, type Operation, type RouteContract } from '../contracts/define.ts';
import type { Contracts } from '../contracts/index.ts';
import { languageOf, setLanguageSource, t, type Lang } from '../contracts/lang.ts';
import { DomainError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../domain/errors.ts';
import type { Reach } from '../domain/reach.ts';
import type { Caller } from '../domain/roles.ts';
import { callerFrom, usernameFrom } from './caller.ts';
import { auditRefusal } from './refusal.ts';
import { routeKey, routes, type Route } from './routes.ts';
import { checkScope } from './scope.ts';
import { feedSystemFrom } from './feed-auth.ts';
import type { FeedSystemRecord } from '../model/feed-system.ts';
import { MAX_BODY_BYTES, tooLargeMessage } from './limits.ts';
import { unknownFields } from './unknown-fields.ts';
import { logger } from '../observability/logger.ts';
import { observe } from '../observability/middleware.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = Exclude<APIGatewayProxyResultV2, string>;

// One Lambda may serve several requests at once locally (the gateway), so the language is per request.
const requestLanguage = new AsyncLocalStorage<Lang>();
setLanguageSource(() => requestLanguage.getStore() ?? 'zh');

/** What an operation receives, before the contract's types are applied. */
export interface CheckedInput {
  caller?: Caller;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  /** Signed-in routes: the verified token's claims. */
  claims?: Record<string, string>;
  /** assessorOf / thirdParty routes: the units and plan leaves the caller reaches (absent: all, the bureau). */
  reach?: Reach;
  /** Feed routes: the feeding system its key names (functions/http/feed-auth.ts). */
  system?: FeedSystemRecord;
  /** Public routes: the client address API Gateway saw (the TCP peer, not a header a client sets). */
  sourceIp?: string;
}
/** The erased form of every operation: the contracts type them, the chain only passes values on. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOp = (input: any) => Promise<unknown>;

/** The guard hands the matched route and the checked input to the handler, keyed by the event. */
const checked = new WeakMap<Event, { route: Route; input: CheckedInput }>();

const json = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

/** The input as its schema reads it; a 400 naming every field at fault, fields the schema does not declare included. */
function parse(schema: ZodType | undefined, value: unknown, where: 'params' | 'body' | 'query') {
  if (!schema) return value;
  const result = schema.safeParse(value);
  const unknown: FieldProblem[] = unknownFields(schema, value).map((p) => ({ path: [where, ...p].join('.'), message: t('不接受此字段', 'Not a field this request takes') }));
  if (result.success && !unknown.length) return result.data;
  const fields: FieldProblem[] = [...(result.success ? [] : result.error.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message }))), ...unknown];
  throw new ValidationError(t('输入有误', 'Invalid input'), fields);
}

/** A body is JSON: one declared as anything else is refused (no header: read as JSON, as the web and tests send it). */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

function readBody(event: Event): unknown {
  if (!event.body) return undefined;
  const type = event.headers?.['content-type'] ?? event.headers?.['Content-Type'];
  if (type !== undefined && !JSON_TYPE.test(type)) {
    throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', t('请求体应为 JSON', 'The request body must be JSON'), [{ path: 'headers.content-type', message: t('应为 application/json', 'Expected application/json') }]);
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new DomainError(413, 'PAYLOAD_TOO_LARGE', tooLargeMessage(), [{ path: 'body', message: tooLargeMessage() }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError(t('请求体有误', 'Invalid request body'), [{ path: 'body', message: t('不是有效的 JSON', 'Not valid JSON') }]);
  }
}

/** Route, caller, role, scope and input checks, before the operation runs. */
function guard(table: readonly Route[]): MiddlewareObj<Event, Result> {
  return {
    before: async (request) => {
      const event = request.event;
      const route = table.find((r) => routeKey(r) === event.routeKey);
      if (!route) throw new NotFoundError(t(`没有这个接口：${event.routeKey}`, `No such route: ${event.routeKey}`));
      // Path ids are checked before anything is looked up by them.
      const params = parse(route.params, event.pathParameters ?? {}, 'params') as Record<string, string>;
      let caller: Caller | undefined;
      let reach: Reach | undefined;
      let system: FeedSystemRecord | undefined;
      // A feeding system's key, checked before its body is even read.
      if (route.access.public && route.access.key) system = await feedSystemFrom(event, event.routeKey, params, route.access.key);
      if (!route.access.public) {
        caller = await callerFrom(event);
        if (!caller) throw new DomainError(401, 'UNAUTHENTICATED', usernameFrom(event) ? t('账号不存在或已停用，请联系管理员', 'This account does not exist or is disabled; ask an administrator') : t('请先登录', 'Please sign in'));
        if (!route.access.roles.includes(caller.role)) {
          await auditRefusal(caller, event.routeKey, { reason: 'role', params });
          throw new ForbiddenError(t('您的角色无权执行此操作', 'Your role may not do this'));
        }
        const scope = await checkScope(route.access.scope, caller, params);
        if (scope.refused) {
          await auditRefusal(caller, event.routeKey, { reason: scope.refused.reason, params });
          throw new ForbiddenError(scope.refused.message);
        }
        reach = scope.reach;
      }
      const body = parse(route.body, readBody(event), 'body');
      // A route that declares no query takes none: any key is refused like an undeclared field.
      const query = parse(route.query ?? noParams, event.queryStringParameters ?? {}, 'query');
      checked.set(event, { route, input: { caller, claims: caller ? (event.requestContext?.authorizer?.jwt?.claims as Record<string, string>) : undefined, params, body, query, reach, system, sourceIp: route.access.public ? event.requestContext?.http?.sourceIp : undefined } });
    },
  };
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
      logger.error('unhandled', { error: e });
      request.response = json(500, { error: { code: 'INTERNAL', message: t('服务器内部错误，请稍后重试', 'Internal error; please try again later') } });
    },
  };
}

/**
 * The answer as the contract states it: fields it does not name are dropped (so nothing stored
 * leaks by accident), and an answer that breaks it is a fault of ours, never sent.
 */
function checkOutput(route: Route, result: unknown): unknown {
  if (!route.output) return result ?? {};
  const parsed = route.output.safeParse(result ?? {});
  if (parsed.success) return parsed.data;
  throw new Error(`answer of ${route.op} breaks its contract: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}

/** The handler of a route table: one Lambda's worth of routes and their operations. */
export function tableHandler(table: readonly Route[], ops: Record<string, AnyOp>) {
  for (const r of table) if (!ops[r.op]) throw new Error(`no operation ${r.op}`);
  const chain = middy<Event, Result>()
    .use(
      observe<Event, Result>({
        describe: ({ event }) => {
          const { caller, system } = checked.get(event)?.input ?? {};
          if (system) return { route: event.routeKey, username: `feed:${system.systemId}`, role: 'feed_system', regionId: system.regionId };
          return { route: event.routeKey, username: caller?.username ?? usernameFrom(event), role: caller?.role, regionId: caller?.regionId };
        },
      }),
    )
    .use(errorResponses())
    .use(guard(table))
    .handler(async (event) => {
      const { route, input } = checked.get(event)!;
      const result = await ops[route.op]!(input);
      return json(route.method === 'POST' ? 201 : 200, checkOutput(route, result));
    });
  return (event: Event, context: Context) => requestLanguage.run(languageOf(event.headers?.['accept-language']), () => chain(event, context));
}

type OpsOf<G extends Group> = { [K in keyof Contracts as Contracts[K]['group'] extends G ? K : never]: Operation<Contracts[K]> };

/**
 * Operations for some of a group's routes, typed by their contracts: a module of a large group
 * (goal adjustments, say) declares its part, and the group's handler spreads it into `apiHandler`.
 */
export const ops = <R extends Record<string, RouteContract>>(_routes: R, operations: { [K in keyof R]: Operation<R[K]> }) => operations;

/**
 * The Lambda handler of one route group: exactly the group's operations, each typed by its
 * contract (a missing one, or one answering the wrong shape, does not compile).
 */
export function apiHandler<G extends Group>(group: G, ops: OpsOf<G>) {
  return tableHandler(
    routes.filter((r) => r.group === group),
    ops as Record<string, AnyOp>,
  );
}

