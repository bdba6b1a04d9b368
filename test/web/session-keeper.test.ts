// The portal's session keeper: idle sessions end at 30 minutes, tokens are renewed only in use.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDLE_LIMIT_MS, nextStep, startSessionKeeper, tokenExpiry } from '@/auth/session-keeper';

/** A JWT-shaped string whose payload is base64url of UTF-8 JSON, as real tokens carry Chinese names. */
const jwt = (payload: object) => {
  const bytes = String.fromCharCode(...new TextEncoder().encode(JSON.stringify(payload)));
  return `h.${btoa(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.s`;
};
const MIN = 60_000;

describe('reading a token\'s expiry', () => {
  it('takes exp from the payload and gives up on anything else', () => {
    expect(tokenExpiry(jwt({ exp: 1_800_000_000, name: '王芳' }))).toBe(1_800_000_000_000);
    expect(tokenExpiry(jwt({}))).toBeUndefined();
    expect(tokenExpiry('not-a-token')).toBeUndefined();
    expect(tokenExpiry(undefined)).toBeUndefined();
  });
});

describe('what the keeper does', () => {
  it('ends a session idle for 30 minutes, renews a token with 5 minutes left, else waits', () => {
    expect(nextStep(30 * MIN, 0, 40 * MIN)).toBe('end-idle');
    expect(nextStep(29 * MIN, 0, 33 * MIN)).toBe('renew');
    expect(nextStep(10 * MIN, 9 * MIN, 20 * MIN)).toBe('wait');
    expect(nextStep(10 * MIN, 9 * MIN, undefined)).toBe('wait');
  });
});

describe('the keeper at work', () => {
  afterEach(() => vi.useRealTimers());

  function setUp(expiresInMin: number) {
    vi.useFakeTimers({ now: 0 });
    const target = new EventTarget();
    let token = jwt({ exp: (expiresInMin * MIN) / 1000 });
    const renew = vi.fn(async () => {
      token = jwt({ exp: (Date.now() + 15 * MIN) / 1000 });
    });
    const endIdle = vi.fn();
    const stop = startSessionKeeper({ token: () => token, renew, endIdle, target: target as unknown as Window, everyMs: MIN });
    return { target, renew, endIdle, stop };
  }

  it('renews while the person works, and never past their last activity plus 30 minutes', async () => {
    const { target, renew, endIdle, stop } = setUp(15);
    for (let m = 0; m < 40; m++) {
      target.dispatchEvent(new Event('keydown'));
      await vi.advanceTimersByTimeAsync(MIN);
    }
    expect(renew.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(endIdle).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(IDLE_LIMIT_MS);
    expect(endIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it('ends a session nobody touches, once', async () => {
    const { renew, endIdle } = setUp(60);
    await vi.advanceTimersByTimeAsync(IDLE_LIMIT_MS + 10 * MIN);
    expect(endIdle).toHaveBeenCalledTimes(1);
    expect(renew).not.toHaveBeenCalled();
  });
});
