// 三权分立 (security.md M5; GB/T 22239 8.1.4.2d, 8.1.5) through the local gateway: the system
// administrator keeps accounts, the security administrator grants roles, the audit administrator reads
// the audit log; each is refused the others' actions and the business data; an account opens without
// the power it will be granted; one person holds no two administrator roles, nor one next to a business
// role (409); nobody grants themselves; the region's last security administrator is kept.
import { beijingDate } from '../../functions/domain/dates.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../cdk/local/stack.ts';
import { now } from '../../functions/config/clock.ts';
import { routes } from '../../functions/http/routes.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { fillPath } from '../helpers/route-samples.ts';

const YL = '450900';
let stack: LocalStack;
let sys: ApiClient, sec: ApiClient, auditor: ApiClient, leader: ApiClient;

const auth = async (path: 'login' | 'password', body: unknown) => {
  const res = await fetch(`${stack.url}/api/auth/${path}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};
const account = async (username: string) => ((await sys.get(`/regions/${YL}/users`)).body.items as any[]).find((u) => u.username === username);
const auditOf = async () => (await auditor.get(`/regions/${YL}/audit?month=${beijingDate(now()).slice(0, 7)}&limit=100`)).body.items as any[];
/** Opens an account as the system administrator and signs the person in with a password of their own. */
async function openAndSignIn(username: string, name: string, unitId = 'yl-jxb'): Promise<ApiClient> {
  const opened = await sys.post(`/regions/${YL}/users`, { username, name, role: 'unassigned', unitId });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const changed = await auth('password', { username, password: opened.body.temporaryPassword, newPassword: 'Sep#aration2026' });
  expect(changed.status).toBe(200);
  return new ApiClient(stack.url, changed.body.token);
}
/** Every route filled with demo ids, as this caller would send it (empty body: access is checked first). */
const every = (filter: (r: (typeof routes)[number]) => boolean) =>
  routes.filter(filter).map((r) => ({
    r,
    path: fillPath(r.path, { regionId: YL }),
  }));

beforeAll(async () => {
  stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `separation-${randomUUID()}` });
  [sys, sec, auditor, leader] = await Promise.all(['yl_sysadmin', 'yl_secadmin', 'yl_auditor', 'yl_leader'].map((u) => ApiClient.login(stack.url, u)));
}, 120_000);
afterAll(() => stack?.stop());

describe('the system administrator keeps accounts', () => {
  it('opens an account without a role; the person signs in and reaches nothing but their own profile', async () => {
    const person = await openAndSignIn('yl_newcomer', '新同事');
    expect((await person.get('/me')).body).toMatchObject({ username: 'yl_newcomer', role: 'unassigned', roleName: '待授权' });
    for (const path of [`/regions/${YL}/cycles`, `/regions/${YL}/notices`, `/regions/${YL}/units`, `/regions/${YL}/users`, `/regions/${YL}/calendar`]) {
      expect((await person.get(path)).status, path).toBe(403);
    }
  });

  it('opens no account with a role that must be granted, and grants none (403, audited)', async () => {
    for (const role of ['security_admin', 'audit_admin', 'system_admin', 'bureau_staff', 'unit_leader']) {
      const res = await sys.post(`/regions/${YL}/users`, { username: `try_${role.slice(0, 8)}`, name: '试', role, unitId: role === 'unit_leader' ? 'yl-yuzhou' : 'yl-jxb' });
      expect(res.status, role).toBe(403);
      expect(res.body.error.message).toContain('须由安全管理员授予');
    }
    const u = await account('yl_newcomer');
    expect((await sys.post(`/regions/${YL}/users/yl_newcomer/role`, { role: 'bureau_staff', version: u.version })).status).toBe(403);
    const edit = await sys.call('PUT', `/regions/${YL}/users/yl_newcomer`, { role: 'bureau_staff', version: u.version });
    expect(edit.status).toBe(400);
    expect((await account('yl_newcomer')).role).toBe('unassigned');
    const refused = (await auditOf()).filter((a) => a.action === 'access.refused' && a.actor === 'yl_sysadmin');
    expect(refused.length).toBeGreaterThanOrEqual(6);
  });

  it('reads neither the audit log nor business data, but the unit list it places accounts in', async () => {
    expect((await sys.get(`/regions/${YL}/audit?month=2026-01`)).status).toBe(403);
    expect((await sys.get(`/regions/${YL}/cycles`)).status).toBe(403);
    expect((await sys.get(`/regions/${YL}/cycles/2026/plan/c1`)).status).toBe(403);
    expect((await sys.get(`/regions/${YL}/notices`)).status).toBe(403);
    expect((await sys.get(`/regions/${YL}/units`)).status).toBe(200);
  });

  it('keeps the administrators\' accounts, which the bureau may not touch', async () => {
    const auditorAccount = await account('yl_auditor');
    expect((await leader.post(`/regions/${YL}/users/yl_auditor/disable`, { version: auditorAccount.version })).body.error.message).toBe('管理员账号由系统管理员管理');
    expect((await leader.post(`/regions/${YL}/users/yl_secadmin/reset-password`, { version: (await account('yl_secadmin')).version })).status).toBe(403);
    const reset = await sys.post(`/regions/${YL}/users/yl_auditor/reset-password`, { version: auditorAccount.version });
    expect(reset.status).toBe(201);
    const changed = await auth('password', { username: 'yl_auditor', password: reset.body.temporaryPassword, newPassword: 'Aud#itor2026x' });
    expect(changed.status).toBe(200);
    auditor = new ApiClient(stack.url, changed.body.token);
  });

  it('changes neither its own unit nor its own status', async () => {
    const me = await account('yl_sysadmin');
    expect((await sys.call('PUT', `/regions/${YL}/users/yl_sysadmin`, { unitId: 'yl-yuzhou', version: me.version })).body.error.message).toBe('不能修改自己的角色或单位');
    expect((await sys.post(`/regions/${YL}/users/yl_sysadmin/disable`, { version: me.version })).body.error.message).toBe('不能停用自己的账号');
  });
});

describe('the security administrator grants roles', () => {
  it('grants a role to an account opened without one; the change ends that account\'s sessions and is audited as a grant', async () => {
    const person = await openAndSignIn('yl_newstaff', '何新');
    const u = await account('yl_newstaff');
    const res = await sec.post(`/regions/${YL}/users/yl_newstaff/role`, { role: 'bureau_staff', version: u.version });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'bureau_staff', unitId: 'yl-jxb', version: u.version + 1 });
    expect((await person.get('/me')).status).toBe(401);
    const entry = (await auditOf()).find((a) => a.action === 'user.role.grant' && a.target === 'user:yl_newstaff');
    expect(entry).toMatchObject({ actor: 'yl_secadmin', before: { role: 'unassigned' }, after: { role: 'bureau_staff' } });
  });

  it('places the role where it belongs (400 otherwise) and on the version it saw (409 otherwise)', async () => {
    const u = await account('yl_newstaff');
    const misplaced = await sec.post(`/regions/${YL}/users/yl_newstaff/role`, { role: 'unit_leader', version: u.version });
    expect(misplaced.status).toBe(400);
    expect((await sec.post(`/regions/${YL}/users/yl_newstaff/role`, { role: 'unit_leader', unitId: 'yl-yuzhou', version: u.version - 1 })).status).toBe(409);
    const moved = await sec.post(`/regions/${YL}/users/yl_newstaff/role`, { role: 'unit_leader', unitId: 'yl-yuzhou', version: u.version });
    expect(moved.body).toMatchObject({ role: 'unit_leader', unitId: 'yl-yuzhou' });
  });

  it('opens, edits, disables and resets no account, and reads neither the audit log nor business data', async () => {
    const u = await account('yuzhou_staff');
    expect((await sec.post(`/regions/${YL}/users`, { username: 'sec_made', name: '试', role: 'unassigned', unitId: 'yl-jxb' })).status).toBe(403);
    expect((await sec.call('PUT', `/regions/${YL}/users/yuzhou_staff`, { name: '改', version: u.version })).status).toBe(403);
    expect((await sec.post(`/regions/${YL}/users/yuzhou_staff/disable`, { version: u.version })).status).toBe(403);
    expect((await sec.post(`/regions/${YL}/users/yuzhou_staff/reset-password`, { version: u.version })).status).toBe(403);
    expect((await sec.post(`/regions/${YL}/users/import`, { rows: [['用户名']] })).status).toBe(403);
    expect((await sec.get(`/regions/${YL}/audit?month=2026-01`)).status).toBe(403);
    expect((await sec.get(`/regions/${YL}/cycles`)).status).toBe(403);
    expect((await sec.get(`/regions/${YL}/users`)).status).toBe(200);
  });

  it('cannot grant itself or change its own role', async () => {
    const me = await account('yl_secadmin');
    for (const role of ['system_admin', 'audit_admin', 'bureau_leader', 'unassigned']) {
      const res = await sec.post(`/regions/${YL}/users/yl_secadmin/role`, { role, version: me.version });
      expect(res).toMatchObject({ status: 403, body: { error: { message: '不能授予或变更自己的角色' } } });
    }
    expect((await account('yl_secadmin')).role).toBe('security_admin');
  });

  it('refuses (409) a second administrator role, or an administrator and a business role, for the same person', async () => {
    // 莫丽萍 is the security administrator; a second account in her name in the bureau stays without a role.
    await openAndSignIn('moliping2', '莫丽萍');
    const u = await account('moliping2');
    for (const role of ['audit_admin', 'system_admin', 'security_admin', 'bureau_staff']) {
      const res = await sec.post(`/regions/${YL}/users/moliping2/role`, { role, version: u.version });
      expect(res.status, role).toBe(409);
      expect(res.body.error.message).toContain('yl_secadmin');
    }
    expect(await account('moliping2')).toMatchObject({ role: 'unassigned', version: u.version });
    // The bureau's own people: 王芳 is bureau staff, so she is not made an administrator under a second account.
    await openAndSignIn('wangfang_audit', '王芳');
    const w = await account('wangfang_audit');
    expect((await sec.post(`/regions/${YL}/users/wangfang_audit/role`, { role: 'audit_admin', version: w.version })).status).toBe(409);
  });

  it('keeps the region\'s last security administrator: the system administrator may not disable it (409) until there is another', async () => {
    const me = await account('yl_secadmin');
    const last = await sys.post(`/regions/${YL}/users/yl_secadmin/disable`, { version: me.version });
    expect(last.status).toBe(409);
    expect(last.body.error.message).toContain('最后一个');
    await openAndSignIn('yl_secadmin2', '黎安全');
    const second = await sec.post(`/regions/${YL}/users/yl_secadmin2/role`, { role: 'security_admin', version: (await account('yl_secadmin2')).version });
    expect(second.status).toBe(201);
    expect((await sys.post(`/regions/${YL}/users/yl_secadmin/disable`, { version: me.version })).status).toBe(201);
    expect((await sec.get(`/regions/${YL}/users`)).status).toBe(401);
    expect((await sys.post(`/regions/${YL}/users/yl_secadmin/enable`, { version: me.version + 1 })).status).toBe(201);
    sec = await ApiClient.login(stack.url, 'yl_secadmin');
  });
});

describe('the audit administrator reads the audit log only', () => {
  it('reads the audit log, which the bureau no longer does', async () => {
    expect((await auditor.get(`/regions/${YL}/audit?month=${beijingDate(now()).slice(0, 7)}`)).status).toBe(200);
    expect((await leader.get(`/regions/${YL}/audit?month=2026-01`)).status).toBe(403);
  });

  it('is admitted by the route table to its own profile (and signing out) and the audit routes only', () => {
    const admitted = routes.filter((r) => !r.access.public && r.access.roles.includes('audit_admin'));
    expect(admitted.filter((r) => !r.path.startsWith('/me') && !r.path.includes('/audit')).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // …and the audit routes to nobody else.
    expect(routes.filter((r) => r.path.includes('/audit') && !r.access.public && r.access.roles.some((role) => role !== 'audit_admin')).map((r) => r.path)).toEqual([]);
  });

  it('is refused every other route: writes, business data, accounts', async () => {
    const wrong: string[] = [];
    for (const { r, path } of every((r) => !r.access.public && !r.path.startsWith('/me') && !r.path.includes('/audit'))) {
      const res = await auditor.call(r.method, path, r.method === 'GET' ? undefined : {});
      if (res.status !== 403) wrong.push(`${r.method} ${path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
