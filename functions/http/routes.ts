// The route table: the one list of API routes. CDK builds the HTTP API from it, the local gateway
// serves from it, and the security tests walk it. Paths use API Gateway syntax.
import type { ZodType } from 'zod';
import { contracts } from '../contracts/index.ts';
import type { Access, RouteContract } from '../contracts/define.ts';
import { BUREAU_ROLES, ROLES, type Role } from '../domain/roles.ts';
import { createUserBody, editUserBody, importUsersBody, versionBody } from './user-schemas.ts';
import { ACCOUNT_MANAGERS } from '../domain/accounts.ts';

export { GROUPS, type Access, type Group } from '../contracts/define.ts';

/** A route of the table: its contract and the operation (the contract's key) that serves it. */
export interface Route extends Omit<RouteContract, 'params' | 'output'> {
  op: string;
  params?: RouteContract['params'];
  output?: RouteContract['output'];
}

const PUBLIC: Access = { public: true };
const everyone = (scope: 'region' | 'self'): Access => ({ public: false, roles: ROLES, scope });
const bureau: Access = { public: false, roles: BUREAU_ROLES, scope: 'region' };
/** The bureau, and unit leaders for their own unit's staff (the operation checks which accounts). */
const accountManagers: Access = { public: false, roles: ACCOUNT_MANAGERS, scope: 'region' };

/** Routes of groups not yet moved to contracts (functions/contracts). */
const legacyRoutes: readonly Route[] = [


  // `import` before `{username}`: the local gateway takes the first match.
  { method: 'GET', path: '/regions/{regionId}/users', group: 'users', op: 'listUsers', access: accountManagers, summary: '账号列表（单位负责人只见本单位）' },
  { method: 'POST', path: '/regions/{regionId}/users', group: 'users', op: 'createUser', access: accountManagers, body: createUserBody, summary: '开设账号（返回一次性初始密码）' },
  { method: 'POST', path: '/regions/{regionId}/users/import', group: 'users', op: 'importUsers', access: bureau, body: importUsersBody, summary: '从表格批量开设账号' },
  { method: 'PUT', path: '/regions/{regionId}/users/{username}', group: 'users', op: 'editUser', access: accountManagers, body: editUserBody, summary: '修改账号的姓名、角色或单位' },
  { method: 'POST', path: '/regions/{regionId}/users/{username}/disable', group: 'users', op: 'disableUser', access: accountManagers, body: versionBody, summary: '停用账号' },
  { method: 'POST', path: '/regions/{regionId}/users/{username}/enable', group: 'users', op: 'enableUser', access: accountManagers, body: versionBody, summary: '启用账号' },
  { method: 'POST', path: '/regions/{regionId}/users/{username}/reset-password', group: 'users', op: 'resetPassword', access: accountManagers, body: versionBody, summary: '重置密码（返回一次性临时密码）' },




];

export const routes: readonly Route[] = [
  ...Object.entries(contracts).map(([op, c]): Route => ({ ...c, op })),
  ...legacyRoutes,
];

export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;
