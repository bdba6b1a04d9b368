// OIDC sign-in (Authorization Code + PKCE) with oidc-client-ts. The redirect comes back to the page
// itself (no hash: fragments are not allowed in redirect URIs); startup completes it, then routes on.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { OidcConfig } from '@/config/runtime';
import { takeReauthentication } from './token';

let manager: UserManager | undefined;

function pageUrl(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

function userManager(config: OidcConfig): UserManager {
  manager ??= new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: pageUrl(),
    // Issuers without refresh tokens renew in a hidden frame of this page (see completeSilentRenew).
    silent_redirect_uri: pageUrl(),
    post_logout_redirect_uri: pageUrl(),
    response_type: 'code',
    scope: config.scope,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
    revokeTokenTypes: ['refresh_token'],
    ...(config.endSessionEndpoint ? { metadataSeed: { end_session_endpoint: config.endSessionEndpoint } } : {}),
  });
  return manager;
}

/** Sends the browser to the issuer; `returnTo` is the hash route to open afterwards. */
export async function startOidcLogin(config: OidcConfig, returnTo: string): Promise<void> {
  await userManager(config).signinRedirect({ state: { returnTo }, ...(takeReauthentication() ? { prompt: 'login' } : {}) });
}

/** True when the page was opened by the issuer's redirect. */
export function isOidcCallback(): boolean {
  const q = new URLSearchParams(window.location.search);
  return q.has('state') && (q.has('code') || q.has('error'));
}

/** True when this page is the hidden frame of a silent renewal (it only hands the answer back). */
export const isSilentRenewFrame = (): boolean => window.parent !== window && isOidcCallback();

/** In the hidden frame: passes the issuer's answer to the page that asked. */
export async function completeSilentRenew(config: OidcConfig): Promise<void> {
  await userManager(config).signinSilentCallback();
}

/** Finishes the redirect: returns the API token and the route to open. */
export async function completeOidcLogin(config: OidcConfig): Promise<{ token: string; returnTo: string }> {
  const user = await userManager(config).signinRedirectCallback();
  window.history.replaceState(null, '', pageUrl());
  const token = config.tokenType === 'id_token' ? user.id_token : user.access_token;
  if (!token) throw new Error(`issuer returned no ${config.tokenType}`);
  const state = user.state as { returnTo?: string } | undefined;
  return { token, returnTo: state?.returnTo ?? '/' };
}

/**
 * A fresh token for the same session, by the refresh token the issuer gave at sign-in (the session
 * keeper calls this only while the person is at work). Without one it fails and the token runs out.
 */
export async function renewOidc(config: OidcConfig): Promise<string> {
  const user = await userManager(config).signinSilent();
  const token = config.tokenType === 'id_token' ? user?.id_token : user?.access_token;
  if (!token) throw new Error(`issuer returned no ${config.tokenType}`);
  return token;
}

export async function oidcLogout(config: OidcConfig): Promise<void> {
  await userManager(config).signoutRedirect();
}
