// The identity provider's side of an account. Our profile (functions/data/users.ts) decides who may
// do what; the provider only holds the credentials:
// - local: the local token issuer, whose password hashes live on the profile itself;
// - cognito: the user pool (global partition), kept in step by the account operations;
// - external: any other OIDC issuer (the mainland deployment), whose own administrators open
//   accounts; the portal then only keeps profiles and cannot set passwords.
import type { DirectoryMode } from '../model/user.ts';
import { CognitoDirectory } from './cognito-directory.ts';

export type { DirectoryMode };

export interface NewAccount {
  username: string;
  name: string;
  temporaryPassword: string;
}

export interface Directory {
  readonly mode: DirectoryMode;
  /** Opens the accounts, all or none: on failure nothing stays opened. */
  open(accounts: readonly NewAccount[]): Promise<void>;
  setEnabled(username: string, enabled: boolean): Promise<void>;
  setTemporaryPassword(username: string, password: string): Promise<void>;
}

/** Local mode keeps everything on the profile: nothing else to tell. */
const profileOnly = (mode: DirectoryMode): Directory => ({
  mode,
  open: async () => {},
  setEnabled: async () => {},
  setTemporaryPassword: async () => {},
});

export function directoryFromEnv(env: NodeJS.ProcessEnv = process.env): Directory {
  const mode = (env.IDENTITY_MODE ?? 'local') as DirectoryMode;
  if (mode === 'cognito') {
    if (!env.USER_POOL_ID) throw new Error('IDENTITY_MODE=cognito needs USER_POOL_ID');
    return new CognitoDirectory(env.USER_POOL_ID);
  }
  if (mode === 'local' || mode === 'external') return profileOnly(mode);
  throw new Error(`unknown IDENTITY_MODE ${mode}`);
}
