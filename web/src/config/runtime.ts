// Runtime configuration: fetched from /config.json at startup, so one build serves every deployment.
// Checked by hand rather than with zod, to keep zod out of the first chunk.
export interface OidcConfig {
  mode: 'oidc';
  issuer: string;
  clientId: string;
  scope: string;
  /** Which token the API accepts as `Authorization: Bearer`. */
  tokenType: 'access_token' | 'id_token';
  /** For issuers without RP-initiated logout in their metadata (e.g. Cognito's /logout). */
  endSessionEndpoint?: string;
}

export interface RuntimeConfig {
  apiBase: string;
  auth: { mode: 'local' } | OidcConfig;
  devClock?: boolean;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Validates the raw JSON of config.json, filling OIDC defaults. Throws naming the bad field. */
export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  const o = (raw ?? {}) as Record<string, unknown>;
  const auth = (o.auth ?? {}) as Record<string, unknown>;
  const fail = (field: string): never => {
    throw new Error(`config.json: invalid ${field}`);
  };
  if (!isText(o.apiBase)) fail('apiBase');
  if (o.devClock !== undefined && typeof o.devClock !== 'boolean') fail('devClock');
  const base = { apiBase: o.apiBase as string, ...(o.devClock === undefined ? {} : { devClock: o.devClock as boolean }) };
  if (auth.mode === 'local') return { ...base, auth: { mode: 'local' } };
  if (auth.mode !== 'oidc') return fail('auth.mode');
  if (!isText(auth.issuer) || !/^https?:\/\//.test(auth.issuer)) fail('auth.issuer');
  if (!isText(auth.clientId)) fail('auth.clientId');
  const tokenType = auth.tokenType ?? 'access_token';
  if (tokenType !== 'access_token' && tokenType !== 'id_token') return fail('auth.tokenType');
  if (auth.endSessionEndpoint !== undefined && !isText(auth.endSessionEndpoint)) fail('auth.endSessionEndpoint');
  return {
    ...base,
    auth: {
      mode: 'oidc',
      issuer: auth.issuer as string,
      clientId: auth.clientId as string,
      scope: scopeOf(auth),
      tokenType,
      ...(auth.endSessionEndpoint ? { endSessionEndpoint: auth.endSessionEndpoint as string } : {}),
    },
  };
}

/** `scope` as one string, or `scopes` as a list (the CDK site writes the list). */
function scopeOf(auth: Record<string, unknown>): string {
  if (isText(auth.scope)) return auth.scope;
  if (Array.isArray(auth.scopes) && auth.scopes.every(isText) && auth.scopes.length > 0) return auth.scopes.join(' ');
  return 'openid profile email';
}

let current: RuntimeConfig | undefined;

/** Loads config.json (relative to the page, so the site works under any path). */
export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  const res = await fetchImpl(new URL('config.json', window.location.href).toString(), { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  current = parseRuntimeConfig(await res.json());
  return current;
}

/** Sets the configuration directly (tests, or a host page that already knows it). */
export function setRuntimeConfig(config: unknown): void {
  current = parseRuntimeConfig(config);
}

export function runtimeConfig(): RuntimeConfig {
  if (!current) throw new Error('runtime configuration not loaded');
  return current;
}
