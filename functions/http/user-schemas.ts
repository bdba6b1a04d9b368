// Input schemas of the account routes. Who may manage which account, and where a role may sit,
// need the caller and the stored units: those rules live in domain/accounts.ts.
import * as z from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { USERNAME_PATTERN, USERNAME_RULE } from '../domain/accounts.ts';
import { ROLES } from '../domain/roles.ts';
import { NAME_MAX } from '../domain/user-rows.ts';

z.config(zhCN());

const version = z.number().int().min(1);
const personName = z.string().trim().min(1, '请填写姓名').max(NAME_MAX);
const unitId = z.string().trim().min(1, '请选择所属单位').max(40);

export const createUserBody = z.object({
  username: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, USERNAME_RULE),
  name: personName,
  role: z.enum(ROLES),
  unitId,
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const editUserBody = z
  .object({ name: personName.optional(), role: z.enum(ROLES).optional(), unitId: unitId.optional(), version })
  .refine((v) => v.name !== undefined || v.role !== undefined || v.unitId !== undefined, { message: '没有要修改的内容' });
export type EditUserBody = z.infer<typeof editUserBody>;

export const versionBody = z.object({ version });
export type VersionBody = z.infer<typeof versionBody>;

/** Accounts from sheet rows, as the units import takes them (domain/user-rows.ts checks each cell). */
export const importUsersBody = z.object({
  rows: z.array(z.array(z.string().max(200)).max(20)).min(1, '表格为空').max(500, '表格行数过多，每次最多导入 90 个账号'),
  dryRun: z.boolean().default(false),
});
export type ImportUsersBody = z.infer<typeof importUsersBody>;
