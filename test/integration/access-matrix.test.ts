// The access matrix, generated from the route table's declarations: every route × every demo role
// of 玉林市 (the three administrators included) (and the bureau and a unit of 北流市) × the own region / another region (and, where the path
// names a unit, the own unit / another unit), plus no token and expired, altered and foreign tokens.
// The expected answer comes from the declaration alone, so a new route is covered by being declared.
// An allowed caller sends a body with a field no contract declares: it passes the access checks (anything but 401/403) and the
// body check then refuses it, so the matrix writes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../cdk/local/stack.ts';
import { TokenIssuer } from '../../cdk/local/token-issuer.ts';
import { loadReach } from '../../functions/data/reach.ts';
import { getUser } from '../../functions/data/users.ts';
import type { Reach } from '../../functions/domain/reach.ts';
import { BUREAU_ROLES, type Role } from '../../functions/domain/roles.ts';
import { routes, type Route } from '../../functions/http/routes.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { eachLimited } from '../helpers/pool.ts';
import { fillPath, samplePathIds } from '../helpers/route-samples.ts';

interface Person {
  username: string;
  role: Role;
  regionId: string;
  unitId: string;
}
const people: Person[] = [
  { username: 'yl_leader', role: 'bureau_leader', regionId: '450900', unitId: 'yl-jxb' },
  { username: 'yl_staff', role: 'bureau_staff', regionId: '450900', unitId: 'yl-jxb' },
  { username: 'yl_tjj', role: 'assessor_staff', regionId: '450900', unitId: 'yl-tjj' },
  { username: 'yuzhou_leader', role: 'unit_leader', regionId: '450900', unitId: 'yl-yuzhou' },
  { username: 'yuzhou_staff', role: 'unit_staff', regionId: '450900', unitId: 'yl-yuzhou' },
  { username: 'yl_third', role: 'third_party', regionId: '450900', unitId: 'yl-sqmy' },
  // 三权分立 (security.md M5): each administrator is refused the others' routes and the business data.
  { username: 'yl_sysadmin', role: 'system_admin', regionId: '450900', unitId: 'yl-jxb' },
  { username: 'yl_secadmin', role: 'security_admin', regionId: '450900', unitId: 'yl-jxb' },
  { username: 'yl_auditor', role: 'audit_admin', regionId: '450900', unitId: 'yl-jxb' },
  { username: 'bl_staff', role: 'bureau_staff', regionId: '450981', unitId: 'bl-jxb' },
  { username: 'lingcheng_staff', role: 'unit_staff', regionId: '450981', unitId: 'bl-lingcheng' },
];
const REGIONS = ['450900', '450981'];
/** Requests in flight at once. */
const IN_FLIGHT = 6;

/** The path filled for a target region and unit; other ids are the demo data's. */
function pathOf(r: Route, regionId: string, unitId: string, username: string) {
  return fillPath(r.path, { regionId, unitId, username });
}

/** What the declaration says: 'allowed' (anything but 401/403) or the refusal. */
function expected(r: Route, p: Person, regionId: string, unitId: string): 'allowed' | 401 | 403 {
  // A feed route takes a feeding system's key, never a person's token (test/integration/feed.test.ts feeds with keys).
  if (r.access.public && r.access.key) return 401;
  if (r.access.public) return 'allowed';
  if (!r.access.roles.includes(p.role)) return 403;
  if (r.access.scope === 'self') return 'allowed';
  if (regionId !== p.regionId) return 403;
  if (r.access.scope === 'ownUnit' && !BUREAU_ROLES.includes(p.role) && unitId !== p.unitId) return 403;
  // An assessor unit reaches a unit's indicator the plan in force assigns to it (read from the demo data in beforeAll).
  // A path without {unitId} (or {indicatorId}) is not narrowed by them: the operation reads the caller's reach.
  if (r.access.scope === 'assessorOf' && !BUREAU_ROLES.includes(p.role)) {
    const indicators = assessorReach.get(`${p.username}@${regionId}`)?.get(unitId);
    const reached = !r.path.includes('{unitId}') || (indicators !== undefined && (!r.path.includes('{indicatorId}') || indicators.has(samplePathIds.indicatorId!)));
    return reached ? 'allowed' : 403;
  }
  if (r.access.scope === 'thirdParty' && !BUREAU_ROLES.includes(p.role)) return 403;
  return 'allowed';
}

