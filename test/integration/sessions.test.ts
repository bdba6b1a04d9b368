// Server-side sessions (issue 10, defect 3 and "Server-side sessions"): every request checks the
// session and the account's session stamp in one consistent read, so logout, a password reset or
// change, disabling and a role change end sessions at the next request, in every process at once;
// 30 minutes idle and 12 hours from sign-in end a session whatever the browser does.
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../cdk/local/demo-data.ts';
import { startLocalStack, type LocalStack } from '../../cdk/local/stack.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { checkSession, SESSION_LIMITS } from '../../functions/data/sessions.ts';
import { endAllSessions, getUserForRequest } from '../../functions/data/users.ts';
import { ApiClient } from '../helpers/api-client.ts';

const YL = '450900';
let stack: LocalStack;
let ylLeader: ApiClient;

const post = async (path: string, token?: string, body?: unknown) => {
  const res = await fetch(`${stack.url}/api${path}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
};
const signIn = async (username: string, password = DEMO_PASSWORD) => {
  const res = await post('/auth/login', undefined, { username, password });
  expect(res.status).toBe(200);
  return res.body.token as string;
};
const me = (token: string) => new ApiClient(stack.url, token).get('/me');
const versionOf = async (username: string) =>
  ((await ylLeader.get(`/regions/${YL}/users`)).body.items as any[]).find((u) => u.username === username).version as number;

beforeAll(async () => {
  stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `sessions-${randomUUID()}` });
  ylLeader = await ApiClient.login(stack.url, 'yl_leader');
});

afterAll(() => stack?.stop());

describe('ending sessions (defect 3)', () => {
  it('logout ends the session server-side: the token and its renewal answer 401, other sessions go on', async () => {
    const [token, other] = [await signIn('yl_tjj'), await signIn('yl_tjj')];
    expect(decodeJwt(token).sid).toBeDefined();
    expect((await me(token)).status).toBe(200);
    expect((await post('/auth/logout', token)).status).toBe(204);
    const after = await me(token);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('SESSION_ENDED');
    expect((await post('/auth/refresh', token)).status).toBe(401);
    expect((await me(other)).status).toBe(200);
    // Logged out everywhere: every session of the account ends.
    expect((await post('/auth/logout', other, { everywhere: true })).status).toBe(204);
    expect((await me(other)).status).toBe(401);
    expect((await me(await signIn('yl_tjj'))).status).toBe(200);
  });

  it('a password reset by an administrator ends the account\'s sessions at the next request', async () => {
    const token = await signIn('yl_sthjj');
    expect((await me(token)).status).toBe(200);
    const reset = await ylLeader.post(`/regions/${YL}/users/yl_sthjj/reset-password`, { version: await versionOf('yl_sthjj') });
    expect(reset.status).toBe(201);
    expect((await me(token)).status).toBe(401);
    expect((await post('/auth/refresh', token)).status).toBe(401);
  });

  it('a password change ends the other sessions; the new token works', async () => {
    const old = await signIn('jyj_leader');
    const changed = await post('/auth/password', undefined, { username: 'jyj_leader', password: DEMO_PASSWORD, newPassword: 'Jyj#leader2026' });
    expect(changed.status).toBe(200);
    expect((await me(old)).status).toBe(401);
    expect((await me(changed.body.token)).status).toBe(200);
  });

  it('a role change ends the sessions; a change of name only does not', async () => {
    const token = await signIn('yuzhou_staff');
    const renamed = await ylLeader.call('PUT', `/regions/${YL}/users/yuzhou_staff`, { name: '张晓燕（改）', version: await versionOf('yuzhou_staff') });
    expect(renamed.status).toBe(200);
    expect((await me(token)).status).toBe(200);
    // Roles are granted by the security administrator (三权分立, security.md M5).
    const secAdmin = await ApiClient.login(stack.url, 'yl_secadmin');
    const promoted = await secAdmin.post(`/regions/${YL}/users/yuzhou_staff/role`, { role: 'unit_leader', version: await versionOf('yuzhou_staff') });
    expect(promoted.status).toBe(201);
    expect((await me(token)).status).toBe(401);
  });

  it('disabling ends the sessions for good: enabling the account again does not revive them', async () => {
    const token = await signIn('jyj_staff');
    expect((await ylLeader.post(`/regions/${YL}/users/jyj_staff/disable`, { version: await versionOf('jyj_staff') })).status).toBe(201);
    expect((await me(token)).status).toBe(401);
    expect((await ylLeader.post(`/regions/${YL}/users/jyj_staff/enable`, { version: await versionOf('jyj_staff') })).status).toBe(201);
    expect((await me(token)).status).toBe(401);
    expect((await me(await signIn('jyj_staff'))).status).toBe(200);
  });

  it('is not lagged by the profile cache: a stamp written by another process counts at the next request', async () => {
    const token = await signIn('yl_third');
    expect((await me(token)).status).toBe(200);
    await getUserForRequest('yl_third'); // this process holds the profile in its cache now
    // Another Lambda ends the account's sessions: this process's cache knows nothing of it.
    await documentClient().send(
      new UpdateCommand({ TableName: tableName(), Key: keys.user('yl_third'), UpdateExpression: 'SET sessionsValidAfter = :t', ExpressionAttributeValues: { ':t': Date.now() } }),
    );
    expect((await me(token)).status).toBe(401);
  });
});

describe('session limits (security.md M2, ASVS 7.3)', () => {
  it('ends a session 30 minutes after its last request, and activity keeps it going', async () => {
    const claims = decodeJwt(await signIn('bl_staff'));
    const t0 = Date.now();
    expect((await checkSession('bl_staff', claims, t0 + 29 * 60_000)).user?.username).toBe('bl_staff');
    expect((await checkSession('bl_staff', claims, t0 + 58 * 60_000)).user?.username).toBe('bl_staff');
    await expect(checkSession('bl_staff', claims, t0 + 58 * 60_000 + SESSION_LIMITS.idleMs)).rejects.toMatchObject({ statusCode: 401, code: 'SESSION_ENDED' });
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    const claims = decodeJwt(await signIn('bl_leader'));
    const t0 = Number(claims.auth_time) * 1000;
    for (let t = t0 + 25 * 60_000; t < t0 + SESSION_LIMITS.absoluteMs; t += 25 * 60_000) await checkSession('bl_leader', claims, t);
    await expect(checkSession('bl_leader', claims, t0 + SESSION_LIMITS.absoluteMs)).rejects.toMatchObject({ statusCode: 401, code: 'SESSION_ENDED' });
  });

  it('refuses a token of this issuer whose session is unknown (no sid)', async () => {
    const claims = { ...decodeJwt(await signIn('lingcheng_staff')) };
    delete claims.sid;
    await expect(checkSession('lingcheng_staff', claims)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('judges another issuer\'s tokens (Cognito, a mainland OIDC issuer) by auth_time and keeps their idle time too', async () => {
    // As the HTTP API authorizer hands them over: every claim a string.
    const t0 = Date.now();
    const token = (authMs: number, iatMs: number, sid: string) => ({
      iss: 'https://sso.example.gov.cn', sub: 'yuzhou_leader', sid, auth_time: String(Math.floor(authMs / 1000)), iat: String(Math.floor(iatMs / 1000)),
    });
    const before = token(t0 - 60_000, t0 - 60_000, 'sso-1');
    expect((await checkSession('yuzhou_leader', before)).user?.username).toBe('yuzhou_leader');
    await endAllSessions({ username: 'system:test', role: 'system', regionId: YL }, 'yuzhou_leader', new Date().toISOString());
    // Renewed by a refresh token after the stamp: a fresh iat, the old sign-in. Refused.
    await expect(checkSession('yuzhou_leader', token(t0 - 60_000, Date.now() + 1000, 'sso-1'))).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    // A new sign-in at the issuer counts, and its session is kept from its first request on.
    const fresh = token(Date.now() + 2000, Date.now() + 2000, 'sso-2');
    const t1 = Date.now() + 3000;
    expect((await checkSession('yuzhou_leader', fresh, t1)).user?.username).toBe('yuzhou_leader');
    await expect(checkSession('yuzhou_leader', fresh, t1 + SESSION_LIMITS.idleMs)).rejects.toMatchObject({ code: 'SESSION_ENDED' });
  });

  it('POST /me/logout ends another issuer\'s session on the server at once (Cognito, a mainland OIDC issuer)', async () => {
    const { handler } = await import('../../functions/handlers/api/account.ts');
    const { apiEvent, lambdaContext } = await import('../helpers/events.ts');
    const { routes } = await import('../../functions/http/routes.ts');
    // auth_time rounded up: an earlier test's stamp on this account in the same second must not end this sign-in.
    const now = Math.ceil(Date.now() / 1000);
    const claims = { iss: 'https://sso.example.gov.cn', sub: 'jyj_staff', 'cognito:username': 'jyj_staff', sid: `sso-${randomUUID()}`, auth_time: String(now), iat: String(now) };
    const call = async (op: string, body?: unknown) => {
      const event = apiEvent(routes.find((r) => r.op === op)!, { body });
      event.requestContext.authorizer = { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } };
      const res = (await handler(event, lambdaContext)) as { statusCode: number; body: string };
      return { status: res.statusCode, body: JSON.parse(res.body) };
    };
    expect((await call('me')).status).toBe(200);
    expect(await call('logout', {})).toEqual({ status: 201, body: { ended: true } });
    const after = await call('me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('SESSION_ENDED');
  });

  it('keeps tokens at 15 minutes at most', () => {
    expect(SESSION_LIMITS.tokenSeconds).toBeLessThanOrEqual(15 * 60);
  });
});
