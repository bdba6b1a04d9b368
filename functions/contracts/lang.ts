// The language of messages. The API answers in the caller's language (Accept-Language) and the web
// in the portal's; both say where "the current language" comes from, and `t` picks the text.
export type Lang = 'zh' | 'en';

let source: () => Lang = () => 'zh';

/** The server binds this to the request being handled; the web to the portal's locale. */
export function setLanguageSource(next: () => Lang): void {
  source = next;
}

export const currentLanguage = (): Lang => source();

/** A message in both languages; Chinese is the default and the fallback. */
export function t(zh: string, en: string): string {
  return source() === 'en' ? en : zh;
}

/** `en` for an Accept-Language that prefers English over Chinese, `zh` otherwise. */
export function languageOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag.startsWith('zh') || x.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'zh';
}
