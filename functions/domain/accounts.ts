// Who may manage which accounts, and what makes an account valid (SPEC "Actors"; security.md M1, M4).
import { t } from '../contracts/lang.ts';
import { ConflictError } from './errors.ts';
import type { Problem, UnitFacts } from './organisation.ts';
import { isActive, normaliseName } from './organisation.ts';
import { isAdminRole, ROLE_NAMES, type Caller, type Role } from './roles.ts';

export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Lower-case letters, digits and `_ . -`, starting with a letter: safe in every identity provider. */
export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/;
export const USERNAME_RULE = '3–32 位，小写字母开头，只含小写字母、数字和 _ . -';
/** The rule in the current language. */
export const usernameRule = () => t(USERNAME_RULE, '3–32 characters, starting with a lower-case letter, only lower-case letters, digits and _ . -');

/**
 * 三权分立 (security.md M5), within the account flow the portal already had:
 * - keeping accounts (open, edit name and unit, disable, enable, reset a password) is the system
 *   administrator's for every account of the region; the bureau keeps doing it for business accounts
 *   (a 绩效办 is small and opens its units' filing staff itself) and a unit leader for their own unit's
 *   filing staff;
 * - an account is opened with no role yet (待授权) or with a role that holds no power over other
 *   people or the region's cycle (填报员, 考评单位工作人员, 第三方机构); every other role, and any later
 *   change of role, is granted by the security administrator alone (POST …/users/{username}/role);
 * - the audit administrator reads the audit log and nothing else.
 */
export const ACCOUNT_MANAGERS: readonly Role[] = ['bureau_leader', 'bureau_staff', 'unit_leader', 'system_admin'];
/** Who reads the account list: those who keep accounts, and the security administrator who grants roles on it. */
export const ACCOUNT_READERS: readonly Role[] = [...ACCOUNT_MANAGERS, 'security_admin'];
/** Who opens accounts from a sheet: the bureau and the system administrator. */
export const ACCOUNT_IMPORTERS: readonly Role[] = ['bureau_leader', 'bureau_staff', 'system_admin'];
/** Who grants and changes roles. */
export const ROLE_GRANTERS: readonly Role[] = ['security_admin'];
/** Who reads, searches and exports the audit log. */
export const AUDIT_READERS: readonly Role[] = ['audit_admin'];
/** The roles an account may be opened with: none yet, or one without power over others; the rest are granted. */
export const OPENING_ROLES: readonly Role[] = ['unassigned', 'unit_staff', 'assessor_staff', 'third_party'];

const ANY_UNIT = ['bureau', 'county', 'town', 'department', 'other', 'third_party'] as const;

/** Which unit types each role belongs to: the bureau works in the bureau, a unit's people in their unit. */
const ROLE_UNIT_TYPES: Record<Role, readonly string[]> = {
  bureau_leader: ['bureau'],
  bureau_staff: ['bureau'],
  assessor_staff: ['county', 'town', 'department', 'other'],
  unit_leader: ['county', 'town', 'department', 'other'],
  unit_staff: ['county', 'town', 'department', 'other'],
  third_party: ['third_party'],
  // The administrators are the bureau's (the 绩效办 runs the platform for its region).
  system_admin: ['bureau'],
  security_admin: ['bureau'],
  audit_admin: ['bureau'],
  unassigned: ANY_UNIT,
};

/** The account facts the rules look at. */
export interface AccountFacts {
  username: string;
  role: Role;
  regionId: string;
  unitId: string;
}

/**
 * Why `manager` may not keep `account` (as it is, or as it would become), or undefined when it may.
 * The system administrator keeps every account of its region; the bureau its region's business
 * accounts, but only its leader the bureau leader's; a unit's leader the filing staff of that one unit.
 */
export function managementRefusal(manager: Caller, account: AccountFacts): string | undefined {
  if (account.regionId !== manager.regionId) return t('无权管理其他行政区域的账号', 'You may not manage accounts of another region');
  if (manager.role === 'system_admin') return undefined;
  if (isAdminRole(account.role) && (manager.role === 'bureau_leader' || manager.role === 'bureau_staff')) {
    return t('管理员账号由系统管理员管理', 'Administrator accounts are kept by the system administrator');
  }
  if (manager.role === 'bureau_leader') return undefined;
  if (manager.role === 'bureau_staff') {
    return account.role === 'bureau_leader' ? t('绩效办领导的账号只能由绩效办领导管理', 'Only a bureau leader manages a bureau leader’s account') : undefined;
  }
  if (manager.role === 'unit_leader') {
    if (account.unitId !== manager.unitId) return t('单位负责人只能管理本单位的账号', 'A unit leader manages only their own unit’s accounts');
    if (account.role !== 'unit_staff') return t('单位负责人只能管理本单位的填报员账号', 'A unit leader manages only their own unit’s filing staff');
    return undefined;
  }
  return t('您的角色无权管理账号', 'Your role may not manage accounts');
}

