// The one zod import of the contracts, with messages in the current language and the primitives
// that every schema shares (ids, dates, texts). Re-exported as a namespace (`export * as`) and used
// only as `z.member`, so a bundle keeps what it uses: a namespace passed on as a value (or zod's own
// `z` export) would pull every locale and the JSON-schema code into each Lambda (~450 KB).
import * as z from './zod-api.ts';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { isIsoDate } from '../domain/dates.ts';
import { USERNAME_PATTERN } from '../domain/accounts.ts';
import { currentLanguage, t } from './lang.ts';

const locales = { zh: zhCN().localeError, en: en().localeError };
z.config({ localeError: (issue) => locales[currentLanguage()](issue) });

export { z };

export const isoDate = z.string().refine(isIsoDate, { error: () => t('日期格式应为 YYYY-MM-DD', 'Dates are written YYYY-MM-DD') });
export const isoDateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: () => t('时间格式有误', 'Not a valid time') });
export const version = z.number().int().min(1);

/** Ids taken from a path or a body: exact patterns, so a key is never built from a prefix or a long string. */
export const ids = {
  region: z.string().regex(/^\d{6}$/, { error: () => t('行政区划代码应为 6 位数字', 'A region code is 6 digits') }),
  cycle: z.string().regex(/^\d{4}$/, { error: () => t('考评周期编号应为 4 位年份', 'A cycle id is a 4-digit year') }),
  unit: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, { error: () => t('单位编号有误', 'Not a valid unit id') }),
  category: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, { error: () => t('类别编号有误', 'Not a valid category id') }),
  year: z.string().regex(/^\d{4}$/, { error: () => t('年度应为 4 位数字', 'A year is 4 digits') }),
  username: z.string().regex(USERNAME_PATTERN, { error: () => t('用户名有误', 'Not a valid username') }),
};

// Characters that change how a text looks or reads without showing: controls (but tab/newline in
// long texts), zero-widths, bidi overrides, soft hyphen, BOM, and the like.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFFB]/;
const LINE_BREAKS = /[\t\n\r]/;

/** NFC, trimmed, without invisible characters: how names and identifying texts are stored and compared. */
export const normalise = (s: string) => s.normalize('NFC').trim();

/**
 * A text that identifies something or is shown to others: normalised, and refused if it holds an
 * invisible or control character (line breaks only where `multiline`).
 */
export function text(options: { min?: number; max: number; multiline?: boolean }) {
  return z
    .string()
    .transform(normalise)
    .pipe(
      z
        .string()
        .min(options.min ?? 0)
        .max(options.max)
        .refine((s) => !INVISIBLE.test(s) && (options.multiline || !LINE_BREAKS.test(s)), {
          error: () => t('含有不可见字符或控制字符', 'Holds an invisible or control character'),
        }),
    );
}
