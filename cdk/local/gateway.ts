// The local HTTP gateway: serves the API from the route table exactly as the HTTP API does in AWS
// (route key, path parameters, JWT claims in requestContext.authorizer.jwt), plus the local token
// issuer, the development clock, the runtime config and the built site.
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { nowIso, now } from '../../functions/config/clock.ts';
import { checkSession, endSession, openSession } from '../../functions/data/sessions.ts';
import { endAllSessions, setUserPassword, type User } from '../../functions/data/users.ts';
import { passwordExpired, passwordProblem } from '../../functions/domain/accounts.ts';
import { DomainError } from '../../functions/domain/errors.ts';
import { BUREAU_ROLES } from '../../functions/domain/roles.ts';
import { callerFrom, callerOf, usernameFrom } from '../../functions/http/caller.ts';
import type { apiHandler } from '../../functions/http/chain.ts';
import { routeKey, routes, type Group, type Route } from '../../functions/http/routes.ts';
import { limitClass, MAX_BODY_BYTES, originOf, retryAfterSeconds, siteHeaders, tooLargeMessage, tooManyMessage, type Limits, type Rate } from '../../functions/http/limits.ts';
import { changePasswordBody, loginBody, signedIn } from '../../functions/contracts/local.ts';
import type { DevClock } from './dev-clock.ts';
import { signIn } from '../../functions/identity/local-sign-in.ts';
import { hashPassword } from '../../functions/identity/password.ts';
import type { TokenIssuer } from './token-issuer.ts';
import { localContext } from './invocations.ts';

type Handler = ReturnType<typeof apiHandler>;

/** An external OIDC issuer in place of the local one, as the mainland deployment has. */
export interface OidcIssuer {
  issuer: string;
  /** The portal's client id: the `aud` the ID token must carry. */
  audience: string;
}

export interface GatewayOptions {
  handlers: Record<Group, Handler>;
  issuer: TokenIssuer;
  /** Verify tokens of this issuer (like the HTTP API JWT authorizer) and send the portal there to sign in. */
  oidc?: OidcIssuer;
  clock: DevClock;
  siteDir: string;
  host?: string;
  port?: number;
  /**
   * Request limits as in AWS (functions/http/limits.ts): per route, and per caller (username; client
   * address on public and sign-in routes). Over a limit: 429 with Retry-After. Unset: no limits.
   */
  limits?: Limits;
  /** The local evidence store's origin (cdk/local/evidence-store.ts): the portal connects to it directly. */
  evidenceOrigin?: string;
}

const API = '/api';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

interface Matcher {
  route: Route;
  regex: RegExp;
  names: string[];
  /** One digit per path segment, 0 literal and 1 parameter: sorting on it puts literals first. */
  shape: string;
}

// Like API Gateway, a literal path segment wins over a parameter (`/calendar/deadline` over `/calendar/{year}`).
const matchers: Matcher[] = routes
  .map((route) => {
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const shape = route.path.split('/').map((seg) => (seg.startsWith('{') ? '1' : '0')).join('');
    return { route, regex: new RegExp(`^${pattern}$`), names, shape };
  })
  .sort((a, b) => a.shape.localeCompare(b.shape));

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

const apiError = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { error: { code, message } });

class BodyTooLarge extends Error {}

/** Token buckets by key, refilled by real time (never the development clock). */
class Buckets {
  private readonly tokens = new Map<string, { tokens: number; at: number }>();

  /** Takes one token from `key`'s bucket: undefined if there was one, else the seconds to wait. */
  take(key: string, r: Rate, nowMs = Date.now()): number | undefined {
    const b = this.tokens.get(key) ?? { tokens: r.burst, at: nowMs };
    b.tokens = Math.min(r.burst, b.tokens + ((nowMs - b.at) / 1000) * r.rate);
    b.at = nowMs;
    this.tokens.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    return retryAfterSeconds(b.tokens, r);
  }
}

function tooMany(res: ServerResponse, seconds: number) {
  send(res, 429, { error: { code: 'TOO_MANY_REQUESTS', message: tooManyMessage(seconds) } }, { 'retry-after': String(seconds) });
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the rest is read and dropped, so the client gets the 413 rather than a reset.
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(c as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
  return Buffer.concat(chunks).toString('utf8');
}

/** HTTP API passes every claim to Lambda as a string, arrays as "[a b]". */
function asHttpApiClaims(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );
}

