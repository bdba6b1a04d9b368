// The signed-in user: token, profile and role checks.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ACCOUNT_IMPORTERS, ACCOUNT_MANAGERS, AUDIT_READERS, ROLE_GRANTERS } from '@shared/domain/accounts.ts';
import { BUREAU_ROLES, BUSINESS_ROLES, type Role } from '@shared/domain/roles.ts';
import { changePasswordApi, endSessionApi, getMeApi, loginApi, logoutApi, refreshTokenApi } from '@/api/auth';
import type { Me } from '@/api/types';
import { clearToken, readToken, writeToken } from '@/auth/token';
import { runtimeConfig } from '@/config/runtime';

/** The landing page of each role: the administrators' one page, 待授权's notice, the business's workbench. */
export function homeOf(role: Role | undefined): string {
  if (role === 'system_admin') return 'users';
  if (role === 'security_admin') return 'roles';
  if (role === 'audit_admin') return 'audit';
  if (role === 'unassigned') return 'pending';
  return 'dashboard';
}

/** Whether a role may open a page: the page's own role list, or else any business role. */
export function mayOpen(role: Role, meta: { roles?: readonly Role[]; bureauOnly?: boolean }): boolean {
  if (meta.roles) return meta.roles.includes(role);
  if (!BUSINESS_ROLES.includes(role)) return false;
  return !meta.bureauOnly || BUREAU_ROLES.includes(role);
}

export const useSessionStore = defineStore('session', () => {
  const token = ref<string | undefined>(readToken());
  const me = ref<Me>();

  const signedIn = computed(() => Boolean(token.value));
  const isBureau = computed(() => (me.value ? BUREAU_ROLES.includes(me.value.role) : false));
  const regionId = computed(() => me.value?.regionId ?? '');
  /** The role, once the profile is read. */
  const role = computed<Role | undefined>(() => me.value?.role);
  const holds = (roles: readonly Role[]) => computed(() => (role.value ? roles.includes(role.value) : false));
  /** The system administrator, bureau roles and unit leaders keep accounts (账号管理). */
  const isAccountManager = holds(ACCOUNT_MANAGERS);
  /** The bureau and the system administrator open accounts from a sheet. */
  const isAccountImporter = holds(ACCOUNT_IMPORTERS);
  /** The security administrator grants roles (角色授权). */
  const isRoleGranter = holds(ROLE_GRANTERS);
  /** The audit administrator reads the audit log (操作日志). */
  const isAuditReader = holds(AUDIT_READERS);
  /**
   * The roles that run the cycle. The three administrators and an account without a role see none of
   * its pages (三权分立, security.md M5): only their own (meta.roles on the route).
   */
  const isBusiness = holds(BUSINESS_ROLES);
  /** Where a role lands after signing in, and where a page it may not open sends it. */
  const home = computed(() => homeOf(role.value));

  function setToken(value: string): void {
    token.value = value;
    writeToken(value);
  }

  async function startSession(newToken: string): Promise<void> {
    setToken(newToken);
    me.value = undefined;
    await loadMe();
  }

  /** Signs in, or answers why a new password must be chosen first (no session then). */
  async function loginLocal(username: string, password: string): Promise<{ passwordChangeRequired: string } | undefined> {
    const res = await loginApi(username, password);
    if ('passwordChangeRequired' in res) return { passwordChangeRequired: res.reason };
    await startSession(res.token);
    return undefined;
  }

  /** A renewed token for the same session: from the local issuer, or by the OIDC refresh token. */
  async function renew(): Promise<void> {
    const from = token.value;
    const auth = runtimeConfig().auth;
    const next = auth.mode === 'local' ? (await refreshTokenApi()).token : await (await import('@/auth/oidc')).renewOidc(auth);
    // Signed out (idle, or by hand) while the renewal was on its way: its answer must not sign the tab in again.
    if (token.value === from) setToken(next);
  }

  async function changePasswordLocal(username: string, password: string, newPassword: string): Promise<void> {
    await startSession((await changePasswordApi(username, password, newPassword)).token);
  }

  async function loadMe(): Promise<Me> {
    me.value ??= await getMeApi();
    return me.value;
  }

  /** Forgets the session in this tab (the issuer session, if any, is left alone). */
  function clear(): void {
    token.value = undefined;
    me.value = undefined;
    clearToken();
  }

  /** Signs out: the session ends on the server first (its token then answers 401), whoever issued it. */
  async function logout(): Promise<void> {
    const auth = runtimeConfig().auth;
    if (token.value) await (auth.mode === 'local' ? logoutApi() : endSessionApi()).catch(() => undefined);
    clear();
    if (auth.mode === 'oidc') {
      const { oidcLogout } = await import('@/auth/oidc');
      await oidcLogout(auth);
    }
  }

  return { token, me, signedIn, role, isBureau, isBusiness, isAccountManager, isAccountImporter, isRoleGranter, isAuditReader, home, regionId, setToken, loginLocal, changePasswordLocal, renew, loadMe, clear, logout };
});
