// The query code of a complaint (投诉举报, Art 32) and the per-day key of a client address. Node's
// crypto: kept out of functions/domain, which the web compiles too.
import { createHash, randomBytes } from 'node:crypto';

/** 16 characters of a 31-letter alphabet (no 0/O/1/I/L), about 79 bits; the pattern is model/complaint.ts CODE_PATTERN. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newQueryCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
/** Dashes and case do not matter when typed back. */
export const normaliseCode = (code: string) => code.replace(/-/g, '').toUpperCase();
export const codeHash = (code: string) => createHash('sha256').update(`complaint-code:${normaliseCode(code)}`).digest('hex');

/** The per-day key of a client address: hashed with the date, so the address itself is never stored. */
export const clientHash = (ip: string, date: string) => createHash('sha256').update(`complaint-client:${date}:${ip}`).digest('hex').slice(0, 32);

