// Accounts of the region (账号管理): the system administrator and the bureau keep them, a unit leader their unit's
// filing staff; the security administrator grants roles (角色授权).
// Every shape comes from the route contracts (functions/contracts/users.ts) and the profile model.
import type { CallOutput } from '@shared/contracts/define.ts';
import { userRoutes, type CreateUserBody, type EditUserBody, type GrantRoleBody } from '@shared/contracts/users.ts';
import { call } from './call';

type ImportAnswer = CallOutput<typeof userRoutes.importUsers>;
/** Dry run of an import: each data row read (cells by column) and every problem. */
export type UserImportReport = Extract<ImportAnswer, { dryRun: true }>;
/** A done import: the accounts opened and, once, their temporary passwords. */
export type UserImportResult = Exclude<ImportAnswer, { dryRun: true }>;

const userParams = (regionId: string, username: string) => ({ regionId, username });

/** 本区域账号（单位负责人只见本单位；筛选与分页在页面中完成） */
export const listUsersApi = (regionId: string) => call(userRoutes.listUsers, { params: { regionId } });

/** 开设账号：返回一次性初始密码（错误由表单显示） */
export const createUserApi = (regionId: string, body: CreateUserBody) => call(userRoutes.createUser, { params: { regionId }, body }, { silent: true });

/** 修改姓名或所属单位（带版本号；角色由安全管理员授予） */
export const editUserApi = (regionId: string, username: string, body: EditUserBody) =>
  call(userRoutes.editUser, { params: userParams(regionId, username), body }, { silent: true });

/** 停用账号 */
export const disableUserApi = (regionId: string, username: string, version: number) =>
  call(userRoutes.disableUser, { params: userParams(regionId, username), body: { version } }, { silent: true });

/** 启用账号 */
export const enableUserApi = (regionId: string, username: string, version: number) =>
  call(userRoutes.enableUser, { params: userParams(regionId, username), body: { version } }, { silent: true });

/** 重置密码：返回一次性临时密码 */
export const resetPasswordApi = (regionId: string, username: string, version: number) =>
  call(userRoutes.resetPassword, { params: userParams(regionId, username), body: { version } }, { silent: true });

/** 从表格导入账号：dryRun 只检查并预览，不写入 */
export async function previewUsersImportApi(regionId: string, rows: string[][]): Promise<UserImportReport> {
  const answer = await call(userRoutes.importUsers, { params: { regionId }, body: { rows, dryRun: true } }, { silent: true });
  if (!('dryRun' in answer)) throw new Error('the import answered a dry run with an import');
  return answer;
}

/** 从表格导入账号（全部或全不；有错误时返回逐行报告） */
export async function importUsersApi(regionId: string, rows: string[][]): Promise<UserImportResult> {
  const answer = await call(userRoutes.importUsers, { params: { regionId }, body: { rows, dryRun: false } }, { silent: true });
  if ('dryRun' in answer) throw new Error('the import answered an import with a dry run');
  return answer;
}

/** 授予或变更角色（安全管理员；带版本号，可同时改到该角色适合的单位） */
export const grantRoleApi = (regionId: string, username: string, body: GrantRoleBody) =>
  call(userRoutes.grantRole, { params: userParams(regionId, username), body }, { silent: true });
