import { describe, expect, it } from 'vitest';
import { ROLES } from '@shared/domain/roles.ts';
import type { UserView } from '@shared/model/user.ts';
import { creatableRoles, disableRefusal, fixedUnitOf, grantableRoles, refusalFor, unitChoices } from '@/views/user/user-rules';
import { checkUserDraft, createBody, editBody, editDraft, grantBody, newUserDraft } from '@/views/user/useUserForms';
import { emptyUserFilters, filterUsers, sortUsers, unitsWithAccounts } from '@/views/user/useUserList';
import { account, accounts, bureauLeader, bureauStaff, caller, unitLeader, units } from './users-fixtures';

const names = (list: { username: string }[]) => list.map((u) => u.username);
const ids = (list: { unitId: string }[]) => list.map((u) => u.unitId);

describe('accounts: filters and order', () => {
  it('filters by part of the username or name, unit, role and status together', () => {
    // Prepare
    const f = emptyUserFilters();

    // Act & Assess
    expect(filterUsers(accounts, f)).toHaveLength(accounts.length);
    expect(names(filterUsers(accounts, { ...f, keyword: ' YUZHOU ' }))).toEqual(['yuzhou_staff', 'yuzhou_leader']);
    expect(names(filterUsers(accounts, { ...f, keyword: '海燕' }))).toEqual(['jyj_staff']);
    expect(names(filterUsers(accounts, { ...f, unitId: 'yz', role: 'unit_staff' }))).toEqual(['yuzhou_staff']);
    expect(names(filterUsers(accounts, { ...f, status: 'disabled' }))).toEqual(['jyj_staff']);
    expect(filterUsers(accounts, { ...f, keyword: 'yuzhou', status: 'disabled' })).toEqual([]);
  });

  it('lists accounts by unit as the units page does (bureau, counties, departments), then by role and username', () => {
    // Act
    const sorted = sortUsers(accounts, units);

    // Assess
    expect(names(sorted)).toEqual(['yl_leader', 'yl_staff', 'yuzhou_leader', 'yuzhou_staff', 'jyj_staff', 'yl_tjj']);
  });

  it('offers as unit filter only the units that hold an account, in the same order', () => {
    // Act
    const options = unitsWithAccounts([...accounts, account('ghost', '无名', 'unit_staff', 'gone')], units);

    // Assess
    expect(options).toEqual([
      { unitId: 'jxb', name: '市绩效办' },
      { unitId: 'yz', name: '玉州区' },
      { unitId: 'jyj', name: '市教育局' },
      { unitId: 'tjj', name: '市统计局' },
      { unitId: 'gone', name: 'gone' },
    ]);
  });
});

describe('accounts: what a caller may pick', () => {
  it('gives each manager the roles they may open', () => {
    // Act & Assess
    // 三权分立: an account opens without a role or with one that holds no power over others; the rest are granted.
    expect(creatableRoles(bureauLeader)).toEqual(['assessor_staff', 'unit_staff', 'third_party', 'unassigned']);
    expect(creatableRoles(bureauStaff)).toEqual(['assessor_staff', 'unit_staff', 'third_party', 'unassigned']);
    expect(creatableRoles(caller('yl_sysadmin', 'system_admin', 'jxb'))).toEqual(['assessor_staff', 'unit_staff', 'third_party', 'unassigned']);
    expect(creatableRoles(unitLeader)).toEqual(['unit_staff']);
    expect(creatableRoles(caller('yl_secadmin', 'security_admin', 'jxb'))).toEqual([]);
    expect(creatableRoles(caller('yl_auditor', 'audit_admin', 'jxb'))).toEqual([]);
    expect(creatableRoles(caller('x', 'unit_staff', 'yz'))).toEqual([]);
    expect(creatableRoles(caller('x', 'assessor_staff', 'tjj'))).toEqual([]);
  });

  it('lets the security administrator grant every role, to others only, wherever the role suits', () => {
    // Prepare
    const sec = caller('yl_secadmin', 'security_admin', 'jxb');

    // Act & Assess
    expect(grantableRoles(sec)).toEqual([...ROLES]);
    expect(grantableRoles(bureauLeader)).toEqual([]);
    expect(ids(unitChoices(sec, 'audit_admin', units, true))).toEqual(['jxb']);
    expect(ids(unitChoices(sec, 'unit_leader', units, true))).toEqual(['jyj', 'tjj', 'yz']);
    expect(refusalFor(sec, account('yl_secadmin', '莫丽萍', 'security_admin', 'jxb'), true)).toBe('不能授予或变更自己的角色');
    expect(refusalFor(sec, accounts[0]!, true)).toBeUndefined();
    expect(refusalFor(sec, accounts[0]!)).toBe('您的角色无权管理账号');
  });

  it('offers the bureau the units in use that suit the role', () => {
    // Act & Assess: never a retired unit; assessor staff only in an assessor unit
    expect(ids(unitChoices(bureauStaff, 'unit_staff', units))).toEqual(['jyj', 'tjj', 'yz']);
    expect(ids(unitChoices(bureauStaff, 'assessor_staff', units))).toEqual(['tjj']);
    expect(ids(unitChoices(bureauStaff, 'bureau_staff', units))).toEqual(['jxb']);
    expect(ids(unitChoices(bureauStaff, 'third_party', units))).toEqual(['sqmy']);
    expect(ids(unitChoices(bureauStaff, '', units))).toEqual(['jyj', 'tjj', 'yz', 'jxb', 'sqmy']);
  });

  it('gives a unit leader their own unit only, fixed, and filing staff as the one role', () => {
    // Act
    const draft = newUserDraft(unitLeader);

    // Assess
    expect(fixedUnitOf(unitLeader)).toBe('yz');
    expect(fixedUnitOf(bureauStaff)).toBeUndefined();
    expect(draft).toEqual({ username: '', name: '', role: 'unit_staff', unitId: 'yz' });
    expect(ids(unitChoices(unitLeader, 'unit_staff', units))).toEqual(['yz']);
    expect(unitChoices(unitLeader, 'unit_leader', units)).toEqual([]);
    expect(newUserDraft(bureauStaff)).toEqual({ username: '', name: '', role: 'unit_staff', unitId: '' });
  });

  it('says which accounts are not the caller’s to manage, or to disable', () => {
    // Prepare
    const [staff, leader, jyjStaff, yzStaff, yzLeader] = ['yl_staff', 'yl_leader', 'jyj_staff', 'yuzhou_staff', 'yuzhou_leader'].map((n) => accounts.find((a) => a.username === n)!) as [UserView, UserView, UserView, UserView, UserView];

    // Act & Assess
    expect(refusalFor(bureauStaff, leader)).toBe('绩效办领导的账号只能由绩效办领导管理');
    expect(refusalFor(bureauLeader, leader)).toBeUndefined();
    expect(disableRefusal(bureauLeader, leader)).toBe('不能停用自己的账号');
    expect(disableRefusal(bureauStaff, staff)).toBe('不能停用自己的账号');
    expect(refusalFor(unitLeader, jyjStaff)).toBe('单位负责人只能管理本单位的账号');
    expect(refusalFor(unitLeader, yzLeader)).toBe('单位负责人只能管理本单位的填报员账号');
    expect(refusalFor(unitLeader, yzStaff)).toBeUndefined();
  });
});

