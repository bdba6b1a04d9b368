// User profiles. In AWS the identity provider holds the credentials; the local token issuer
// keeps a salted scrypt hash on the profile instead.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../domain/roles.ts';
import { documentClient, tableName } from './client.ts';
import { keys } from './keys.ts';

export interface User {
  username: string;
  name: string;
  role: Role;
  regionId: string;
  unitId: string;
  /** Local token issuer only. */
  passwordHash?: string;
}

export async function getUser(username: string): Promise<User | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.user(username) }));
  if (!res.Item) return undefined;
  const { pk, sk, gsi1pk, gsi1sk, entity, ...user } = res.Item;
  return user as User;
}

export const userItem = (u: User) => ({ ...keys.user(u.username), ...keys.userList(u.regionId, u.username), entity: 'user', ...u });
