// A route contract: method, path, who may call it, and the schemas of its path, query, body and
// answer. The API validates with them, the handler's types are inferred from them, and the web's
// client builds its calls from them, so a shape is declared once.
import type { Role } from '../domain/roles.ts';
import { t } from './lang.ts';
import { z } from './zod.ts';

/** Handler groups: one Lambda function each. */
export const GROUPS = ['public', 'account', 'users', 'cycles', 'organisation', 'calendar', 'plan', 'goals', 'progress', 'feed', 'assessment', 'results', 'supervision'] as const;
export type Group = (typeof GROUPS)[number];

/**
 * Which units' items a caller reaches, beyond the path's region (checked by the chain before the
 * operation runs; the route's path names the unit, indicator or survey the scope is checked against):
 * - `region`: any item of the caller's region;
 * - `self`: only the caller's own account;
 * - `ownUnit`: only the unit named by {unitId} in the path, and only if it is the caller's unit
 *   (bureau roles reach every unit of the region);
 * - `assessorOf`: an assessor unit reaches the unit named by {unitId} only for indicators the plan in
 *   force assigns to it (bureau roles reach all);
 * - `thirdParty`: only the surveys assigned to the caller's unit (bureau roles reach all).
 */
export type Scope = 'region' | 'self' | 'ownUnit' | 'assessorOf' | 'thirdParty';

export type Access =
  /**
   * No token: API Gateway lets the call through without the JWT authorizer. `key`: not open to
   * anyone, but to another system, which the chain authenticates by its key (header `x-feed-key`,
   * functions/http/feed-auth.ts) before anything else is read; the key's purpose must be the route's
   * ('feed': submits indicator values; 'results': reads the published reward eligibility).
   */
  | { public: true; key?: 'feed' | 'results' }
  /** Signed-in callers with one of `roles`, inside the region named by the path's {regionId}. */
  | { public: false; roles: readonly Role[]; scope: Scope };

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteContract {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway syntax: `/regions/{regionId}/cycles`. */
  path: string;
  group: Group;
  access: Access;
  /** Every {name} of the path, with its pattern. */
  params: AnyObject;
  query?: z.ZodType;
  body?: z.ZodType;
  output: z.ZodType;
  summary: string;
}

/** Keeps the literal types of a contract so handlers and the web infer from it. */
export const route = <const C extends RouteContract>(c: C): C => c;

/** No path parameters. */
export const noParams = z.object({});

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What an operation receives: the checked input, and the caller on signed-in routes. */
export type OpInput<C extends RouteContract> = {
  params: z.output<C['params']>;
  query: Out<C['query']>;
  body: Out<C['body']>;
} & (C['access'] extends { key: 'feed' | 'results' }
  ? { caller?: undefined; system: import('../model/feed-system.ts').FeedSystemRecord }
  : C['access'] extends { public: true }
  ? { caller?: undefined; /** The client address (API Gateway's sourceIp): per-client caps. */ sourceIp?: string }
  : {
      caller: import('../domain/roles.ts').Caller;
      /** The verified token's claims as the authorizer hands them over (all strings). */
      claims: Record<string, string>;
    });

/** What an operation returns: anything the output schema accepts (it strips what it does not name). */
export type OpOutput<C extends RouteContract> = z.input<C['output']>;

export type Operation<C extends RouteContract> = (input: OpInput<C>) => Promise<OpOutput<C>>;

/** What the web sends: path parameters, query and body as the schemas take them in. */
export type CallInput<C extends RouteContract> = (z.input<C['params']> extends Record<string, never> ? { params?: undefined } : { params: z.input<C['params']> }) &
  (C['query'] extends z.ZodType ? { query?: In<C['query']> } : { query?: undefined }) &
  (C['body'] extends z.ZodType ? { body: In<C['body']> } : { body?: undefined });

/** What the web receives. */
export type CallOutput<C extends RouteContract> = z.output<C['output']>;

/** The path with its parameters filled in (each encoded). */
export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(t(`缺少路径参数 ${name}`, `Missing path parameter ${name}`));
    return encodeURIComponent(String(value));
  });
}

/** A page of a list, with an opaque cursor for the next. */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().optional() });
export type Page<T> = { items: T[]; nextCursor?: string };

/** Every refusal the API answers: a code, a message in the caller's language, and the fields at fault. */
export const apiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.looseObject({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBody>;
export type ErrorDetail = NonNullable<ApiErrorBody['error']['details']>[number];
export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** The cursor and page size every paged list takes. The cursor is signed by the server; its checks live there. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2048).optional(),
});
