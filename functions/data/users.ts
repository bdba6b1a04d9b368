// User profiles: the one source of truth for who a signed-in person is (role, region, unit, whether
// the account is in use). The identity provider only proves the username; every request looks the
// profile up here. Locally the profile also keeps the salted password hash the token issuer checks.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { staleAccountChange, type AccountStatus } from '../domain/accounts.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { userRecord, userView, type User, type UserView } from '../model/user.ts';
import { documentClient, tableName } from './client.ts';
import { commit, put, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export type { User, UserView };

export const userEntity = entity('user', userRecord, (u) => keys.user(u.username));

/** A profile as the portal sees it (model/user.ts): never the password hash or the sign-in bookkeeping. */
export function viewOf(u: User): UserView {
  return userView.parse({ ...u, status: u.status ?? 'active', version: u.version ?? 1 });
}

/** What the audit log keeps of a profile: its view, and when its sessions were last ended. */
const audited = (u: User) => ({ ...viewOf(u), ...(u.sessionsValidAfter === undefined ? {} : { sessionsValidAfter: u.sessionsValidAfter }) });

/** A stored profile item as a User (for modules that read profiles themselves). */
export const stripUser = (item: Record<string, unknown>): User => userEntity.parse(item);

/** Real time (never the development clock): the stamp is compared with token and session times. */
const sessionsEndNow = (u: User) => Math.max(u.sessionsValidAfter ?? 0, Date.now());

export async function getUser(username: string): Promise<User | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.user(username), ConsistentRead: true }));
  return res.Item ? stripUser(res.Item) : undefined;
}

/**
 * Profiles kept a short while per process: a change made in this process is seen at once, elsewhere
 * within the TTL. Not what authorises a request: that reads the profile consistently together with
 * the session (functions/data/sessions.ts), so a disabling or a password reset counts at once.
 */
const PROFILE_TTL_MS = 60_000;
const cached = new Map<string, { user: User | undefined; at: number }>();

export async function getUserForRequest(username: string, nowMs = Date.now()): Promise<User | undefined> {
  const hit = cached.get(username);
  if (hit && nowMs - hit.at < PROFILE_TTL_MS) return hit.user;
  const user = await getUser(username);
  cached.set(username, { user, at: nowMs });
  if (cached.size > 5000) cached.delete(cached.keys().next().value!);
  return user;
}

export async function listUsers(regionId: string): Promise<UserView[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': keys.userList(regionId, '').gsi1pk } });
  return items.map((i) => viewOf(stripUser(i)));
}

export const userItem = (u: User) => userEntity.item(u, keys.userList(u.regionId, u.username));

/** New profiles in one transaction (one form, or a whole sheet): all or none, one audit entry. */
export async function createUsers(actor: Actor, regionId: string, users: readonly User[], at: string): Promise<UserView[]> {
  const stored = users.map((u) => ({ ...u, status: 'active' as const, version: 1, createdAt: at, createdBy: actor.username }));
  const items: TransactItem[] = stored.map((u) => put(userItem(u), 'attribute_not_exists(pk)'));
  const views = stored.map(viewOf);
  const change = users.length === 1
    ? { action: 'user.create', target: `user:${users[0]!.username}`, after: views[0] }
    : { action: 'user.import', target: `users:${regionId}`, after: { count: views.length, users: views } };
  await commit(actor, change, items, at, t('用户名已被使用，请换一个', 'This username is taken; choose another'));
  for (const u of users) cached.delete(u.username);
  return views;
}

/** Takes back profiles whose account the identity provider could not open. */
export async function removeUsers(actor: Actor, regionId: string, usernames: readonly string[], at: string): Promise<void> {
  const items: TransactItem[] = usernames.map((u) => ({ Delete: { TableName: tableName(), Key: keys.user(u) } }));
  await commit(actor, { action: 'user.create.undo', target: `users:${regionId}`, after: { usernames } }, items, at);
  for (const u of usernames) cached.delete(u);
}

