// Keeps a signed-in session honest (security.md M2): it ends after 30 minutes without use, and a
// token about to expire (they live 15 minutes) is renewed only while the person is still at work.
export const IDLE_LIMIT_MS = 30 * 60_000;
export const RENEW_BEFORE_MS = 5 * 60_000;

/** When a JWT expires (ms), read from its payload; undefined when it cannot be read. */
export function tokenExpiry(token: string | undefined): number | undefined {
  const part = token?.split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export type KeeperStep = 'end-idle' | 'renew' | 'wait';

/** What to do now, given the last activity and the token's expiry. */
export function nextStep(nowMs: number, lastActivityMs: number, expiresMs: number | undefined): KeeperStep {
  if (nowMs - lastActivityMs >= IDLE_LIMIT_MS) return 'end-idle';
  if (expiresMs !== undefined && expiresMs - nowMs <= RENEW_BEFORE_MS) return 'renew';
  return 'wait';
}

export interface KeeperOptions {
  token: () => string | undefined;
  /** Renews the token; when it fails the token simply runs out and the next call asks for a sign-in. */
  renew?: () => Promise<void>;
  endIdle: () => void;
  now?: () => number;
  everyMs?: number;
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** Starts watching; returns the function that stops it. */
export function startSessionKeeper(opts: KeeperOptions): () => void {
  const now = opts.now ?? Date.now;
  const target = opts.target ?? window;
  let lastActivity = now();
  let renewing = false;
  const touch = () => (lastActivity = now());
  ACTIVITY.forEach((e) => target.addEventListener(e, touch, { passive: true }));

  const timer = setInterval(() => {
    const step = nextStep(now(), lastActivity, tokenExpiry(opts.token()));
    if (step === 'end-idle') {
      stop();
      opts.endIdle();
    } else if (step === 'renew' && opts.renew && !renewing) {
      renewing = true;
      // A failed renewal leaves the token to run out; the next API call then asks for a sign-in.
      opts.renew().catch(() => {}).finally(() => (renewing = false));
    }
  }, opts.everyMs ?? 30_000);

  function stop() {
    clearInterval(timer);
    ACTIVITY.forEach((e) => target.removeEventListener(e, touch));
  }
  return stop;
}
