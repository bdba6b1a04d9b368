// The working-day calendar through the local gateway, on the seeded demo data (2024–2026 shipped).
import { beijingDate } from '../../functions/domain/dates.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startLocalStack, type LocalStack } from '../../cdk/local/stack.ts';
import { cn2026 } from '../../functions/domain/calendar-data/cn-2026.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { auditReader } from '../helpers/audit-reader.ts';

const YL = '450900';
const BL = '450981';
let stack: LocalStack;
/** The audit log is read as the region's audit administrator (三权分立, security.md M5). */
const auditor = auditReader(() => stack.url);
let ylStaff: ApiClient, ylLeader: ApiClient, ylUnit: ApiClient, blStaff: ApiClient;

const thisMonth = () => beijingDate(Date.now()).slice(0, 7);
const put = (client: ApiClient, path: string, body: unknown) => client.call('PUT', path, body);
const deadline = (client: ApiClient, from: string, days: number | string, region = YL) =>
  client.get(`/regions/${region}/calendar/deadline?from=${from}&days=${days}`);

beforeAll(async () => {
  stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `it-${randomUUID()}` });
  [ylStaff, ylLeader, ylUnit, blStaff] = await Promise.all(
    ['yl_staff', 'yl_leader', 'yuzhou_staff', 'bl_staff'].map((u) => ApiClient.login(stack.url, u)),
  );
});

afterAll(() => stack?.stop());

describe('reading the calendar', () => {
  it('lists the seeded years for every role of the region', async () => {
    const res = await ylUnit.get(`/regions/${YL}/calendar`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: any) => c.year)).toEqual([2024, 2025, 2026]);
    expect(res.body.items[2]).toMatchObject({ version: 1, source: cn2026.source, holidayCount: cn2026.holidays.length });
  });

  it('returns one year as shipped, and 404 for a year not set', async () => {
    const res = await ylUnit.get(`/regions/${YL}/calendar/2026`);
    expect(res.body).toMatchObject({ year: 2026, holidays: cn2026.holidays, workdays: cn2026.workdays, version: 1 });
    expect((await ylUnit.get(`/regions/${YL}/calendar/2031`)).status).toBe(404);
    const bad = await ylUnit.get(`/regions/${YL}/calendar/20x6`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('params.year');
  });

  it('refuses a malformed path id with 400 naming it, before anything is read or written', async () => {
    const region = await ylUnit.get('/regions/45090x/calendar');
    expect(region.status).toBe(400);
    expect(region.body.error.details.map((d: any) => d.path)).toEqual(['params.regionId']);
    const deadlineOfBadRegion = await ylUnit.get('/regions/4509001/calendar/deadline?from=2026-09-30&days=5');
    expect(deadlineOfBadRegion.status).toBe(400);
    expect(deadlineOfBadRegion.body.error.details[0].path).toBe('params.regionId');
    const outOfRange = await ylUnit.get(`/regions/${YL}/calendar/1999`);
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error.details).toEqual([{ path: 'params.year', message: expect.stringContaining('2000–2100') }]);
    const save = await put(ylStaff, `/regions/${YL}/calendar/26`, { holidays: [], workdays: [] });
    expect(save.status).toBe(400);
    expect(save.body.error.details[0].path).toBe('params.year');
  });
});

describe('deadlines in working days', () => {
  it('counts from the day after receipt, across National Day, to 24:00 Beijing time', async () => {
    const res = await deadline(ylUnit, '2026-09-30', 5);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ from: '2026-09-30', days: 5, date: '2026-10-13', deadlineAt: '2026-10-13T16:00:00.000Z' });
  });

  it('names the missing year instead of guessing', async () => {
    const res = await deadline(ylUnit, '2026-12-28', 10);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'CALENDAR_GAP' });
    expect(res.body.error.message).toContain('2027 年的工作日历尚未设置');
  });

  it('refuses a bad query naming the field', async () => {
    const res = await deadline(ylUnit, '2026-02-30', -1);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path).sort()).toEqual(['query.days', 'query.from']);
  });
});

