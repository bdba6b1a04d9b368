// The API as deployed code runs it: local gateway → route table → middy chain → handlers →
// DynamoDB Local, with the state machine run by the local runner.
import { beijingDate } from '../../functions/domain/dates.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startLocalStack, type LocalStack } from '../../cdk/local/stack.ts';
import { now } from '../../functions/config/clock.ts';
import { getCycle } from '../../functions/data/cycles.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { auditReader } from '../helpers/audit-reader.ts';
import { until } from '../helpers/poll.ts';
import { fillPath } from '../helpers/route-samples.ts';

const YL = '450900';
const BL = '450981';
let stack: LocalStack;
/** The audit log is read as the region's audit administrator (三权分立, security.md M5). */
const auditor = auditReader(() => stack.url);
let anon: ApiClient, ylStaff: ApiClient, ylLeader: ApiClient, ylUnit: ApiClient, blStaff: ApiClient;

const thisMonth = () => beijingDate(Date.now()).slice(0, 7);
const newCycleBody = (year: number) => ({ year, name: `${year}年度绩效考评`, stages: defaultStageDates(year) });
/** The cycle as the API shows it, once its workflow waits at the current stage. */
async function waitForWorkflow(client: ApiClient, year: number) {
  await until(
    () => getCycle(YL, String(year)),
    (c) => Boolean(c?.stages[c.currentStage - 1]?.taskToken),
    `cycle ${year} to wait at its current stage`,
  );
  return (await client.get(`/regions/${YL}/cycles/${year}`)).body;
}

beforeAll(async () => {
  stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `it-${randomUUID()}` });
  anon = new ApiClient(stack.url);
  [ylStaff, ylLeader, ylUnit, blStaff] = await Promise.all(
    ['yl_staff', 'yl_leader', 'yuzhou_staff', 'bl_staff'].map((u) => ApiClient.login(stack.url, u)),
  );
});

afterAll(() => stack?.stop());

