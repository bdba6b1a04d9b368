// Accounts under 三权分立 (domain/accounts.ts): the system administrator keeps the region's, the bureau
// its business accounts, a unit leader their unit's filing staff; roles beyond those an account opens
// with are granted by the security administrator alone (grantRole). The profile is
// written first (it is what authorises); the identity provider follows, and a failure there takes the
// profile change back where leaving it would grant more than intended.
import { nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { readUnits } from '../../data/units.ts';
import { createUsers, editUser, getUser, listUsers, removeUsers, setUserPassword, setUserStatus, type User } from '../../data/users.ts';
import {
  disableRefusal,
  grantConflict,
  grantRefusal,
  lastSecurityAdminConflict,
  managementRefusal,
  openingRefusal,
  placementProblems,
  selfEditRefusal,
  staleAccountChange,
  USERNAME_PATTERN,
  visibleAccounts,
  type AccountFacts,
} from '../../domain/accounts.ts';
import { ConflictError, DomainError, NotFoundError, UnavailableError, ValidationError } from '../../domain/errors.ts';
import { importRefusal } from '../../domain/import-report.ts';
import type { Caller } from '../../domain/roles.ts';
import { parseUserRows, type UserInput } from '../../domain/user-rows.ts';
import { directoryFromEnv, type Directory } from '../../identity/directory.ts';
import { hashPassword, temporaryPassword } from '../../identity/password.ts';
import { apiHandler } from '../../http/chain.ts';
import { logger } from '../../observability/logger.ts';
import { businessEvent } from '../../observability/metrics.ts';
import { refuse } from '../../http/refusal.ts';

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
  if (!user || user.regionId !== regionId) throw new NotFoundError(t(`本区域没有账号 ${username}`, `This region has no account ${username}`));
  return user;
}

async function checkPlacement(role: User['role'], unitId: string, regionId: string) {
  const problems = placementProblems(role, unitId, (await readUnits(regionId)).units);
  if (problems.length) throw new ValidationError(t('所属单位不合适', 'The unit does not suit the account'), problems.map((p) => ({ path: `body.${p.path}`, message: p.message })));
}

/** Profiles first, then the provider; without provider accounts the profiles are taken back. */
async function openAccounts(caller: Caller, regionId: string, inputs: readonly UserInput[]) {
  const dir = directory();
  const withPasswords = dir.mode !== 'external';
  const temporary = new Map(inputs.map((u) => [u.username, withPasswords ? temporaryPassword() : '']));
  const passwordOf = (username: string) => temporary.get(username) ?? '';
  const profiles: User[] = await Promise.all(
    inputs.map(async (u) => ({
      ...u,
      regionId,
      ...(withPasswords ? { mustChangePassword: true } : {}),
      ...(dir.mode === 'local' ? { passwordHash: await hashPassword(passwordOf(u.username)) } : {}),
    })),
  );
  const at = nowIso();
  const items = await createUsers(caller, regionId, profiles, at);
  try {
    await dir.open(inputs.map((u) => ({ username: u.username, name: u.name, temporaryPassword: passwordOf(u.username) })));
  } catch (e) {
    logger.error('directory open failed', { error: e });
    await removeUsers(caller, regionId, inputs.map((u) => u.username), nowIso());
    throw new UnavailableError(t('身份认证服务暂不可用，账号未开设，请稍后重试', 'The identity service is unavailable; no account was opened. Please try again later'));
  }
  return {
    items,
    directory: dir.mode,
    // Shown once, to the person who opened the accounts; never stored in clear.
    ...(withPasswords ? { temporaryPasswords: inputs.map((u) => ({ username: u.username, password: passwordOf(u.username) })) } : {}),
  };
}

