// Accounts (账号管理) under 三权分立 (security.md M5): the system administrator keeps the region's
// accounts, the bureau its business accounts, a unit leader their unit's filing staff; an account is
// opened with no role yet or one without power over others, and every other role is granted by the
// security administrator alone (grantRole). Who may keep or grant which account, and where a role may
// sit, need the caller and the stored accounts and units: those rules live in domain/accounts.ts. Every answer is the public view of a profile (model/user.ts), so
// no password hash or sign-in bookkeeping leaves the API.
import { USERNAME_PATTERN, usernameRule } from '../domain/accounts.ts';
import type { RowError } from '../domain/plan-rows.ts';
import { ROLES } from '../domain/roles.ts';
import { NAME_MAX } from '../domain/user-rows.ts';
import { DIRECTORY_MODES, userRowEntry, userView } from '../model/user.ts';
import { accountImporters, accountManagers, accountReaders, roleGranters } from './access.ts';
import { list, route } from './define.ts';
import { t } from './lang.ts';
import { regionPath, userPath } from './paths.ts';
import { ids, text, version, z } from './zod.ts';

/** A new username as typed: trimmed and lower-cased, then held to the one pattern. */
const newUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME_PATTERN, { error: () => usernameRule() });
const personName = text({ max: NAME_MAX }).refine((s) => s.length > 0, { error: () => t('请填写姓名', 'Fill in the name') });
const unitId = z
  .string()
  .trim()
  .min(1, { error: () => t('请选择所属单位', 'Choose the unit') })
  .pipe(ids.unit);
const role = z.enum(ROLES);

export const createUserBody = z.object({ username: newUsername, name: personName, role, unitId });
export type CreateUserBody = z.infer<typeof createUserBody>;

/** A role is never changed by an edit: it is granted through grantRole, by the security administrator. */
const noRole = z.never({ error: () => t('角色由安全管理员授予或变更，不在此修改', 'Roles are granted and changed by the security administrator, not here') }).optional();

export const editUserBody = z
  .object({ name: personName.optional(), role: noRole, unitId: unitId.optional(), version })
  .refine((v) => v.name !== undefined || v.unitId !== undefined, { error: () => t('没有要修改的内容', 'Nothing to change') });
export type EditUserBody = z.infer<typeof editUserBody>;

/** A role granted or changed, on the version the security administrator saw; the unit with it when the role sits elsewhere. */
export const grantRoleBody = z.object({ role, unitId: unitId.optional(), version });
export type GrantRoleBody = z.infer<typeof grantRoleBody>;

/** The version of the account the manager saw (optimistic lock). */
export const versionBody = z.object({ version });
export type VersionBody = z.infer<typeof versionBody>;

/** Accounts from sheet rows, as the units import takes them (domain/user-rows.ts checks each cell). */
export const importUsersBody = z.object({
  rows: z
    .array(z.array(z.string().max(200)).max(20))
    .min(1, { error: () => t('表格为空', 'The sheet is empty') })
    .max(500, { error: () => t('表格行数过多，每次最多导入 90 个账号', 'The sheet has too many rows; import at most 90 accounts at a time') }),
  /** Only check and preview: nothing is written. */
  dryRun: z.boolean().default(false),
});
export type ImportUsersBody = z.infer<typeof importUsersBody>;

const directory = z.enum(DIRECTORY_MODES);
const rowError: z.ZodType<RowError> = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

/** A one-time password, shown once to who opened or reset the account; never stored in clear. */
export const temporaryPassword = z.object({ username: z.string(), password: z.string() });
export type TemporaryPassword = z.infer<typeof temporaryPassword>;

/** A new account: where its password lives, and the temporary one unless an external platform keeps it. */
export const openedUser = userView.extend({ directory, temporaryPassword: z.string().optional() });

/** A dry run's answer: each data row read and every problem; nothing written. */
export const userImportReport = z.object({
  dryRun: z.literal(true),
  valid: z.boolean(),
  headerRow: z.number().int().min(0),
  count: z.number().int().min(0),
  entries: z.array(userRowEntry),
  errors: z.array(rowError),
});

/** An import's answer: every account opened, all at once, with their temporary passwords. */
export const usersImported = z.object({
  count: z.number().int().min(0),
  items: z.array(userView),
  directory,
  temporaryPasswords: z.array(temporaryPassword).optional(),
});

// `import` before `{username}`: the local gateway takes the first match.
export const userRoutes = {
  listUsers: route({ method: 'GET', path: '/regions/{regionId}/users', group: 'users', access: accountReaders, params: regionPath, output: list(userView), summary: '账号列表（单位负责人只见本单位）' }),
  createUser: route({ method: 'POST', path: '/regions/{regionId}/users', group: 'users', access: accountManagers, params: regionPath, body: createUserBody, output: openedUser, summary: '开设账号（返回一次性初始密码）' }),
  importUsers: route({ method: 'POST', path: '/regions/{regionId}/users/import', group: 'users', access: accountImporters, params: regionPath, body: importUsersBody, output: z.union([userImportReport, usersImported]), summary: '从表格批量开设账号' }),
  editUser: route({ method: 'PUT', path: '/regions/{regionId}/users/{username}', group: 'users', access: accountManagers, params: userPath, body: editUserBody, output: userView, summary: '修改账号的姓名或单位（角色由安全管理员授予）' }),
  grantRole: route({ method: 'POST', path: '/regions/{regionId}/users/{username}/role', group: 'users', access: roleGranters, params: userPath, body: grantRoleBody, output: userView, summary: '授予或变更角色（安全管理员）' }),
  disableUser: route({ method: 'POST', path: '/regions/{regionId}/users/{username}/disable', group: 'users', access: accountManagers, params: userPath, body: versionBody, output: userView, summary: '停用账号' }),
  enableUser: route({ method: 'POST', path: '/regions/{regionId}/users/{username}/enable', group: 'users', access: accountManagers, params: userPath, body: versionBody, output: userView, summary: '启用账号' }),
  resetPassword: route({ method: 'POST', path: '/regions/{regionId}/users/{username}/reset-password', group: 'users', access: accountManagers, params: userPath, body: versionBody, output: userView.extend({ temporaryPassword: z.string() }), summary: '重置密码（返回一次性临时密码）' }),
};
