// The audit log's routes: search (by time range, user, unit and action, paged; the web exports the
// result to .xlsx) and the check of its hash chains. Read by `auditReaders` only.
import { auditRecord } from '../model/region.ts';
import { auditReaders } from './access.ts';
import { page, pageQuery, route } from './define.ts';
import { t } from './lang.ts';
import { regionPath } from './paths.ts';
import { ids, isoDate, z } from './zod.ts';

/** Longest range one search covers, in days (a search reads every entry of its range). */
export const AUDIT_SEARCH_DAYS = 366;
/** Longest range one check through the API covers (`npm run audit:verify` has no limit). */
export const AUDIT_VERIFY_DAYS = 93;

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;

/** from ≤ to, and at most `max` days; each refusal names its field. */
const rangeRule = (max: number) => (q: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (!q.from || !q.to) return;
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: t('结束日期不能早于开始日期', 'The end date is before the start date') });
  else if (daysBetween(q.from, q.to) > max) ctx.addIssue({ code: 'custom', path: ['to'], message: t(`一次最多 ${max} 天`, `At most ${max} days at a time`) });
};

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: () => t('月份格式应为 YYYY-MM', 'Months are written YYYY-MM') });

/**
 * A search: Beijing dates from..to (both given, or `month`, or by default the current month up to
 * today), and optionally who acted, their unit, and the action or its start (`user.`).
 */
export const auditQuery = pageQuery
  .extend({
    month: month.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    actor: ids.username.optional(),
    unitId: ids.unit.optional(),
    action: z.string().regex(/^[a-z][a-zA-Z0-9._-]{0,59}$/, { error: () => t('操作类型有误', 'Not a valid action') }).optional(),
  })
  .superRefine(rangeRule(AUDIT_SEARCH_DAYS));

export const auditVerifyQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() }).superRefine(rangeRule(AUDIT_VERIFY_DAYS));

export const chainBreak = z.object({
  kind: z.enum(['altered', 'replaced', 'missing', 'tailMissing', 'headMissing', 'duplicate', 'misfiled']),
  chain: z.string(),
  entryId: z.string(),
  at: z.string(),
  seq: z.number().optional(),
  message: z.string(),
});

export const auditVerification = z.object({
  regionId: z.string(),
  from: z.string(),
  to: z.string(),
  checked: z.number(),
  chains: z.number(),
  unchained: z.number(),
  breaks: z.array(chainBreak),
});

export const auditRoutes = {
  listAudit: route({ method: 'GET', path: '/regions/{regionId}/audit', group: 'account', access: auditReaders, params: regionPath, query: auditQuery, output: page(auditRecord), summary: '操作日志（按时间、用户、单位、操作查询）' }),
  verifyAudit: route({ method: 'GET', path: '/regions/{regionId}/audit/verify', group: 'account', access: auditReaders, params: regionPath, query: auditVerifyQuery, output: auditVerification, summary: '操作日志完整性校验' }),
};
