// The local issuer's sign-in bookkeeping (security.md M2): recent failures and the lock they impose.
// Every write is conditioned on the revision it was computed from (`loginRev`), so attempts arriving
// together cannot each start from the same count: the loser reads again (functions/identity/
// local-sign-in.ts). A real account keeps its bookkeeping on its profile (the accounts page shows the
// lock; a password reset lifts it); a username with no profile keeps the same bookkeeping in a guard
// item of its own, so an unknown name is answered exactly as a real one (no enumeration by the lock).
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type TransactItem } from './commit.ts';
import { keys } from './keys.ts';
import { getUser, type User } from './users.ts';

export interface SignInState {
  loginFailures?: string[];
  lockedUntil?: string;
  loginRev?: number;
}

/** Whose bookkeeping: a real account (audited in its region), or only a name. */
export type SignInSubject = { username: string; user?: User; state: SignInState };

export type SignInOutcome = 'login' | 'login.failed' | 'login.locked';

/** A guard item lives a while past anything it could still lock (the lock is 30 min, the window 15). */
const GUARD_TTL_S = 2 * 3600;

/** The account (if any) and its bookkeeping, read consistently. */
export async function readSignIn(username: string): Promise<SignInSubject> {
  const user = await getUser(username);
  if (user) return { username, user, state: { loginFailures: user.loginFailures, lockedUntil: user.lockedUntil, loginRev: user.loginRev } };
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.signInGuard(username), ConsistentRead: true }));
  const item = res.Item ?? {};
  return { username, state: { loginFailures: item.loginFailures, lockedUntil: item.lockedUntil, loginRev: item.loginRev } };
}

/**
 * Stores `next` as the bookkeeping after `subject` was read, with the attempt's audit entry (real
 * accounts). False when someone else wrote in between: read again and decide again.
 */
export async function recordSignIn(subject: SignInSubject, outcome: SignInOutcome, next: Omit<SignInState, 'loginRev'>, at: string, nowMs = Date.now()): Promise<boolean> {
  const rev = subject.state.loginRev;
  const values: Record<string, unknown> = { ':f': next.loginFailures ?? [], ':n': (rev ?? 0) + 1, ...(rev === undefined ? {} : { ':r': rev }) };
  let set = 'SET loginFailures = :f, loginRev = :n';
  if (next.lockedUntil) {
    set += ', lockedUntil = :l';
    values[':l'] = next.lockedUntil;
  }
  const revCondition = rev === undefined ? 'attribute_not_exists(loginRev)' : 'loginRev = :r';
  const write: TransactItem = {
    Update: {
      TableName: tableName(),
      Key: subject.user ? keys.user(subject.username) : keys.signInGuard(subject.username),
      UpdateExpression: subject.user ? `${set}${next.lockedUntil ? '' : ' REMOVE lockedUntil'}` : `${set}, expiresAt = :e${next.lockedUntil ? '' : ' REMOVE lockedUntil'}`,
      ConditionExpression: subject.user ? `attribute_exists(pk) AND ${revCondition}` : revCondition,
      ExpressionAttributeValues: subject.user ? values : { ...values, ':e': Math.ceil(nowMs / 1000) + GUARD_TTL_S },
    },
  };
  try {
    if (subject.user) {
      const after = { failures: next.loginFailures?.length ?? 0, ...(next.lockedUntil ? { lockedUntil: next.lockedUntil } : {}) };
      await commit(subject.user, { action: outcome, target: `user:${subject.username}`, after }, [write], at);
    } else {
      // A transaction too, so an unknown name costs what a real account costs.
      await documentClient().send(new TransactWriteCommand({ TransactItems: [write] }));
    }
    return true;
  } catch (e) {
    if (e instanceof ConflictError || (e as Error).name === 'TransactionCanceledException') return false;
    throw e;
  }
}

/** An attempt refused by a lock changes nothing, but a real account's audit log records it. */
export async function recordLockedAttempt(subject: SignInSubject, at: string): Promise<void> {
  if (!subject.user) return;
  await commit(subject.user, { action: 'login.locked', target: `user:${subject.username}`, after: { lockedUntil: subject.state.lockedUntil } }, [], at);
}
