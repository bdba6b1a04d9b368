// Account rules: who manages whom, where a role may sit, password strength, and the sheet layout.
import { describe, expect, it } from 'vitest';
import { setLanguageSource } from '../../functions/contracts/lang.ts';
import { afterFailedSignIn, disableRefusal, grantConflict, grantRefusal, lastSecurityAdminConflict, lockedFor, LOCKOUT, managementRefusal, openingRefusal, OPENING_ROLES, selfEditRefusal, passwordExpired, passwordProblem, placementProblems, staleAccountChange, visibleAccounts } from '../../functions/domain/accounts.ts';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLES, type Caller, type Role } from '../../functions/domain/roles.ts';
import { parseRole, parseUserRows, usersToRows, userTemplateRows } from '../../functions/domain/user-rows.ts';
import { temporaryPassword } from '../../functions/identity/password.ts';

const R = '450900';
const who = (role: Role, unitId = 'u-a'): Caller => ({ username: `${role}_x`, name: '某', role, regionId: R, unitId });
const acct = (role: Role, unitId = 'u-a', regionId = R) => ({ username: 'target', role, regionId, unitId });
const units = [
  { unitId: 'jxb', name: '某市绩效办', type: 'bureau' as const },
  { unitId: 'u-a', name: '某某区', shortName: '某区', type: 'county' as const },
  { unitId: 'u-b', name: '某市统计局', type: 'department' as const, assessor: true },
  { unitId: 'u-old', name: '某旧局', type: 'department' as const, status: 'retired' as const },
  { unitId: 'tp', name: '某调查中心', type: 'third_party' as const },
];

describe('which accounts a manager sees, and changes on a stale version', () => {
  const list = [acct('unit_staff', 'u-b'), { ...acct('unit_staff', 'u-a'), username: 'b' }, { ...acct('unit_leader', 'u-a'), username: 'a' }];

  it('shows the bureau every account and a unit leader their unit only, by unit then username', () => {
    expect(visibleAccounts(who('bureau_staff', 'jxb'), list).map((a) => `${a.unitId}/${a.username}`)).toEqual(['u-a/a', 'u-a/b', 'u-b/target']);
    expect(visibleAccounts(who('unit_leader', 'u-a'), list).map((a) => a.username)).toEqual(['a', 'b']);
    expect(list[0]!.unitId).toBe('u-b');
  });

  it('refuses a change made on another version (a profile without one is version 1)', () => {
    expect(staleAccountChange({ version: 3 }, 3)).toBeUndefined();
    expect(staleAccountChange({}, 1)).toBeUndefined();
    expect(staleAccountChange({ version: 4 }, 3)).toMatchObject({ statusCode: 409, message: expect.stringContaining('已被他人修改') });
  });

  it('words its refusals in the caller\'s language', () => {
    setLanguageSource(() => 'en');
    try {
      expect(managementRefusal(who('unit_leader', 'u-a'), acct('unit_staff', 'u-b'))).toBe('A unit leader manages only their own unit’s accounts');
      expect(placementProblems('assessor_staff', 'u-a', units)[0]!.message).toContain('is not an assessor unit');
    } finally {
      setLanguageSource(() => 'zh');
    }
  });
});

