// The middleware chain: routing, the caller's profile, roles, region scope, validation, error shapes.
// Profiles are read from DynamoDB Local, as every request does.
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../functions/domain/errors.ts';
import { callerFrom, usernameFrom } from '../../functions/http/caller.ts';
import { getUser, setUserStatus } from '../../functions/data/users.ts';
import { useFreshTable } from '../helpers/table.ts';
import { tableHandler, type CheckedInput as OpInput } from '../../functions/http/chain.ts';
import { routes } from '../../functions/http/routes.ts';
import { apiEvent, callers, claimsOf, lambdaContext, routeFor, storeCallerProfiles } from '../helpers/events.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';

const seen: OpInput[] = [];
const echo = async (input: OpInput) => (seen.push(input), { ok: true });
/** A group's routes without their answer contracts, so operations can echo what they were given. */
const echoRoutes = (group: string) => routes.filter((r) => r.group === group).map(({ output, ...r }) => r);
const cycleRoutes = echoRoutes('cycles');
const handler = tableHandler(cycleRoutes, {
  ...Object.fromEntries(cycleRoutes.map((r) => [r.op, echo])),
  advanceStage: async () => {
    throw new ConflictError('已被他人推进');
  },
});
const call = async (...args: Parameters<typeof apiEvent>) => {
  const res = (await handler(apiEvent(...args), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
};

describe('route table', () => {
  it('declares each route once, with roles for every non-public route', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of routes) {
      if (!r.access.public) expect(r.access.roles.length).toBeGreaterThan(0);
      if (!r.access.public && r.access.scope === 'region') expect(r.path).toContain('{regionId}');
    }
  });

  it('puts every public route under /public', () => {
    for (const r of routes.filter((x) => x.access.public && !x.access.key)) expect(r.path.startsWith('/public/')).toBe(true);
    // The feed routes (a feeding system's key, no token) apart under /feed.
    for (const r of routes.filter((x) => x.access.public && x.access.key)) expect([r.path.startsWith('/feed/'), r.group]).toEqual([true, 'feed']);
  });
});

const SYSTEM = { username: 'system:test', role: 'system', regionId: '450900' };
beforeAll(async () => {
  await useFreshTable();
  await storeCallerProfiles();
});

const eventOf = (claims: Record<string, string>) => ({ requestContext: { authorizer: { jwt: { claims, scopes: [] } } } }) as never;

describe('the caller comes from the profile the token names', () => {
  it('takes role, region and unit from the profile, not from the token', async () => {
    const claims = { ...claimsOf(callers.ylUnitStaff), 'cognito:groups': '[bureau_leader]', 'custom:region': '450981' };
    expect(await callerFrom(eventOf(claims))).toEqual(callers.ylUnitStaff);
  });

  it('accepts an issuer that names the user by preferred_username or sub', async () => {
    expect(await callerFrom(eventOf({ preferred_username: 'yl_staff' }))).toEqual(callers.ylStaff);
    expect(await callerFrom(eventOf({ sub: 'bl_staff' }))).toEqual(callers.blStaff);
  });

  it('reads only the configured claim when one is named', async () => {
    const claims = { 'cognito:username': 'yl_staff', preferred_username: 'yl_leader', sub: 'bl_staff' };
    expect(usernameFrom(eventOf(claims), 'sub')).toBe('bl_staff');
    expect(usernameFrom(eventOf(claims), 'preferred_username')).toBe('yl_leader');
    expect(usernameFrom(eventOf({ sub: 'bl_staff' }), 'employee_no')).toBeUndefined();
    expect(usernameFrom(eventOf(claims), undefined)).toBe('yl_staff');
  });

  it('knows no caller for a username without a profile', async () => {
    expect(await callerFrom(eventOf({ 'cognito:username': 'nobody' }))).toBeUndefined();
    const res = await call(routeFor('cycles', 'listCycles'), { caller: { ...callers.ylStaff, username: 'nobody' }, params: { regionId: '450900' } });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain('已停用');
  });

  it('refuses a disabled account at once in this process', async () => {
    const list = routeFor('cycles', 'listCycles');
    await call(list, { caller: callers.ylLeader, params: { regionId: '450900' } }); // cached now
    await setUserStatus(SYSTEM, 'yl_leader', 'disabled', (await getUser('yl_leader'))!.version!, new Date().toISOString());
    expect((await call(list, { caller: callers.ylLeader, params: { regionId: '450900' } })).status).toBe(401);
  });
});

