// Results use (奖惩运用, Art 28–29): each unit's reward eligibility from its grade in the PUBLISHED results
// notice (the confirmed results the leader approved for publication; nothing before), with the plan's
// grassroots weighting factor as the notice recorded it. The bureau reads and exports it; consuming
// systems (the organisation department's, finance's) read it with a key of purpose 'results' — the
// indicator feed's key model (model/feed-system.ts), registered here, revoked and rotated on 数据接口.
import { GRADES } from '../domain/scoring/grading-rules.ts';
import { bureau, RESULTS_KEY } from './access.ts';
import { route } from './define.ts';
import { newKeyView } from './feed.ts';
import { cyclePath, regionPath } from './paths.ts';
import { ids, text, z } from './zod.ts';

export const eligibilityRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  grade: z.enum(GRADES),
  gradeName: z.string(),
  position: z.number().int(),
  rankInGrade: z.number().int(),
  /** The confirmed total, hundredths. */
  total: z.number().int(),
  /** 基层单位系数, hundredths (120 = 1.20). */
  factor: z.number().int(),
  /** total × factor, hundredths, exact (domain/results-use.ts). */
  weightedTotal: z.number().int(),
  /** 三等 and above: eligible for differentiated rewards. */
  eligible: z.boolean(),
  /** 不合格: award eligibility lost for the year. */
  lostAward: z.boolean(),
  basis: z.string(),
});
export type EligibilityRow = z.infer<typeof eligibilityRow>;

export const eligibilityCategory = z.object({
  categoryId: z.string(),
  categoryName: z.string(),
  factor: z.number().int(),
  eligibleCount: z.number().int(),
  lostCount: z.number().int(),
  rows: z.array(eligibilityRow),
});
export const eligibilityView = z.object({
  regionId: z.string(),
  cycleId: z.string(),
  /** The notice in force the grades come from; null while none is published (then no categories). */
  notice: z.object({ number: z.number().int(), documentNumber: z.string(), title: z.string(), publishedAt: z.string(), corrected: z.boolean() }).nullable(),
  categories: z.array(eligibilityCategory),
});
export type EligibilityView = z.infer<typeof eligibilityView>;

export const createResultsConsumerBody = z.object({ name: text({ min: 2, max: 60 }), cycleId: ids.cycle });
export type CreateResultsConsumerBody = z.input<typeof createResultsConsumerBody>;

export const resultsUseRoutes = {
  getEligibility: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/eligibility', group: 'results', access: bureau, params: cyclePath, output: eligibilityView, summary: '绩效办查看各单位奖惩运用资格（依据已发布的考评结果通报）' }),
  createResultsConsumer: route({ method: 'POST', path: '/regions/{regionId}/results-consumers', group: 'results', access: bureau, params: regionPath, body: createResultsConsumerBody, output: newKeyView, summary: '绩效办登记结果使用系统（如组织、财政部门系统）并生成只读密钥（只显示这一次）' }),
};

export const resultsConsumerRoutes = {
  /** A consuming system's read, with its key (purpose 'results'); a feed key is refused (403). */
  readEligibility: route({ method: 'GET', path: '/feed/regions/{regionId}/cycles/{cycleId}/eligibility', group: 'feed', access: RESULTS_KEY, params: cyclePath, output: eligibilityView, summary: '结果使用系统读取已发布的奖惩运用资格（按密钥认证，只读）' }),
};
