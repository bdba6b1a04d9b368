// Accounts in a Cognito user pool, driven by the admin API. Only the accounts Lambda holds these
// rights (cdk/constructs/api.ts). Welcome messages are suppressed: the portal hands the temporary
// password to the administrator, as it does locally, and Cognito forces a new one at first sign-in.
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { logger } from '../observability/logger.ts';
import type { Directory, NewAccount } from './directory.ts';

export class CognitoDirectory implements Directory {
  readonly mode = 'cognito' as const;

  constructor(
    private readonly userPoolId: string,
    private readonly client = new CognitoIdentityProviderClient({}),
  ) {}

  async open(accounts: readonly NewAccount[]): Promise<void> {
    const opened: string[] = [];
    try {
      for (const a of accounts) {
        await this.client.send(
          new AdminCreateUserCommand({
            UserPoolId: this.userPoolId,
            Username: a.username,
            TemporaryPassword: a.temporaryPassword,
            MessageAction: 'SUPPRESS',
            UserAttributes: [{ Name: 'name', Value: a.name }],
          }),
        );
        opened.push(a.username);
      }
    } catch (e) {
      // All or none: close what this call opened before reporting the failure.
      for (const username of opened) {
        try {
          await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: username }));
        } catch (undo) {
          logger.error('could not close a half-opened account', { username, error: undo as Error });
        }
      }
      throw e;
    }
  }

  async setEnabled(username: string, enabled: boolean): Promise<void> {
    if (enabled) {
      await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: username }));
      return;
    }
    await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: username }));
    // Ends the refresh tokens too (security.md M4: a disabled account's sessions end).
    await this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: username }));
  }

  async setTemporaryPassword(username: string, password: string): Promise<void> {
    await this.client.send(new AdminSetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: username, Password: password, Permanent: false }));
  }
}
