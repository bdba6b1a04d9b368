// The caller, read from the JWT claims the HTTP API authorizer (or the local gateway) verified.
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { isRole, type Caller } from '../domain/roles.ts';

/** Claim names, the same for Cognito and any other OIDC issuer configured to emit them. */
export const CLAIMS = {
  username: 'cognito:username',
  name: 'name',
  groups: 'cognito:groups',
  region: 'custom:region',
  unit: 'custom:unit',
} as const;

/** HTTP API hands array claims over as a string like "[a b]"; accept that, a list, or "a,b". */
function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

export function callerFrom(event: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>): Caller | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims) return undefined;
  const role = listClaim(claims[CLAIMS.groups]).find(isRole);
  const username = String(claims[CLAIMS.username] ?? claims.sub ?? '');
  const regionId = String(claims[CLAIMS.region] ?? '');
  const unitId = String(claims[CLAIMS.unit] ?? '');
  if (!role || !username || !regionId || !unitId) return undefined;
  return { username, name: String(claims[CLAIMS.name] ?? username), role, regionId, unitId };
}
