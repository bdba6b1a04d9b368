// Indicators fed by other systems, against the demo data (玉林市 2026 in 过程管理, 玉州区's goals
// approved in this file's own table): the bureau registers a system and sees its key once; the system
// feeds values with it, each stored on the unit's progress item marked as fed, each audited; a repeat
// changes nothing; unknown, wrong, malformed and revoked keys are 401; another region, an indicator or
// unit outside the grant are 403 and audited, and nothing is stored; a rotated key replaces the old.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import { searchAudit } from '../../functions/data/audit.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { itemEntity } from '../../functions/data/progress-reports.ts';
import { keys } from '../../functions/data/keys.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import { newFeedSystemId } from '../../functions/identity/feed-keys.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { handler as feedHandler } from '../../functions/handlers/api/feed.ts';
import { handler as progressHandler } from '../../functions/handlers/api/progress.ts';
import { approveGoalsDirectly } from '../helpers/approved-goals.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const BL = '450981';
const C = '2026';
const U = 'yl-yuzhou';
const person = (username: string, role: Caller['role'], unitId: string, regionId = YL): Caller => ({ username, name: username, role, regionId, unitId });
const staff = person('yl_staff', 'bureau_staff', 'yl-jxb');
const unitStaff = person('yuzhou_staff', 'unit_staff', U);
const blStaff = person('bl_staff', 'bureau_staff', 'bl-jxb', BL);

