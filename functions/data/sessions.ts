// Server-side sessions (security.md M2, M4, M13; ASVS 7.3.1, 7.3.2, 7.4.1, 7.4.2).
//
// Design. A token only proves who signed in and when; whether that sign-in still counts is decided
// here, on every request, from ONE strongly consistent BatchGetItem of two items in the account's
// partition (never from the per-process profile cache, so no Lambda lags behind):
//   USER#name / USER        the profile, which carries `sessionsValidAfter` (epoch ms): every sign-in
//                           before it is over. A password reset or change, disabling, a role or unit
//                           change and "log out everywhere" set it (users.ts), in the same versioned
//                           write as the change itself.
//   USER#name / SESSION#h   one session: createdAt, lastSeenAt, authTime, endedAt (logout). h is a
//                           hash of the issuer and the token's session id: `sid` (our local issuer,
//                           most OIDC issuers) or Cognito's `origin_jti` (kept through refreshes).
// Rules, all on real time (Date.now(), never the development clock):
//   - our issuer's tokens must name a session that exists and has not ended; the session's createdAt
//     (ms, written after the password was checked) is compared with the stamp;
//   - another issuer's tokens (Cognito, a mainland OIDC issuer) are compared by `auth_time` (else
//     `iat`) with the stamp, so tokens renewed by a refresh token from a sign-in before the stamp are
//     over too; their session item is created when first seen (when the token names a session);
//   - idle: 30 minutes since the session's last request (lastSeenAt is written at most once a minute);
//   - absolute: 12 hours since the sign-in (auth_time, or the session's creation);
//   - tokens themselves live 15 minutes (local issuer; Cognito app client in cdk/constructs/auth.ts).
// Session items carry `expiresAt` (epoch s) for DynamoDB TTL: they go some time after they can no
// longer count. Cost: one consistent read of two items per request, plus one small write per session
// per minute of use (measured by test/bench/session-check.ts).
import { createHash, randomUUID } from 'node:crypto';
import { BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { ConflictError, DomainError } from '../domain/errors.ts';
import { documentClient, tableName } from './client.ts';
import { commit, update } from './commit.ts';
import { keys } from './keys.ts';
import { stripUser, type User } from './users.ts';
import { entity } from './entity.ts';
import { sessionRecord, type Session } from '../model/session.ts';

export const SESSION_LIMITS = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3_600_000,
  tokenSeconds: 15 * 60,
  /** lastSeenAt is written at most this often per session: idle is judged to the minute. */
  touchAfterMs: 60_000,
} as const;

/** Epoch seconds after which DynamoDB may delete an item (table TTL): sessions and sign-in guards, never audit. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** The local token issuer's `iss` (cdk/local/token-issuer.ts). Deployed, the authorizer accepts only the real issuer. */
export const LOCAL_ISSUER = 'urn:jixiao:local-issuer';

export type Claims = Record<string, unknown>;

export type { Session } from '../model/session.ts';

export const sessionEntity = entity('session', sessionRecord, (s) => keys.session(s.username, s.hash));

export type SessionEnd = 'unknown' | 'logout' | 'revoked' | 'absolute' | 'idle';

const MESSAGES: Record<SessionEnd, () => string> = {
  unknown: () => t('登录已失效，请重新登录', 'You are no longer signed in; please sign in again'),
  logout: () => t('已退出登录，请重新登录', 'You have signed out; please sign in again'),
  revoked: () => t('账号的密码、状态或权限已变更，登录已失效，请重新登录', 'The password, status or role of this account changed; please sign in again'),
  absolute: () => t('登录已超过 12 小时，请重新登录', 'Signed in for 12 hours; please sign in again'),
  idle: () => t('超过 30 分钟未操作，登录已失效，请重新登录', 'No activity for 30 minutes; please sign in again'),
};

/** A session that no longer counts: 401, with the reason in `details`. */
export class SessionEndedError extends DomainError {
  constructor(readonly reason: SessionEnd) {
    super(401, 'SESSION_ENDED', MESSAGES[reason](), [{ path: 'session', message: reason }]);
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** HTTP API hands every claim to Lambda as a string; a decoded token has numbers. */
const seconds = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

export const sessionHash = (issuer: string, sid: string) => createHash('sha256').update(`${issuer}\n${sid}`).digest('hex').slice(0, 40);

/** The session a token belongs to: its issuer and the hash of its session id, if it names one. */
export function sessionOf(claims: Claims): { issuer: string; ours: boolean; hash?: string } {
  const issuer = text(claims.iss) ?? '';
  const sid = text(claims.sid) ?? text(claims.origin_jti);
  return { issuer, ours: issuer === LOCAL_ISSUER, ...(sid ? { hash: sessionHash(issuer, sid) } : {}) };
}

const ttl = (fromMs: number) => Math.ceil((fromMs + SESSION_LIMITS.absoluteMs) / 1000) + 86_400;

const sessionFrom = (item: Record<string, unknown> | undefined): Session | undefined => (item ? sessionEntity.parse(item) : undefined);

/** The profile and the session, read together and strongly consistent. */
async function readProfileAndSession(username: string, hash: string | undefined): Promise<{ user?: User; session?: Session }> {
  const table = tableName();
  if (!hash) {
    const res = await documentClient().send(new GetCommand({ TableName: table, Key: keys.user(username), ConsistentRead: true }));
    return { user: res.Item ? stripUser(res.Item) : undefined };
  }
  const found: Record<string, unknown>[] = [];
  let pending: Record<string, unknown>[] = [keys.user(username), keys.session(username, hash)];
  for (let round = 0; pending.length; round++) {
    if (round > 0) await new Promise((r) => setTimeout(r, Math.min(200, 10 * 2 ** round)));
    const res = await documentClient().send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }));
    found.push(...(res.Responses?.[table] ?? []));
    pending = (res.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    if (round > 8 && pending.length) throw new Error('session read throttled');
  }
  return {
    user: ((u) => (u ? stripUser(u) : undefined))(found.find((i) => i.sk === keys.user(username).sk)),
    session: sessionFrom(found.find(sessionEntity.is)),
  };
}

