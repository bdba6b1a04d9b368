// Accounts through the local gateway: the bureau and unit leaders open, edit, disable and reset
// accounts; the new person must choose a password first; another unit or region is refused. Roles
// beyond those an account opens with are the security administrator's to grant (三权分立:
// test/integration/separation.test.ts); the audit log is read here as the audit administrator.
import { beijingDate } from '../../functions/domain/dates.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../cdk/local/stack.ts';
import { now } from '../../functions/config/clock.ts';
import { ApiClient } from '../helpers/api-client.ts';

const YL = '450900';
const BL = '450981';
let stack: LocalStack;
let ylStaff: ApiClient, ylLeader: ApiClient, yuzhouLeader: ApiClient, blStaff: ApiClient, ylSecAdmin: ApiClient, ylAuditor: ApiClient;

const auth = async (path: 'login' | 'password', body: unknown) => {
  const res = await fetch(`${stack.url}/api/auth/${path}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};
const usersOf = async (client: ApiClient, regionId = YL) => (await client.get(`/regions/${regionId}/users`)).body.items as any[];
const account = async (username: string) => (await usersOf(ylLeader)).find((u) => u.username === username);
const auditOf = async () => (await ylAuditor.get(`/regions/${YL}/audit?month=${beijingDate(now()).slice(0, 7)}&limit=100`)).body.items as any[];

beforeAll(async () => {
  stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `users-${randomUUID()}` });
  [ylStaff, ylLeader, yuzhouLeader, blStaff, ylSecAdmin, ylAuditor] = await Promise.all(['yl_staff', 'yl_leader', 'yuzhou_leader', 'bl_staff', 'yl_secadmin', 'yl_auditor'].map((u) => ApiClient.login(stack.url, u)));
});

afterAll(() => stack?.stop());

describe('opening an account', () => {
  let temporary: string;

  it('gives the bureau a one-time temporary password, and nothing of it reaches the audit log', async () => {
    const res = await ylStaff.post(`/regions/${YL}/users`, { username: 'Xinjia_Staff', name: '新佳', role: 'unit_staff', unitId: 'yl-yuzhou' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'xinjia_staff', role: 'unit_staff', status: 'active', version: 1, mustChangePassword: true, directory: 'local' });
    expect(res.body).not.toHaveProperty('passwordHash');
    temporary = res.body.temporaryPassword;
    expect(temporary).toMatch(/^.{12}$/);
    const entry = (await auditOf()).find((a) => a.action === 'user.create' && a.target === 'user:xinjia_staff');
    expect(entry).toMatchObject({ actor: 'yl_staff', after: { username: 'xinjia_staff', role: 'unit_staff' } });
    expect(JSON.stringify(await auditOf())).not.toMatch(new RegExp(`passwordHash|scrypt|${temporary.replace(/[+?]/g, '\\$&')}`));
  });

  it('makes the new person choose a strong password before any token is issued', async () => {
    const first = await auth('login', { username: 'xinjia_staff', password: temporary });
    expect(first).toEqual({ status: 200, body: { passwordChangeRequired: true, reason: expect.stringContaining('首次登录') } });
    expect((await auth('password', { username: 'xinjia_staff', password: temporary, newPassword: 'abcdefgh' })).body.error.message).toContain('至少 3 种');
    expect((await auth('password', { username: 'xinjia_staff', password: 'wrong', newPassword: 'Xin#jia2026' })).status).toBe(401);
    const changed = await auth('password', { username: 'xinjia_staff', password: temporary, newPassword: 'Xin#jia2026' });
    expect(changed.status).toBe(200);
    const me = await new ApiClient(stack.url, changed.body.token).get('/me');
    expect(me.body).toMatchObject({ username: 'xinjia_staff', unitName: '玉州区' });
    expect((await auth('login', { username: 'xinjia_staff', password: 'Xin#jia2026' })).body.token).toBeDefined();
  });

  it('refuses a username in use in any region (409) and bad input (400), changing nothing', async () => {
    const before = await usersOf(ylLeader);
    expect((await ylStaff.post(`/regions/${YL}/users`, { username: 'bl_staff', name: '重名', role: 'unit_staff', unitId: 'yl-yuzhou' })).status).toBe(409);
    const bad = await ylStaff.post(`/regions/${YL}/users`, { username: '1x', name: '', role: 'admin', unitId: 'yl-yuzhou' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(['body.name', 'body.role', 'body.username']);
    const misplaced = await ylStaff.post(`/regions/${YL}/users`, { username: 'wrong_place', name: '错位', role: 'unit_staff', unitId: 'yl-jxb' });
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.error.message).toContain('应开设在责任单位或考评单位');
    const notAssessor = await ylStaff.post(`/regions/${YL}/users`, { username: 'not_assessor', name: '非考评', role: 'assessor_staff', unitId: 'yl-yuzhou' });
    expect(notAssessor.body.error.message).toContain('不是考评单位');
    expect(await usersOf(ylLeader)).toEqual(before);
  });
});

describe('a username held in another region (issue 10, defect 6)', () => {
  it('is refused exactly as one held in the own region: same status, code and message, nothing about where', async () => {
    const own = await ylStaff.post(`/regions/${YL}/users`, { username: 'yl_tjj', name: '重名', role: 'unit_staff', unitId: 'yl-yuzhou' });
    const other = await ylStaff.post(`/regions/${YL}/users`, { username: 'lingcheng_staff', name: '重名', role: 'unit_staff', unitId: 'yl-yuzhou' });
    expect([own.status, other.status]).toEqual([409, 409]);
    expect(JSON.stringify(other.body).replaceAll('lingcheng_staff', 'NAME')).toBe(JSON.stringify(own.body).replaceAll('yl_tjj', 'NAME'));
    expect(JSON.stringify(other.body)).not.toMatch(/450981|北流|陵城/);
  });
});

describe('a unit leader manages their own unit\'s filing staff only', () => {
  it('sees only their unit', async () => {
    const seen = await usersOf(yuzhouLeader);
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen.map((u) => u.unitId))).toEqual(new Set(['yl-yuzhou']));
  });

  it('opens a filing account in their unit', async () => {
    const res = await yuzhouLeader.post(`/regions/${YL}/users`, { username: 'yuzhou_staff2', name: '周敏', role: 'unit_staff', unitId: 'yl-yuzhou' });
    expect(res.status).toBe(201);
  });

  it('is refused (403, audited) for another unit, another role, or another unit\'s account', async () => {
    const other = await yuzhouLeader.post(`/regions/${YL}/users`, { username: 'jyj_staff2', name: '越权', role: 'unit_staff', unitId: 'yl-jyj' });
    expect(other).toMatchObject({ status: 403, body: { error: { message: '单位负责人只能管理本单位的账号' } } });
    expect((await yuzhouLeader.post(`/regions/${YL}/users`, { username: 'yuzhou_boss', name: '越权', role: 'unit_leader', unitId: 'yl-yuzhou' })).status).toBe(403);
    const jyj = await account('jyj_staff');
    expect((await yuzhouLeader.post(`/regions/${YL}/users/jyj_staff/disable`, { version: jyj.version })).status).toBe(403);
    expect((await yuzhouLeader.call('PUT', `/regions/${YL}/users/jyj_staff`, { name: '越权', version: jyj.version })).status).toBe(403);
    expect((await yuzhouLeader.post(`/regions/${YL}/users/yuzhou_staff/role`, { role: 'unit_leader', version: 1 })).status).toBe(403);
    const refused = (await auditOf()).filter((a) => a.action === 'access.refused' && a.actor === 'yuzhou_leader');
    expect(refused.length).toBeGreaterThanOrEqual(4);
    expect((await account('jyj_staff')).status).toBe('active');
  });

  it('resets a staff member\'s password, which then must be changed', async () => {
    const staff = await account('yuzhou_staff2');
    const res = await yuzhouLeader.post(`/regions/${YL}/users/yuzhou_staff2/reset-password`, { version: staff.version });
    expect(res.status).toBe(201);
    expect((await auth('login', { username: 'yuzhou_staff2', password: res.body.temporaryPassword })).body.passwordChangeRequired).toBe(true);
  });
});

describe('the bureau\'s limits', () => {
  it('keeps the bureau leader\'s account for the bureau leader', async () => {
    const leader = await account('yl_leader');
    const res = await ylStaff.post(`/regions/${YL}/users/yl_leader/disable`, { version: leader.version });
    expect(res).toMatchObject({ status: 403, body: { error: { message: '绩效办领导的账号只能由绩效办领导管理' } } });
  });

  it('cannot disable itself, and changes no role: an edit does not take one (400), the grant is refused (403)', async () => {
    const me = await account('yl_leader');
    expect((await ylLeader.post(`/regions/${YL}/users/yl_leader/disable`, { version: me.version })).body.error.message).toBe('不能停用自己的账号');
    const edit = await ylLeader.call('PUT', `/regions/${YL}/users/yuzhou_staff`, { role: 'unit_leader', version: (await account('yuzhou_staff')).version });
    expect(edit.status).toBe(400);
    expect(edit.body.error.details).toEqual([{ path: 'body.role', message: '角色由安全管理员授予或变更，不在此修改' }]);
    expect((await ylLeader.post(`/regions/${YL}/users/yl_leader/role`, { role: 'bureau_staff', version: me.version })).status).toBe(403);
    expect((await ylLeader.post(`/regions/${YL}/users`, { username: 'new_boss', name: '新领导', role: 'bureau_staff', unitId: 'yl-jxb' })).body.error.message).toContain('须由安全管理员授予');
  });

  it('does not find another region\'s account through its own region (404) and is refused the other region (403)', async () => {
    expect((await blStaff.call('PUT', `/regions/${BL}/users/yuzhou_staff`, { name: '改名', version: 1 })).status).toBe(404);
    expect((await blStaff.get(`/regions/${YL}/users`)).status).toBe(403);
    expect((await usersOf(blStaff, BL)).every((u) => u.regionId === BL)).toBe(true);
  });
});

describe('editing, disabling and enabling', () => {
  it('moves a person to another unit and role (granted by the security administrator), under a version check', async () => {
    const u = await account('xinjia_staff');
    const granted = await ylSecAdmin.post(`/regions/${YL}/users/xinjia_staff/role`, { role: 'assessor_staff', unitId: 'yl-tjj', version: u.version });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ role: 'assessor_staff', unitId: 'yl-tjj', version: u.version + 1 });
    const res = await ylStaff.call('PUT', `/regions/${YL}/users/xinjia_staff`, { name: '新佳（统计）', version: u.version + 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '新佳（统计）', role: 'assessor_staff', version: u.version + 2 });
    const stale = await ylStaff.call('PUT', `/regions/${YL}/users/xinjia_staff`, { name: '又改', version: u.version });
    expect(stale.status).toBe(409);
    expect((await account('xinjia_staff')).name).toBe('新佳（统计）');
  });

  it('ends a disabled person\'s access at once, token and sign-in alike; enabling lets them sign in again, not the old token', async () => {
    const token = (await auth('login', { username: 'yuzhou_staff', password: 'Jixiao@2025' })).body.token;
    const person = new ApiClient(stack.url, token);
    expect((await person.get('/me')).status).toBe(200);
    const u = await account('yuzhou_staff');
    expect((await ylStaff.post(`/regions/${YL}/users/yuzhou_staff/disable`, { version: u.version })).status).toBe(201);
    expect((await person.get('/me')).status).toBe(401);
    expect((await auth('login', { username: 'yuzhou_staff', password: 'Jixiao@2025' })).body.error.message).toBe('账号已停用，请联系管理员');
    expect((await auth('login', { username: 'yuzhou_staff', password: 'nope' })).body.error.message).toBe('用户名或密码错误');
    expect((await ylStaff.post(`/regions/${YL}/users/yuzhou_staff/enable`, { version: u.version + 1 })).status).toBe(201);
    // Disabling ended the sessions (server-side sessions, issue 10): the old token stays refused.
    expect((await person.get('/me')).status).toBe(401);
    const again = (await auth('login', { username: 'yuzhou_staff', password: 'Jixiao@2025' })).body.token;
    expect((await new ApiClient(stack.url, again).get('/me')).status).toBe(200);
  });
});

describe('importing accounts from a sheet', () => {
  const header = ['用户名', '姓名', '角色', '所属单位'];

  it('reports every bad row and column, and imports nothing', async () => {
    const rows = [
      ['玉林市绩效账号'],
      header,
      ['import_a', '甲', '责任单位填报员', '玉州区'],
      ['yl_staff', '乙', '责任单位填报员', '玉州区'],
      ['import_a', '丙', '管理员', '无此单位'],
    ];
    const dry = await ylStaff.post(`/regions/${YL}/users/import`, { rows, dryRun: true });
    expect(dry.body).toMatchObject({ dryRun: true, valid: false, headerRow: 2, count: 3 });
    expect(dry.body.errors.map((e: any) => `${e.row}/${e.column}`)).toEqual(['4/用户名', '5/用户名', '5/角色', '5/所属单位']);
    const real = await ylStaff.post(`/regions/${YL}/users/import`, { rows });
    expect(real.status).toBe(400);
    expect(real.body.error.message).toContain('未开设任何账号');
    expect(await account('import_a')).toBeUndefined();
  });

  it('opens every account of a good sheet in one go, with their temporary passwords', async () => {
    const rows = [header, ['import_a', '甲', '责任单位填报员', '玉州区'], ['import_b', '乙', '考评单位工作人员', '玉林市统计局']];
    const res = await ylStaff.post(`/regions/${YL}/users/import`, { rows });
    expect(res.status).toBe(201);
    expect(res.body.count).toBe(2);
    expect(res.body.temporaryPasswords.map((p: any) => p.username)).toEqual(['import_a', 'import_b']);
    expect((await account('import_b')).unitId).toBe('yl-tjj');
    expect((await auditOf()).find((a) => a.action === 'user.import')).toMatchObject({ after: { count: 2 } });
  });

  it('is the bureau\'s and the system administrator\'s alone', async () => {
    expect((await yuzhouLeader.post(`/regions/${YL}/users/import`, { rows: [header] })).status).toBe(403);
  });
});

describe('path ids', () => {
  it('refuses a malformed username or region in the path with 400 naming it, before any account is read', async () => {
    const badName = await ylStaff.call('PUT', `/regions/${YL}/users/Yuzhou%20Staff`, { name: '改名', version: 1 });
    expect(badName.status).toBe(400);
    expect(badName.body.error.details.map((d: any) => d.path)).toEqual(['params.username']);
    const tooLong = await ylStaff.post(`/regions/${YL}/users/${'a'.repeat(40)}/disable`, { version: 1 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].path).toBe('params.username');
    const badRegion = await ylStaff.get('/regions/yulin/users');
    expect(badRegion.status).toBe(400);
    expect(badRegion.body.error.details[0].path).toBe('params.regionId');
  });
});

describe('sign-in lock (security.md M2)', () => {
  it('locks an account after 5 failures in 15 minutes, even against the right password, and audits every attempt', async () => {
    for (let i = 0; i < 5; i++) expect((await auth('login', { username: 'jyj_staff', password: `wrong-${i}` })).status).toBe(401);
    const res = await fetch(`${stack.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username: 'jyj_staff', password: 'Jixiao@2025' }) });
    expect(res.status).toBe(423);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1800);
    expect(((await res.json()) as any).error.message).toContain('已锁定');
    const attempts = (await auditOf()).filter((a) => a.target === 'user:jyj_staff' && a.action.startsWith('login'));
    expect(attempts.map((a) => a.action).sort()).toEqual(['login.failed', 'login.failed', 'login.failed', 'login.failed', 'login.failed', 'login.locked']);
    expect((await account('jyj_staff')).lockedUntil).toBeDefined();
  });

  it('shows the lock but never the hash or the sign-in bookkeeping: the answer is the public view', async () => {
    const shown = await account('jyj_staff');
    expect(shown.lockedUntil).toBeDefined();
    for (const secret of ['passwordHash', 'loginFailures', 'loginRev', 'sessionsValidAfter']) expect(shown).not.toHaveProperty(secret);
    // A reset writes the sign-in bookkeeping and ends the sessions: none of it is answered.
    const reset = await ylStaff.post(`/regions/${YL}/users/yuzhou_staff/reset-password`, { version: (await account('yuzhou_staff')).version });
    expect(reset.status).toBe(201);
    expect(reset.body).toMatchObject({ username: 'yuzhou_staff', status: 'active', mustChangePassword: true, temporaryPassword: expect.any(String) });
    for (const secret of ['passwordHash', 'loginFailures', 'loginRev', 'sessionsValidAfter']) expect(reset.body).not.toHaveProperty(secret);
  });

  it('is lifted by a password reset', async () => {
    const u = await account('jyj_staff');
    const reset = await ylStaff.post(`/regions/${YL}/users/jyj_staff/reset-password`, { version: u.version });
    expect((await auth('login', { username: 'jyj_staff', password: reset.body.temporaryPassword })).body.passwordChangeRequired).toBe(true);
    expect((await account('jyj_staff')).lockedUntil).toBeUndefined();
  });

  it('records a successful sign-in', async () => {
    expect((await auth('login', { username: 'yl_tjj', password: 'Jixiao@2025' })).status).toBe(200);
    expect((await auditOf()).some((a) => a.action === 'login' && a.actor === 'yl_tjj')).toBe(true);
  });
});