let stack: LocalStack;
const clients = new Map<string, ApiClient>();
/** What each person's unit assesses in its own region (another region's path is refused before any reach). */
const assessorReach = new Map<string, Reach>();
const tokens = new Map<string, string>();

beforeAll(async () => {
  stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `matrix-${randomUUID()}` });
  for (const p of people) {
    const res = await fetch(`${stack.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username: p.username, password: 'Jixiao@2025' }) });
    const { token } = (await res.json()) as { token: string };
    tokens.set(p.username, token);
    clients.set(p.username, new ApiClient(stack.url, token));
    assessorReach.set(`${p.username}@${p.regionId}`, await loadReach(p.regionId, samplePathIds.cycleId!, p.unitId, 'indicators'));
  }
}, 120_000);
afterAll(() => stack?.stop());

const cells = routes.flatMap((r) =>
  people.flatMap((p) =>
    REGIONS.flatMap((regionId) =>
      (r.path.includes('{unitId}') ? [p.unitId, regionId === '450900' ? 'yl-fumian' : 'bl-lingcheng'] : [p.unitId]).map((unitId) => ({ r, p, regionId, unitId })),
    ),
  ),
);

describe(`access matrix: ${cells.length} cells`, () => {
  it('answers every cell as the route table declares, and leaks none', async () => {
    const wrong: string[] = [];
    let leaks = 0;
    // The matrix writes nothing (see the header), so its cells may be sent side by side.
    await eachLimited(cells, IN_FLIGHT, async ({ r, p, regionId, unitId }) => {
      const want = expected(r, p, regionId, unitId);
      const res = await clients.get(p.username)!.call(r.method, pathOf(r, regionId, unitId, p.username), r.method === 'GET' ? undefined : { notInAnyContract: true });
      const ok = want === 'allowed' ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === want;
      if (!ok) {
        if (want === 403 && res.status < 400) leaks++;
        wrong.push(`${r.method} ${pathOf(r, regionId, unitId, p.username)} as ${p.username}: expected ${want}, got ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    });
    expect(leaks).toBe(0);
    expect(wrong.sort()).toEqual([]);
  }, 300_000);
});

describe('tokens', () => {
  const signedIn = routes.filter((r) => !r.access.public);
  const forged = async (): Promise<Record<string, string>> => {
    const real = tokens.get('yl_staff')!;
    const [h, payload, sig] = real.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:username': 'yl_leader', sub: 'yl_leader' })).toString('base64url')}.${sig}`;
    const other = await TokenIssuer.create();
    const user = (await getUser('yl_leader'))!;
    const nowS = Math.floor(Date.now() / 1000);
    return {
      none: '',
      altered,
      foreign: await other.sign(user, nowS),
      expired: await stack.issuer.sign(user, nowS - 3_600, nowS - 3_600),
    };
  };
  it(`refuses ${signedIn.length} signed-in routes × no token, altered, foreign and expired tokens with 401`, async () => {
    const bad = await forged();
    const wrong: string[] = [];
    await eachLimited(signedIn.flatMap((r) => Object.entries(bad).map(([kind, token]) => ({ r, kind, token }))), IN_FLIGHT, async ({ r, kind, token }) => {
      const res = await new ApiClient(stack.url, token || undefined).call(r.method, pathOf(r, '450900', 'yl-yuzhou', 'yuzhou_staff'), r.method === 'GET' ? undefined : { notInAnyContract: true });
      if (res.status !== 401) wrong.push(`${kind} ${r.method} ${r.path}: ${res.status}`);
    });
    expect(wrong.sort()).toEqual([]);
  });
});

describe('body size', () => {
  const writes = routes.filter((r) => r.method !== 'GET');
  it(`answers a body over 1 MB with 413 on all ${writes.length} write routes, before any handler runs`, async () => {
    const big = JSON.stringify({ rows: [['x'.repeat(1_100_000)]] });
    const statuses = new Set<number>();
    await eachLimited(writes, IN_FLIGHT, async (r) => void statuses.add((await clients.get('yl_staff')!.call(r.method, pathOf(r, '450900', 'yl-yuzhou', 'yuzhou_staff'), big)).status));
    expect([...statuses]).toEqual([413]);
  });
});
