// Units and a cycle's categories through the local gateway with the demo data: every change with
// its audit entry, stale versions refused, and a cycle keeping the unit list it was run with.
import { beijingDate } from '../../functions/domain/dates.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startLocalStack, type LocalStack } from '../../cdk/local/stack.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { auditReader } from '../helpers/audit-reader.ts';

const YL = '450900';
const BL = '450981';
let stack: LocalStack;
/** The audit log is read as the region's audit administrator (三权分立, security.md M5). */
const auditor = auditReader(() => stack.url);
let ylStaff: ApiClient, ylLeader: ApiClient, ylUnit: ApiClient, blStaff: ApiClient;

const thisMonth = () => beijingDate(Date.now()).slice(0, 7);
const audit = async () => (await (await auditor()).get(`/regions/${YL}/audit?month=${thisMonth()}&limit=100`)).body.items as any[];
const units = (q = '') => ylStaff.get(`/regions/${YL}/units${q}`);
const unit = async (id: string) => (await ylStaff.get(`/regions/${YL}/units/${id}`)).body;
const put = (c: ApiClient, path: string, body: unknown) => c.call('PUT', path, body);

beforeAll(async () => {
  stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `it-${randomUUID()}` });
  [ylStaff, ylLeader, ylUnit, blStaff] = await Promise.all(
    ['yl_staff', 'yl_leader', 'yuzhou_staff', 'bl_staff'].map((u) => ApiClient.login(stack.url, u)),
  );
});

afterAll(() => stack?.stop());

