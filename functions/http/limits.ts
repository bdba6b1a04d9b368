// The limits of the API and the edge, declared once: the size of a request body, how many requests a
// route and a caller may make, the WAF's rate rule, and the security headers and content security
// policy the site is served with. CDK (cdk/constructs/api.ts, site.ts, waf.ts) and the local gateway
// (cdk/local/gateway.ts) both read them from here, so the local platform answers as AWS does.
import { t } from '../contracts/lang.ts';
import type { Access } from '../contracts/define.ts';

/** The size of a request body the API takes: checked by the chain in AWS and by the local gateway. */
export const MAX_BODY_BYTES = 1_000_000;

export const tooLargeMessage = () => t('请求内容过大（上限 1 MB），请拆分后再提交', 'The request is too large (1 MB at most); split it and send again');

// ---------------------------------------------------------------------------------------------------
// Request rates. A token bucket: `rate` requests a second sustained, `burst` at once (API Gateway's
// own model, so the figures mean the same in both places).

export interface Rate {
  rate: number;
  burst: number;
}

/**
 * What a route costs, read from its declaration: public pages (no sign-in), the feed API (other
 * systems, by key), imports (a whole sheet validated and written in one go: the heavy routes), other
 * writes, and reads.
 */
export type LimitClass = 'read' | 'write' | 'heavy' | 'public' | 'feed';
export const LIMIT_CLASSES: readonly LimitClass[] = ['read', 'write', 'heavy', 'public', 'feed'];

export function limitClass(r: { method: string; path: string; access: Access }): LimitClass {
  if (r.access.public && r.access.key) return 'feed';
  if (r.access.public) return 'public';
  if (r.path.endsWith('/import')) return 'heavy';
  return r.method === 'GET' ? 'read' : 'write';
}

/**
 * Per route, every caller together. In AWS the HTTP API stage's route settings (`read` is also the
 * stage default); the local gateway keeps one bucket per route with the same figures.
 */
export const ROUTE_LIMITS: Record<LimitClass, Rate> = {
  read: { rate: 50, burst: 100 },
  write: { rate: 20, burst: 40 },
  heavy: { rate: 2, burst: 10 },
  public: { rate: 10, burst: 20 },
  // A feeding system sends a month's values in batches of up to 100 rows: a call every few seconds is
  // ample, and the route is reachable without a token, so it is held tightest of all.
  feed: { rate: 1, burst: 5 },
};

/**
 * Per caller: a signed-in person by username, per class over all routes of the class; public pages
 * and the local sign-in endpoints (`auth`: sign-in, password change, renewal, logout) by client
 * address. Enforced by the local gateway. HTTP APIs offer no per-client limits (no usage plans or API
 * keys, and no WAF association), so in AWS the route limits above and the site's WAF rate rule are
 * what holds (README, "Limits and headers"). `auth` is generous on purpose: a whole office signs in
 * from one address in the morning; guessing one account is stopped by its lock (5 failures in 15 min).
 */
export const CALLER_LIMITS: Record<LimitClass | 'auth', Rate> = {
  read: { rate: 10, burst: 60 },
  write: { rate: 5, burst: 30 },
  heavy: { rate: 0.2, burst: 10 },
  public: { rate: 5, burst: 20 },
  feed: { rate: 0.5, burst: 5 },
  auth: { rate: 1, burst: 30 },
};

export interface Limits {
  route: Record<LimitClass, Rate>;
  caller: Record<LimitClass | 'auth', Rate>;
}
export const LIMITS: Limits = { route: ROUTE_LIMITS, caller: CALLER_LIMITS };

/**
 * Lambda reserved concurrency by handler group. Only the public group by default: it is the one
 * anyone on the internet can drive without an account, and 200 is above the sum of its routes'
 * bursts (9 × 20 today; the infra test keeps it so as public pages are added), so the stage answers
 * 429 before the reservation could throttle an invocation. The other groups share the account's pool: a reservation on a whole
 * group would cap its ordinary reads too, and, sized below what the stage admits, turn a burst into
 * throttled invocations (an error to the caller instead of a 429). Lambda keeps 100 of the account's
 * concurrency unreserved, so a reservation needs an account limit of at least 100 + the sum.
 */
// 'supervision' too: its three public complaint routes (burst 3 × 20) are open to anyone; 100 leaves the
// bureau's handling routes room beside them, and bounds what a flood of filings can cost.
export const RESERVED_CONCURRENCY: Readonly<Record<string, number>> = { public: 200, supervision: 100 };

/** AWS WAF rate-based rule on the site (requests per client address in the window). */
export const WAF_RATE_RULE = { limit: 3000, windowSeconds: 300 } as const;

/** Seconds until a bucket with `tokens` left has one again: the Retry-After of a 429. */
export const retryAfterSeconds = (tokens: number, r: Rate) => Math.max(1, Math.ceil((1 - tokens) / r.rate));

export const tooManyMessage = (seconds: number) =>
  t(`请求过于频繁，请 ${seconds} 秒后再试`, `Too many requests; try again in ${seconds} s`);

// ---------------------------------------------------------------------------------------------------
// The site's security headers, the same in both partitions where the partition allows (China: only
// what a <meta> element can carry, see cdk/constructs/site.ts) and on the local gateway.

export interface PolicyOrigins {
  /** Origins the portal calls besides its own: the API, the OIDC issuer (discovery, token endpoint). */
  connect: string[];
  /** Origins the portal may frame: the issuer, for a silent renewal in a hidden frame. */
  frame: string[];
}

/**
 * The content security policy. Scripts only from the site itself (the built bundle has no inline
 * script and no eval); styles also inline, because Element Plus and ECharts set style attributes;
 * images and fonts also as data: URIs (Element Plus's CSS carries a few). frame-ancestors is 'self',
 * not 'none': an issuer without refresh tokens renews in a hidden frame that loads this page.
 * `meta`: the variant for a <meta> element, which browsers refuse frame-ancestors in.
 */
export function contentSecurityPolicy(o: PolicyOrigins, { meta = false } = {}): string {
  const list = (extra: string[]) => ["'self'", ...new Set(extra)].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${list(o.connect)}`,
    `frame-src ${list(o.frame)}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(meta ? [] : ["frame-ancestors 'self'"]),
  ].join('; ');
}

/** The headers besides the CSP. */
export const SECURITY_HEADERS = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
} as const;

/** Every header the site is served with, for these origins. */
export const siteHeaders = (o: PolicyOrigins): Record<string, string> => ({ 'content-security-policy': contentSecurityPolicy(o), ...SECURITY_HEADERS });

/** The origin of a URL (`https://host[:port]`), for the policy's source lists. */
export const originOf = (url: string) => new URL(url).origin;
