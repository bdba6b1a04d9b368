// The key a feeding system (another government system that sends indicator values, issue 12) signs
// its calls with: `pmf_<id>_<secret>`. The id is public and finds the system's record by one GetItem;
// the secret is 32 random bytes (256 bits) shown once at creation and never stored, only its hash.
//
// Why SHA-256 and not a slow password hash (scrypt, as for passwords): a slow hash protects secrets
// people choose, which are guessable; this secret is 256 bits from the CSPRNG, so a stolen table
// cannot be searched for it whatever the hash costs, and the check stays cheap on every feed call.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { FEED_SYSTEM_ID } from '../model/feed-system.ts';

export const FEED_KEY_PREFIX = 'pmf';
/** The id: 16 characters of base32 (80 bits), so ids never collide; the secret is what authenticates. */
const ID_PATTERN = FEED_SYSTEM_ID;
/** The secret: 32 bytes in base64url, 43 characters. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A new system id: 16 base32 characters from 10 random bytes. */
export function newFeedSystemId(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** The hash stored for a secret (hex). */
export const hashFeedSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

/** A new key for the system `id`: the full key (shown once) and the hash to store. */
export function newFeedKey(id: string): { key: string; hash: string } {
  if (!ID_PATTERN.test(id)) throw new Error(`not a feed system id: ${id}`);
  const secret = randomBytes(32).toString('base64url');
  return { key: `${FEED_KEY_PREFIX}_${id}_${secret}`, hash: hashFeedSecret(secret) };
}

/** The id and secret a presented key holds, or undefined when it is not a key of ours at all. */
export function parseFeedKey(presented: string | undefined): { id: string; secret: string } | undefined {
  if (!presented || presented.length > 100) return undefined;
  const [prefix, id, secret, ...rest] = presented.trim().split('_');
  // The secret is base64url, which may itself hold '_': rejoin what follows the id.
  const whole = [secret, ...rest].join('_');
  if (prefix !== FEED_KEY_PREFIX || !id || !ID_PATTERN.test(id) || !SECRET_PATTERN.test(whole)) return undefined;
  return { id, secret: whole };
}

/** Whether `secret` is the one whose hash is stored: the hashes compared in constant time. */
export function feedSecretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashFeedSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/** What the key list shows of a key: its public id, never more. */
export const feedKeyHint = (id: string) => `${FEED_KEY_PREFIX}_${id}_…`;
