// Units, callers and accounts of a small region, as the accounts page receives them.
import type { Caller } from '@shared/domain/roles.ts';
import type { UnitView } from '@/api/organisation';
import type { UserView } from '@shared/model/user.ts';

export const REGION = '450900';

const unit = (unitId: string, name: string, extra: Partial<UnitView> = {}): UnitView => ({
  unitId,
  name,
  type: 'department',
  status: 'active',
  names: [{ name, from: '' }],
  version: 1,
  ...extra,
});

export const units: UnitView[] = [
  unit('jyj', '市教育局'),
  unit('tjj', '市统计局', { assessor: true, assessorField: '统计' }),
  unit('yz', '玉州区', { type: 'county', category: '县（市、区）' }),
  unit('jxb', '市绩效办', { type: 'bureau' }),
  unit('sqmy', '社情民意调查中心', { type: 'third_party' }),
  unit('njj', '市农机局', { status: 'retired', retiredOn: '2025-06-30' }),
];

export const caller = (username: string, role: Caller['role'], unitId: string): Caller => ({ username, name: username, role, regionId: REGION, unitId });
export const bureauLeader = caller('yl_leader', 'bureau_leader', 'jxb');
export const bureauStaff = caller('yl_staff', 'bureau_staff', 'jxb');
export const unitLeader = caller('yuzhou_leader', 'unit_leader', 'yz');

export const account = (username: string, name: string, role: Caller['role'], unitId: string, extra: Partial<UserView> = {}): UserView => ({
  username,
  name,
  role,
  unitId,
  regionId: REGION,
  status: 'active',
  version: 1,
  ...extra,
});

export const accounts: UserView[] = [
  account('yl_staff', '王芳', 'bureau_staff', 'jxb', { passwordChangedAt: '2026-03-01T02:00:00.000Z' }),
  account('yl_leader', '李明华', 'bureau_leader', 'jxb'),
  account('jyj_staff', '韦海燕', 'unit_staff', 'jyj', { status: 'disabled', version: 3 }),
  account('yuzhou_staff', '张晓燕', 'unit_staff', 'yz', { mustChangePassword: true }),
  account('yuzhou_leader', '刘建国', 'unit_leader', 'yz'),
  account('yl_tjj', '陈志强', 'assessor_staff', 'tjj'),
];