describe('units of a region', () => {
  it('lists the demo units for everyone of the region, with filters', async () => {
    const all = await ylUnit.get(`/regions/${YL}/units`);
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(35);
    expect(all.body.items.every((u: any) => u.status === 'active' && u.version === 1)).toBe(true);
    const counties = await units('?type=county');
    expect(counties.body.items.map((u: any) => u.name)).toContain('玉州区');
    expect(counties.body.items).toHaveLength(7);
    expect((await units('?assessor=true')).body.items.every((u: any) => u.assessor)).toBe(true);
    expect((await units(`?category=${encodeURIComponent('中直区直驻市单位')}`)).body.items).toHaveLength(4);
    expect((await units('?type=castle')).status).toBe(400);
  });

  it('adds a unit with a generated short id and its first name in the history', async () => {
    const res = await ylStaff.post(`/regions/${YL}/units`, { type: 'department', name: '玉林市数据局', shortName: '市数据局', assessor: true, assessorField: '数字政府' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '玉林市数据局', status: 'active', version: 1, assessor: true, assessorField: '数字政府' });
    expect(res.body.unitId).toMatch(/^u-[a-z2-9]{6}$/);
    expect(res.body.names).toEqual([{ name: '玉林市数据局', from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
    expect((await audit()).some((a) => a.action === 'unit.create' && a.target === `unit:${YL}/${res.body.unitId}` && a.actor === 'yl_staff')).toBe(true);
  });

  it('refuses bad input naming each field', async () => {
    const res = await ylStaff.post(`/regions/${YL}/units`, { type: 'bureau', name: '甲' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path).sort()).toEqual(['body.name', 'body.type']);
    const assessor = await ylStaff.post(`/regions/${YL}/units`, { type: 'other', name: '玉林市某中心', assessor: true });
    expect(assessor.body.error.details).toEqual([{ path: 'body.assessorField', message: '考评单位须填写考评领域' }]);
  });

  it('refuses a name an active unit already has', async () => {
    const res = await ylStaff.post(`/regions/${YL}/units`, { type: 'department', name: '玉林市教育局' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'body.name', message: '名称「玉林市教育局」已被在用单位使用' }]);
    expect(res.body.error.message).toBe('单位名称有误：body.name（名称「玉林市教育局」已被在用单位使用）');
  });

  it('refuses look-alike names (invisible, bidi and control characters) with 400, leaving the list as it was', async () => {
    const before = (await units()).body.items.map((u: any) => u.unitId).sort();
    for (const name of ['玉林市教育\u200B局', '玉林市\u202E局育教', '玉林市教育局\u0000', '玉林市教\u00AD育局', '\uFEFF玉林市教育局\u2060']) {
      const res = await ylStaff.post(`/regions/${YL}/units`, { type: 'department', name });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'body.name', message: '含有不可见字符或控制字符' }]);
    }
    const shortName = await ylStaff.post(`/regions/${YL}/units`, { type: 'department', name: '玉林市某新局', shortName: '某\u200D局' });
    expect(shortName.body.error.details.map((d: any) => d.path)).toEqual(['body.shortName']);
    const rename = await ylStaff.post(`/regions/${YL}/units/yl-jyj/rename`, { name: '玉林市教育\u200C局', version: 1 });
    expect(rename.status).toBe(400);
    expect((await units()).body.items.map((u: any) => u.unitId).sort()).toEqual(before);
    expect((await unit('yl-jyj')).name).toBe('玉林市教育局');
  });

  it('compares names normalised (NFC, trimmed, spaces squeezed): the same name written differently is taken', async () => {
    const composed = await ylStaff.post(`/regions/${YL}/units`, { type: 'other', name: '玉林市Café 中心' });
    expect(composed.status).toBe(201);
    const decomposed = await ylStaff.post(`/regions/${YL}/units`, { type: 'other', name: ' 玉林市Cafe\u0301   中心 ' });
    expect(decomposed.status).toBe(400);
    expect(decomposed.body.error.details).toEqual([{ path: 'body.name', message: '名称「玉林市Café 中心」已被在用单位使用' }]);
  });

  it('refuses a malformed path id with 400 naming it, before anything is looked up', async () => {
    const unitRes = await ylStaff.get(`/regions/${YL}/units/bad!id`);
    expect(unitRes.status).toBe(400);
    expect(unitRes.body.error.details.map((d: any) => d.path)).toEqual(['params.unitId']);
    const long = await ylStaff.post(`/regions/${YL}/units/${'x'.repeat(41)}/retire`, { on: '2030-01-01', reason: '测试', version: 1 });
    expect(long.body.error.details.map((d: any) => d.path)).toEqual(['params.unitId']);
    const cycle = await ylStaff.get(`/regions/${YL}/cycles/20x6/categories`);
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details.map((d: any) => d.path)).toEqual(['params.cycleId']);
    const region = await ylStaff.get('/regions/4509/units');
    expect(region.status).toBe(400);
    expect(region.body.error.details.map((d: any) => d.path)).toEqual(['params.regionId']);
  });

  it('renames a unit, keeping the history of its names, and refuses the stale version after', async () => {
    const res = await ylLeader.post(`/regions/${YL}/units/yl-gxj/rename`, { name: '玉林市工业和信息化委员会', from: '2030-01-01', version: 1 });
    expect(res.status).toBe(201);
    expect(res.body.names.map((n: any) => n.name)).toEqual(['玉林市工业和信息化局', '玉林市工业和信息化委员会']);
    expect(res.body.version).toBe(2);
    const stale = await ylStaff.post(`/regions/${YL}/units/yl-gxj/rename`, { name: '玉林市工信局', version: 1 });
    expect(stale.status).toBe(409);
    expect((await unit('yl-gxj')).name).toBe('玉林市工业和信息化委员会');
    const entry = (await audit()).find((a) => a.action === 'unit.rename' && a.target === `unit:${YL}/yl-gxj`);
    expect(entry).toMatchObject({ actor: 'yl_leader', before: { name: '玉林市工业和信息化局' }, after: { name: '玉林市工业和信息化委员会' } });
  });

  it('retires a unit, which stays readable and frees its name', async () => {
    const res = await ylStaff.post(`/regions/${YL}/units/yl-ycj/retire`, { on: '2030-06-30', reason: '机构改革', version: 1 });
    expect(res.status).toBe(201);
    const read = await ylUnit.get(`/regions/${YL}/units/yl-ycj`);
    expect(read.body).toMatchObject({ status: 'retired', retiredOn: '2030-06-30', retiredReason: '机构改革', version: 2 });
    expect((await units('?status=retired')).body.items.map((u: any) => u.unitId)).toContain('yl-ycj');
    expect((await ylStaff.post(`/regions/${YL}/units/yl-ycj/rename`, { name: '新名称', version: 2 })).status).toBe(409);
    expect((await audit()).some((a) => a.action === 'unit.retire' && a.target === `unit:${YL}/yl-ycj`)).toBe(true);
  });

  it('merges two units into a new one in one step', async () => {
    const body = {
      sources: [{ unitId: 'yl-zgh', version: 1 }, { unitId: 'yl-tzb', version: 1 }],
      newUnit: { type: 'department', name: '中共玉林市委统战部' },
      on: '2030-07-01',
      reason: '机构合并',
    };
    const res = await ylStaff.post(`/regions/${YL}/units/merge`, body);
    expect(res.status).toBe(201);
    const into = res.body.into.unitId;
    expect(res.body.into).toMatchObject({ name: '中共玉林市委统战部', status: 'active', mergedFrom: ['yl-zgh', 'yl-tzb'] });
    for (const id of ['yl-zgh', 'yl-tzb']) expect(await unit(id)).toMatchObject({ status: 'retired', mergedInto: into, version: 2 });
    // The same request again: the sources are retired now, so nothing more is written.
    const again = await ylStaff.post(`/regions/${YL}/units/merge`, body);
    expect(again.status).toBe(400);
    expect((await audit()).filter((a) => a.action === 'unit.merge')).toHaveLength(1);
  });

  it('merges into an existing unit and leaves nothing half-done on a stale version', async () => {
    const stale = await ylStaff.post(`/regions/${YL}/units/merge`, {
      sources: [{ unitId: 'yl-qxj', version: 1 }],
      into: { unitId: 'yl-gxj', version: 1 },
      on: '2030-07-01',
      reason: '机构合并',
    });
    expect(stale.status).toBe(409);
    expect((await unit('yl-qxj')).status).toBe('active');
    const ok = await ylStaff.post(`/regions/${YL}/units/merge`, {
      sources: [{ unitId: 'yl-qxj', version: 1 }],
      into: { unitId: 'yl-gxj', version: 2 },
      on: '2030-07-01',
      reason: '机构合并',
    });
    expect(ok.status).toBe(201);
    expect(await unit('yl-gxj')).toMatchObject({ mergedFrom: ['yl-qxj'], version: 3 });
    expect(await unit('yl-qxj')).toMatchObject({ status: 'retired', mergedInto: 'yl-gxj' });
  });

  it('lets only one of two simultaneous adds of the same name through', async () => {
    const body = { type: 'other', name: '玉林市并发测试中心' };
    const results = await Promise.all([ylStaff.post(`/regions/${YL}/units`, body), ylLeader.post(`/regions/${YL}/units`, body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, expect.any(Number)]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect((await units('?type=other')).body.items.filter((u: any) => u.name === body.name)).toHaveLength(1);
  });

  it('refuses unit staff (403) and the bureau of another region (403)', async () => {
    expect((await ylUnit.post(`/regions/${YL}/units`, { type: 'other', name: '玉林市某单位' })).status).toBe(403);
    expect((await ylUnit.post(`/regions/${YL}/units/yl-jyj/retire`, { on: '2030-01-01', reason: '测试', version: 1 })).status).toBe(403);
    expect((await blStaff.post(`/regions/${YL}/units`, { type: 'other', name: '玉林市某单位' })).status).toBe(403);
    expect((await blStaff.get(`/regions/${YL}/units`)).status).toBe(403);
    expect((await blStaff.get(`/regions/${BL}/units`)).body.items.every((u: any) => u.unitId.startsWith('bl-'))).toBe(true);
  });
});