export const handler = apiHandler('users', {
  listUsers: async ({ caller, params }) => ({ items: visibleAccounts(caller, await listUsers(params.regionId)) }),

  createUser: async ({ caller, params: { regionId }, body: input }) => {
    const refusal = openingRefusal(caller, { ...input, regionId });
    if (refusal) await refuse(caller, `user:${input.username}`, refusal);
    await checkPlacement(input.role, input.unitId, regionId);
    if (await getUser(input.username)) throw new ConflictError(t(`用户名「${input.username}」已被使用，请换一个`, `The username “${input.username}” is taken; choose another`));
    const opened = await openAccounts(caller, regionId, [input]);
    const [user] = opened.items;
    if (!user) throw new Error('no account opened');
    return { ...user, directory: opened.directory, temporaryPassword: opened.temporaryPasswords?.[0]?.password };
  },

  importUsers: async ({ caller, params: { regionId }, body: { rows, dryRun } }) => {
    const { units } = await readUnits(regionId);
    // Usernames are unique across regions: look up the sheet's ones before checking its rows.
    const named = parseUserRows(rows, units, new Set(), caller).entries.map((e) => e.cells.username.toLowerCase());
    const found = await Promise.all(named.filter((n) => USERNAME_PATTERN.test(n)).map(async (n) => ((await getUser(n)) ? n : undefined)));
    const taken = new Set(found.filter((n): n is string => Boolean(n)));
    const { headerRow, entries, errors, users } = parseUserRows(rows, units, taken, caller);
    if (dryRun) return { dryRun: true as const, valid: errors.length === 0, headerRow, count: entries.length, entries, errors };
    if (errors.length) throw importRefusal(errors, { zh: '未开设任何账号', en: 'no account was opened' });
    const opened = await openAccounts(caller, regionId, users);
    businessEvent('ImportRows', opened.items.length, { sheet: 'users' });
    return { count: opened.items.length, ...opened };
  },

  editUser: async ({ caller, params, body: { version, name, unitId } }) => {
    const before = await loadAccount(params.regionId, params.username);
    const edit = { ...(name === undefined ? {} : { name }), ...(unitId === undefined ? {} : { unitId }) };
    const after = { ...before, ...edit };
    await mayManage(caller, before);
    await mayManage(caller, after);
    const selfEdit = selfEditRefusal(caller, before, after);
    if (selfEdit) await refuse(caller, `user:${before.username}`, selfEdit);
    if (edit.unitId !== undefined) await checkPlacement(after.role, after.unitId, before.regionId);
    return editUser(caller, before.username, edit, version, nowIso());
  },

  grantRole: async ({ caller, params, body: { role, unitId, version } }) => {
    const account = await loadAccount(params.regionId, params.username);
    const refusal = grantRefusal(caller, account);
    if (refusal) await refuse(caller, `user:${account.username}`, refusal);
    const stale = staleAccountChange(account, version);
    if (stale) throw stale;
    const into = unitId ?? account.unitId;
    const conflict = grantConflict(account, role, into, await listUsers(params.regionId));
    if (conflict) throw conflict;
    await checkPlacement(role, into, account.regionId);
    return editUser(caller, account.username, { role, ...(into === account.unitId ? {} : { unitId: into }) }, version, nowIso(), 'user.role.grant');
  },

  disableUser: async ({ caller, params, body: { version } }) => {
    const user = await loadAccount(params.regionId, params.username);
    const refusal = disableRefusal(caller, user);
    if (refusal) await refuse(caller, `user:${user.username}`, refusal);
    const last = lastSecurityAdminConflict(user, await listUsers(params.regionId));
    if (last) throw last;
    // The profile first: from here on the account is refused, whatever the provider answers.
    const view = await setUserStatus(caller, user.username, 'disabled', version, nowIso());
    try {
      await directory().setEnabled(user.username, false);
    } catch (e) {
      logger.error('directory disable failed', { username: user.username, error: e });
    }
    return view;
  },

  enableUser: async ({ caller, params, body: { version } }) => {
    const user = await loadAccount(params.regionId, params.username);
    await mayManage(caller, user);
    // The provider first: a profile in use must never point at an account that cannot sign in.
    try {
      await directory().setEnabled(user.username, true);
    } catch (e) {
      logger.error('directory enable failed', { error: e });
      throw new UnavailableError(t('身份认证服务暂不可用，账号未启用，请稍后重试', 'The identity service is unavailable; the account was not enabled. Please try again later'));
    }
    return setUserStatus(caller, user.username, 'active', version, nowIso());
  },

  resetPassword: async ({ caller, params, body: { version } }) => {
    const user = await loadAccount(params.regionId, params.username);
    await mayManage(caller, user);
    const dir = directory();
    if (dir.mode === 'external') {
      throw new DomainError(422, 'EXTERNAL_IDENTITY', t('账号的密码由统一身份认证平台管理，请在该平台重置', 'This account’s password is kept by the unified identity platform; reset it there'));
    }
    const stale = staleAccountChange(user, version);
    if (stale) throw stale;
    const password = temporaryPassword();
    try {
      await dir.setTemporaryPassword(user.username, password);
    } catch (e) {
      logger.error('directory reset failed', { error: e });
      throw new UnavailableError(t('身份认证服务暂不可用，密码未重置，请稍后重试', 'The identity service is unavailable; the password was not reset. Please try again later'));
    }
    const view = await setUserPassword(caller, user, dir.mode === 'local' ? await hashPassword(password) : undefined, true, nowIso());
    return { ...view, temporaryPassword: password };
  },
});
