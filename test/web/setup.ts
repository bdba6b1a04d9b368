// Plugins every mounted component needs: Pinia and the app's i18n (Chinese).
import { createPinia, setActivePinia } from 'pinia';
import type { Plugin } from 'vue';
import { i18n, setLocale } from '@/i18n';

export function plugins(): Plugin[] {
  const pinia = createPinia();
  setActivePinia(pinia);
  setLocale('zh-CN');
  return [pinia, i18n];
}
