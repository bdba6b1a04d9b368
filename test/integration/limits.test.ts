// Request limits on the local gateway with the deployed API's figures (functions/http/limits.ts):
// bounded bursts on 127.0.0.1 get 429 with Retry-After and never a 5xx, one person's burst leaves
// the others alone, and every route of the table has a limit class. Also: the site's headers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DEMO_PASSWORD } from '../../cdk/local/demo-data.ts';
import { startLocalStack, type LocalStack } from '../../cdk/local/stack.ts';
import { CALLER_LIMITS, LIMITS, limitClass, ROUTE_LIMITS, SECURITY_HEADERS } from '../../functions/http/limits.ts';
import { routes } from '../../functions/http/routes.ts';
import { unitHeader } from '../../functions/domain/unit-rows.ts';

const YL = '450900';
const BL = '450981';
let stack: LocalStack;
const tokens: Record<string, string> = {};

interface Answer {
  status: number;
  retryAfter: string | null;
  code?: string;
}

async function call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${stack.url}/api${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as { error?: { code: string } };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), code: json.error?.code };
}

const login = (username: string, password = DEMO_PASSWORD) => call('POST', '/auth/login', undefined, { username, password });

/** Tallies a burst and checks what every burst must show: 429s carry Retry-After, nothing is a 5xx. */
function tally(name: string, answers: Answer[]) {
  const count = (f: (a: Answer) => boolean) => answers.filter(f).length;
  const t = { requests: answers.length, ok: count((a) => a.status < 400), throttled: count((a) => a.status === 429), otherRefusals: count((a) => a.status >= 400 && a.status < 500 && a.status !== 429), server: count((a) => a.status >= 500) };
  console.log(`burst ${name}: ${JSON.stringify(t)}`);
  expect(t.server, `${name}: 5xx`).toBe(0);
  for (const a of answers.filter((x) => x.status === 429)) {
    expect(a.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
  }
  return t;
}

/** n requests at once; `seconds` is how long they took to answer (buckets refill meanwhile). */
async function burst(n: number, f: (i: number) => Promise<Answer>): Promise<Answer[] & { seconds: number }> {
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => f(i)));
  return Object.assign(answers, { seconds: (performance.now() - started) / 1000 });
}
/** The fewest 429s a burst of n must get from a bucket: all beyond its burst and what refilled meanwhile. */
const atLeast = (n: number, limit: { rate: number; burst: number }, seconds: number) => Math.max(1, n - limit.burst - Math.ceil(limit.rate * seconds));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stack = await startLocalStack({ limits: LIMITS, dynamoEndpoint: inject('dynamoEndpoint'), tableName: `limits-${randomUUID()}` });
  for (const u of ['yl_staff', 'yl_leader', 'bl_staff']) {
    const res = await fetch(`${stack.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username: u, password: DEMO_PASSWORD }) });
    tokens[u] = ((await res.json()) as { token: string }).token;
  }
}, 120_000);
afterAll(() => stack?.stop());

describe('limit classes', () => {
  it('gives every route of the table a class with route and caller figures; imports are heavy, public pages public', () => {
    for (const r of routes) {
      const kind = limitClass(r);
      expect(ROUTE_LIMITS[kind].rate, r.path).toBeGreaterThan(0);
      expect(CALLER_LIMITS[kind].burst, r.path).toBeGreaterThan(0);
      // One caller alone can never take a route's whole burst.
      expect(CALLER_LIMITS[kind].burst, r.path).toBeLessThanOrEqual(ROUTE_LIMITS[kind].burst);
      if (r.path.endsWith('/import')) expect(kind).toBe('heavy');
      if (r.access.public) expect(kind).toBe(r.access.key ? 'feed' : 'public');
    }
    expect(routes.filter((r) => limitClass(r) === 'heavy').length).toBeGreaterThan(0);
  });
});

describe('bursts on 127.0.0.1', () => {
  const reads = [`/regions/${YL}/cycles`, `/regions/${YL}/units`, `/regions/${YL}/calendar`, `/regions/${YL}/notices`];

  it('one person reading in a burst gets 429 with Retry-After past their own limit, never a 5xx; others read on', async () => {
    const n = 200; // 50 on each of 4 routes: within every route's burst of 100, far beyond the person's 60
    const answers = await burst(n, (i) => call('GET', reads[i % reads.length]!, tokens.yl_staff));
    const own = tally(`yl_staff reads (${answers.seconds.toFixed(1)} s)`, answers);
    expect(own.throttled).toBeGreaterThanOrEqual(atLeast(n, CALLER_LIMITS.read, answers.seconds));
    expect(own.ok).toBeGreaterThanOrEqual(CALLER_LIMITS.read.burst);
    // Right after: the same routes for two other people (one of another region) are not throttled.
    const others = tally('others during yl_staff\'s burst', [
      ...(await burst(20, (i) => call('GET', reads[i % reads.length]!, tokens.yl_leader))),
      ...(await burst(20, (i) => call('GET', `/regions/${BL}/cycles`, tokens.bl_staff))),
    ]);
    expect(others.throttled).toBe(0);
    expect(others.ok).toBe(40);
    // And the throttled person gets through again after the Retry-After they were given.
    const again = await call('GET', reads[0]!, tokens.yl_staff);
    if (again.status === 429) {
      await sleep(Number(again.retryAfter) * 1000);
      expect((await call('GET', reads[0]!, tokens.yl_staff)).status).toBe(200);
    }
  });

  it('heavy routes (imports): a burst of dry runs is cut at the person\'s import limit with Retry-After', async () => {
    const rows = [['玉林市新增单位名单'], unitHeader(), ['玉林市限流测试局', '', '部门', '', '否', '']];
    const n = 14;
    const answers = await burst(n, () => call('POST', `/regions/${YL}/units/import`, tokens.yl_staff, { dryRun: true, rows }));
    const t = tally(`yl_staff imports (${answers.seconds.toFixed(1)} s)`, answers);
    expect(t.ok + t.otherRefusals).toBeLessThanOrEqual(CALLER_LIMITS.heavy.burst + Math.ceil(CALLER_LIMITS.heavy.rate * answers.seconds));
    expect(t.throttled).toBeGreaterThanOrEqual(atLeast(n, CALLER_LIMITS.heavy, answers.seconds));
  });

  it('public pages by client address: a burst is cut at the address\'s limit, never a 5xx', async () => {
    const n = 45;
    const answers = await burst(n, () => call('GET', '/public/regions'));
    const t = tally(`public, one address (${answers.seconds.toFixed(1)} s)`, answers);
    expect(t.ok).toBeGreaterThanOrEqual(CALLER_LIMITS.public.burst);
    expect(t.throttled).toBeGreaterThanOrEqual(atLeast(n, CALLER_LIMITS.public, answers.seconds));
  });

  it('sign-in by client address: a burst of guesses gets 429 past the limit, never a 5xx', async () => {
    const n = 45;
    const answers = await burst(n, (i) => login('no_such_person', `Wrong#${i}`));
    const t = tally(`sign-in, one address (${answers.seconds.toFixed(1)} s)`, answers);
    // What the bucket lets through answers 401 or 423 (the lock); three sign-ins were spent in beforeAll.
    expect(t.throttled).toBeGreaterThanOrEqual(atLeast(n, CALLER_LIMITS.auth, answers.seconds));
    expect(t.ok).toBe(0);
  });
});

describe('the site', () => {
  it('is served with the content security policy and the security headers', async () => {
    for (const path of ['/', '/config.json']) {
      const res = await fetch(`${stack.url}${path}`);
      await res.arrayBuffer();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'self'");
      expect(csp, path).toContain("object-src 'none'");
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), `${path} ${name}`).toBe(value);
    }
  });
});
