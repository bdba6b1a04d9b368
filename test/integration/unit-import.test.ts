// Importing a region's units from sheet rows through the local gateway with the demo data: all units
// in one transaction with one audit entry, nothing written from a sheet with a bad row, a dry run
// that only reports, the per-import limit, and the callers refused.
import { beijingDate } from '../../functions/domain/dates.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startLocalStack, type LocalStack } from '../../cdk/local/stack.ts';
import { MAX_IMPORT_UNITS, unitHeader } from '../../functions/domain/unit-rows.ts';
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
const importUnits = (c: ApiClient, body: unknown, region = YL) => c.post(`/regions/${region}/units/import`, body);
const listed = async () => (await ylStaff.get(`/regions/${YL}/units`)).body.items as any[];
const sheet = (...rows: string[][]) => [['玉林市新增单位名单'], unitHeader(), ...rows];

beforeAll(async () => {
  stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `it-${randomUUID()}` });
  [ylStaff, ylLeader, ylUnit, blStaff] = await Promise.all(['yl_staff', 'yl_leader', 'yuzhou_staff', 'bl_staff'].map((u) => ApiClient.login(stack.url, u)));
});

afterAll(() => stack?.stop());

describe('importing units from sheet rows', () => {
  it('checks a sheet on a dry run and writes nothing', async () => {
    const before = await listed();
    const res = await importUnits(ylStaff, {
      dryRun: true,
      rows: sheet(['玉林市数据局', '市数据局', '部门', '市直政府部门', '是', '数字政府'], ['玉林市教育局', '', '部门', '', '否', '']),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ dryRun: true, valid: false, headerRow: 2, count: 2 });
    expect(res.body.errors).toEqual([{ row: 4, column: '单位名称', message: '名称「玉林市教育局」已被在用单位使用' }]);
    expect(res.body.entries[0]).toMatchObject({ row: 3, cells: { name: '玉林市数据局', type: '部门' }, unit: { type: 'department', assessor: true, assessorField: '数字政府' } });
    const good = await importUnits(ylStaff, { dryRun: true, rows: sheet(['玉林市数据局', '', '部门', '', '否', '']) });
    expect(good.body).toMatchObject({ valid: true, errors: [] });
    expect(await listed()).toHaveLength(before.length);
    expect((await audit()).filter((a) => a.action === 'unit.import')).toEqual([]);
  });

  it('imports nothing from a sheet with one bad row, naming its row and column', async () => {
    const before = await listed();
    const res = await importUnits(ylStaff, {
      rows: sheet(['玉林市数据局', '', '部门', '', '否', ''], ['玉林市信访局', '', '委员会', '', '否', ''], ['玉林市医疗保障局', '', '部门', '', '否', '']),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('未导入任何单位');
    expect(res.body.error.details).toEqual([
      {
        path: 'body.rows.3',
        row: 4,
        column: '单位类型',
        reason: '未知的单位类型「委员会」，应为县（市、区）、镇（街道）、部门、第三方机构、其他之一',
        message: '第 4 行「单位类型」：未知的单位类型「委员会」，应为县（市、区）、镇（街道）、部门、第三方机构、其他之一',
      },
    ]);
    expect(await listed()).toHaveLength(before.length);
    expect((await audit()).filter((a) => a.action === 'unit.import')).toEqual([]);
  });

  it('creates every unit of a good sheet in one step, with one audit entry', async () => {
    const before = await listed();
    const res = await importUnits(ylLeader, {
      rows: sheet(
        ['玉林市数据局', '市数据局', '部门', '市直政府部门', '是', '数字政府'],
        ['玉林市医疗保障局', '', '部门', '市直政府部门', '否', ''],
        ['城西街道', '', '镇（街道）', '', '否', ''],
        ['玉林市民意调查中心', '', '第三方机构', '', '', ''],
      ),
    });
    expect(res.status).toBe(201);
    expect(res.body.count).toBe(4);
    expect(res.body.items.map((u: any) => [u.name, u.type, u.status, u.version])).toEqual([
      ['玉林市数据局', 'department', 'active', 1],
      ['玉林市医疗保障局', 'department', 'active', 1],
      ['城西街道', 'town', 'active', 1],
      ['玉林市民意调查中心', 'third_party', 'active', 1],
    ]);
    expect(res.body.items[0]).toMatchObject({ shortName: '市数据局', assessor: true, assessorField: '数字政府', category: '市直政府部门', names: [{ name: '玉林市数据局' }] });
    expect(new Set(res.body.items.map((u: any) => u.unitId)).size).toBe(4);
    for (const u of res.body.items) expect(u.unitId).toMatch(/^u-[a-z2-9]{6}$/);
    const after = await listed();
    expect(after).toHaveLength(before.length + 4);
    const entries = (await audit()).filter((a) => a.action === 'unit.import');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'yl_leader', target: `units:${YL}`, after: { count: 4 } });
    expect(entries[0].after.units.map((u: any) => u.unitId)).toEqual(res.body.items.map((u: any) => u.unitId));
  });

  it('then refuses the same sheet again: the names are taken', async () => {
    const res = await importUnits(ylStaff, { rows: sheet(['玉林市数据局', '', '部门', '', '否', '']) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => [d.row, d.column, d.reason])).toEqual([[3, '单位名称', '名称「玉林市数据局」已被在用单位使用']]);
  });

  it('bumps the unit-list revision: a single add after the import still goes through', async () => {
    const res = await ylStaff.post(`/regions/${YL}/units`, { type: 'department', name: '玉林市信访局' });
    expect(res.status).toBe(201);
  });

  it(`refuses more than ${MAX_IMPORT_UNITS} units in one import, writing nothing`, async () => {
    const before = await listed();
    const rows = sheet(...Array.from({ length: MAX_IMPORT_UNITS + 1 }, (_, i) => [`玉林市测试单位${i + 1}`, '', '部门', '', '否', '']));
    const res = await importUnits(ylStaff, { rows });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.reason)).toEqual([`每次最多导入 ${MAX_IMPORT_UNITS} 个单位，本表有 ${MAX_IMPORT_UNITS + 1} 个，请分批导入`]);
    expect(await listed()).toHaveLength(before.length);
  });

  it(`takes exactly ${MAX_IMPORT_UNITS} units in one transaction`, async () => {
    const rows = sheet(...Array.from({ length: MAX_IMPORT_UNITS }, (_, i) => [`玉林市测试单位${i + 1}`, '', '部门', '', '否', '']));
    const res = await importUnits(ylStaff, { rows });
    expect(res.status).toBe(201);
    expect(res.body.count).toBe(MAX_IMPORT_UNITS);
  });

  it('refuses a body that is not sheet rows (400)', async () => {
    expect((await importUnits(ylStaff, { rows: [] })).status).toBe(400);
    expect((await importUnits(ylStaff, { rows: 'x' })).status).toBe(400);
  });

  it('refuses the bureau of another region (403) and a unit’s staff (403), writing nothing', async () => {
    const before = await listed();
    const rows = sheet(['玉林市某新单位', '', '部门', '', '否', '']);
    expect((await importUnits(blStaff, { rows })).status).toBe(403);
    expect((await importUnits(ylUnit, { rows })).status).toBe(403);
    expect((await importUnits(ylUnit, { rows, dryRun: true })).status).toBe(403);
    expect(await listed()).toHaveLength(before.length);
    // The other region's bureau imports into its own region only.
    const own = await importUnits(blStaff, { rows: sheet(['北流市某新单位', '', '部门', '', '否', '']) }, BL);
    expect(own.status).toBe(201);
    expect((await listed()).some((u) => u.name === '北流市某新单位')).toBe(false);
  });
});
