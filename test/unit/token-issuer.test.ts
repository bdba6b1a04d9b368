// The local token issuer: 15-minute tokens, renewals that keep the sign-in time and stop at 12 hours.
import { describe, expect, it } from 'vitest';
import { SESSION, TokenIssuer } from '../../cdk/local/token-issuer.ts';

const user = { username: 'yl_staff', name: '王芳', role: 'bureau_staff' as const, regionId: '450900', unitId: 'yl-jxb' };
const T = 1_800_000_000;

describe('local token issuer', () => {
  it('names the person only, and the token dies after 15 minutes', async () => {
    const issuer = await TokenIssuer.create();
    const token = await issuer.sign(user, T);
    const claims = await issuer.verify(token, T + 14 * 60);
    expect(claims).toMatchObject({ 'cognito:username': 'yl_staff', name: '王芳', sub: 'yl_staff', auth_time: T });
    expect(claims).not.toHaveProperty('cognito:groups');
    expect(await issuer.verify(token, T + SESSION.tokenSeconds + 1)).toBeUndefined();
  });

  it('keeps the sign-in time through a renewal, which never outlives 12 hours', async () => {
    const issuer = await TokenIssuer.create();
    const late = T + SESSION.absoluteSeconds - 5 * 60;
    const renewed = await issuer.sign(user, late, T);
    expect((await issuer.verify(renewed, late + 4 * 60))?.auth_time).toBe(T);
    expect(await issuer.verify(renewed, late + 6 * 60)).toBeUndefined();
  });

  it('names the server-side session (sid), kept through a renewal', async () => {
    const issuer = await TokenIssuer.create();
    const renewed = await issuer.sign(user, T + 600, T, 'session-1');
    expect(await issuer.verify(renewed, T + 700)).toMatchObject({ sid: 'session-1', auth_time: T, iss: 'urn:jixiao:local-issuer' });
  });

  it('refuses a token from another issuer key', async () => {
    const [a, b] = await Promise.all([TokenIssuer.create(), TokenIssuer.create()]);
    expect(await b.verify(await a.sign(user, T), T + 60)).toBeUndefined();
  });
});
