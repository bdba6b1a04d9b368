// The actors of SPEC.md "Actors and what each may do".
export const ROLES = [
  'bureau_leader',
  'bureau_staff',
  'assessor_staff',
  'unit_leader',
  'unit_staff',
  'third_party',
  // 三权分立 (security.md M5): the three administrators, kept apart from each other and from the business.
  'system_admin',
  'security_admin',
  'audit_admin',
  // An account opened but not yet granted a role: it signs in and reaches nothing but its own profile.
  'unassigned',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  bureau_leader: '绩效办领导',
  bureau_staff: '绩效办工作人员',
  assessor_staff: '考评单位工作人员',
  unit_leader: '责任单位负责人',
  unit_staff: '责任单位填报员',
  third_party: '第三方机构',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  unassigned: '待授权',
};

export const BUREAU_ROLES: readonly Role[] = ['bureau_leader', 'bureau_staff'];

/** The roles that run the performance cycle: the only ones that read business data. */
export const BUSINESS_ROLES: readonly Role[] = ['bureau_leader', 'bureau_staff', 'assessor_staff', 'unit_leader', 'unit_staff', 'third_party'];

/**
 * 三权分立 (GB/T 22239 8.1.4.2d, 8.1.5; security.md M5): 系统管理员 keeps accounts (opens, edits, disables,
 * resets), 安全管理员 grants roles, 审计管理员 reads the audit log. One role per account, so no account
 * holds two of them, nor one of them and a business role.
 */
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export const isAdminRole = (role: Role): boolean => ADMIN_ROLES.includes(role);

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