/**
 * A new session of the local issuer for `user`, opened only if the profile is still the version whose
 * password was just checked (a reset or a disabling in between wins). Returns what the token carries.
 */
export async function openSession(user: User, nowMs = Date.now()): Promise<{ sid: string; authTime: number }> {
  const sid = randomUUID();
  const authTime = Math.floor(nowMs / 1000);
  const item = sessionEntity.item({
    username: user.username,
    hash: sessionHash(LOCAL_ISSUER, sid),
    issuer: LOCAL_ISSUER,
    createdAt: nowMs,
    lastSeenAt: nowMs,
    authTime,
    expiresAt: ttl(nowMs),
  });
  const version = user.version ?? 1;
  try {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            ConditionCheck: {
              TableName: tableName(),
              Key: keys.user(user.username),
              ConditionExpression: version === 1 ? 'attribute_not_exists(version) OR version = :v' : 'version = :v',
              ExpressionAttributeValues: { ':v': version },
            },
          },
        ],
      }),
    );
  } catch (e) {
    if ((e as Error).name === 'TransactionCanceledException') throw new DomainError(409, 'CONFLICT', t('账号刚被修改，请重新登录', 'The account changed just now; please sign in again'));
    throw e;
  }
  return { sid, authTime };
}

export interface CheckedSession {
  /** The profile, read consistently; undefined when there is none (the caller answers 401). */
  user?: User;
  session?: Session;
  /** Epoch seconds of the sign-in, when known. */
  authTime?: number;
}

/**
 * Whether the session the token belongs to still counts: returns the profile (read consistently,
 * in the same request as the session), or throws SessionEndedError (401). A missing or disabled
 * profile is returned as it is: the caller refuses it with its own message.
 */
export async function checkSession(username: string, claims: Claims, nowMs = Date.now()): Promise<CheckedSession> {
  const { ours, issuer, hash } = sessionOf(claims);
  const { user, session } = await readProfileAndSession(username, hash);
  if (!user || user.status === 'disabled') return { user };
  if (session && session.username !== username) throw new SessionEndedError('unknown');
  if (ours && !session) throw new SessionEndedError('unknown');
  if (session?.endedAt !== undefined) throw new SessionEndedError(session.endReason === 'logout' ? 'logout' : 'revoked');
  const claimedAuth = seconds(claims.auth_time);
  const startedMs = ours ? session!.createdAt : (claimedAuth ?? seconds(claims.iat) ?? 0) * 1000;
  if (user.sessionsValidAfter !== undefined && startedMs < user.sessionsValidAfter) throw new SessionEndedError('revoked');
  const authTime = ours ? session!.authTime : (claimedAuth ?? session?.authTime ?? (session ? Math.floor(session.createdAt / 1000) : undefined));
  if (authTime !== undefined && nowMs - authTime * 1000 >= SESSION_LIMITS.absoluteMs) throw new SessionEndedError('absolute');
  if (session && nowMs - session.lastSeenAt >= SESSION_LIMITS.idleMs) throw new SessionEndedError('idle');
  if (hash && !session) {
    // Another issuer's session, seen for the first time: from now on its idle time is kept here.
    await putIfAbsent(sessionEntity.item({
      username,
      hash,
      issuer,
      createdAt: nowMs,
      lastSeenAt: nowMs,
      ...(claimedAuth !== undefined ? { authTime: claimedAuth } : {}),
      expiresAt: ttl(claimedAuth !== undefined ? claimedAuth * 1000 : nowMs),
    }));
  } else if (session && nowMs - session.lastSeenAt >= SESSION_LIMITS.touchAfterMs) {
    await touch(username, hash!, nowMs);
  }
  return { user, ...(session ? { session } : {}), ...(authTime !== undefined ? { authTime } : {}) };
}

async function putIfAbsent(item: Record<string, unknown>) {
  try {
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (e) {
    if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
  }
}

/** Marks the session in use now; a concurrent later mark or an ended session wins. */
async function touch(username: string, hash: string, nowMs: number) {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.session(username, hash),
        UpdateExpression: 'SET lastSeenAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(endedAt) AND lastSeenAt < :now',
        ExpressionAttributeValues: { ':now': nowMs },
      }),
    );
  } catch (e) {
    if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
  }
}

/**
 * Ends the one session the token belongs to (logout), audited. Returns false when there was nothing
 * to end. The ended item stays until its TTL, so the token and its renewals cannot be used again.
 */
export async function endSession(user: User, claims: Claims, at: string, nowMs = Date.now()): Promise<boolean> {
  const { hash } = sessionOf(claims);
  if (!hash) return false;
  const end = update(
    keys.session(user.username, hash),
    'SET endedAt = :now, endReason = :r',
    { ':now': nowMs, ':r': 'logout' },
    'attribute_exists(pk) AND attribute_not_exists(endedAt)',
  );
  try {
    await commit(user, { action: 'logout', target: `user:${user.username}` }, [end], at);
    return true;
  } catch (e) {
    if (e instanceof ConflictError) return false;
    throw e;
  }
}