describe('the bureau edits a year', () => {
  const edited = { holidays: [...cn2026.holidays, '2026-04-20'], workdays: cn2026.workdays, source: `${cn2026.source}；本市补充` };

  it('saves with its audit entry and the new version, and deadlines follow', async () => {
    const res = await put(ylStaff, `/regions/${YL}/calendar/2026`, { ...edited, version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2026, version: 2, updatedBy: 'yl_staff', source: edited.source });
    const audit = await (await auditor()).get(`/regions/${YL}/audit?month=${thisMonth()}&limit=100`);
    const entry = audit.body.items.find((a: any) => a.action === 'calendar.update');
    expect(entry).toMatchObject({
      actor: 'yl_staff',
      target: `calendar:${YL}/2026`,
      before: { version: 1 },
      after: { version: 2, holidays: { added: ['2026-04-20'], removed: [] }, workdays: { added: [], removed: [] } },
    });
    expect((await deadline(ylUnit, '2026-04-17', 1)).body.date).toBe('2026-04-21');
  });

  it('refuses a stale version with 409 and keeps the saved year', async () => {
    const res = await put(ylLeader, `/regions/${YL}/calendar/2026`, { holidays: cn2026.holidays, workdays: cn2026.workdays, source: cn2026.source, version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('已被他人修改');
    expect((await ylStaff.get(`/regions/${YL}/calendar/2026`)).body).toMatchObject({ version: 2, holidays: expect.arrayContaining(['2026-04-20']) });
  });

  it('refuses bad dates with 400 naming each field, writing nothing', async () => {
    const auditBefore = (await (await auditor()).get(`/regions/${YL}/audit?month=${thisMonth()}&limit=100`)).body.items.length;
    const res = await put(ylStaff, `/regions/${YL}/calendar/2026`, {
      holidays: ['2026-10-01', '2025-10-01'],
      workdays: ['2026-03-04', '2026-10-01'],
      version: 2,
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: any) => d.path);
    expect(paths).toEqual(['body.holidays.1', 'body.workdays.0', 'body.workdays.1']);
    expect(res.body.error.message).toContain('不在 2026 年内');
    const malformed = await put(ylStaff, `/regions/${YL}/calendar/2026`, { holidays: ['2026-13-01'], workdays: [], version: 2 });
    expect(malformed.body.error.details[0].path).toBe('body.holidays.0');
    expect((await (await auditor()).get(`/regions/${YL}/audit?month=${thisMonth()}&limit=100`)).body.items.length).toBe(auditBefore);
  });

  it('creates a new year once; a second create is a conflict', async () => {
    const year2027 = { holidays: ['2027-01-01'], workdays: [], source: '测试数据' };
    const res = await put(ylLeader, `/regions/${YL}/calendar/2027`, year2027);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2027, version: 1 });
    expect((await put(ylStaff, `/regions/${YL}/calendar/2027`, year2027)).status).toBe(409);
    expect((await deadline(ylUnit, '2026-12-28', 10)).body.date).toBe('2027-01-12');
  });

  it('keeps each region to itself and edits to the bureau', async () => {
    expect((await put(blStaff, `/regions/${YL}/calendar/2026`, { ...edited, version: 2 })).status).toBe(403);
    expect((await put(ylUnit, `/regions/${YL}/calendar/2026`, { ...edited, version: 2 })).status).toBe(403);
    expect((await blStaff.get(`/regions/${YL}/calendar`)).status).toBe(403);
    const beiliu = await blStaff.get(`/regions/${BL}/calendar/2026`);
    expect(beiliu.body).toMatchObject({ version: 1, holidays: cn2026.holidays });
    expect((await deadline(blStaff, '2026-12-28', 10, BL)).status).toBe(422);
  });
});
