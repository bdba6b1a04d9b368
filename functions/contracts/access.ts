// Who may call a route, in the words the route table uses.
import { ACCOUNT_IMPORTERS, ACCOUNT_MANAGERS, ACCOUNT_READERS, AUDIT_READERS, ROLE_GRANTERS } from '../domain/accounts.ts';
import { BUREAU_ROLES, BUSINESS_ROLES, ROLES, type Role } from '../domain/roles.ts';
import type { Access, Scope } from './define.ts';

export const PUBLIC = { public: true } as const satisfies Access;
/** Other systems feeding indicator values: no token, the feeding system's own key (functions/http/feed-auth.ts). */
export const FEED_KEY = { public: true, key: 'feed' } as const satisfies Access;
/** Consuming systems (organisation, finance) reading the published reward eligibility with a results key (Art 28–29). */
export const RESULTS_KEY = { public: true, key: 'results' } as const satisfies Access;
/**
 * Every signed-in person, within the scope given: any account reaches its own profile ('self'); a
 * region's data is read by the business roles only, so the three administrators and an account
 * without a role yet read no business data (security.md M5).
 */
export const everyone = <S extends Scope>(scope: S) => ({ public: false, roles: scope === 'self' ? ROLES : BUSINESS_ROLES, scope }) as const satisfies Access;
/** Some roles, within the scope given. */
export const only = <S extends Scope>(roles: readonly Role[], scope: S) => ({ public: false, roles, scope }) as const satisfies Access;
/** The bureau (leader and staff) of the path's region. */
export const bureau = only(BUREAU_ROLES, 'region');
/** The bureau leader alone: approvals (Art 10, 11, 22). */
export const bureauLeader = only(['bureau_leader'], 'region');
/** Who keeps accounts: the system administrator, the bureau, and unit leaders for their own unit's staff (the operation checks which accounts). */
export const accountManagers = only(ACCOUNT_MANAGERS, 'region');
/** Who reads the account list: those who keep accounts, and the security administrator. */
export const accountReaders = only(ACCOUNT_READERS, 'region');
/** Who opens accounts from a sheet: the bureau and the system administrator. */
export const accountImporters = only(ACCOUNT_IMPORTERS, 'region');
/** Who grants and changes roles: the security administrator alone. */
export const roleGranters = only(ROLE_GRANTERS, 'region');
/** Who reads the region's unit list: the business, and the two administrators who place accounts in units. */
export const unitReaders = only([...BUSINESS_ROLES, 'system_admin', 'security_admin'], 'region');
/** Who reads, searches and exports the audit log (security.md M5: the audit administrator's duty, and only theirs). */
export const auditReaders = only(AUDIT_READERS, 'region');
