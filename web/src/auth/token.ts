// The API token lives in sessionStorage: gone when the tab closes.
const KEY = 'jx.token';

export const readToken = (): string | undefined => globalThis.sessionStorage?.getItem(KEY) ?? undefined;
export const writeToken = (token: string): void => sessionStorage.setItem(KEY, token);
export const clearToken = (): void => sessionStorage.removeItem(KEY);

// After the server ended a session (password, status or role changed: 401 SESSION_ENDED), the next
// OIDC sign-in must authenticate afresh: a sign-in kept by the issuer would carry the old auth_time,
// which the API refuses (functions/data/sessions.ts).
const REAUTH = 'jx.reauth';
export const markReauthentication = (): void => sessionStorage.setItem(REAUTH, '1');
/** True (once) when the next sign-in must authenticate afresh. */
export const takeReauthentication = (): boolean => {
  const due = globalThis.sessionStorage?.getItem(REAUTH) === '1';
  if (due) sessionStorage.removeItem(REAUTH);
  return due;
};