describe('who manages which account', () => {
  it('lets the bureau leader manage every account of the region, and no other region', () => {
    for (const role of ['bureau_leader', 'bureau_staff', 'assessor_staff', 'unit_leader', 'unit_staff', 'third_party'] as Role[]) {
      expect(managementRefusal(who('bureau_leader', 'jxb'), acct(role))).toBeUndefined();
    }
    expect(managementRefusal(who('bureau_leader', 'jxb'), acct('unit_staff', 'u-a', '450981'))).toContain('其他行政区域');
  });

  it('keeps the bureau leader\'s account from bureau staff', () => {
    expect(managementRefusal(who('bureau_staff', 'jxb'), acct('bureau_leader', 'jxb'))).toContain('绩效办领导');
    expect(managementRefusal(who('bureau_staff', 'jxb'), acct('bureau_staff', 'jxb'))).toBeUndefined();
  });

  it('lets a unit leader manage only filing staff of their own unit', () => {
    expect(managementRefusal(who('unit_leader'), acct('unit_staff'))).toBeUndefined();
    expect(managementRefusal(who('unit_leader'), acct('unit_staff', 'u-b'))).toContain('本单位');
    expect(managementRefusal(who('unit_leader'), acct('unit_leader'))).toContain('填报员');
  });

  it('gives no other role any account', () => {
    for (const role of ['unit_staff', 'assessor_staff', 'third_party'] as Role[]) expect(managementRefusal(who(role), acct('unit_staff'))).toBeDefined();
  });
});

describe('managing one\'s own account', () => {
  const leader = who('bureau_leader', 'jxb');
  const own = { username: leader.username, role: leader.role, regionId: R, unitId: 'jxb' };

  it('never disables oneself, and otherwise follows who manages whom', () => {
    expect(disableRefusal(leader, own)).toBe('不能停用自己的账号');
    expect(disableRefusal(leader, acct('unit_staff'))).toBeUndefined();
    expect(disableRefusal(who('unit_leader'), acct('unit_staff', 'u-b'))).toContain('本单位');
  });

  it('lets one rename oneself but not change one\'s own role or unit', () => {
    expect(selfEditRefusal(leader, own, { ...own })).toBeUndefined();
    expect(selfEditRefusal(leader, own, { ...own, role: 'bureau_staff' })).toBe('不能修改自己的角色或单位');
    expect(selfEditRefusal(leader, own, { ...own, unitId: 'u-a' })).toBe('不能修改自己的角色或单位');
    expect(selfEditRefusal(leader, acct('unit_staff'), acct('unit_leader'))).toBeUndefined();
  });
});

describe('where a role may sit', () => {
  it('puts the bureau in the bureau, units\' people in units, third parties in third parties', () => {
    expect(placementProblems('bureau_staff', 'jxb', units)).toEqual([]);
    expect(placementProblems('bureau_staff', 'u-a', units)[0]!.message).toContain('绩效办');
    expect(placementProblems('unit_staff', 'jxb', units)[0]!.message).toContain('责任单位');
    expect(placementProblems('third_party', 'tp', units)).toEqual([]);
    expect(placementProblems('third_party', 'u-a', units)[0]!.message).toContain('第三方');
  });

  it('asks assessor staff for an assessor unit, and refuses retired or unknown units', () => {
    expect(placementProblems('assessor_staff', 'u-b', units)).toEqual([]);
    expect(placementProblems('assessor_staff', 'u-a', units)[0]!.message).toContain('不是考评单位');
    expect(placementProblems('unit_staff', 'u-old', units)[0]!.message).toContain('已撤销');
    expect(placementProblems('unit_staff', 'nope', units)[0]!.message).toContain('没有单位');
  });
});

describe('passwords (security.md M1)', () => {
  it('asks for 8 characters of 3 kinds, without the username', () => {
    expect(passwordProblem('Ab1#')).toContain('至少 8 位');
    expect(passwordProblem('abcdefgh1')).toContain('至少 3 种');
    expect(passwordProblem('Abcdefg1')).toBeUndefined();
    expect(passwordProblem('zhangsan#A1', 'zhangsan')).toContain('用户名');
  });

  it('issues temporary passwords that always meet the rule and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const p = temporaryPassword();
      expect(passwordProblem(p), p).toBeUndefined();
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/[^A-Za-z0-9]/);
      expect(p, 'no formula character first, as a spreadsheet would read it').toMatch(/^[A-Za-z0-9]/);
      seen.add(p);
    }
    expect(seen.size).toBe(2000);
  });

  it('expires a password after 90 days, never one without a change date', () => {
    const changed = '2026-01-01T00:00:00.000Z';
    expect(passwordExpired(changed, Date.parse('2026-03-31T00:00:00Z'))).toBe(false);
    expect(passwordExpired(changed, Date.parse('2026-04-02T00:00:00Z'))).toBe(true);
    expect(passwordExpired(undefined, Date.now())).toBe(false);
  });
});

