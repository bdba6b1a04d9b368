// Signing in at an external OIDC issuer, as the mainland deployment does: a real OIDC provider
// (oidc-provider, with its development sign-in pages) runs here; the portal sends the browser there
// (authorization code + PKCE), the gateway verifies the ID token against the issuer's published keys
// as the HTTP API's JWT authorizer would, and the API finds the person's profile by the `sub` claim.
import type { Server } from 'node:http';
import type { Page } from 'playwright-core';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../cdk/local/dynamodb-local.ts';
import { users } from '../../cdk/local/demo-data.ts';
import { hasChromium, openPage, screenshot, startPortal, type Portal } from '../helpers/portal.ts';

const CLIENT_ID = 'jixiao-portal';
let portal: Portal;
let idp: Server;
let page: Page;
const pageErrors: string[] = [];
/** The grant type of every token the issuer handed out. */
const issuerRequests: string[] = [];

/** An issuer that knows the demo people by username (its `sub`), and one person the portal does not know. */
async function startIssuer(port: number, portalUrl: string): Promise<{ issuer: string; server: Server }> {
  const issuer = `http://127.0.0.1:${port}`;
  const names = new Map([...users.map((u) => [u.username, u.name] as const), ['stranger', '陌生人']]);
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${portalUrl}/`],
        post_logout_redirect_uris: [`${portalUrl}/`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    // Like Cognito: a refresh token with every code sign-in, and short ID tokens (6 minutes here).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: { IdToken: 6 * 60 },
    claims: { openid: ['sub'], profile: ['name'] },
    findAccount: async (_ctx, sub) => (names.has(sub) ? { accountId: sub, claims: async () => ({ sub, name: names.get(sub) }) } : undefined),
    // The portal is a first-party client: no consent page.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['local-test-cookie-key'] },
  });
  provider.on('grant.success', (ctx) => issuerRequests.push(String(ctx.oidc.params?.grant_type)));
  const server = provider.listen(port, '127.0.0.1') as unknown as Server;
  return { issuer, server };
}

describe.skipIf(!hasChromium)('sign-in at an external OIDC issuer', () => {
  beforeAll(async () => {
    const [portalPort, idpPort] = [await freePort(), await freePort()];
    const started = await startIssuer(idpPort, `http://127.0.0.1:${portalPort}`);
    idp = started.server;
    portal = await startPortal('oidc', { port: portalPort, oidc: { issuer: started.issuer, audience: CLIENT_ID, usernameClaim: 'sub' } });
    page = await openPage(portal.browser, pageErrors);
    await page.clock.install(); // the page's time runs as usual until a test moves it
    // Nothing leaves the machine (the provider's sign-in page asks for a web font).
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  });

  afterAll(async () => {
    await portal?.stop();
    await new Promise((resolve) => idp?.close(resolve));
  });

  async function signInAtIssuer(login: string) {
    await page.goto(`${portal.stack.url}/#/login`);
    await page.getByTestId('login-oidc').click();
    await page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//);
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
  }

  it('offers the unified sign-in instead of the local form', async () => {
    await page.goto(`${portal.stack.url}/#/login`);
    await expect.poll(() => page.getByTestId('login-oidc').count()).toBe(1);
    expect(await page.getByTestId('login-username').count()).toBe(0);
  });

  it('comes back signed in, with the role and unit of the profile the sub names', async () => {
    await signInAtIssuer('yl_staff');
    await expect.poll(() => page.getByTestId('topbar-user').innerText(), { timeout: 20_000 }).toContain('王芳');
    expect(await page.getByTestId('menu-users').count()).toBe(1); // a bureau role, from the profile
    await screenshot(page, 'o01-oidc-signed-in');
  });

  it('renews the token by the refresh token while the person works', async () => {
    const token = () => page.evaluate('sessionStorage.getItem("jx.token")') as Promise<string | null>;
    const first = await token();
    const before = issuerRequests.length;
    await page.mouse.move(200, 200);
    await page.clock.runFor('02:00'); // 4 minutes left: the session keeper renews (every tick on the way runs, so one slow answer is retried)
    await expect.poll(token, { timeout: 15_000 }).not.toBe(first);
    // By the refresh-token grant, never a hidden sign-in page (on a busy machine a slow answer is retried: two grants).
    const grants = issuerRequests.slice(before);
    expect(grants.length).toBeGreaterThan(0);
    expect(new Set(grants)).toEqual(new Set(['refresh_token']));
    await page.reload();
    await expect.poll(() => page.getByTestId('topbar-user').innerText()).toContain('王芳');
  });

  it('refuses a person the issuer knows but the portal has no profile for', async () => {
    await page.evaluate('sessionStorage.clear()');
    await page.context().clearCookies();
    await signInAtIssuer('stranger');
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('#/login');
    expect(await page.getByTestId('topbar-user').count()).toBe(0);
  });

  it('has the local sign-in endpoints switched off', async () => {
    const res = await fetch(`${portal.stack.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username: 'yl_staff', password: 'Jixiao@2025' }) });
    expect(res.status).toBe(404);
  });

  it('raised no script error', () => expect(pageErrors).toEqual([]));
});
