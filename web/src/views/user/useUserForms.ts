// Opening and editing accounts, and granting roles: the draft, the shared schemas' and placement
// checks next to the fields, and the one-time password the API answers a new account (or a reset) with.
import { ElMessage } from 'element-plus';
import { reactive, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { t } from '@shared/contracts/lang.ts';
import { placementProblems } from '@shared/domain/accounts.ts';
import type { Caller, Role } from '@shared/domain/roles.ts';
import { createUserBody, editUserBody, grantRoleBody, type CreateUserBody, type EditUserBody, type GrantRoleBody } from '@shared/contracts/users.ts';
import type { DirectoryMode, UserView } from '@shared/model/user.ts';
import { useFormSubmit } from '@/composables/useFormSubmit';
import type { UnitView } from '@/api/organisation';
import { createUserApi, editUserApi, grantRoleApi } from '@/api/users';
import { creatableRoles, fixedUnitOf, unitChoices } from './user-rules';

/** Open an account, edit its name or unit, or (the security administrator) grant it a role. */
export type UserAction = 'create' | 'edit' | 'grant';

export interface UserDraft {
  username: string;
  name: string;
  role: Role | '';
  unitId: string;
}

/** What the one-time password dialog shows: a new account or a reset, and the password if there is one. */
export interface IssuedPassword {
  kind: 'create' | 'reset';
  username: string;
  name: string;
  /** Given for a new account; a reset always comes with a password (an external platform refuses it). */
  directory?: DirectoryMode;
  password?: string;
}

/** A new account starts as filing staff (the most common), in the caller's unit when they have no choice. */
export function newUserDraft(caller: Caller): UserDraft {
  const roles = creatableRoles(caller);
  const role: Role | '' = roles.includes('unit_staff') ? 'unit_staff' : (roles[0] ?? '');
  return { username: '', name: '', role, unitId: fixedUnitOf(caller) ?? '' };
}

export const editDraft = (u: UserView): UserDraft => ({ username: u.username, name: u.name, role: u.role, unitId: u.unitId });

export const createBody = (d: UserDraft): CreateUserBody => ({ username: d.username, name: d.name, role: d.role as Role, unitId: d.unitId });

/** Only what changed is sent, with the version read; an unchanged form is refused by the schema ("没有要修改的内容"). The role is never sent: it is granted. */
export function editBody(d: UserDraft, before: UserView): EditUserBody {
  const body: EditUserBody = { version: before.version };
  if (d.name.trim() !== before.name) body.name = d.name;
  if (d.unitId !== before.unitId) body.unitId = d.unitId;
  return body;
}

/** A grant: the role, the unit when it moves with it, and the version read. */
export function grantBody(d: UserDraft, before: UserView): GrantRoleBody {
  return { role: d.role as Role, ...(d.unitId !== before.unitId ? { unitId: d.unitId } : {}), version: before.version };
}

/** Field errors keyed by body path (`username`, `unitId`, `form`); empty when the API would take it. */
export function checkUserDraft(action: UserAction, d: UserDraft, before: UserView | undefined, units: readonly UnitView[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed =
    action === 'create' ? createUserBody.safeParse(createBody(d)) : action === 'grant' ? grantRoleBody.safeParse(grantBody(d, before!)) : editUserBody.safeParse(editBody(d, before!));
  if (!parsed.success) for (const i of parsed.error.issues) errors[i.path.join('.') || 'form'] ??= i.message;
  if (!d.role) errors.role ??= '请选择角色';
  if (action === 'grant' && before && d.role === before.role && d.unitId === before.unitId) errors.role ??= t('该账号已是该角色', 'The account already holds this role');
  if (d.role && d.unitId && (action === 'create' || d.role !== before?.role || d.unitId !== before?.unitId)) {
    const problem = placementProblems(d.role, d.unitId, units)[0];
    if (problem) errors.unitId ??= problem.message;
  }
  return errors;
}

export function useUserForms(caller: () => Caller, regionId: () => string, units: () => readonly UnitView[], onDone: () => Promise<void> | void) {
  const { t } = useI18n();
  const open = ref(false);
  const action = ref<UserAction>('create');
  const target = shallowRef<UserView>();
  const draft = reactive<UserDraft>({ username: '', name: '', role: '', unitId: '' });
  const errors = ref<Record<string, string>>({});
  const { saving, submit } = useFormSubmit(errors);
  /** The password to show once; cleared when its dialog closes. */
  const issued = shallowRef<IssuedPassword>();

  function start(next: UserAction, user?: UserView): void {
    action.value = next;
    target.value = user;
    Object.assign(draft, next !== 'create' && user ? editDraft(user) : newUserDraft(caller()));
    errors.value = {};
    open.value = true;
  }

  /** A role change keeps the unit only where the new role may sit. */
  function roleChanged(): void {
    const fixed = fixedUnitOf(caller());
    if (fixed) draft.unitId = fixed;
    else if (draft.unitId && !unitChoices(caller(), draft.role, units(), action.value === 'grant').some((u) => u.unitId === draft.unitId)) draft.unitId = '';
    delete errors.value.unitId;
  }

  async function save(): Promise<boolean> {
    errors.value = checkUserDraft(action.value, draft, target.value, units());
    if (Object.keys(errors.value).length) return false;
    return submit(
      async () => {
        if (action.value === 'create') {
          const res = await createUserApi(regionId(), createBody(draft));
          open.value = false;
          issued.value = { kind: 'create', username: res.username, name: res.name, directory: res.directory, password: res.temporaryPassword };
        } else if (action.value === 'grant') {
          const res = await grantRoleApi(regionId(), target.value!.username, grantBody(draft, target.value!));
          open.value = false;
          ElMessage.success(t('accounts.granted', { name: res.name, role: t(`role.${res.role}`) }));
        } else {
          await editUserApi(regionId(), target.value!.username, editBody(draft, target.value!));
          open.value = false;
          ElMessage.success(t('accounts.saved'));
        }
        await onDone();
      },
      async (e) => {
        if (e.status === 409 && action.value === 'create') errors.value = { ...errors.value, username: e.message };
        if (e.status === 409 && action.value !== 'create') await onDone();
      },
    );
  }

  return { open, action, target, draft, errors, saving, issued, start, roleChanged, save };
}
