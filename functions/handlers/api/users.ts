// Accounts: the bureau manages its region's, a unit leader their unit's filing staff. The profile is
// written first (it is what authorises); the identity provider follows, and a failure there takes the
// profile change back where leaving it would grant more than intended.
import { nowIso } from '../../config/clock.ts';
import { readUnits } from '../../data/units.ts';
import { createUsers, editUser, getUser, listUsers, removeUsers, setUserPassword, setUserStatus, type User } from '../../data/users.ts';
import { disableRefusal, managementRefusal, placementProblems, selfEditRefusal, USERNAME_PATTERN, type AccountFacts } from '../../domain/accounts.ts';
import { DomainError, NotFoundError, UnavailableError, ValidationError } from '../../domain/errors.ts';
import type { Caller } from '../../domain/roles.ts';
import { parseUserRows, type UserInput } from '../../domain/user-rows.ts';
import { directoryFromEnv, type Directory } from '../../identity/directory.ts';
import { hashPassword, temporaryPassword } from '../../identity/password.ts';
import { legacyApiHandler as apiHandler } from '../../http/chain.ts';
import { refuse } from '../../http/refusal.ts';
import type { CreateUserBody, EditUserBody, ImportUsersBody, VersionBody } from '../../http/user-schemas.ts';

let directoryInstance: Directory | undefined;
const directory = () => (directoryInstance ??= directoryFromEnv());

/** Refuses (and audits) an account the caller may not manage. */
async function mayManage(caller: Caller, account: AccountFacts) {
  const refusal = managementRefusal(caller, account);
  if (refusal) await refuse(caller, `user:${account.username}`, refusal);
}

/** The account named by the path, inside the path's region (another region's is "not found"). */
async function loadAccount(regionId: string, username: string): Promise<User> {
  const user = await getUser(username);
  if (!user || user.regionId !== regionId) throw new NotFoundError(`本区域没有账号 ${username}`);
  return user;
}

async function checkPlacement(role: User['role'], unitId: string, regionId: string) {
  const problems = placementProblems(role, unitId, (await readUnits(regionId)).units);
  if (problems.length) throw new ValidationError('所属单位不合适', problems.map((p) => ({ path: `body.${p.path}`, message: p.message })));
}

/** Profiles first, then the provider; without provider accounts the profiles are taken back. */
async function openAccounts(caller: Caller, regionId: string, inputs: readonly UserInput[]) {
  const dir = directory();
  const withPasswords = dir.mode !== 'external';
  const temporary = new Map(inputs.map((u) => [u.username, withPasswords ? temporaryPassword() : '']));
  const profiles: User[] = await Promise.all(
    inputs.map(async (u) => ({
      ...u,
      regionId,
      ...(withPasswords ? { mustChangePassword: true } : {}),
      ...(dir.mode === 'local' ? { passwordHash: await hashPassword(temporary.get(u.username)!) } : {}),
    })),
  );
  const at = nowIso();
  const items = await createUsers(caller, regionId, profiles, at);
  try {
    await dir.open(inputs.map((u) => ({ username: u.username, name: u.name, temporaryPassword: temporary.get(u.username)! })));
  } catch (e) {
    console.error(JSON.stringify({ level: 'ERROR', msg: 'directory open failed', error: String(e) }));
    await removeUsers(caller, regionId, inputs.map((u) => u.username), nowIso());
    throw new UnavailableError('身份认证服务暂不可用，账号未开设，请稍后重试');
  }
  return {
    items,
    directory: dir.mode,
    // Shown once, to the person who opened the accounts; never stored in clear.
    ...(withPasswords ? { temporaryPasswords: inputs.map((u) => ({ username: u.username, password: temporary.get(u.username)! })) } : {}),
  };
}