/**
 * Why `manager` may not open `account` (undefined: they may): who keeps which accounts, and the role
 * it opens with carries no power over others (OPENING_ROLES); any other role is the security
 * administrator's to grant, after the account is opened as 待授权.
 */
export function openingRefusal(manager: Caller, account: AccountFacts): string | undefined {
  const refusal = managementRefusal(manager, account);
  if (refusal || OPENING_ROLES.includes(account.role)) return refusal;
  return t(
    `「${ROLE_NAMES[account.role]}」角色须由安全管理员授予：请先以「待授权」开设账号`,
    `The role ${ROLE_NAMES[account.role]} is granted by the security administrator: open the account as 待授权 (no role yet) first`,
  );
}

/** The account facts the separation rules compare: who else the same person may be (name and unit). */
export interface HeldAccount extends AccountFacts {
  name: string;
  status?: AccountStatus;
}

/**
 * Why `granter` may not give `account` a role (undefined: they may): only the security
 * administrator grants, within their region, and never to themselves.
 */
export function grantRefusal(granter: Caller, account: AccountFacts): string | undefined {
  if (account.regionId !== granter.regionId) return t('无权管理其他行政区域的账号', 'You may not manage accounts of another region');
  if (!ROLE_GRANTERS.includes(granter.role)) return t('角色只能由安全管理员授予或变更', 'Only the security administrator grants or changes roles');
  if (account.username === granter.username) return t('不能授予或变更自己的角色', 'You cannot grant or change your own role');
  return undefined;
}

const samePerson = (a: HeldAccount, b: { name: string; unitId: string }) => normaliseName(a.name) === normaliseName(b.name) && a.unitId === b.unitId;

/** The last security administrator in use of the region is kept: nobody else could grant a role again. */
export function lastSecurityAdminConflict(account: HeldAccount, accounts: readonly HeldAccount[]): ConflictError | undefined {
  if (account.role !== 'security_admin' || account.status === 'disabled') return undefined;
  const others = accounts.some((a) => a.username !== account.username && a.role === 'security_admin' && a.status !== 'disabled' && a.regionId === account.regionId);
  return others ? undefined : new ConflictError(t('这是本区域最后一个在用的安全管理员账号，不能停用或变更其角色', 'This is the region’s last security administrator in use: it cannot be disabled or given another role'));
}

/**
 * Why giving `account` `role` (in `unitId`) conflicts with what is held (409), or undefined. One role
 * per account keeps one account from holding two; usernames are per person, and the same name in the
 * same unit is taken as the same person: they may not hold an administrator role next to another
 * administrator or a business role (disabled accounts count: enabling one would combine them again).
 */
export function grantConflict(account: HeldAccount, role: Role, unitId: string, accounts: readonly HeldAccount[]): ConflictError | undefined {
  if (role === account.role && unitId === account.unitId) {
    return new ConflictError(t(`该账号已是「${ROLE_NAMES[role]}」`, `This account already holds the role ${ROLE_NAMES[role]}`));
  }
  if (role !== account.role) {
    const last = lastSecurityAdminConflict(account, accounts);
    if (last) return last;
  }
  if (role === 'unassigned') return undefined;
  const twin = accounts.find(
    (a) => a.username !== account.username && a.regionId === account.regionId && a.role !== 'unassigned' && samePerson(a, { name: account.name, unitId }) && (isAdminRole(role) || isAdminRole(a.role)),
  );
  if (!twin) return undefined;
  return new ConflictError(
    t(
      `「${account.name}」在该单位已有账号 ${twin.username}（${ROLE_NAMES[twin.role]}）：管理员角色不能与另一管理员角色或业务角色由同一人兼任`,
      `“${account.name}” already holds ${twin.username} (${ROLE_NAMES[twin.role]}) in that unit: one person may not hold an administrator role together with another administrator or business role`,
    ),
  );
}

/** Why `manager` may not disable `account` (undefined: they may): the management rule, and never oneself. */
export function disableRefusal(manager: Caller, account: AccountFacts): string | undefined {
  return managementRefusal(manager, account) ?? (account.username === manager.username ? t('不能停用自己的账号', 'You cannot disable your own account') : undefined);
}

