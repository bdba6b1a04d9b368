// The caller: the token (verified by the HTTP API authorizer, or the local gateway) names the
// person; their profile in our table says what they are. So an issuer only has to authenticate,
// and a disabled account or a changed role takes effect without waiting for the token to expire.
// The profile is read consistently together with the token's server-side session on every request
// (functions/data/sessions.ts): a session that has ended answers 401 SESSION_ENDED.
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { checkSession } from '../data/sessions.ts';
import type { User } from '../data/users.ts';
import { isRole, type Caller } from '../domain/roles.ts';

/** Claim names. Cognito's username first; any OIDC issuer's preferred_username, then sub. */
export const CLAIMS = {
  username: 'cognito:username',
  preferredUsername: 'preferred_username',
  name: 'name',
} as const;

/**
 * The username the verified token carries, or undefined without a token. Deployed, USERNAME_CLAIM
 * names the one claim to read (set by CDK per issuer); locally the first of the usual ones present.
 */
export function usernameFrom(event: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>, claim = process.env.USERNAME_CLAIM): string | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims) return undefined;
  const value = claim ? claims[claim] : (claims[CLAIMS.username] ?? claims[CLAIMS.preferredUsername] ?? claims.sub);
  return value === undefined || value === '' ? undefined : String(value);
}

/** The caller a profile makes, or undefined when the account is missing, disabled or malformed. */
export function callerOf(user: User | undefined): Caller | undefined {
  if (!user || user.status === 'disabled' || !isRole(user.role) || !user.regionId || !user.unitId) return undefined;
  return { username: user.username, name: user.name, role: user.role, regionId: user.regionId, unitId: user.unitId };
}

/** The caller of a request, or undefined; throws SessionEndedError (401) when the token's session is over. */
export async function callerFrom(event: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>): Promise<Caller | undefined> {
  const username = usernameFrom(event);
  if (!username) return undefined;
  const { user } = await checkSession(username, event.requestContext?.authorizer?.jwt?.claims ?? {});
  return callerOf(user);
}