describe('accounts: the form', () => {
  it('checks a new account with the API’s own schema and placement rules', () => {
    // Prepare
    const draft = { username: '1x', name: ' ', role: 'assessor_staff' as const, unitId: 'yz' };

    // Act
    const errors = checkUserDraft('create', draft, undefined, units);

    // Assess
    expect(Object.keys(errors).sort()).toEqual(['name', 'unitId', 'username']);
    expect(errors.unitId).toBe('「玉州区」不是考评单位');
    expect(checkUserDraft('create', { username: 'Zhang_San', name: '张三', role: 'unit_staff', unitId: 'yz' }, undefined, units)).toEqual({});
    expect(checkUserDraft('create', { username: 'zhangsan', name: '张三', role: 'unit_staff', unitId: '' }, undefined, units).unitId).toBe('请选择所属单位');
    expect(createBody({ username: 'Zhang_San', name: '张三', role: 'unit_staff', unitId: 'yz' })).toEqual({ username: 'Zhang_San', name: '张三', role: 'unit_staff', unitId: 'yz' });
  });

  it('sends only what an edit changed, with the version read, and refuses an unchanged form', () => {
    // Prepare
    const before = accounts[2]!;
    const draft = editDraft(before);

    // Act & Assess
    expect(checkUserDraft('edit', draft, before, units)).toEqual({ form: '没有要修改的内容' });
    draft.name = '韦海燕 ';
    expect(editBody(draft, before)).toEqual({ version: 3 });
    draft.unitId = 'tjj';
    expect(editBody(draft, before)).toEqual({ unitId: 'tjj', version: 3 });
    // The role is never sent by an edit: it is granted.
    draft.role = 'assessor_staff';
    expect(editBody(draft, before)).toEqual({ unitId: 'tjj', version: 3 });
  });

  it('grants a role with the unit it moves to, and refuses a grant of what is held or where the role does not sit', () => {
    // Prepare
    const before = accounts[2]!;
    const draft = editDraft(before);

    // Act & Assess
    expect(checkUserDraft('grant', draft, before, units).role).toBe('该账号已是该角色');
    draft.role = 'assessor_staff';
    expect(checkUserDraft('grant', draft, before, units).unitId).toBe('「市教育局」不是考评单位');
    draft.unitId = 'tjj';
    expect(checkUserDraft('grant', draft, before, units)).toEqual({});
    expect(grantBody(draft, before)).toEqual({ role: 'assessor_staff', unitId: 'tjj', version: 3 });
    expect(grantBody({ ...editDraft(before), role: 'unassigned' }, before)).toEqual({ role: 'unassigned', version: 3 });
  });

  it('does not recheck the placement of an account left where it is', () => {
    // Prepare: the unit was retired since, only the name changes
    const before = account('old_staff', '旧人', 'unit_staff', 'njj');

    // Act & Assess
    expect(checkUserDraft('edit', { ...editDraft(before), name: '新名' }, before, units)).toEqual({});
  });
});