describe('chain', () => {
  const list = routeFor('cycles', 'listCycles');
  const create = routeFor('cycles', 'createCycle');
  const goodBody = { year: 2027, name: '2027年度绩效考评', stages: defaultStageDates(2027) };

  it('passes a caller of the region through with path parameters', async () => {
    const res = await call(list, { caller: callers.ylUnitStaff, params: { regionId: '450900' } });
    expect(res.status).toBe(200);
    expect(seen.at(-1)!.caller).toEqual(callers.ylUnitStaff);
  });

  it('answers 401 without a caller', async () => {
    expect((await call(list, { params: { regionId: '450900' } })).status).toBe(401);
  });

  it('refuses another region with 403', async () => {
    const res = await call(list, { caller: callers.blStaff, params: { regionId: '450900' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses a role the route does not allow with 403', async () => {
    const res = await call(create, { caller: callers.ylUnitStaff, params: { regionId: '450900' }, body: goodBody });
    expect(res.status).toBe(403);
  });

  it('answers 400 naming the field for bad input, and never calls the operation', async () => {
    const before = seen.length;
    const res = await call(create, { caller: callers.ylStaff, params: { regionId: '450900' }, body: { ...goodBody, year: 'next' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'body.year' })]);
    expect(res.body.error.message).toContain('body.year');
    expect(seen.length).toBe(before);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await call(create, { caller: callers.ylStaff, params: { regionId: '450900' }, rawBody: '{year:' });
    expect(res.status).toBe(400);
  });

  it('answers in the caller’s language: English for Accept-Language en, Chinese by default', async () => {
    const event = (lang?: string) => {
      const e = apiEvent(routeFor('cycles', 'createCycle'), { caller: callers.ylStaff, params: { regionId: '450900' }, body: { year: 1999 } });
      if (lang) e.headers = { 'accept-language': lang };
      return e;
    };
    const en = JSON.parse(((await handler(event('en-GB,en;q=0.9,zh;q=0.5'), lambdaContext)) as { body: string }).body);
    const zh = JSON.parse(((await handler(event(), lambdaContext)) as { body: string }).body);
    expect(en.error.message).toMatch(/^Invalid input/);
    expect(en.error.details.find((d: { path: string }) => d.path === 'body.year').message).toMatch(/Too small/i);
    expect(zh.error.message).toMatch(/^输入有误/);
    expect(zh.error.details.find((d: { path: string }) => d.path === 'body.year').message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('maps domain errors to their status and keeps the message', async () => {
    const res = await call(routeFor('cycles', 'advanceStage'), { caller: callers.ylStaff, params: { regionId: '450900', cycleId: '2027' }, body: { stage: 1, version: 1 } });
    expect(res).toEqual({ status: 409, body: { error: { code: 'CONFLICT', message: '已被他人推进' } } });
  });

  it('hides unexpected errors behind a generic 500', async () => {
    const publicRoutes = echoRoutes('public');
    const broken = tableHandler(publicRoutes, {
      ...Object.fromEntries(publicRoutes.map((r) => [r.op, echo])),
      listRegions: async () => {
        throw new Error('secret detail');
      },
    });
    const res = (await broken(apiEvent(routeFor('public', 'listRegions')), lambdaContext)) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
  });

  it('refuses to build a handler that lacks an operation of its group', () => {
    expect(() => tableHandler(echoRoutes('cycles'), { listCycles: echo })).toThrow(/no operation/);
  });
});