/** Why an edit of `before` into `after` is refused to `manager` (undefined: it is not), beyond who manages whom. */
export function selfEditRefusal(manager: Caller, before: AccountFacts, after: AccountFacts): string | undefined {
  const moved = after.role !== before.role || after.unitId !== before.unitId;
  return before.username === manager.username && moved ? t('不能修改自己的角色或单位', 'You cannot change your own role or unit') : undefined;
}

/** The accounts a manager sees, in list order (unit, then username): a unit leader sees only their own unit's. */
export function visibleAccounts<A extends AccountFacts>(manager: Caller, accounts: readonly A[]): A[] {
  const visible = manager.role === 'unit_leader' ? accounts.filter((a) => a.unitId === manager.unitId) : [...accounts];
  return visible.sort((a, b) => a.unitId.localeCompare(b.unitId) || a.username.localeCompare(b.username));
}

/** The version of an account: profiles stored before accounts were managed have none, and count as 1. */
export const accountVersion = (account: { version?: number }): number => account.version ?? 1;

/** A change made on the version of the account the manager saw: refused when it has changed since. */
export function staleAccountChange(account: { version?: number }, seen: number): ConflictError | undefined {
  return accountVersion(account) === seen ? undefined : new ConflictError(t('该账号已被他人修改，请刷新后重试', 'This account was changed by someone else; please refresh and try again'));
}

/** Problems of a role placed in a unit: the unit must exist in the region, be in use and suit the role. */
export function placementProblems(role: Role, unitId: string, units: readonly (UnitFacts & { assessor?: boolean })[]): Problem[] {
  const unit = units.find((u) => u.unitId === unitId);
  if (!unit) return [{ path: 'unitId', message: t(`本区域没有单位 ${unitId}`, `This region has no unit ${unitId}`) }];
  if (!isActive(unit)) return [{ path: 'unitId', message: t(`「${unit.name}」已撤销，不能再开设账号`, `“${unit.name}” has been retired; no accounts can be opened in it`) }];
  if (!ROLE_UNIT_TYPES[role].includes(unit.type)) {
    const bureau = role === 'bureau_leader' || role === 'bureau_staff' || isAdminRole(role);
    const where = bureau ? '绩效办' : role === 'third_party' ? '第三方机构' : '责任单位或考评单位';
    const whereEn = bureau ? 'the performance office' : role === 'third_party' ? 'a third-party organisation' : 'an assessed or assessor unit';
    return [{ path: 'unitId', message: t(`该角色的账号应开设在${where}，「${unit.name}」不是`, `Accounts of this role belong in ${whereEn}; “${unit.name}” is not one`) }];
  }
  if (role === 'assessor_staff' && !unit.assessor) return [{ path: 'unitId', message: t(`「${unit.name}」不是考评单位`, `“${unit.name}” is not an assessor unit`) }];
  return [];
}

/** Why a password is too weak (security.md M1: at least 8 characters of 3 kinds), or undefined. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (password.length < 8) return '密码至少 8 位';
  if (password.length > 64) return '密码不能超过 64 位';
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (kinds < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少 3 种';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return undefined;
}

/** Passwords must be changed every 90 days (security.md M1). */
export const PASSWORD_MAX_AGE_DAYS = 90;

export function passwordExpired(changedAt: string | undefined, nowMs: number): boolean {
  if (!changedAt) return false;
  return nowMs - Date.parse(changedAt) > PASSWORD_MAX_AGE_DAYS * 86_400_000;
}

/** Sign-in failures (security.md M2): 5 within 15 minutes lock the account for 30 minutes. */
export const LOCKOUT = { failures: 5, windowMs: 15 * 60_000, lockMs: 30 * 60_000 } as const;

/** The failures still inside the window after one more at `nowMs`, and the lock they impose, if any. */
export function afterFailedSignIn(failures: readonly string[] = [], nowMs: number): { failures: string[]; lockedUntil?: string } {
  const recent = [...failures.filter((t) => nowMs - Date.parse(t) < LOCKOUT.windowMs), new Date(nowMs).toISOString()];
  if (recent.length < LOCKOUT.failures) return { failures: recent };
  return { failures: [], lockedUntil: new Date(nowMs + LOCKOUT.lockMs).toISOString() };
}

/** Seconds until a lock ends (0 when not locked). */
export function lockedFor(lockedUntil: string | undefined, nowMs: number): number {
  return lockedUntil ? Math.max(0, Math.ceil((Date.parse(lockedUntil) - nowMs) / 1000)) : 0;
}
