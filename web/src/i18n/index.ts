// Languages: Simplified Chinese first, English second; the choice is remembered in localStorage.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import en from 'element-plus/es/locale/lang/en';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import { setLanguageSource } from '@shared/contracts/lang.ts';
import enMessages from '@/locales/en.json';
import zhMessages from '@/locales/zh-CN.json';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'jx.locale';

type Messages = typeof zhMessages;

function storedLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : 'zh-CN';
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhMessages, en: enMessages },
});

function applyLocale(locale: Locale): void {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  if (globalThis.document) document.documentElement.lang = locale;
}
applyLocale(i18n.global.locale.value);
// Shared rules and the API answer in the portal's language.
setLanguageSource(() => (i18n.global.locale.value === 'en' ? 'en' : 'zh'));

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  applyLocale(locale);
}

/** Element Plus locale for <el-config-provider>. */
export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? en : zhCn));
