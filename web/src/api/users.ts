// Accounts of the region (账号管理): the bureau manages the region's, a unit leader their unit's filing staff.
import type { AccountStatus } from '@shared/domain/accounts.ts';
import type { Role } from '@shared/domain/roles.ts';
import type { RowError } from '@shared/domain/plan-rows.ts';
import type { UserRowEntry } from '@shared/domain/user-rows.ts';
import type { CreateUserBody, EditUserBody } from '@shared/http/user-schemas.ts';
import { http, request } from './http';

export type { AccountStatus } from '@shared/domain/accounts.ts';
export type { UserRowEntry } from '@shared/domain/user-rows.ts';
export type { CreateUserBody, EditUserBody };

export interface UserView {
  username: string;
  name: string;
  role: Role;
  regionId: string;
  unitId: string;
  status: AccountStatus;
  version: number;
  createdAt?: string;
  createdBy?: string;
  mustChangePassword?: boolean;
  passwordChangedAt?: string;
  /** Set by repeated failed sign-ins (local issuer); a password reset lifts it. */
  lockedUntil?: string;
}

/**
 * Where the account's password lives: the local issuer or Cognito give a temporary password, an
 * external (unified) identity platform keeps its own and none is returned.
 */
export type Directory = 'local' | 'cognito' | 'external';

export interface OpenedUser extends UserView {
  directory: Directory;
  temporaryPassword?: string;
}

export interface TemporaryPassword {
  username: string;
  password: string;
}

/** Dry run of an import: each data row read (cells by column) and every problem. */
export interface UserImportReport {
  dryRun: true;
  valid: boolean;
  headerRow: number;
  count: number;
  entries: UserRowEntry[];
  errors: RowError[];
}

export interface UserImportResult {
  count: number;
  items: UserView[];
  directory: Directory;
  temporaryPasswords?: TemporaryPassword[];
}

const users = (regionId: string) => `/regions/${encodeURIComponent(regionId)}/users`;
const user = (regionId: string, username: string) => `${users(regionId)}/${encodeURIComponent(username)}`;

/** 本区域账号（单位负责人只见本单位；筛选与分页在页面中完成） */
export const listUsersApi = (regionId: string) => http.get<{ items: UserView[] }>(users(regionId));

/** 开设账号：返回一次性初始密码（错误由表单显示） */
export const createUserApi = (regionId: string, body: CreateUserBody) => http.post<OpenedUser>(users(regionId), body, { silent: true });

/** 修改姓名、角色或所属单位（带版本号） */
export const editUserApi = (regionId: string, username: string, body: EditUserBody) =>
  request<UserView>('PUT', user(regionId, username), { body, silent: true });

/** 停用账号 */
export const disableUserApi = (regionId: string, username: string, version: number) =>
  http.post<UserView>(`${user(regionId, username)}/disable`, { version }, { silent: true });

/** 启用账号 */
export const enableUserApi = (regionId: string, username: string, version: number) =>
  http.post<UserView>(`${user(regionId, username)}/enable`, { version }, { silent: true });

/** 重置密码：返回一次性临时密码 */
export const resetPasswordApi = (regionId: string, username: string, version: number) =>
  http.post<UserView & { temporaryPassword: string }>(`${user(regionId, username)}/reset-password`, { version }, { silent: true });

/** 从表格导入账号：dryRun 只检查并预览，不写入 */
export const previewUsersImportApi = (regionId: string, rows: string[][]) =>
  http.post<UserImportReport>(`${users(regionId)}/import`, { rows, dryRun: true }, { silent: true });

/** 从表格导入账号（全部或全不；有错误时返回逐行报告） */
export const importUsersApi = (regionId: string, rows: string[][]) =>
  http.post<UserImportResult>(`${users(regionId)}/import`, { rows, dryRun: false }, { silent: true });
