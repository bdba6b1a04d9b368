// A signed-in session of an account, kept server-side (functions/data/sessions.ts says how it counts).
import { z } from '../contracts/zod.ts';

export const sessionRecord = z.object({
  username: z.string(),
  /** Hash of the issuer and the token's session id: the session's key. */
  hash: z.string(),
  issuer: z.string(),
  /** Epoch ms. */
  createdAt: z.number(),
  lastSeenAt: z.number(),
  /** Epoch seconds of the sign-in, when known. */
  authTime: z.number().optional(),
  endedAt: z.number().optional(),
  endReason: z.string().optional(),
  /** Epoch seconds for DynamoDB TTL. */
  expiresAt: z.number().optional(),
});

export type Session = z.infer<typeof sessionRecord>;
