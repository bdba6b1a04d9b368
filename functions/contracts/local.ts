// What the local stack serves itself, outside the route table: sign-in by the local token issuer
// (in AWS the identity provider does this) and the development clock. The gateway parses with these
// schemas and answers in these shapes; the web takes its types from them.
import { userView } from '../model/user.ts';
import { z } from './zod.ts';

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

/** A person replaces a temporary or expired password. */
export const changePasswordBody = loginBody.extend({ newPassword: z.string().min(1).max(128) });

/** A token and who it names, or (temporary or expired password) the request to choose a new one first. */
export const signedIn = z.object({ token: z.string(), user: userView });
export const loginAnswer = z.union([signedIn, z.object({ passwordChangeRequired: z.literal(true), reason: z.string() })]);
export const renewedToken = z.object({ token: z.string() });

export const devClockState = z.object({ now: z.string(), offsetMs: z.number() });

export type LoginAnswer = z.infer<typeof loginAnswer>;
export type SignedIn = z.infer<typeof signedIn>;
export type DevClockState = z.infer<typeof devClockState>;
