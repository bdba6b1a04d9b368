// A sign-in at the local token issuer (security.md M2): 5 failures in 15 minutes lock the username
// for 30, however the attempts arrive. Each attempt reads the bookkeeping, decides, and writes under
// the revision it read; an attempt that loses the race reads again and decides again, so 50 guesses
// sent at once still make exactly 5 failures before the lock and the rest meet it (423).
// An unknown username goes through the same bookkeeping (functions/data/sign-in.ts) and is answered
// like a real one, so neither the status nor the lock tells an outsider which accounts exist.
// Locks follow real time (Date.now()), never the development clock.
import { nowIso } from '../config/clock.ts';
import { readSignIn, recordLockedAttempt, recordSignIn, type SignInSubject } from '../data/sign-in.ts';
import type { User } from '../data/users.ts';
import { afterFailedSignIn, lockedFor } from '../domain/accounts.ts';
import { verifyPassword } from './password.ts';

/** Checked against when the username is unknown, so a miss costs what a wrong password costs. */
const DUMMY_HASH = `scrypt$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;
const MAX_ROUNDS = 60;

export type SignInResult =
  | { outcome: 'ok'; user: User }
  | { outcome: 'failed' }
  /** The password matched an account that is disabled (told only to who knows the password). */
  | { outcome: 'disabled' }
  | { outcome: 'locked'; retryAfterSeconds: number }
  /** Could not record the attempt against a storm of others: nothing was decided. */
  | { outcome: 'busy' };

const pause = (round: number) => new Promise((r) => setTimeout(r, Math.random() * 5 * Math.min(round, 8)));

export async function signIn(username: string, password: string, at = nowIso(), clock: () => number = Date.now): Promise<SignInResult> {
  let subject: SignInSubject = await readSignIn(username);
  const locked = async () => {
    await recordLockedAttempt(subject, at);
    return { outcome: 'locked' as const, retryAfterSeconds: lockedFor(subject.state.lockedUntil, clock()) };
  };
  if (lockedFor(subject.state.lockedUntil, clock()) > 0) return locked();
  let checkedHash = subject.user?.passwordHash;
  let matches = (await verifyPassword(password, checkedHash ?? DUMMY_HASH)) && Boolean(subject.user);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (round > 0) {
      await pause(round);
      subject = await readSignIn(username);
      if (lockedFor(subject.state.lockedUntil, clock()) > 0) return locked();
      if (subject.user?.passwordHash !== checkedHash) {
        // The password was changed (or the account opened or removed) meanwhile: check again.
        checkedHash = subject.user?.passwordHash;
        matches = (await verifyPassword(password, checkedHash ?? DUMMY_HASH)) && Boolean(subject.user);
      }
    }
    const user = subject.user;
    if (matches && user) {
      if (user.status === 'disabled') return { outcome: 'disabled' };
      if (await recordSignIn(subject, 'login', { loginFailures: [] }, at, clock())) {
        const { lockedUntil, ...rest } = user;
        return { outcome: 'ok', user: { ...rest, loginFailures: [], loginRev: (user.loginRev ?? 0) + 1 } };
      }
    } else {
      const next = afterFailedSignIn(subject.state.loginFailures, clock());
      if (await recordSignIn(subject, 'login.failed', { loginFailures: next.failures, lockedUntil: next.lockedUntil }, at, clock())) return { outcome: 'failed' };
    }
  }
  return { outcome: 'busy' };
}