export const handler = apiHandler('users', {
  listUsers: async ({ caller, params }) => {
    const all = await listUsers(params.regionId!);
    const visible = caller!.role === 'unit_leader' ? all.filter((u) => u.unitId === caller!.unitId) : all;
    return { items: visible.sort((a, b) => a.unitId.localeCompare(b.unitId) || a.username.localeCompare(b.username)) };
  },

  createUser: async ({ caller, params, body }) => {
    const input = body as CreateUserBody;
    const regionId = params.regionId!;
    await mayManage(caller!, { ...input, regionId });
    await checkPlacement(input.role, input.unitId, regionId);
    if (await getUser(input.username)) throw new DomainError(409, 'CONFLICT', `用户名「${input.username}」已被使用，请换一个`);
    const opened = await openAccounts(caller!, regionId, [input]);
    return { ...opened.items[0], directory: opened.directory, temporaryPassword: opened.temporaryPasswords?.[0]?.password };
  },

  importUsers: async ({ caller, params, body }) => {
    const input = body as ImportUsersBody;
    const regionId = params.regionId!;
    const { units } = await readUnits(regionId);
    // Usernames are unique across regions: look up the sheet's ones before checking its rows.
    const named = parseUserRows(input.rows, units, new Set(), caller!).entries.map((e) => e.cells.username.toLowerCase());
    const found = await Promise.all(named.filter((n) => USERNAME_PATTERN.test(n)).map(async (n) => ((await getUser(n)) ? n : undefined)));
    const taken = new Set(found.filter((n): n is string => Boolean(n)));
    const { headerRow, entries, errors, users } = parseUserRows(input.rows, units, taken, caller!);
    if (input.dryRun) return { dryRun: true, valid: errors.length === 0, headerRow, count: entries.length, entries, errors };
    if (errors.length) {
      const details = errors.map((e) => ({ path: `body.rows.${Math.max(0, e.row - 1)}`, message: `第 ${e.row} 行「${e.column}」：${e.message}`, row: e.row, column: e.column, reason: e.message }));
      throw new ValidationError(`表格有 ${errors.length} 处错误，未开设任何账号`, details);
    }
    const opened = await openAccounts(caller!, regionId, users);
    return { count: opened.items.length, ...opened };
  },

  editUser: async ({ caller, params, body }) => {
    const { version, ...edit } = body as EditUserBody;
    const before = await loadAccount(params.regionId!, params.username!);
    const after = { ...before, ...edit };
    await mayManage(caller!, before);
    await mayManage(caller!, after);
    const selfEdit = selfEditRefusal(caller!, before, after);
    if (selfEdit) await refuse(caller!, `user:${before.username}`, selfEdit);
    if (edit.role !== undefined || edit.unitId !== undefined) await checkPlacement(after.role, after.unitId, before.regionId);
    return editUser(caller!, before.username, edit, version, nowIso());
  },

  disableUser: async ({ caller, params, body }) => {
    const user = await loadAccount(params.regionId!, params.username!);
    const refusal = disableRefusal(caller!, user);
    if (refusal) await refuse(caller!, `user:${user.username}`, refusal);
    // The profile first: from here on the account is refused, whatever the provider answers.
    const view = await setUserStatus(caller!, user.username, 'disabled', (body as VersionBody).version, nowIso());
    try {
      await directory().setEnabled(user.username, false);
    } catch (e) {
      console.error(JSON.stringify({ level: 'ERROR', msg: 'directory disable failed', username: user.username, error: String(e) }));
    }
    return view;
  },

  enableUser: async ({ caller, params, body }) => {
    const user = await loadAccount(params.regionId!, params.username!);
    await mayManage(caller!, user);
    // The provider first: a profile in use must never point at an account that cannot sign in.
    try {
      await directory().setEnabled(user.username, true);
    } catch (e) {
      console.error(JSON.stringify({ level: 'ERROR', msg: 'directory enable failed', error: String(e) }));
      throw new UnavailableError('身份认证服务暂不可用，账号未启用，请稍后重试');
    }
    return setUserStatus(caller!, user.username, 'active', (body as VersionBody).version, nowIso());
  },

  resetPassword: async ({ caller, params, body }) => {
    const user = await loadAccount(params.regionId!, params.username!);
    await mayManage(caller!, user);
    const dir = directory();
    if (dir.mode === 'external') throw new DomainError(422, 'EXTERNAL_IDENTITY', '账号的密码由统一身份认证平台管理，请在该平台重置');
    if ((user.version ?? 1) !== (body as VersionBody).version) throw new DomainError(409, 'CONFLICT', '该账号已被他人修改，请刷新后重试');
    const password = temporaryPassword();
    try {
      await dir.setTemporaryPassword(user.username, password);
    } catch (e) {
      console.error(JSON.stringify({ level: 'ERROR', msg: 'directory reset failed', error: String(e) }));
      throw new UnavailableError('身份认证服务暂不可用，密码未重置，请稍后重试');
    }
    const view = await setUserPassword(caller!, user, dir.mode === 'local' ? await hashPassword(password) : undefined, true, nowIso());
    return { ...view, temporaryPassword: password };
  },
});