type Res = { status: number; body: any };
async function manage(op: string, caller: Caller, params: Record<string, string>, body?: unknown, query?: Record<string, string>): Promise<Res> {
  const res = (await progressHandler(apiEvent(routeFor('progress', op), { caller, params: { regionId: caller.regionId, ...params }, body, query }), lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
async function feed(key: string | undefined, values: unknown[], params: Record<string, string> = {}): Promise<Res> {
  const event = apiEvent(routeFor('feed', 'feedValues'), { params: { regionId: YL, cycleId: C, ...params }, body: { values } });
  if (key !== undefined) event.headers = { 'X-Feed-Key': key };
  const res = (await feedHandler(event, lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const item = async (period: string, indicatorId: string, unitId = U) => {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.progressItem(YL, C, unitId, period, indicatorId), ConsistentRead: true }));
  return Item ? itemEntity.parse(Item) : undefined;
};
/** Today's entries of an action, oldest first (of one actor when named). */
const audit = async (regionId: string, action: string, actor?: string) => {
  const today = beijingDate(Date.now());
  const { items } = await searchAudit({ regionId, from: today, to: today, limit: 100, action, ...(actor ? { actor } : {}) });
  return [...items].sort((a, b) => a.at.localeCompare(b.at));
};
/** The reasons of a feeding system's refusals, oldest first. */
const refusals = async (id: string) => (await audit(YL, 'access.refused', `feed:${id}`)).map((e: any) => e.after.reason);

let indicators: string[];
/** 玉州区's category (县（市、区）): a grant names an indicator of one category's plan. */
let category: string;
const grant = (ids: readonly string[]) => ids.map((indicatorId) => ({ categoryId: category, indicatorId }));
let key: string;
let systemId: string;
// Months of the seeded 2026 cycle already begun whenever this runs (a period not yet begun: test/unit/feed.test.ts).
const lastMonth = '2026-05';
const month = '2026-06';

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
  const goals = await approveGoalsDirectly(YL, C, U);
  indicators = goals.map((g) => g.indicatorId);
  category = goals[0]!.categoryId;
  // Another county of the same category, its goals still a draft.
  await approveGoalsDirectly(YL, C, 'yl-fumian', 'draft');
}, 60_000);

describe('registering a feeding system', () => {
  it('shows the key once, and stores only its hash', async () => {
    const res = await manage('createFeedSystem', staff, {}, { name: '市统计局数据平台', cycleId: C, indicators: grant(indicators.slice(0, 2)), unitIds: [] });
    expect(res.status).toBe(201);
    key = res.body.key;
    systemId = res.body.system.systemId;
    expect(key).toMatch(new RegExp(`^pmf_${systemId}_[A-Za-z0-9_-]{43}$`));
    expect(res.body.system).toMatchObject({ name: '市统计局数据平台', status: 'active', keyHint: `pmf_${systemId}_…`, fedCount: 0 });
    expect(res.body.system.keyHash).toBeUndefined();
    const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.feedSystem(systemId) }));
    expect(JSON.stringify(Item)).not.toContain(key.slice(21));
    const listed = await manage('listFeedSystems', staff, {}, undefined, {});
    // Newest first: the one just registered, then the demo's (cdk/local/seed-feed.ts).
    expect(listed.body.items[0].systemId).toBe(systemId);
    // The demo's results consumer (purpose 'results', cdk/local/seed-notice.ts) is listed with the feeding systems.
    expect(listed.body.items.map((s: any) => s.name).sort()).toEqual(['市统计局数据平台', '市统计局统计数据平台', '市财政局预算管理一体化系统', '市财政局预算管理一体化系统', '市委组织部干部考核管理系统'].sort());
    expect(listed.body.items.at(-1)).toMatchObject({ status: 'revoked', createdAt: '2026-03-02T01:00:00.000Z' });
    expect(JSON.stringify(listed.body)).not.toMatch(/keyHash|[0-9a-f]{64}/);
    const entries = await audit(YL, 'feed.system.create');
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0])).not.toContain(key.slice(21));
  });

  it('refuses indicators outside the plans in force and units outside the cycle, naming each', async () => {
    const res = await manage('createFeedSystem', staff, {}, { name: '坏授权', cycleId: C, indicators: [...grant(['9.9', indicators[0]!]), { categoryId: 'c99', indicatorId: indicators[0] }], unitIds: ['bl-lingcheng'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toEqual(['body.indicators.0', 'body.indicators.2', 'body.unitIds.0']);
  });

  it('is the bureau’s alone: a unit is refused, another region’s bureau does not reach it', async () => {
    expect((await manage('listFeedSystems', unitStaff, {}, undefined, {})).status).toBe(403);
    expect((await manage('createFeedSystem', unitStaff, {}, { name: '单位自建', cycleId: C, indicators: grant([indicators[0]!]) })).status).toBe(403);
    expect((await manage('listFeedSystems', blStaff, { regionId: YL }, undefined, {})).status).toBe(403);
    expect((await manage('revokeFeedSystem', blStaff, { systemId }, { version: 1 })).status).toBe(404);
    expect((await manage('listFeedSystems', blStaff, {}, undefined, {})).body.items).toEqual([]);
  });
});

describe('feeding', () => {
  it('stores each value on the unit’s progress item, marked fed, with one audit entry per value', async () => {
    const res = await feed(key, [
      { unitId: U, indicatorId: indicators[0], period: lastMonth, value: 42.5, note: '月报第3批' },
      { unitId: U, indicatorId: indicators[1], period: lastMonth, value: 7 },
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ systemId, stored: 2, unchanged: 0, refused: 0 });
    const stored = (await item(lastMonth, indicators[0]!))!;
    expect(stored).toMatchObject({ value: 42.5, status: 'draft', version: 1, updatedBy: `feed:${systemId}`, fed: { value: 42.5, systemId, systemName: '市统计局数据平台' } });
    const entries = await audit(YL, 'progress.feed');
    expect(entries).toHaveLength(2);
    expect(entries.map((e: any) => e.actor).sort()).toEqual([`feed:${systemId}`, `feed:${systemId}`]);
    expect(entries.find((e: any) => e.target.endsWith(indicators[0]!))?.after).toMatchObject({ value: 42.5, note: '月报第3批' });
    const listed = await manage('listFeedSystems', staff, {}, undefined, {});
    const mine = listed.body.items.find((s: any) => s.systemId === systemId);
    expect(mine).toMatchObject({ fedCount: 2 });
    expect(mine.lastUsedAt).toBeTruthy();
  });

  it('changes nothing on a repeat, and moves the item’s version on a new value', async () => {
    const again = await feed(key, [{ unitId: U, indicatorId: indicators[0], period: lastMonth, value: 42.5 }]);
    expect(again.body).toMatchObject({ stored: 0, unchanged: 1 });
    const next = await feed(key, [{ unitId: U, indicatorId: indicators[0], period: lastMonth, value: 50 }]);
    expect(next.body.rows[0]).toMatchObject({ outcome: 'stored', version: 2 });
    expect(await item(lastMonth, indicators[0]!)).toMatchObject({ value: 50, version: 2, fed: { value: 50 } });
    expect(await audit(YL, 'progress.feed')).toHaveLength(3);
    const report = await manage('getUnitProgress', staff, { cycleId: C, unitId: U }, undefined, { period: lastMonth });
    expect(report.body.report).toMatchObject({ status: 'draft', counts: { filled: 2, nothingToReport: 0 } });
  });

  it('shows the unit its fed value and refuses to let the unit change it; the unit’s own text is saved beside it', async () => {
    const view = await manage('getUnitProgress', unitStaff, { cycleId: C, unitId: U }, undefined, { period: lastMonth });
    expect(view.status).toBe(200);
    expect(view.body.report).toMatchObject({ status: 'draft', counts: { filled: 2 } });
    const fedGoal = view.body.goals.find((g: any) => g.indicatorId === indicators[0]);
    expect(fedGoal.item).toMatchObject({ value: 50, fed: { value: 50, systemName: '市统计局数据平台' } });
    const entry = (body: Record<string, unknown>) => manage('saveProgressEntry', unitStaff, { cycleId: C, unitId: U, period: lastMonth, indicatorId: indicators[0]! }, { version: 2, ...body });
    const changed = await entry({ value: 60 });
    expect(changed.status).toBe(409);
    expect(changed.body.error.message).toMatch(/系统采集/);
    expect((await entry({ nothingToReport: true, nothingReason: '无' })).status).toBe(409);
    const narrated = await entry({ narrative: '数据由统计平台报送，单位补充说明' });
    expect(narrated.status).toBe(200);
    expect(await item(lastMonth, indicators[0]!)).toMatchObject({ value: 50, fed: { value: 50 }, narrative: '数据由统计平台报送，单位补充说明', version: 3 });
    // The system's next value still lands on the item the unit has written to.
    const next = await feed(key, [{ unitId: U, indicatorId: indicators[0], period: lastMonth, value: 51 }]);
    expect(next.body.rows[0]).toMatchObject({ outcome: 'stored', version: 4 });
    expect(await item(lastMonth, indicators[0]!)).toMatchObject({ value: 51, narrative: '数据由统计平台报送，单位补充说明' });
  });

  it('reports each row it cannot store, and stores the others', async () => {
    const res = await feed(key, [
      { unitId: 'yl-fumian', indicatorId: indicators[0], period: lastMonth, value: 1 },
      { unitId: U, indicatorId: indicators[1], period: '2026-Q1', value: 1 },
      { unitId: 'no-such-unit', indicatorId: indicators[0], period: lastMonth, value: 1 },
      { unitId: U, indicatorId: indicators[1], period: month, value: 9 },
    ]);
    expect(res.status).toBe(201);
    expect(res.body.rows.map((r: any) => r.outcome === 'refused' ? r.code : r.outcome)).toEqual(['NO_APPROVED_GOAL', 'PERIOD', 'UNKNOWN_UNIT', 'stored']);
    expect((await item(lastMonth, indicators[0]!, 'yl-fumian'))?.fed).toBeUndefined();
  });

  it('refuses a body that repeats a row, or holds more than 100', async () => {
    const row = { unitId: U, indicatorId: indicators[0], period: lastMonth, value: 3 };
    expect((await feed(key, [row, row])).status).toBe(400);
    expect((await feed(key, Array.from({ length: 101 }, () => row))).status).toBe(400);
  });
});

describe('refusals', () => {
  const row = () => ({ unitId: U, indicatorId: indicators[0], period: lastMonth, value: 99 });

  it('answers 401 to no key, a malformed one, an unknown id and a wrong secret (this last audited)', async () => {
    for (const k of [undefined, '', 'Bearer abc', `pmf_${newFeedSystemId()}_${'a'.repeat(43)}`, `pmf_${systemId}_${'a'.repeat(43)}`]) {
      const res = await feed(k, [row()]);
      expect(res.status, String(k)).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    expect(await refusals(systemId)).toEqual(['key']);
    expect((await item(lastMonth, indicators[0]!))?.value).toBe(51);
  });

  it('answers 403 to another region or cycle, and to an indicator or unit outside the grant, storing nothing (audited)', async () => {
    expect((await feed(key, [row()], { regionId: BL })).status).toBe(403);
    expect((await feed(key, [row()], { cycleId: '2025' })).status).toBe(403);
    const outside = await feed(key, [row(), { unitId: U, indicatorId: indicators[2], period: lastMonth, value: 1 }]);
    expect(outside.status).toBe(403);
    expect(outside.body.error.message).toMatch(/第 2 行/);
    // The same code in another category's plan is another indicator: 市教育局's 1.1 is not granted.
    expect((await feed(key, [{ unitId: 'yl-jyj', indicatorId: indicators[0], period: lastMonth, value: 1 }])).status).toBe(403);
    expect((await item(lastMonth, indicators[0]!))?.value).toBe(51);
    expect(await refusals(systemId)).toEqual(['key', 'region', 'region', 'grant', 'grant']);

    const narrow = await manage('createFeedSystem', staff, {}, { name: '教育局学籍系统', cycleId: C, indicators: grant([indicators[0]!]), unitIds: ['yl-jyj'] });
    const res = await feed(narrow.body.key, [row()]);
    expect(res.status).toBe(403);
  });

  it('revokes a key (confirmed by version): its next call is 401, audited; a stale or second revocation is 409', async () => {
    const listed = await manage('listFeedSystems', staff, {}, undefined, {});
    const mine = listed.body.items.find((s: any) => s.systemId === systemId);
    expect((await manage('revokeFeedSystem', staff, { systemId }, { version: mine.version + 1 })).status).toBe(409);
    // Rotation: the old key revoked, a new one with the same grants.
    const rotated = await manage('rotateFeedSystem', staff, { systemId }, { version: mine.version });
    expect(rotated.status).toBe(201);
    expect(rotated.body.system).toMatchObject({ name: '市统计局数据平台', rotatedFrom: systemId, indicators: grant(indicators.slice(0, 2)).map((g) => expect.objectContaining(g)), status: 'active' });
    expect((await feed(key, [row()])).status).toBe(401);
    expect(await refusals(systemId)).toEqual(['key', 'region', 'region', 'grant', 'grant', 'revoked']);
    const fresh = await feed(rotated.body.key, [row()]);
    expect(fresh.body).toMatchObject({ stored: 1 });
    expect((await item(lastMonth, indicators[0]!))?.fed).toMatchObject({ value: 99, systemId: rotated.body.system.systemId });
    const newId = rotated.body.system.systemId;
    expect((await manage('revokeFeedSystem', staff, { systemId: newId }, { version: 2 })).status).toBe(409);
    const revoked = await manage('revokeFeedSystem', staff, { systemId: newId }, { version: rotated.body.system.version });
    expect(revoked.status).toBe(201);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedBy: 'yl_staff' });
    expect((await manage('revokeFeedSystem', staff, { systemId: newId }, { version: revoked.body.version })).status).toBe(409);
    expect((await feed(rotated.body.key, [row()])).status).toBe(401);
    expect((await audit(YL, 'feed.system.rotate'))).toHaveLength(1);
    expect((await audit(YL, 'feed.system.revoke'))).toHaveLength(1);
  });
});