describe('sign-in lock (security.md M2)', () => {
  const t0 = Date.parse('2026-11-26T08:00:00Z');
  const minutes = (m: number) => t0 + m * 60_000;

  it('locks at the 5th failure within 15 minutes, for 30 minutes', () => {
    let failures: string[] = [];
    for (let i = 0; i < 4; i++) {
      const next = afterFailedSignIn(failures, minutes(i * 3));
      expect(next.lockedUntil).toBeUndefined();
      failures = next.failures;
    }
    const fifth = afterFailedSignIn(failures, minutes(12));
    expect(fifth).toEqual({ failures: [], lockedUntil: new Date(minutes(12) + LOCKOUT.lockMs).toISOString() });
    expect(lockedFor(fifth.lockedUntil, minutes(12))).toBe(1800);
    expect(lockedFor(fifth.lockedUntil, minutes(42))).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const old = [0, 1, 2, 3].map((m) => new Date(minutes(m)).toISOString());
    expect(afterFailedSignIn(old, minutes(15.5)).failures).toHaveLength(4); // minute 0 dropped, 15.5 added
    expect(afterFailedSignIn(old, minutes(30))).toEqual({ failures: [new Date(minutes(30)).toISOString()] });
  });
});

describe('account sheets', () => {
  const bureau = who('bureau_staff', 'jxb');

  it('reads roles by their Chinese names or codes', () => {
    expect(parseRole('责任单位填报员')).toBe('unit_staff');
    expect(parseRole(' 绩效办领导 ')).toBe('bureau_leader');
    expect(parseRole('third_party')).toBe('third_party');
    expect(parseRole('管理员')).toBeUndefined();
  });

  it('reads the template and names units by full name, short name or id', () => {
    const rows = [['用户名', '姓名', '角色', '所属单位'], ['a_one', '甲', '责任单位填报员', '某区'], ['b_two', '乙', '考评单位工作人员', 'u-b']];
    expect(parseUserRows(rows, units, new Set(), bureau)).toMatchObject({
      errors: [],
      users: [
        { username: 'a_one', name: '甲', role: 'unit_staff', unitId: 'u-a' },
        { username: 'b_two', name: '乙', role: 'assessor_staff', unitId: 'u-b' },
      ],
    });
    expect(parseUserRows(userTemplateRows(), units, new Set(), bureau).entries).toHaveLength(2);
  });

  it('names every bad cell and imports nothing', () => {
    const rows = [['用户名', '姓名', '角色', '所属单位'], ['Bad Name', '', '管理员', '某区'], ['taken', '丙', '责任单位填报员', '某旧局'], ['ok_one', '丁', '绩效办领导', '某区']];
    const result = parseUserRows(rows, units, new Set(['taken']), bureau);
    expect(result.users).toEqual([]);
    expect(result.errors.map((e) => `${e.row}/${e.column}`)).toEqual(['2/用户名', '2/姓名', '2/角色', '3/用户名', '3/所属单位', '4/所属单位', '4/角色']);
  });

  it('refuses rows the importer may not manage', () => {
    const rows = [['用户名', '姓名', '角色', '所属单位'], ['lead_x', '甲', '绩效办领导', '某市绩效办']];
    expect(parseUserRows(rows, units, new Set(), bureau).errors[0]!.message).toContain('绩效办领导的账号只能由绩效办领导管理');
  });

  it('exports what it imports, plus the status', () => {
    const rows = usersToRows([{ username: 'a_one', name: '甲', role: 'unit_staff', unitId: 'u-a', status: 'disabled' }], units);
    expect(rows).toEqual([['用户名', '姓名', '角色', '所属单位', '状态'], ['a_one', '甲', '责任单位填报员', '某某区', '已停用']]);
    expect(parseUserRows(rows, units, new Set(), bureau).users).toEqual([{ username: 'a_one', name: '甲', role: 'unit_staff', unitId: 'u-a' }]);
  });

  it('finds no header in a sheet without one', () => {
    expect(parseUserRows([['名单'], ['a', 'b']], units, new Set(), bureau).errors[0]!.message).toContain('找不到表头行');
  });
});

