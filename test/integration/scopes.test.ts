// The unit scopes of the route table against the demo region's 2026 plan: a unit reaches only its
// own unit, an assessor unit only the units and indicators the plan in force assigns to it, a third
// party only its surveys; the bureau reaches all; another region nothing. Refusals are audited.
import { beijingDate } from '../../functions/domain/dates.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { listAudit } from '../../functions/data/audit.ts';
import { ROLES } from '../../functions/domain/roles.ts';
import { z } from '../../functions/contracts/zod.ts';
import { cyclePath } from '../../functions/contracts/paths.ts';
import { tableHandler, type CheckedInput } from '../../functions/http/chain.ts';
import type { Route } from '../../functions/http/routes.ts';
import { apiEvent, lambdaContext } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { FEED_KEY } from '../../functions/contracts/access.ts';
import { registerFeedSystem } from '../../functions/data/feed-systems.ts';
import { newFeedKey, newFeedSystemId } from '../../functions/identity/feed-keys.ts';

const unitPath = cyclePath.extend({ unitId: z.string() });
const indicatorPath = unitPath.extend({ indicatorId: z.string() });
const testRoutes: Route[] = [
  { method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/goals', group: 'cycles', op: 'own', access: { public: false, roles: ROLES, scope: 'ownUnit' }, params: unitPath, summary: 'test' },
  { method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/units/{unitId}/scores/{indicatorId}', group: 'cycles', op: 'assess', access: { public: false, roles: ['bureau_staff', 'bureau_leader', 'assessor_staff'], scope: 'assessorOf' }, params: indicatorPath, summary: 'test' },
  { method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/assessments', group: 'cycles', op: 'worklist', access: { public: false, roles: ['bureau_staff', 'bureau_leader', 'assessor_staff'], scope: 'assessorOf' }, params: cyclePath, summary: 'test' },
  { method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/surveys', group: 'cycles', op: 'surveys', access: { public: false, roles: ['bureau_staff', 'bureau_leader', 'third_party'], scope: 'thirdParty' }, params: cyclePath, summary: 'test' },
  { method: 'POST', path: '/feed/regions/{regionId}/cycles/{cycleId}/values', group: 'feed', op: 'fed', access: FEED_KEY, params: cyclePath, summary: 'test' },
];
const seen: CheckedInput[] = [];
const echo = async (input: CheckedInput) => {
  seen.push(input);
  return { reach: input.reach ? Object.fromEntries([...input.reach].map(([u, ids]) => [u, [...ids].sort()])) : 'all' };
};
const handler = tableHandler(testRoutes, { own: echo, assess: echo, worklist: echo, surveys: echo, fed: async (input: CheckedInput) => ({ caller: input.caller ?? null, systemId: input.system?.systemId }) });

const person = (username: string, role: Caller['role'], unitId: string, regionId = '450900'): Caller => ({ username, name: username, role, regionId, unitId });
const yuzhouStaff = person('yuzhou_staff', 'unit_staff', 'yl-yuzhou');
const tjj = person('yl_tjj', 'assessor_staff', 'yl-tjj');
const third = person('yl_third', 'third_party', 'yl-sqmy');
const ylStaff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const blStaff = person('bl_staff', 'bureau_staff', 'bl-jxb', '450981');

async function get(op: string, caller: Caller, params: Record<string, string>) {
  const route = testRoutes.find((r) => r.op === op)!;
  const res = (await handler(apiEvent(route, { caller, params: { regionId: '450900', cycleId: '2026', ...params } }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
}, 60_000);

describe('ownUnit', () => {
  it('lets a unit reach its own unit and refuses another unit of the region', async () => {
    expect((await get('own', yuzhouStaff, { unitId: 'yl-yuzhou' })).status).toBe(200);
    expect((await get('own', yuzhouStaff, { unitId: 'yl-fumian' })).status).toBe(403);
  });
  it('lets the bureau reach every unit and refuses another region', async () => {
    expect((await get('own', ylStaff, { unitId: 'yl-fumian' })).status).toBe(200);
    expect((await get('own', blStaff, { unitId: 'yl-yuzhou' })).status).toBe(403);
  });
});

describe('assessorOf', () => {
  it('lets 市统计局 score 地区生产总值增长 (1.1) of a county, as the county plan assigns', async () => {
    expect((await get('assess', tjj, { unitId: 'yl-yuzhou', indicatorId: '1.1' })).status).toBe(200);
  });
  it('refuses it an indicator assigned to another assessor, and a unit of a category where it scores nothing', async () => {
    expect((await get('assess', tjj, { unitId: 'yl-yuzhou', indicatorId: '2.1' })).status).toBe(403);
    expect((await get('assess', tjj, { unitId: 'yl-jyj', indicatorId: '1.1' })).status).toBe(403);
  });
  it('hands the worklist route exactly its reach: the seven counties, indicator 1.1 each', async () => {
    const { status, body } = await get('worklist', tjj, {});
    expect(status).toBe(200);
    expect(Object.keys(body.reach).sort()).toEqual(['yl-beiliu', 'yl-bobai', 'yl-fumian', 'yl-luchuan', 'yl-rongxian', 'yl-xingye', 'yl-yuzhou']);
    expect(new Set(Object.values(body.reach).map((ids) => JSON.stringify(ids)))).toEqual(new Set([JSON.stringify(['1.1'])]));
  });
  it('gives the bureau everything', async () => {
    expect((await get('assess', ylStaff, { unitId: 'yl-jyj', indicatorId: '2.1' })).body).toEqual({ reach: 'all' });
  });
});

describe('thirdParty', () => {
  it('hands the survey agency the satisfaction leaves of every unit, and nothing else', async () => {
    const { status, body } = await get('surveys', third, {});
    expect(status).toBe(200);
    expect(body.reach['yl-yuzhou']).toEqual(['3.1']);
    expect(body.reach['yl-jyj']).toEqual(['3.1', '3.2']);
    expect(Object.values(body.reach).flat().every((id) => String(id).startsWith('3.'))).toBe(true);
  });
  it('refuses an assessor unit by role', async () => {
    expect((await get('surveys', tjj, {})).status).toBe(403);
  });
});

describe('feed key (no token: a feeding system’s key)', () => {
  const feed = async (key: string | undefined, regionId = '450900', caller?: Caller) => {
    const event = apiEvent(testRoutes.find((r) => r.op === 'fed')!, { caller, params: { regionId, cycleId: '2026' } });
    if (key) event.headers = { 'x-feed-key': key };
    const res = (await handler(event, lambdaContext)) as { statusCode: number; body: string };
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };
  let key = '';
  let systemId = '';
  beforeAll(async () => {
    systemId = newFeedSystemId();
    const made = newFeedKey(systemId);
    key = made.key;
    const at = new Date().toISOString();
    await registerFeedSystem(ylStaff, { regionId: '450900', systemId, name: '测试系统', cycleId: '2026', indicators: [{ categoryId: 'c1', indicatorId: '1.1', categoryName: '县（市、区）', indicatorName: '地区生产总值增长' }], unitIds: [], keyHash: made.hash, status: 'active', createdAt: at, createdBy: 'yl_staff', fedCount: 0, version: 1 }, at);
  });
  it('hands the operation the system its key names, and no caller', async () => {
    expect(await feed(key)).toEqual({ status: 201, body: { caller: null, systemId } });
  });
  it('refuses a person’s token without a key (401): a token is no key', async () => {
    expect((await feed(undefined, '450900', ylStaff)).status).toBe(401);
  });
  it('refuses the key on another region’s path (403)', async () => {
    expect((await feed(key, '450981')).status).toBe(403);
  });
});

it('audits every scope refusal in the caller’s region', async () => {
  const month = beijingDate(Date.now()).slice(0, 7);
  const { items } = await listAudit('450900', month, 100);
  const refused = items.filter((a) => a.action === 'access.refused').map((a) => (a.after as { reason: string }).reason);
  expect(refused.filter((r) => r === 'unit')).toHaveLength(1);
  expect(refused.filter((r) => r === 'assessorOf')).toHaveLength(2);
});
