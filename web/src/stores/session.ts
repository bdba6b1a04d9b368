// The signed-in user: token, profile and role checks.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { BUREAU_ROLES } from '@shared/domain/roles.ts';
import { getMeApi, loginApi } from '@/api/auth';
import type { Me } from '@/api/types';
import { clearToken, readToken, writeToken } from '@/auth/token';
import { runtimeConfig } from '@/config/runtime';

export const useSessionStore = defineStore('session', () => {
  const token = ref<string | undefined>(readToken());
  const me = ref<Me>();

  const signedIn = computed(() => Boolean(token.value));
  const isBureau = computed(() => (me.value ? BUREAU_ROLES.includes(me.value.role) : false));
  const regionId = computed(() => me.value?.regionId ?? '');

  function setToken(value: string): void {
    token.value = value;
    writeToken(value);
  }

  async function loginLocal(username: string, password: string): Promise<void> {
    const res = await loginApi(username, password);
    setToken(res.token);
    me.value = undefined;
    await loadMe();
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

  async function logout(): Promise<void> {
    clear();
    const auth = runtimeConfig().auth;
    if (auth.mode === 'oidc') {
      const { oidcLogout } = await import('@/auth/oidc');
      await oidcLogout(auth);
    }
  }

  return { token, me, signedIn, isBureau, regionId, setToken, loginLocal, loadMe, clear, logout };
});
