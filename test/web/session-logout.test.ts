// Signing out ends the session on the server (local issuer), then forgets it in the tab; a session the
// server ended makes the next OIDC sign-in authenticate afresh.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureHttp } from '@/api/http';
import { markReauthentication, readToken, takeReauthentication, writeToken } from '@/auth/token';
import { setRuntimeConfig } from '@/config/runtime';
import { useSessionStore } from '@/stores/session';

describe('signing out (local issuer)', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    setActivePinia(createPinia());
    setRuntimeConfig({ apiBase: '/api', auth: { mode: 'local' } });
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
    sessionStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks the server to end the session with the token, then clears the tab', async () => {
    writeToken('tok-1');
    const session = useSessionStore();
    configureHttp({ baseUrl: () => '/api', token: () => session.token, onError: () => undefined, onUnauthorized: () => undefined });
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await session.logout();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/logout');
    expect(init).toMatchObject({ method: 'POST', headers: { Authorization: 'Bearer tok-1' } });
    expect(session.token).toBeUndefined();
    expect(readToken()).toBeUndefined();
  });

  it('still clears the tab when the server cannot be reached', async () => {
    writeToken('tok-2');
    const session = useSessionStore();
    configureHttp({ baseUrl: () => '/api', token: () => session.token, onError: () => undefined, onUnauthorized: () => undefined });
    fetchMock.mockRejectedValue(new TypeError('offline'));
    await session.logout();
    expect(readToken()).toBeUndefined();
  });
});

describe('after the server ended a session', () => {
  it('asks for a fresh authentication once', () => {
    sessionStorage.clear();
    expect(takeReauthentication()).toBe(false);
    markReauthentication();
    expect(takeReauthentication()).toBe(true);
    expect(takeReauthentication()).toBe(false);
  });
});
