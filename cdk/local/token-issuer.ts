// The local token issuer: checks a demo user's password and signs a JWT with the same claims the
// real issuer (Cognito, or the OIDC issuer in China) puts in its ID token.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWTPayload, type CryptoKey } from 'jose';
import { CLAIMS } from '../../functions/http/caller.ts';
import type { User } from '../../functions/data/users.ts';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number) => Promise<Buffer>;

export const ISSUER = 'urn:jixiao:local-issuer';
export const AUDIENCE = 'jixiao-portal';
const TOKEN_HOURS = 8;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const [kind, salt, hash] = (stored ?? '').split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), 32);
  return timingSafeEqual(actual, Buffer.from(hash, 'base64'));
}

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

  async sign(user: User, nowSeconds: number): Promise<string> {
    return new SignJWT({
      token_use: 'id',
      [CLAIMS.username]: user.username,
      [CLAIMS.name]: user.name,
      [CLAIMS.groups]: [user.role],
      [CLAIMS.region]: user.regionId,
      [CLAIMS.unit]: user.unitId,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'local' })
      .setSubject(user.username)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + TOKEN_HOURS * 3600)
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
