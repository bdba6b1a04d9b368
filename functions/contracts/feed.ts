// Indicators fed from other systems (issue 12, progress reports, last point): the bureau registers a
// feeding system of its region — its name, the cycle, the indicators and optionally the units it may
// feed — and gets its key once; it revokes or rotates keys. The system calls the feed route with its
// key (header x-feed-key), never with a person's token. A fed value is stored on the unit's progress
// item as `fed` (model/progress-report.ts), which the unit cannot change.
import { feedGrants, feedSystemRecord, indicatorCode } from '../model/feed-system.ts';
import { figure, period } from '../model/progress-report.ts';
import { bureau, FEED_KEY } from './access.ts';
import { page, pageQuery, route } from './define.ts';
import { cyclePath, feedSystemPath, regionPath } from './paths.ts';
import { ids, text, version, z } from './zod.ts';

/** What the bureau sees of a system: never the key's hash; the key itself only once (created below). */
export const feedSystemView = feedSystemRecord.omit({ keyHash: true, regionId: true }).extend({ keyHint: z.string() });
export type FeedSystemView = z.infer<typeof feedSystemView>;

/** A new key: the whole key, shown this once and stored nowhere. */
export const newKeyView = z.object({ system: feedSystemView, key: z.string() });
export type NewKeyView = z.infer<typeof newKeyView>;

export const createFeedSystemBody = feedGrants;
export type CreateFeedSystemBody = z.input<typeof createFeedSystemBody>;
export const feedSystemVersionBody = z.object({ version });

/** The most rows a feed call takes; each row is stored in its own transaction (see the route). */
export const FEED_MAX_ROWS = 100;

export const feedRow = z.object({
  unitId: ids.unit,
  indicatorId: indicatorCode,
  period,
  value: figure,
  /** Kept in the audit entry of the fed value (where the figure came from, a batch number). */
  note: text({ max: 200 }).optional(),
});
export type FeedRow = z.infer<typeof feedRow>;
export const feedBody = z.object({ values: z.array(feedRow).min(1).max(FEED_MAX_ROWS) });
export type FeedBody = z.input<typeof feedBody>;

/** One row's outcome: stored (a new version of the item), unchanged (the same value was already fed), or refused with a code and reason. */
export const feedRowResult = z.object({
  row: z.number().int().min(0),
  unitId: z.string(),
  indicatorId: z.string(),
  period: z.string(),
  outcome: z.enum(['stored', 'unchanged', 'refused']),
  code: z.string().optional(),
  message: z.string().optional(),
  /** The item's version after the row. */
  version: z.number().int().optional(),
});
export const feedResult = z.object({
  systemId: z.string(),
  stored: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  refused: z.number().int().min(0),
  rows: z.array(feedRowResult),
});
export type FeedResult = z.infer<typeof feedResult>;

const systems = '/regions/{regionId}/feed-systems';

export const feedSystemRoutes = {
  listFeedSystems: route({ method: 'GET', path: systems, group: 'progress', access: bureau, params: regionPath, query: pageQuery, output: page(feedSystemView), summary: '绩效办查看本区域的数据接口（接入系统及其密钥状态、最近使用时间）' }),
  createFeedSystem: route({ method: 'POST', path: systems, group: 'progress', access: bureau, params: regionPath, body: createFeedSystemBody, output: newKeyView, summary: '绩效办登记接入系统并生成密钥（密钥只显示这一次）' }),
  revokeFeedSystem: route({ method: 'POST', path: `${systems}/{systemId}/revoke`, group: 'progress', access: bureau, params: feedSystemPath, body: feedSystemVersionBody, output: feedSystemView, summary: '绩效办吊销接入系统的密钥' }),
  rotateFeedSystem: route({ method: 'POST', path: `${systems}/{systemId}/rotate`, group: 'progress', access: bureau, params: feedSystemPath, body: feedSystemVersionBody, output: newKeyView, summary: '绩效办更换密钥：吊销旧密钥，以相同授权生成新密钥' }),
};

export const feedValueRoutes = {
  /**
   * The feed itself. Rows outside the key's grant (an indicator or unit it was not registered for)
   * refuse the whole call with 403 before anything is written. Otherwise each row is stored in its own
   * transaction with its own audit entry, and the answer reports every row.
   */
  feedValues: route({ method: 'POST', path: '/feed/regions/{regionId}/cycles/{cycleId}/values', group: 'feed', access: FEED_KEY, params: cyclePath, body: feedBody, output: feedResult, summary: '接入系统报送指标数据（按密钥认证，每次至多 100 行，逐行报告结果）' }),
};

export const feedRoutes = { ...feedSystemRoutes, ...feedValueRoutes };
