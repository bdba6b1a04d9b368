// The caller: the token (verified by the HTTP API authorizer, or the local gateway) names the
// person; their profile in our table says what they are. So an issuer only has to authenticate,
// and a disabled account or a changed role takes effect without waiting for the token to expire.
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { getUserForRequest, type User } from '../data/users.ts';
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

export async function callerFrom(event: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>): Promise<Caller | undefined> {
  const username = usernameFrom(event);
  return username ? callerOf(await getUserForRequest(username)) : undefined;
}
