// 账号管理 list: the accounts the caller sees (the region, or a unit leader's own unit) and the region's
// units (to name them), loaded together; filtered, sorted and paged in the page.
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { ROLES, type Role } from '@shared/domain/roles.ts';
import { listUnitsApi, type UnitView } from '@/api/organisation';
import type { AccountStatus } from '@shared/domain/accounts.ts';
import type { UserView } from '@shared/model/user.ts';
import { listUsersApi } from '@/api/users';
import { sortUnits } from '@/views/unit/useUnitList';

export interface UserFilters {
  /** Part of the username or the name. */
  keyword: string;
  unitId: string;
  role: Role | '';
  status: AccountStatus | '';
}

export const emptyUserFilters = (): UserFilters => ({ keyword: '', unitId: '', role: '', status: '' });

export function filterUsers(users: readonly UserView[], f: UserFilters): UserView[] {
  const kw = f.keyword.trim().toLowerCase();
  return users.filter(
    (u) =>
      (!kw || u.username.includes(kw) || u.name.toLowerCase().includes(kw)) &&
      (!f.unitId || u.unitId === f.unitId) &&
      (!f.role || u.role === f.role) &&
      (!f.status || u.status === f.status),
  );
}

/** The order a 绩效办 reads its accounts in: by unit (as the units page lists them), then role, then username. */
export function sortUsers(users: readonly UserView[], units: readonly UnitView[]): UserView[] {
  const unitOrder = new Map(sortUnits(units).map((u, i) => [u.unitId, i]));
  const at = (unitId: string) => unitOrder.get(unitId) ?? Number.MAX_SAFE_INTEGER;
  return [...users].sort(
    (a, b) => at(a.unitId) - at(b.unitId) || a.unitId.localeCompare(b.unitId) || ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.username.localeCompare(b.username),
  );
}

/** The units that hold at least one of the accounts, in the list's order: the choices of the unit filter. */
export function unitsWithAccounts(users: readonly UserView[], units: readonly UnitView[]): { unitId: string; name: string }[] {
  const held = new Set(users.map((u) => u.unitId));
  const known = sortUnits(units).filter((u) => held.has(u.unitId)).map((u) => ({ unitId: u.unitId, name: u.name }));
  const unknown = [...held].filter((id) => !units.some((u) => u.unitId === id)).map((id) => ({ unitId: id, name: id }));
  return [...known, ...unknown];
}

export function useUserList(regionId: () => string, pageSize = 20) {
  const users = shallowRef<UserView[]>([]);
  const units = shallowRef<UnitView[]>([]);
  const loading = ref(false);
  const filters = reactive(emptyUserFilters());
  const page = ref(1);

  const filtered = computed(() => filterUsers(users.value, filters));
  const rows = computed(() => filtered.value.slice((page.value - 1) * pageSize, page.value * pageSize));
  const unitOptions = computed(() => unitsWithAccounts(users.value, units.value));
  const nameOf = (unitId: string) => units.value.find((u) => u.unitId === unitId)?.name ?? unitId;

  watch(filters, () => (page.value = 1));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const [u, list] = await Promise.all([listUsersApi(regionId()), listUnitsApi(regionId())]);
      units.value = list.items;
      users.value = sortUsers(u.items, list.items);
      // Past the last page after a change (a filter keeps its page 1): go to the last one.
      const last = Math.max(1, Math.ceil(filtered.value.length / pageSize));
      if (page.value > last) page.value = last;
    } finally {
      loading.value = false;
    }
  }

  return { users, units, loading, filters, page, pageSize, filtered, rows, unitOptions, nameOf, load };
}