export class LocalGateway {
  private server?: Server;
  private readonly buckets = new Buckets();
  /** The site's security headers: connections and frames only to the site itself and the issuer. */
  private readonly siteHeaders: Record<string, string>;
  constructor(private readonly opts: GatewayOptions) {
    const issuer = opts.oidc ? [originOf(opts.oidc.issuer)] : [];
    // The portal PUTs and GETs evidence files at the local evidence store directly (presigned URLs).
    const evidence = opts.evidenceOrigin ? [opts.evidenceOrigin] : [];
    this.siteHeaders = siteHeaders({ connect: [...issuer, ...evidence], frame: issuer });
  }

  /** True (and the 429 sent) when `key` is over `r`. */
  private limited(res: ServerResponse, key: string, r: Rate | undefined): boolean {
    const wait = r && this.buckets.take(key, r);
    if (wait === undefined) return false;
    tooMany(res, wait);
    return true;
  }

  private clientAddress(req: IncomingMessage): string {
    return req.socket.remoteAddress ?? 'unknown';
  }

  listen(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        if (e instanceof BodyTooLarge) {
          return apiError(res, 413, 'PAYLOAD_TOO_LARGE', tooLargeMessage());
        }
        console.error('gateway error', e);
        if (!res.headersSent) apiError(res, 500, 'INTERNAL', '服务器内部错误');
        else res.end();
      });
    });
    const host = this.opts.host ?? '127.0.0.1';
    return new Promise((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.opts.port ?? 0, host, () => resolve(`http://${host}:${(this.server!.address() as { port: number }).port}`));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname === '/config.json') {
      const oidc = this.opts.oidc;
      const auth = oidc ? { mode: 'oidc', issuer: oidc.issuer, clientId: oidc.audience, scopes: ['openid', 'profile'], tokenType: 'id_token' } : { mode: 'local' };
      return send(res, 200, { apiBase: API, auth, devClock: true }, this.siteHeaders);
    }
    // The local sign-in endpoints, by client address (in AWS the issuer keeps its own limits).
    if (url.pathname.startsWith(`${API}/auth/`) && this.limited(res, `auth ${this.clientAddress(req)}`, this.opts.limits?.caller.auth)) return;
    // With an external issuer the local sign-in, password and renewal endpoints do not exist.
    if (this.opts.oidc && url.pathname.startsWith(`${API}/auth/`)) return apiError(res, 404, 'NOT_FOUND', '本部署由统一身份认证平台登录');
    if (url.pathname === `${API}/auth/login` && req.method === 'POST') return this.login(req, res);
    if (url.pathname === `${API}/auth/password` && req.method === 'POST') return this.changePassword(req, res);
    if (url.pathname === `${API}/auth/refresh` && req.method === 'POST') return this.refresh(req, res);
    if (url.pathname === `${API}/auth/logout` && req.method === 'POST') return this.logout(req, res);
    if (url.pathname === `${API}/dev/clock`) return this.devClock(req, res);
    if (url.pathname.startsWith(`${API}/`)) return this.api(req, res, url);
    return this.static(res, url.pathname);
  }

  private async claims(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!token) return undefined;
    if (this.opts.oidc) return this.verifyOidc(token, this.opts.oidc);
    // Token lifetimes follow the real clock, not the development clock.
    return this.opts.issuer.verify(token, Math.floor(Date.now() / 1000));
  }

  private jwks?: ReturnType<typeof createRemoteJWKSet>;

  /** As the JWT authorizer does: keys from the issuer's discovery document, issuer and audience checked. */
  private async verifyOidc(token: string, oidc: OidcIssuer): Promise<JWTPayload | undefined> {
    if (!this.jwks) {
      const discovery = (await (await fetch(`${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
      this.jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
    }
    try {
      return (await jwtVerify(token, this.jwks, { issuer: oidc.issuer, audience: oidc.audience })).payload;
    } catch {
      return undefined;
    }
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL) {
    const path = url.pathname.slice(API.length);
    const method = req.method ?? 'GET';
    let found: { m: Matcher; params: Record<string, string> } | undefined;
    for (const m of matchers) {
      const hit = m.route.method === method && m.regex.exec(path);
      if (hit) {
        found = { m, params: Object.fromEntries(m.names.map((n, i) => [n, decodeURIComponent(hit[i + 1]!)])) };
        break;
      }
    }
    if (!found) return apiError(res, 404, 'NOT_FOUND', `没有这个接口：${method} ${path}`);
    const { route } = found.m;
    const limits = this.opts.limits;
    const kind = limitClass(route);
    // The stage's route limit comes first, as in AWS, where it holds before the authorizer runs.
    if (limits && this.limited(res, `route ${routeKey(route)}`, limits.route[kind])) return;
    // Public and feed routes have no authorizer in AWS: no token is read for them (a feed call's key is the handler's to check).
    const payload = route.access.public ? undefined : await this.claims(req);
    // Like the JWT authorizer: a protected route without a valid token never reaches the Lambda.
    if (!route.access.public && !payload) return apiError(res, 401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
    const body = await readText(req);
    const requestId = randomUUID();
    // What the HTTP API hands to Lambda; a public route has no authorizer, so its claims are empty.
    const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
      version: '2.0',
      routeKey: routeKey(route),
      rawPath: path,
      rawQueryString: url.search.slice(1),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      queryStringParameters: url.searchParams.size ? Object.fromEntries(url.searchParams) : undefined,
      pathParameters: Object.keys(found.params).length ? found.params : undefined,
      body: body || undefined,
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: 'localhost',
        domainPrefix: 'localhost',
        http: { method, path, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: String(req.headers['user-agent'] ?? '') },
        requestId,
        routeKey: routeKey(route),
        stage: '$default',
        time: new Date().toISOString(),
        timeEpoch: Date.now(),
        authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: payload && !route.access.public ? asHttpApiClaims(payload) : {}, scopes: [] } },
      },
    };
    if (limits) {
      // Per caller: the person the verified token names; on public pages, the client address.
      const who = route.access.public ? `ip ${this.clientAddress(req)}` : `user ${usernameFrom(event)}`;
      if (this.limited(res, `${kind} ${who}`, limits.caller[kind])) return;
    }
    const context = localContext(`local-${route.group}`, requestId, 30_000);
    const result = (await this.opts.handlers[route.group](event, context)) as Exclude<APIGatewayProxyResultV2, string>;
    res.writeHead(result.statusCode ?? 200, (result.headers ?? {}) as Record<string, string>);
    res.end(result.body ?? '');
  }

  /**
   * The profile whose password this is, or an error reply already sent. Every attempt on an existing
   * account is audited; 5 failures in 15 minutes lock the username for 30, even against the right
   * password, however the attempts arrive; an unknown username is answered alike
   * (functions/identity/local-sign-in.ts).
   */
  private async signIn(res: ServerResponse, username: string, password: string): Promise<User | undefined> {
    const result = await signIn(username, password, nowIso());
    switch (result.outcome) {
      case 'ok':
        return result.user;
      case 'locked':
        res.setHeader('retry-after', String(result.retryAfterSeconds));
        apiError(res, 423, 'LOCKED', `登录失败次数过多，账号已锁定，请 ${Math.ceil(result.retryAfterSeconds / 60)} 分钟后再试或联系管理员重置密码`);
        return undefined;
      case 'failed':
        apiError(res, 401, 'BAD_CREDENTIALS', '用户名或密码错误');
        return undefined;
      case 'disabled':
        // Told only after the password matched, so the reply does not reveal which accounts exist.
        apiError(res, 401, 'ACCOUNT_DISABLED', '账号已停用，请联系管理员');
        return undefined;
      case 'busy':
        res.setHeader('retry-after', '1');
        apiError(res, 503, 'BUSY', '登录请求过多，请稍后再试');
        return undefined;
    }
  }

  /** A new server-side session and its first token (real time: sessions never follow the development clock). */
  private async token(res: ServerResponse, user: User) {
    let session;
    try {
      session = await openSession(user);
    } catch (e) {
      if (e instanceof DomainError) return apiError(res, e.statusCode, e.code, e.message);
      throw e;
    }
    const token = await this.opts.issuer.sign(user, session.authTime, session.authTime, session.sid);
    // The answer's schema names what the portal may see of the profile: no hash, no sign-in bookkeeping.
    return send(res, 200, signedIn.parse({ token, user }));
  }

  private async login(req: IncomingMessage, res: ServerResponse) {
    let input;
    try {
      input = loginBody.parse(JSON.parse(await readText(req)));
    } catch {
      return apiError(res, 400, 'VALIDATION', '请输入用户名和密码');
    }
    const user = await this.signIn(res, input.username, input.password);
    if (!user) return;
    // A temporary or expired password (security.md M1) buys no token, only the change form.
    if (user.mustChangePassword) return send(res, 200, { passwordChangeRequired: true, reason: '首次登录或密码已重置，请设置新密码' });
    if (passwordExpired(user.passwordChangedAt, now())) return send(res, 200, { passwordChangeRequired: true, reason: '密码已超过 90 天未更换，请设置新密码' });
    return this.token(res, user);
  }

  private async changePassword(req: IncomingMessage, res: ServerResponse) {
    let input;
    try {
      input = changePasswordBody.parse(JSON.parse(await readText(req)));
    } catch {
      return apiError(res, 400, 'VALIDATION', '请输入用户名、原密码和新密码');
    }
    const user = await this.signIn(res, input.username, input.password);
    if (!user) return;
    const problem = input.newPassword === input.password ? '新密码不能与原密码相同' : passwordProblem(input.newPassword, user.username);
    if (problem) return apiError(res, 400, 'VALIDATION', problem);
    const changed = await setUserPassword(user, user, await hashPassword(input.newPassword), false, nowIso());
    return this.token(res, { ...user, ...changed });
  }

  /**
   * A fresh token for a still-valid one, while the portal is in use: same session and sign-in time,
   * so the session still ends 12 hours after sign-in; an ended session or a disabled account gets none.
   */
  private async refresh(req: IncomingMessage, res: ServerResponse) {
    const payload = await this.claims(req);
    if (!payload || typeof payload.sub !== 'string') return apiError(res, 401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
    let checked;
    try {
      checked = await checkSession(payload.sub, payload);
    } catch (e) {
      if (e instanceof DomainError) return apiError(res, e.statusCode, e.code, e.message);
      throw e;
    }
    if (!callerOf(checked.user) || checked.authTime === undefined) return apiError(res, 401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
    const nowSeconds = Math.floor(Date.now() / 1000);
    return send(res, 200, { token: await this.opts.issuer.sign(checked.user!, nowSeconds, checked.authTime, String(payload.sid)) });
  }

  /**
   * Logout ends the token's session on the server (security.md M13, ASVS 7.4.1): the token and any
   * renewal of it answer 401 from now on. `{ "everywhere": true }` ends every session of the account.
   * A token that no longer counts has nothing left to end: 204 all the same.
   */
  private async logout(req: IncomingMessage, res: ServerResponse) {
    const payload = await this.claims(req);
    let everywhere = false;
    try {
      const text = await readText(req);
      everywhere = text ? JSON.parse(text)?.everywhere === true : false;
    } catch {
      return apiError(res, 400, 'VALIDATION', '请求体有误');
    }
    if (payload && typeof payload.sub === 'string') {
      try {
        const { user } = await checkSession(payload.sub, payload);
        if (user) {
          await endSession(user, payload, nowIso());
          if (everywhere) await endAllSessions(user, user.username, nowIso());
        }
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
      }
    }
    res.writeHead(204, { 'cache-control': 'no-store' });
    res.end();
  }

  /** Development clock: anyone signed in reads it; only the bureau moves it. */
  private async devClock(req: IncomingMessage, res: ServerResponse) {
    const payload = await this.claims(req);
    let caller;
    try {
      caller = payload && (await callerFrom({ requestContext: { authorizer: { jwt: { claims: asHttpApiClaims(payload), scopes: [] } } } } as never));
    } catch (e) {
      if (e instanceof DomainError) return apiError(res, e.statusCode, e.code, e.message);
      throw e;
    }
    if (!caller) return apiError(res, 401, 'UNAUTHENTICATED', '请先登录');
    if (req.method === 'GET') return send(res, 200, this.opts.clock.state());
    if (req.method !== 'POST') return apiError(res, 405, 'METHOD', '不支持的请求方法');
    if (!BUREAU_ROLES.includes(caller.role)) return apiError(res, 403, 'FORBIDDEN', '只有绩效办可以调整开发时钟');
    let days: number;
    try {
      days = Number(JSON.parse(await readText(req)).days);
    } catch {
      days = NaN;
    }
    if (!Number.isInteger(days) || days < 1 || days > 800) return apiError(res, 400, 'VALIDATION', 'days 应为 1 到 800 之间的整数');
    return send(res, 200, await this.opts.clock.advanceDays(days));
  }

  private static(res: ServerResponse, pathname: string) {
    const dir = this.opts.siteDir;
    const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, safe);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    if (!existsSync(file)) return apiError(res, 404, 'NO_SITE', '站点尚未构建：请运行 npm run build:web');
    const ext = extname(file);
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': file.includes(`${dir}/assets/`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      // As CloudFront's response-headers policy adds them in AWS (cdk/constructs/site.ts).
      ...this.siteHeaders,
    });
    createReadStream(file).pipe(res);
  }
}
