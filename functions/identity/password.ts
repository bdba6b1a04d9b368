// Passwords the platform itself handles: the local token issuer's salted scrypt hashes, and the
// one-time temporary passwords an administrator hands to a new or reset account.
import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number) => Promise<Buffer>;

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

// No 0/O, 1/l/I: the password is read off a screen or a printed sheet.
const SETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=?'];

/** 12 characters with every kind present, so it meets any issuer's policy (security.md M1). */
export function temporaryPassword(): string {
  const all = SETS.join('');
  const chars = SETS.map((s) => s[randomInt(s.length)]!);
  while (chars.length < 12) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  // A leading @, = or + makes a spreadsheet read the cell as a formula, so the passwords sheet would
  // have to escape it ('@…) and the person would type the quote: start with a letter or digit.
  const first = chars.findIndex((c) => /[A-Za-z0-9]/.test(c));
  [chars[0], chars[first]] = [chars[first]!, chars[0]!];
  return chars.join('');
}