describe('login (local token issuer)', () => {
  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await fetch(`${stack.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username: 'yl_staff', password: 'nope' }) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.message).toBe('用户名或密码错误');
  });

  it('answers who is signed in', async () => {
    const me = await ylUnit.get('/me');
    expect(me.body).toMatchObject({ username: 'yuzhou_staff', role: 'unit_staff', regionName: '玉林市', unitName: '玉州区' });
  });

  it('refuses a forged token', async () => {
    const forged = new ApiClient(stack.url, 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
    expect((await forged.get('/me')).status).toBe(401);
  });
});

describe('public pages', () => {
  it('lists the regions and each region\'s cycles without login', async () => {
    const regions = await anon.get('/public/regions');
    expect(regions.body.items.map((r: any) => r.name).sort()).toEqual(['北流市', '玉林市']);
    const cycles = await anon.get(`/public/regions/${BL}/cycles`);
    expect(cycles.status).toBe(200);
    expect(cycles.body.items[0].stages).toHaveLength(11);
    expect(JSON.stringify(cycles.body)).not.toContain('taskToken');
    expect(JSON.stringify(cycles.body)).not.toMatch(/doneBy|createdBy|bl_staff/);
  });

  it('answers 404 for an unknown region', async () => {
    expect((await anon.get('/public/regions/999999/cycles')).status).toBe(404);
  });
});

describe('a cycle\'s life through the API', () => {
  it('creates a cycle, whose workflow opens the first stage', async () => {
    const res = await ylStaff.post(`/regions/${YL}/cycles`, newCycleBody(2027));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ cycleId: '2027', currentStage: 1, status: 'open', version: 1 });
    const cycle = await waitForWorkflow(ylStaff, 2027);
    expect(cycle.stages[0]).toMatchObject({ state: 'current', code: 'plan' });
  });

  it('refuses a second cycle for the same year', async () => {
    const res = await ylStaff.post(`/regions/${YL}/cycles`, newCycleBody(2027));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('2027');
  });

  it('refuses stage dates out of order, naming the field, and writes nothing', async () => {
    const body = newCycleBody(2028);
    body.stages[3] = { ...body.stages[3]!, deadline: '2028-03-01' };
    const auditBefore = (await (await auditor()).get(`/regions/${YL}/audit?month=${thisMonth()}&limit=100`)).body.items.length;
    const res = await ylStaff.post(`/regions/${YL}/cycles`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toContain('body.stages.3.deadline');
    expect((await ylStaff.get(`/regions/${YL}/cycles/2028`)).status).toBe(404);
    expect((await (await auditor()).get(`/regions/${YL}/audit?month=${thisMonth()}&limit=100`)).body.items.length).toBe(auditBefore);
  });

  it('advances a stage for the bureau and opens the next', async () => {
    const before = await waitForWorkflow(ylStaff, 2027);
    const res = await ylLeader.post(`/regions/${YL}/cycles/2027/advance`, { stage: 1, version: before.version });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ currentStage: 2, version: before.version + 1 });
    expect(res.body.stages[0]).toMatchObject({ state: 'done', doneBy: 'yl_leader' });
    const after = await waitForWorkflow(ylStaff, 2027);
    expect(after.stages[1].state).toBe('current');
  });

  it('lets only one of two simultaneous advances through', async () => {
    const cycle = await waitForWorkflow(ylStaff, 2027);
    const body = { stage: cycle.currentStage, version: cycle.version };
    const results = await Promise.all([ylStaff.post(`/regions/${YL}/cycles/2027/advance`, body), ylLeader.post(`/regions/${YL}/cycles/2027/advance`, body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('records who did what in the audit log', async () => {
    const audit = await (await auditor()).get(`/regions/${YL}/audit?month=${thisMonth()}&limit=100`);
    const actions = audit.body.items.map((a: any) => `${a.action}:${a.actor}`);
    expect(actions).toEqual(expect.arrayContaining(['cycle.create:yl_staff', 'stage.advance:yl_leader', 'stage.open:system:workflow']));
  });

  it('escalates when the development clock passes the deadline and tells the bureau', async () => {
    const cycle = (await ylStaff.get(`/regions/${YL}/cycles/2027`)).body;
    const current = cycle.stages[cycle.currentStage - 1];
    const days = Math.ceil((Date.parse(current.deadlineAt) - Date.now()) / 86_400_000) + 1;
    expect((await ylUnit.post('/dev/clock', { days })).status).toBe(403);
    expect((await ylStaff.post('/dev/clock', { days })).status).toBe(200);
    const escalated = await until(
      async () => (await ylStaff.get(`/regions/${YL}/cycles/2027`)).body,
      (c: any) => Boolean(c.stages[c.currentStage - 1].escalatedAt),
      'the escalation',
    );
    expect(escalated.stages[escalated.currentStage - 1].overdue).toBe(true);
    const notices = await ylStaff.get(`/regions/${YL}/notices?limit=50`);
    expect(notices.body.items.some((n: any) => n.kind === 'stage.overdue' && n.title.includes('2027'))).toBe(true);
  });
});

describe('access: every route of the route table', async () => {
  const { routes } = await import('../../functions/http/routes.ts');
  const path = (p: string, regionId: string) => fillPath(p, { regionId, unitId: 'yl-jyj' });
  const sample: Record<string, unknown> = { advanceStage: { stage: 4, version: 4 }, createCycle: newCycleBody(2029) };
  const query: Record<string, string> = { listAudit: `?month=${thisMonth()}` };
  sample.saveCalendarYear = { holidays: ['2026-10-01'], workdays: [], version: 1 };
  query.workingDeadline = '?from=2026-09-30&days=5';

  for (const route of routes.filter((r) => !r.access.public)) {
    it(`${route.method} ${route.path} refuses a caller without a token (401)`, async () => {
      const res = await anon.call(route.method, path(route.path, YL) + (query[route.op] ?? ''), sample[route.op]);
      expect(res.status).toBe(401);
    });

    if (!route.access.public && route.access.scope === 'region') {
      it(`${route.method} ${route.path} refuses the bureau of another region (403)`, async () => {
        const res = await blStaff.call(route.method, path(route.path, YL) + (query[route.op] ?? ''), sample[route.op]);
        expect(res.status).toBe(403);
      });
    }

    if (!route.access.public && !route.access.roles.includes('unit_staff')) {
      it(`${route.method} ${route.path} refuses a unit's staff of the same region (403)`, async () => {
        const res = await ylUnit.call(route.method, path(route.path, YL) + (query[route.op] ?? ''), sample[route.op]);
        expect(res.status).toBe(403);
      });
    }
  }

  it('recorded every refusal in the refused caller\'s audit log', async () => {
    // Audit months follow the (development) clock, which an earlier test moved forward.
    const month = beijingDate(now()).slice(0, 7);
    const audit = await (await auditor(BL)).get(`/regions/${BL}/audit?month=${month}&limit=100`);
    const refused = audit.body.items.filter((a: any) => a.action === 'access.refused' && a.actor === 'bl_staff');
    expect(refused.length).toBeGreaterThan(0);
    // A route for roles bureau staff lack (e.g. the bureau leader's decisions) refuses on the role first.
    expect(refused.every((a: any) => a.after.params.regionId === YL && ['region', 'role'].includes(a.after.reason))).toBe(true);
    expect(refused.some((a: any) => a.after.reason === 'region')).toBe(true);
  });

  it('left the other region untouched', async () => {
    const cycles = await blStaff.get(`/regions/${BL}/cycles`);
    expect(cycles.body.items.map((c: any) => c.year)).toEqual([2026]);
  });
});
