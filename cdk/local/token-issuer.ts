// The local token issuer: signs an ID token naming the user, as Cognito or the OIDC issuer in China
// does; what the user may do comes from their profile on every request (functions/http/caller.ts),
// and whether the sign-in still counts from its server-side session (functions/data/sessions.ts),
// which the token names by `sid`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWTPayload, type CryptoKey } from 'jose';
import { CLAIMS } from '../../functions/http/caller.ts';
import { LOCAL_ISSUER, SESSION_LIMITS } from '../../functions/data/sessions.ts';
import type { User } from '../../functions/data/users.ts';

export const ISSUER = LOCAL_ISSUER;
export const AUDIENCE = 'jixiao-portal';
/** Security targets (security.md M2, notes on sessions): tokens live 15 minutes and are renewed while
 *  the portal is in use; no renewal reaches past 12 hours from the sign-in. */
export const SESSION = { tokenSeconds: SESSION_LIMITS.tokenSeconds, absoluteSeconds: SESSION_LIMITS.absoluteMs / 1000 } as const;

export class TokenIssuer {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
  ) {}

  /** A key pair kept in `dataDir` (so tokens survive a restart), or a fresh one in memory. */
  static async create(dataDir?: string): Promise<TokenIssuer> {
    const file = dataDir ? join(dataDir, 'issuer-key.json') : undefined;
    if (file && existsSync(file)) {
      const { privateJwk, publicJwk } = JSON.parse(readFileSync(file, 'utf8'));
      return new TokenIssuer((await importJWK(privateJwk, 'RS256')) as CryptoKey, (await importJWK(publicJwk, 'RS256')) as CryptoKey);
    }
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    if (file) {
      writeFileSync(file, JSON.stringify({ privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) }), { mode: 0o600 });
    }
    return new TokenIssuer(privateKey, publicKey);
  }

  /**
   * `authTime`: when the person signed in (kept through renewals, which cannot outlive the session);
   * `sid`: the server-side session the token belongs to (kept through renewals too).
   */
  async sign(user: User, nowSeconds: number, authTime = nowSeconds, sid?: string): Promise<string> {
    return new SignJWT({
      token_use: 'id',
      auth_time: authTime,
      ...(sid ? { sid } : {}),
      [CLAIMS.username]: user.username,
      [CLAIMS.name]: user.name,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'local' })
      .setSubject(user.username)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(Math.min(nowSeconds + SESSION.tokenSeconds, authTime + SESSION.absoluteSeconds))
      .sign(this.privateKey);
  }

  /** The verified claims, or undefined for a missing, forged or expired token. */
  async verify(token: string, nowSeconds: number): Promise<JWTPayload | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['RS256'],
        currentDate: new Date(nowSeconds * 1000),
      });
      return payload;
    } catch {
      return undefined;
    }
  }
}
