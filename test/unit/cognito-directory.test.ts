// The Cognito side of accounts. Cognito does not run here, so its client is replaced by
// aws-sdk-client-mock: these tests check which admin calls are made, in what order, with what.
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CognitoDirectory } from '../../functions/identity/cognito-directory.ts';
import { directoryFromEnv } from '../../functions/identity/directory.ts';

const client = new CognitoIdentityProviderClient({ region: 'cn-north-1' });
const cognito = mockClient(client);
const dir = new CognitoDirectory('pool-1', client);
const names = (command: unknown) => cognito.commandCalls(command as never).map((c) => (c.args[0].input as { Username: string }).Username);

beforeEach(() => cognito.reset());

describe('Cognito directory', () => {
  it('opens accounts with the temporary password and no e-mail', async () => {
    await dir.open([{ username: 'a_one', name: '甲', temporaryPassword: 'Tmp#Pass2345' }]);
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'pool-1',
      Username: 'a_one',
      TemporaryPassword: 'Tmp#Pass2345',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'name', Value: '甲' }],
    });
  });

  it('closes the accounts it opened when a later one fails, then reports the failure', async () => {
    cognito.on(AdminCreateUserCommand, { Username: 'c_three' }).rejects(new Error('throttled'));
    const accounts = ['a_one', 'b_two', 'c_three'].map((username) => ({ username, name: username, temporaryPassword: 'Tmp#Pass2345' }));
    await expect(dir.open(accounts)).rejects.toThrow('throttled');
    expect(names(AdminDeleteUserCommand)).toEqual(['a_one', 'b_two']);
  });

  it('disables and signs out everywhere; enables; sets a temporary (not permanent) password', async () => {
    await dir.setEnabled('a_one', false);
    expect(names(AdminDisableUserCommand)).toEqual(['a_one']);
    expect(names(AdminUserGlobalSignOutCommand)).toEqual(['a_one']);
    await dir.setEnabled('a_one', true);
    expect(names(AdminEnableUserCommand)).toEqual(['a_one']);
    await dir.setTemporaryPassword('a_one', 'Tmp#Pass2345');
    expect(cognito.commandCalls(AdminSetUserPasswordCommand)[0]!.args[0].input).toMatchObject({ Username: 'a_one', Permanent: false });
  });
});

describe('choosing the directory', () => {
  it('is local by default, Cognito with a pool, and refuses what it does not know', () => {
    expect(directoryFromEnv({}).mode).toBe('local');
    expect(directoryFromEnv({ IDENTITY_MODE: 'external' }).mode).toBe('external');
    expect(directoryFromEnv({ IDENTITY_MODE: 'cognito', USER_POOL_ID: 'p' }).mode).toBe('cognito');
    expect(() => directoryFromEnv({ IDENTITY_MODE: 'cognito' })).toThrow(/USER_POOL_ID/);
    expect(() => directoryFromEnv({ IDENTITY_MODE: 'ldap' })).toThrow(/unknown/);
  });
});