describe('三权分立 (security.md M5): keeping accounts is apart from granting roles', () => {
  const held = (username: string, role: Role, name = '某', unitId = 'jxb', status: 'active' | 'disabled' = 'active') => ({ username, name, role, regionId: R, unitId, status });

  it('opens accounts only without a role or with one that holds no power over others, whoever opens them', () => {
    for (const opener of [who('system_admin', 'jxb'), who('bureau_leader', 'jxb'), who('bureau_staff', 'jxb')]) {
      const opens = ROLES.filter((role) => !openingRefusal(opener, acct(role)));
      expect(opens, opener.role).toEqual(OPENING_ROLES.filter((r) => ROLES.includes(r)).sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)));
    }
    expect(OPENING_ROLES.some((r) => ADMIN_ROLES.includes(r) || r === 'bureau_leader' || r === 'bureau_staff' || r === 'unit_leader')).toBe(false);
    expect(openingRefusal(who('system_admin', 'jxb'), acct('security_admin', 'jxb'))).toContain('须由安全管理员授予');
    // A unit leader still opens their own unit's filing staff, and nothing else.
    expect(ROLES.filter((role) => !openingRefusal(who('unit_leader'), acct(role)))).toEqual(['unit_staff']);
  });

  it('lets the system administrator keep every account of its region, and the bureau no administrator\'s', () => {
    for (const role of ROLES) expect(managementRefusal(who('system_admin', 'jxb'), acct(role, 'jxb')), role).toBeUndefined();
    expect(managementRefusal(who('system_admin', 'jxb'), acct('unit_staff', 'u-a', '450981'))).toContain('其他行政区域');
    for (const role of ADMIN_ROLES) {
      expect(managementRefusal(who('bureau_leader', 'jxb'), acct(role, 'jxb'))).toContain('管理员账号由系统管理员管理');
      expect(managementRefusal(who('bureau_staff', 'jxb'), acct(role, 'jxb'))).toContain('管理员账号由系统管理员管理');
    }
  });

  it('gives the security and audit administrators no account to keep', () => {
    for (const role of ['security_admin', 'audit_admin', 'unassigned'] as Role[]) {
      for (const target of ROLES) expect(managementRefusal(who(role, 'jxb'), acct(target)), `${role} → ${target}`).toBeDefined();
    }
  });

  it('lets only the security administrator grant, in its own region, and never to itself', () => {
    const sec = who('security_admin', 'jxb');
    expect(grantRefusal(sec, acct('unassigned', 'jxb'))).toBeUndefined();
    expect(grantRefusal(sec, { ...acct('security_admin', 'jxb'), username: sec.username })).toContain('不能授予或变更自己的角色');
    expect(grantRefusal(sec, acct('unassigned', 'jxb', '450981'))).toContain('其他行政区域');
    for (const role of ROLES.filter((r) => r !== 'security_admin')) expect(grantRefusal(who(role, 'jxb'), acct('unassigned', 'jxb')), role).toContain('只能由安全管理员');
  });

  it('refuses (409) a second administrator role, or an administrator and a business role, for the same person', () => {
    const accounts = [held('wang_sys', 'system_admin', '王芳'), held('wang_new', 'unassigned', '王芳'), held('li_staff', 'bureau_staff', '李明'), held('li_new', 'unassigned', '李明'), held('sec', 'security_admin', '莫丽萍')];
    const newcomer = accounts[1]!;
    for (const role of ADMIN_ROLES) expect(grantConflict(newcomer, role, 'jxb', accounts), role).toMatchObject({ statusCode: 409, message: expect.stringContaining('wang_sys') });
    expect(grantConflict(newcomer, 'bureau_staff', 'jxb', accounts)).toMatchObject({ statusCode: 409 });
    expect(grantConflict(accounts[3]!, 'audit_admin', 'jxb', accounts)).toMatchObject({ statusCode: 409, message: expect.stringContaining('li_staff') });
    // The same name in another unit is another person; two business roles are the bureau's business.
    expect(grantConflict(newcomer, 'unit_leader', 'u-a', accounts)).toBeUndefined();
    expect(grantConflict(accounts[3]!, 'bureau_leader', 'jxb', accounts)).toBeUndefined();
    // Names are compared normalised; a disabled twin still counts (enabling it would combine them again).
    expect(grantConflict({ ...newcomer, name: ' 王芳 ' }, 'audit_admin', 'jxb', accounts)).toMatchObject({ statusCode: 409 });
    expect(grantConflict(newcomer, 'audit_admin', 'jxb', [{ ...accounts[0]!, status: 'disabled' }, newcomer])).toMatchObject({ statusCode: 409 });
    // Taking a role away (待授权) never combines anything; giving what is held is a conflict too.
    expect(grantConflict(accounts[0]!, 'unassigned', 'jxb', accounts)).toBeUndefined();
    expect(grantConflict(accounts[0]!, 'system_admin', 'jxb', accounts)).toMatchObject({ statusCode: 409, message: expect.stringContaining('已是') });
    expect(BUSINESS_ROLES.every((r) => !ADMIN_ROLES.includes(r))).toBe(true);
  });

  it('keeps the region\'s last security administrator in use', () => {
    const sec = held('sec', 'security_admin');
    expect(lastSecurityAdminConflict(sec, [sec])).toMatchObject({ statusCode: 409, message: expect.stringContaining('最后一个') });
    expect(lastSecurityAdminConflict(sec, [sec, held('sec2', 'security_admin', '乙', 'jxb', 'disabled')])).toMatchObject({ statusCode: 409 });
    expect(lastSecurityAdminConflict(sec, [sec, held('sec2', 'security_admin', '乙')])).toBeUndefined();
    expect(grantConflict(sec, 'system_admin', 'jxb', [sec])).toMatchObject({ statusCode: 409, message: expect.stringContaining('最后一个') });
    expect(lastSecurityAdminConflict(held('sys', 'system_admin'), [])).toBeUndefined();
  });

  it('places the administrators in the bureau, and an account without a role in any unit in use', () => {
    for (const role of ADMIN_ROLES) {
      expect(placementProblems(role, 'jxb', units)).toEqual([]);
      expect(placementProblems(role, 'u-a', units)[0]!.message).toContain('绩效办');
    }
    for (const unitId of ['jxb', 'u-a', 'u-b', 'tp']) expect(placementProblems('unassigned', unitId, units)).toEqual([]);
    expect(placementProblems('unassigned', 'u-old', units)[0]!.message).toContain('已撤销');
  });

  it('refuses sheet rows with a role that must be granted', () => {
    const rows = [['用户名', '姓名', '角色', '所属单位'], ['sec_x', '甲', '安全管理员', '某市绩效办'], ['new_x', '乙', '待授权', '某市绩效办'], ['lead_x', '丙', '责任单位负责人', '某区']];
    const result = parseUserRows(rows, units, new Set(), who('system_admin', 'jxb'));
    expect(result.errors.map((e) => `${e.row}/${e.column}`)).toEqual(['2/角色', '4/角色']);
    expect(result.errors[0]!.message).toContain('须由安全管理员授予');
  });
});
