// Who may call a route, in the words the route table uses.
import { ACCOUNT_MANAGERS } from '../domain/accounts.ts';
import { BUREAU_ROLES, ROLES, type Role } from '../domain/roles.ts';
import type { Access, Scope } from './define.ts';

export const PUBLIC = { public: true } as const satisfies Access;
/** Every signed-in role, within the scope given. */
export const everyone = <S extends Scope>(scope: S) => ({ public: false, roles: ROLES, scope }) as const satisfies Access;
/** Some roles, within the scope given. */
export const only = <S extends Scope>(roles: readonly Role[], scope: S) => ({ public: false, roles, scope }) as const satisfies Access;
/** The bureau (leader and staff) of the path's region. */
export const bureau = only(BUREAU_ROLES, 'region');
/** The bureau leader alone: approvals (Art 10, 11, 22). */
export const bureauLeader = only(['bureau_leader'], 'region');
/** The bureau, and unit leaders for their own unit's staff (the operation checks which accounts). */
export const accountManagers = only(ACCOUNT_MANAGERS, 'region');
/** Who reads, searches and exports the audit log (security.md M5: the audit administrator's duty). */
export const auditReaders = bureau;
