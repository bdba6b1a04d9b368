// What the caller may do on the accounts page, from the same shared rules the API applies
// (domain/accounts.ts): which roles they may open, in which units, and which accounts they hold.
// The page only offers what the API would accept; the API still decides, and its refusal is shown.
import { managementRefusal, placementProblems } from '@shared/domain/accounts.ts';
import { isActive } from '@shared/domain/organisation.ts';
import { ROLES, type Caller, type Role } from '@shared/domain/roles.ts';
import type { UnitView } from '@/api/organisation';
import type { UserView } from '@shared/model/user.ts';

/** The roles the caller may give an account: a unit leader only 责任单位填报员; bureau staff all but 绩效办领导. */
export function creatableRoles(caller: Caller): Role[] {
  return ROLES.filter((role) => !managementRefusal(caller, { username: '', role, regionId: caller.regionId, unitId: caller.unitId }));
}

/** The unit a caller's new accounts must sit in, when they have no choice (a unit leader: their own). */
export const fixedUnitOf = (caller: Caller): string | undefined => (caller.role === 'unit_leader' ? caller.unitId : undefined);

/** The units an account of `role` may sit in, for this caller: in use, suiting the role, and theirs to manage. */
export function unitChoices(caller: Caller, role: Role | '', units: readonly UnitView[]): UnitView[] {
  return units.filter(
    (u) =>
      isActive(u) &&
      (!role ||
        (placementProblems(role, u.unitId, units).length === 0 &&
          !managementRefusal(caller, { username: '', role, regionId: caller.regionId, unitId: u.unitId }))),
  );
}

/** Why the caller may not manage this account at all (undefined: they may). */
export const refusalFor = (caller: Caller, account: UserView): string | undefined => managementRefusal(caller, account);

export { disableRefusal } from '@shared/domain/accounts.ts';

/** One's own role and unit are not changed here (the API refuses it too). */
export const isSelf = (caller: Caller, account: UserView): boolean => account.username === caller.username;
