import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '@/config/runtime';

describe('runtime configuration', () => {
  it('accepts the local-mode configuration', () => {
    // Act
    const config = parseRuntimeConfig({ apiBase: '/api', auth: { mode: 'local' }, devClock: true });

    // Assess
    expect(config).toEqual({ apiBase: '/api', auth: { mode: 'local' }, devClock: true });
  });

  it('fills the OIDC defaults', () => {
    // Act
    const config = parseRuntimeConfig({ apiBase: 'https://api.example.test', auth: { mode: 'oidc', issuer: 'https://id.example.test', clientId: 'web' } });

    // Assess
    expect(config.auth).toEqual({
      mode: 'oidc',
      issuer: 'https://id.example.test',
      clientId: 'web',
      scope: 'openid profile email',
      tokenType: 'access_token',
    });
  });

  it.each([
    [{ auth: { mode: 'local' } }, 'apiBase'],
    [{ apiBase: '/api', auth: { mode: 'saml' } }, 'auth.mode'],
    [{ apiBase: '/api', auth: { mode: 'oidc', issuer: 'id.example.test', clientId: 'web' } }, 'auth.issuer'],
    [{ apiBase: '/api', auth: { mode: 'local' }, devClock: 'yes' }, 'devClock'],
  ])('rejects %j naming %s', (raw, field) => {
    // Act
    const parse = () => parseRuntimeConfig(raw);

    // Assess
    expect(parse).toThrow(`config.json: invalid ${field}`);
  });
});

describe('runtime configuration written by the CDK site', () => {
  it('joins a list of scopes', () => {
    // Act
    const config = parseRuntimeConfig({
      apiBase: 'https://api.example.test',
      auth: { mode: 'oidc', issuer: 'https://id.example.test', clientId: 'web', scopes: ['openid', 'profile'] },
    });

    // Assess
    expect(config.auth).toMatchObject({ scope: 'openid profile' });
  });
});