async function loadForChange(username: string, version: number): Promise<User> {
  const user = await getUser(username);
  if (!user) throw new NotFoundError(t(`账号 ${username} 不存在`, `The account ${username} does not exist`));
  const stale = staleAccountChange(user, version);
  if (stale) throw stale;
  return user;
}

/** One profile change under its version, with the before/after (never the hash) in the audit. */
async function change(actor: Actor, before: User, after: User, action: string, at: string): Promise<UserView> {
  const version = before.version ?? 1;
  const next = { ...after, version: version + 1 };
  const condition = version === 1 ? '(attribute_not_exists(version) OR version = :v)' : 'version = :v';
  // Sign-in bookkeeping (failures, lock) moves by loginRev, not version: a profile written back as it
  // was read must not erase a failure counted in between, so that too must be as read.
  const signIns = before.loginRev === undefined ? 'attribute_not_exists(loginRev)' : 'loginRev = :lr';
  const write: TransactItem = {
    Put: {
      TableName: tableName(),
      Item: userItem(next),
      ConditionExpression: `attribute_exists(pk) AND ${condition} AND ${signIns}`,
      ExpressionAttributeValues: { ':v': version, ...(before.loginRev === undefined ? {} : { ':lr': before.loginRev }) },
    },
  };
  await commit(actor, { action, target: `user:${before.username}`, before: audited(before), after: audited(next) }, [write], at, t('该账号已被他人修改，请刷新后重试', 'This account was changed by someone else; please refresh and try again'));
  cached.delete(before.username);
  return viewOf(next);
}

/** What an edit may change of a profile. */
export type ProfileEdit = Partial<Pick<User, 'name' | 'role' | 'unitId'>>;

/**
 * A change of role or unit ends the account's sessions: what the person may do has changed. A role
 * granted by the security administrator is audited as `user.role.grant` (security.md M5).
 */
export async function editUser(actor: Actor, username: string, edit: ProfileEdit, version: number, at: string, action: 'user.update' | 'user.role.grant' = 'user.update') {
  const before = await loadForChange(username, version);
  const after = { ...before, ...edit };
  const moved = after.role !== before.role || after.unitId !== before.unitId;
  return change(actor, before, moved ? { ...after, sessionsValidAfter: sessionsEndNow(before) } : after, action, at);
}

/** Disabling ends the account's sessions for good: enabling it again does not revive them. */
export async function setUserStatus(actor: Actor, username: string, status: AccountStatus, version: number, at: string) {
  const before = await loadForChange(username, version);
  const after: User = status === 'disabled' ? { ...before, status, sessionsValidAfter: sessionsEndNow(before) } : { ...before, status };
  return change(actor, before, after, status === 'disabled' ? 'user.disable' : 'user.enable', at);
}

/** Ends every session of the account ("log out everywhere"), under the profile's version; retried on a race. */
export async function endAllSessions(actor: Actor, username: string, at: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const before = await getUser(username);
    if (!before) return;
    try {
      await change(actor, before, { ...before, sessionsValidAfter: sessionsEndNow(before) }, 'user.sessions.end', at);
      return;
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= 4) throw e;
    }
  }
}

/**
 * A new password: set by an administrator (temporary, `mustChange`) or by the person (changed).
 * Locally the hash is stored on the profile; elsewhere `hash` is absent and only the flags change.
 */
export async function setUserPassword(actor: Actor, user: User, hash: string | undefined, mustChange: boolean, at: string) {
  const next: User = { ...user, mustChangePassword: mustChange, passwordChangedAt: at, ...(hash ? { passwordHash: hash } : {}) };
  if (!mustChange) delete next.mustChangePassword;
  // A new password ends a sign-in lock: the administrator who reset it has checked who is asking.
  // Sign-in attempts in flight against the old state must read again (loginRev), and every session
  // signed in with the old password ends (sessionsValidAfter).
  delete next.loginFailures;
  delete next.lockedUntil;
  next.loginRev = (user.loginRev ?? 0) + 1;
  next.sessionsValidAfter = sessionsEndNow(user);
  return change(actor, user, next, mustChange ? 'user.password.reset' : 'user.password.change', at);
}
