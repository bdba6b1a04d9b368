// What the caller may do on the accounts page, from the same shared rules the API applies
// (domain/accounts.ts): which roles they may open or grant, in which units, and which accounts they
// keep. The page only offers what the API would accept; the API still decides, and its refusal is shown.
import { grantRefusal, managementRefusal, openingRefusal, placementProblems } from '@shared/domain/accounts.ts';
import { isActive } from '@shared/domain/organisation.ts';
import { ROLES, type Caller, type Role } from '@shared/domain/roles.ts';
import type { UnitView } from '@/api/organisation';
import type { UserView } from '@shared/model/user.ts';

/**
 * The roles the caller may open an account with: 待授权 or a role without power over others (the
 * system administrator and the bureau); a unit leader only 责任单位填报员. Every other role is granted.
 */
export function creatableRoles(caller: Caller): Role[] {
  return ROLES.filter((role) => !openingRefusal(caller, { username: '', role, regionId: caller.regionId, unitId: caller.unitId }));
}

/** The roles the security administrator may grant another account: every one (待授权 takes a role back). */
export const grantableRoles = (caller: Caller): Role[] =>
  grantRefusal(caller, { username: '', role: 'unassigned', regionId: caller.regionId, unitId: caller.unitId }) ? [] : [...ROLES];

/** The unit a caller's new accounts must sit in, when they have no choice (a unit leader: their own). */
export const fixedUnitOf = (caller: Caller): string | undefined => (caller.role === 'unit_leader' ? caller.unitId : undefined);

/**
 * The units an account of `role` may sit in, for this caller: in use, suiting the role, and theirs to
 * keep (a grant places the account wherever the role suits: the security administrator keeps none).
 */
export function unitChoices(caller: Caller, role: Role | '', units: readonly UnitView[], granting = false): UnitView[] {
  return units.filter(
    (u) =>
      isActive(u) &&
      (!role ||
        (placementProblems(role, u.unitId, units).length === 0 &&
          (granting || !managementRefusal(caller, { username: '', role, regionId: caller.regionId, unitId: u.unitId })))),
  );
}

/** Why the caller may not keep this account, or (granting) give it a role; undefined: they may. */
export const refusalFor = (caller: Caller, account: UserView, granting = false): string | undefined =>
  granting ? grantRefusal(caller, account) : managementRefusal(caller, account);

export { disableRefusal } from '@shared/domain/accounts.ts';

/** One's own role and unit are not changed here (the API refuses it too). */
export const isSelf = (caller: Caller, account: UserView): boolean => account.username === caller.username;
