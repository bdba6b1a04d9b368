// The actors of SPEC.md "Actors and what each may do".
export const ROLES = [
  'bureau_leader',
  'bureau_staff',
  'assessor_staff',
  'unit_leader',
  'unit_staff',
  'third_party',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  bureau_leader: '绩效办领导',
  bureau_staff: '绩效办工作人员',
  assessor_staff: '考评单位工作人员',
  unit_leader: '责任单位负责人',
  unit_staff: '责任单位填报员',
  third_party: '第三方机构',
};

export const BUREAU_ROLES: readonly Role[] = ['bureau_leader', 'bureau_staff'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is calling: taken from the verified token, never from the request body. */
export interface Caller {
  username: string;
  name: string;
  role: Role;
  regionId: string;
  unitId: string;
}