describe('editing a unit (short name, assessor designation, default category)', () => {
  const edit = (c: ApiClient, id: string, body: unknown) => put(c, `/regions/${YL}/units/${id}`, body);
  const updates = async (id: string) => (await audit()).filter((a) => a.action === 'unit.update' && a.target === `unit:${YL}/${id}`);

  it('designates a unit as assessor for a field, with its short name and category, keeping name and history', async () => {
    const before = await unit('yl-slj');
    expect(before).toMatchObject({ version: 1, category: '市直政府部门' });
    expect(before.assessor).toBeFalsy();
    const res = await edit(ylLeader, 'yl-slj', { shortName: '市水利局', assessor: true, assessorField: '水利', category: '市直部门', version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ unitId: 'yl-slj', name: '玉林市水利局', shortName: '市水利局', assessor: true, assessorField: '水利', category: '市直部门', version: 2 });
    expect(res.body.names).toEqual(before.names);
    expect(await unit('yl-slj')).toEqual(res.body);
    expect((await units('?assessor=true')).body.items.map((u: any) => u.unitId)).toContain('yl-slj');
    const [entry, ...more] = await updates('yl-slj');
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      actor: 'yl_leader',
      before: { shortName: null, assessor: null, assessorField: null, category: '市直政府部门', version: 1 },
      after: { shortName: '市水利局', assessor: true, assessorField: '水利', category: '市直部门', version: 2 },
    });
  });

  it('clears the designation, its field and the short name', async () => {
    const res = await edit(ylStaff, 'yl-slj', { shortName: '', assessor: false, assessorField: '水利', category: '市直政府部门', version: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 3, category: '市直政府部门' });
    for (const k of ['shortName', 'assessor', 'assessorField']) expect(res.body).not.toHaveProperty(k);
    expect((await updates('yl-slj'))[0]).toMatchObject({ after: { shortName: null, assessor: null, assessorField: null, version: 3 } });
  });

  it('refuses bad input naming each field, and changes nothing', async () => {
    const newestBefore = (await audit())[0].id;
    const noField = await edit(ylStaff, 'yl-slj', { assessor: true, version: 3 });
    expect(noField.status).toBe(400);
    expect(noField.body.error.details).toEqual([{ path: 'body.assessorField', message: '考评单位须填写考评领域' }]);
    const blank = await edit(ylStaff, 'yl-slj', { assessor: true, assessorField: '   ', version: 3 });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.map((d: any) => d.path)).toEqual(['body.assessorField']);
    const bad = await edit(ylStaff, 'yl-slj', { name: '玉林市水务局', shortName: 'x'.repeat(21), version: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(['body.assessor', 'body.name', 'body.shortName', 'body.version']);
    expect(bad.body.error.details.find((d: any) => d.path === 'body.name').message).toContain('更名');
    expect(await unit('yl-slj')).toMatchObject({ name: '玉林市水利局', version: 3 });
    expect((await audit())[0].id).toBe(newestBefore);
  });

  it('refuses a stale version (409) and changes nothing', async () => {
    const res = await edit(ylStaff, 'yl-slj', { assessor: true, assessorField: '水利', version: 2 });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('已被他人修改');
    const now = await unit('yl-slj');
    expect(now.version).toBe(3);
    expect(now.assessor).toBeFalsy();
  });

  it('lets only one of two simultaneous edits of the same version through', async () => {
    const results = await Promise.all([
      edit(ylStaff, 'yl-slj', { assessor: true, assessorField: '水利', version: 3 }),
      edit(ylLeader, 'yl-slj', { assessor: true, assessorField: '水资源', version: 3 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await unit('yl-slj')).version).toBe(4);
  });

  it('writes nothing for an edit that changes nothing', async () => {
    const now = await unit('yl-slj');
    const res = await edit(ylStaff, 'yl-slj', { assessor: true, assessorField: now.assessorField, category: now.category, version: now.version });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(now.version);
    expect(await updates('yl-slj')).toHaveLength(3);
  });

  it('refuses a retired or merged unit with what became of it (409)', async () => {
    const retired = await edit(ylStaff, 'yl-ycj', { assessor: false, version: 2 });
    expect(retired.status).toBe(409);
    expect(retired.body.error.message).toBe('「玉林市烟草专卖局」已于 2030-06-30 撤销，不能再修改');
    const merged = await edit(ylStaff, 'yl-zgh', { assessor: false, version: 2 });
    expect(merged.status).toBe(409);
    expect(merged.body.error.message).toBe('「玉林市总工会」已于 2030-07-01 并入「中共玉林市委统战部」，不能再修改');
  });

  it('answers 404 for an unknown unit', async () => {
    expect((await edit(ylStaff, 'u-nobody', { assessor: false, version: 1 })).status).toBe(404);
  });

  it('refuses unit staff (403) and the bureau of another region (403), changing nothing', async () => {
    const before = await unit('yl-slj');
    const body = { shortName: '水利', assessor: false, version: before.version };
    expect((await edit(ylUnit, 'yl-slj', body)).status).toBe(403);
    expect((await edit(blStaff, 'yl-slj', body)).status).toBe(403);
    expect(await unit('yl-slj')).toEqual(before);
  });
});

describe('categories of a cycle', () => {
  const cats = (year: number | string) => `/regions/${YL}/cycles/${year}/categories`;

  it('seeds the demo cycles with the default categories', async () => {
    const res = await ylUnit.get(cats(2026));
    expect(res.status).toBe(200);
    expect(res.body.categories.map((c: any) => c.name)).toEqual(['县（市、区）', '市直党群部门', '市直政府部门', '中直区直驻市单位']);
    expect(res.body.categories[0].units).toHaveLength(7);
    expect(res.body.editable).toBe(false);
    const bl = await blStaff.get(`/regions/${BL}/cycles/2026/categories`);
    expect(bl.body.categories.map((c: any) => c.name)).toEqual(['镇（街道）', '市直部门']);
  });

  it('refuses changes once the cycle has left the plan stage (409)', async () => {
    const current = (await ylStaff.get(cats(2026))).body;
    const res = await put(ylStaff, cats(2026), { version: current.version, categories: [] });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('方案');
  });

  it('saves a plan-stage cycle’s categories atomically, with problems per field and nothing written', async () => {
    expect((await ylStaff.post(`/regions/${YL}/cycles`, { year: 2030, name: '2030年度绩效考评', stages: defaultStageDates(2030) })).status).toBe(201);
    const empty = (await ylStaff.get(cats(2030))).body;
    expect(empty).toMatchObject({ version: 0, editable: true, categories: [] });
    expect(empty.unassigned.map((u: any) => u.unitId)).toContain('yl-yuzhou');
    expect(empty.unassigned.map((u: any) => u.unitId)).not.toContain('yl-jxb');

    const bad = await put(ylStaff, cats(2030), {
      version: 0,
      categories: [
        { name: '县（市、区）', unitIds: ['yl-yuzhou', 'yl-fumian'] },
        { name: '', unitIds: ['yl-yuzhou', 'yl-ycj', 'nobody', 'yl-sqmy'] },
        { name: '县（市、区）', unitIds: [] },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path)).toEqual([
      'body.categories.1.name',
      'body.categories.1.unitIds.0',
      'body.categories.1.unitIds.1',
      'body.categories.1.unitIds.2',
      'body.categories.1.unitIds.3',
      'body.categories.2.name',
    ]);
    expect((await ylStaff.get(cats(2030))).body.version).toBe(0);

    const ok = await put(ylStaff, cats(2030), {
      version: 0,
      categories: [
        { name: '县（市、区）', unitIds: ['yl-yuzhou', 'yl-fumian'] },
        { name: '市直政府部门', unitIds: ['yl-jyj', 'yl-gxj'] },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(1);
    expect(ok.body.categories.map((c: any) => [c.categoryId, c.order])).toEqual([['c1', 1], ['c2', 2]]);
    expect(ok.body.unassigned.map((u: any) => u.unitId)).toContain('yl-beiliu');
    expect(ok.body.unassigned.map((u: any) => u.unitId)).not.toContain('yl-jyj');
    expect((await audit()).some((a) => a.action === 'categories.save' && a.target === `categories:${YL}/2030`)).toBe(true);
  });

  it('refuses a stale version (409) and unit staff (403)', async () => {
    expect((await put(ylStaff, cats(2030), { version: 0, categories: [] })).status).toBe(409);
    expect((await put(ylUnit, cats(2030), { version: 1, categories: [] })).status).toBe(403);
    expect((await put(blStaff, cats(2030), { version: 1, categories: [] })).status).toBe(403);
  });

  it('keeps the name a unit had when it was assigned', async () => {
    const before = (await ylStaff.get(cats(2030))).body;
    const jyj = await unit('yl-jyj');
    expect((await ylStaff.post(`/regions/${YL}/units/yl-jyj/rename`, { name: '玉林市教育和体育局', version: jyj.version })).status).toBe(201);
    const after = (await ylStaff.get(cats(2030))).body;
    expect(after.version).toBe(before.version);
    expect(after.categories[1].units.find((u: any) => u.unitId === 'yl-jyj').name).toBe('玉林市教育局');
    // The past cycle too: its seeded snapshot stays as it was.
    const past = (await ylStaff.get(cats(2025))).body;
    expect(past.categories[2].units.find((u: any) => u.unitId === 'yl-jyj').name).toBe('玉林市教育局');
  });

  it('names a unit retired or merged since the assignment was saved, and says what to do', async () => {
    const saved = (await ylStaff.get(cats(2030))).body;
    // 2030: 县（市、区） holds yl-yuzhou and yl-fumian; place 兴业县 and 博白县 too, then retire one and merge the other.
    const withMore = await put(ylStaff, cats(2030), {
      version: saved.version,
      categories: saved.categories.map((c: any, i: number) => ({ categoryId: c.categoryId, name: c.name, unitIds: [...c.units.map((u: any) => u.unitId), ...(i === 0 ? ['yl-xingye', 'yl-bobai'] : [])] })),
    });
    expect(withMore.status).toBe(200);
    const version = (id: string) => unit(id).then((u) => u.version as number);
    expect((await ylStaff.post(`/regions/${YL}/units/yl-xingye/retire`, { on: '2030-08-01', reason: '区划调整', version: await version('yl-xingye') })).status).toBe(201);
    const merge = await ylStaff.post(`/regions/${YL}/units/merge`, {
      sources: [{ unitId: 'yl-bobai', version: await version('yl-bobai') }],
      into: { unitId: 'yl-luchuan', version: await version('yl-luchuan') },
      on: '2030-08-01',
      reason: '区划调整',
    });
    expect(merge.status).toBe(201);

    // The saved assignment keeps them (a snapshot) …
    const read = (await ylStaff.get(cats(2030))).body;
    expect(read.categories[0].units.map((u: any) => u.unitId)).toEqual(['yl-yuzhou', 'yl-fumian', 'yl-xingye', 'yl-bobai']);
    // … but saving it as it is names each and says what to do, and writes nothing.
    const again = { version: read.version, categories: read.categories.map((c: any) => ({ categoryId: c.categoryId, name: c.name, unitIds: c.units.map((u: any) => u.unitId) })) };
    const refused = await put(ylStaff, cats(2030), again);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: 'body.categories.0.unitIds.2', message: '「兴业县」已于 2030-08-01 撤销，请将其从本类别中移除' },
      { path: 'body.categories.0.unitIds.3', message: '「博白县」已于 2030-08-01 并入「陆川县」，请将其从本类别中移除，或替换为「陆川县」' },
    ]);
    expect((await ylStaff.get(cats(2030))).body.version).toBe(read.version);

    // Fixed as the page's one click does: the retired one removed, the merged one replaced.
    again.categories[0].unitIds = ['yl-yuzhou', 'yl-fumian', 'yl-luchuan'];
    const ok = await put(ylStaff, cats(2030), again);
    expect(ok.status).toBe(200);
    expect(ok.body.categories[0].units.map((u: any) => u.name)).toEqual(['玉州区', '福绵区', '陆川县']);
  });
});
