// User profiles as stored (USER#name / USER), the public view of one, and accounts read from a
// sheet. The profile is the one source of truth for who a signed-in person is; the identity
// provider only proves the username.
//
// Every attribute a profile item holds must be named here: a read parses the item (dropping what is
// not named), and a profile change writes back what was read, so an attribute left out is lost.
import { ACCOUNT_STATUSES } from '../domain/accounts.ts';
import { ROLES } from '../domain/roles.ts';
import { USER_COLUMNS, type UserColumnKey } from '../domain/user-rows.ts';
import { ids, version, z } from '../contracts/zod.ts';

/** Where an account's password lives: the local issuer, the Cognito user pool, or an external OIDC platform. */
export const DIRECTORY_MODES = ['local', 'cognito', 'external'] as const;

export const userRecord = z.object({
  username: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  regionId: ids.region,
  unitId: z.string(),
  /** Absent on profiles stored before accounts were managed: read as active, version 1. */
  status: z.enum(ACCOUNT_STATUSES).optional(),
  version: version.optional(),
  createdAt: z.string().optional(),
  createdBy: z.string().optional(),
  /** Set on a new or reset account: the next sign-in must choose a password. */
  mustChangePassword: z.boolean().optional(),
  passwordChangedAt: z.string().optional(),
  /** Local token issuer only. */
  passwordHash: z.string().optional(),
  /** Local token issuer only: recent failed sign-ins, and the lock they imposed (security.md M2). */
  loginFailures: z.array(z.string()).optional(),
  lockedUntil: z.string().optional(),
  /** Bumped by every write of the sign-in bookkeeping, which is conditioned on it (functions/data/sign-in.ts). */
  loginRev: z.number().int().optional(),
  /** Epoch ms (real time): sign-ins before it no longer count (functions/data/sessions.ts). */
  sessionsValidAfter: z.number().optional(),
});

/**
 * A profile as the portal sees it (the answer of every account route): never the password hash or
 * the sign-in bookkeeping; the lock itself is shown (a reset lifts it).
 */
export const userView = userRecord
  .omit({ passwordHash: true, loginFailures: true, loginRev: true, sessionsValidAfter: true })
  .extend({ status: z.enum(ACCOUNT_STATUSES), version });

/** What opening an account takes: who, their name, role and unit. */
export const newUser = userRecord.pick({ username: true, name: true, role: true, unitId: true });

const USER_COLUMN_KEYS = Object.keys(USER_COLUMNS) as [UserColumnKey, ...UserColumnKey[]];

/** One data row of an account sheet: its 1-based row number, its cells by column, and the account when the row is good. */
export const userRowEntry = z.object({
  row: z.number().int().min(1),
  cells: z.record(z.enum(USER_COLUMN_KEYS), z.string()),
  user: newUser.optional(),
});

export type User = z.infer<typeof userRecord>;
export type UserView = z.infer<typeof userView>;
export type UserInput = z.infer<typeof newUser>;
export type UserRowEntry = z.infer<typeof userRowEntry>;
export type DirectoryMode = (typeof DIRECTORY_MODES)[number];