describe('token renewal (local issuer)', () => {
  it('renews a valid token for an account in use, and refuses without one or for a disabled account', async () => {
    const token = (await auth('login', { username: 'yl_sthjj', password: 'Jixiao@2025' })).body.token;
    const renew = (t?: string) => fetch(`${stack.url}/api/auth/refresh`, { method: 'POST', headers: t ? { authorization: `Bearer ${t}` } : {} });
    const res = await renew(token);
    expect(res.status).toBe(200);
    const next = ((await res.json()) as any).token;
    expect((await new ApiClient(stack.url, next).get('/me')).body.username).toBe('yl_sthjj');
    expect((await renew()).status).toBe(401);
    const u = await account('yl_sthjj');
    expect((await ylStaff.post(`/regions/${YL}/users/yl_sthjj/disable`, { version: u.version })).status).toBe(201);
    expect((await renew(next)).status).toBe(401);
  });
});

describe('password age (security.md M1)', () => {
  it('asks for a new password once the last change is over 90 days old', async () => {
    expect((await auth('login', { username: 'xinjia_staff', password: 'Xin#jia2026' })).body.token).toBeDefined();
    expect((await ylStaff.post('/dev/clock', { days: 91 })).status).toBe(200);
    const res = await auth('login', { username: 'xinjia_staff', password: 'Xin#jia2026' });
    expect(res.body).toEqual({ passwordChangeRequired: true, reason: expect.stringContaining('90 天') });
  });
});
