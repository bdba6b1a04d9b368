// The signed-in user: token, profile and role checks.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ACCOUNT_MANAGERS } from '@shared/domain/accounts.ts';
import { BUREAU_ROLES } from '@shared/domain/roles.ts';
import { changePasswordApi, getMeApi, loginApi, logoutApi, refreshTokenApi } from '@/api/auth';
import type { Me } from '@/api/types';
import { clearToken, readToken, writeToken } from '@/auth/token';
import { runtimeConfig } from '@/config/runtime';

export const useSessionStore = defineStore('session', () => {
  const token = ref<string | undefined>(readToken());
  const me = ref<Me>();

  const signedIn = computed(() => Boolean(token.value));
  const isBureau = computed(() => (me.value ? BUREAU_ROLES.includes(me.value.role) : false));
  const regionId = computed(() => me.value?.regionId ?? '');
  /** Bureau roles and unit leaders manage accounts (账号管理). */
  const isAccountManager = computed(() => (me.value ? ACCOUNT_MANAGERS.includes(me.value.role) : false));

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
    const auth = runtimeConfig().auth;
    if (auth.mode === 'local') return setToken((await refreshTokenApi()).token);
    const { renewOidc } = await import('@/auth/oidc');
    setToken(await renewOidc(auth));
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

  /** Signs out: the local issuer ends the session on the server first (its token then answers 401). */
  async function logout(): Promise<void> {
    const auth = runtimeConfig().auth;
    if (auth.mode === 'local' && token.value) await logoutApi().catch(() => undefined);
    clear();
    if (auth.mode === 'oidc') {
      const { oidcLogout } = await import('@/auth/oidc');
      await oidcLogout(auth);
    }
  }

  return { token, me, signedIn, isBureau, isAccountManager, regionId, setToken, loginLocal, changePasswordLocal, renew, loadMe, clear, logout };
});
