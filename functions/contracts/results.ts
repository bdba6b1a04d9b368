// Preliminary results and grading (汇总反馈 Art 21, 等次评定 Art 22): the bureau starts the computation
// over the region's cycle and watches its run, reads each category's table of units (total, grade, rank,
// what is missing) with every unit's breakdown, publishes a category's results to its units with the
// review window; a unit reads its own result once published (an assessor unit or the third party reads
// no totals); the bureau staff propose a veto (一票否决) with the facts and the bureau leader decides.
// Rules: domain/results.ts; storage: data/results.ts; the computation: handlers/workflow/compute-results.ts.
import { BUREAU_ROLES } from '../domain/roles.ts';
import { gradePlace, missingScore, resultRunRecord, totalBreakdown, vetoFacts, vetoRecord, vetoStatus } from '../model/result.ts';
import { vetoItem } from '../model/plan.ts';
import { appliedDecision } from '../model/grade-decision.ts';
import { bureau, bureauLeader, only } from './access.ts';
import { route } from './define.ts';
import { t } from './lang.ts';
import { categoryPath, cyclePath, cycleUnitPath } from './paths.ts';
import { ids, z } from './zod.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const vetoRecordId = z.string().regex(UUID, { error: () => t('一票否决事项编号有误', 'Not a valid veto id') });
export const vetoPath = cycleUnitPath.extend({ vetoRecordId });
const planVetoId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, { error: () => t('否决项编号有误', 'Not a valid veto item code') });

export const runView = resultRunRecord.omit({ regionId: true });
export type RunView = z.infer<typeof runView>;
export const latestRunView = z.object({ run: runView.nullable() });

export const publicationView = z.object({ categoryId: z.string(), publishedAt: z.string(), publishedBy: z.string(), reviewUntil: z.string(), reviewDays: z.number(), version: z.number() });
export type PublicationView = z.infer<typeof publicationView>;

/** One unit's result as the bureau's table and the unit's own page show it. */
export const resultView = z.object({
  unitId: z.string(),
  unitName: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  planVersion: z.number(),
  complete: z.boolean(),
  missing: z.array(missingScore),
  breakdown: totalBreakdown.nullable(),
  total: z.number().nullable(),
  place: gradePlace.nullable(),
  vetoes: z.array(z.string()),
  /** Approved Art 23 decisions (文号 each) that moved the place, never the total. */
  gradeDecisions: z.array(appliedDecision).optional(),
  computedAt: z.string(),
  runId: z.string(),
  version: z.number(),
});
export type ResultView = z.infer<typeof resultView>;

export const categoryStandingView = z.object({
  categoryId: z.string(),
  name: z.string(),
  units: z.number(),
  computed: z.number(),
  complete: z.number(),
  graded: z.boolean(),
  publication: publicationView.nullable(),
});
export type CategoryStandingView = z.infer<typeof categoryStandingView>;

export const resultsQuery = z.object({
  categoryId: ids.category.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(500).default(20),
});
/** The bureau's page: every category's standing, and a page of one category's units in grading order. */
export const resultsView = z.object({
  stage: z.number(),
  /** The cycle is at 汇总反馈 or 等次评定: the computation may run and results be published. */
  open: z.boolean(),
  categories: z.array(categoryStandingView),
  categoryId: z.string().nullable(),
  items: z.array(resultView),
  total: z.number(),
});
export type ResultsView = z.infer<typeof resultsView>;

export const unitResultView = z.object({
  unitId: z.string(),
  /** Null while the bureau has not published the unit's category (a unit then sees nothing). */
  result: resultView.nullable(),
  publication: publicationView.nullable(),
});
export type UnitResultView = z.infer<typeof unitResultView>;

export const vetoView = vetoRecord.omit({ regionId: true });
export type VetoView = z.infer<typeof vetoView>;
export const vetoesView = z.object({
  stage: z.number(),
  open: z.boolean(),
  items: z.array(vetoView),
  /** The units of the cycle with their category's veto items (the plan in force). */
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), categoryId: z.string(), categoryName: z.string() })),
  vetoItemsByCategory: z.record(z.string(), z.array(vetoItem)),
});
export type VetoesView = z.infer<typeof vetoesView>;
export const proposeVetoBody = z.object({ vetoId: planVetoId, facts: vetoFacts });
export const decideVetoBody = z.object({ decision: z.enum(['approve', 'reject']), reason: vetoFacts, version: z.number().int().min(1) });
/** The publication's version read (0: not yet published); republishing sets a new window. */
export const publishBody = z.object({ version: z.number().int().min(0) });
/** The latest run the bureau saw (null: none): a start is refused when another began since, so two people never start one each. */
export const startRunBody = z.object({ seenRunId: z.string().regex(UUID, { error: () => t('计算批次编号有误', 'Not a valid run id') }).nullable() });
export const vetoQuery = z.object({ status: vetoStatus.optional() });

const results = '/regions/{regionId}/cycles/{cycleId}';

export const preliminaryResultRoutes = {
  startResultRun: route({ method: 'POST', path: `${results}/result-runs`, group: 'results', access: bureau, params: cyclePath, body: startRunBody, output: runView, summary: '绩效办开始计算本周期全部类别的初步考评结果（异步，返回计算批次）' }),
  getLatestResultRun: route({ method: 'GET', path: `${results}/result-runs/latest`, group: 'results', access: bureau, params: cyclePath, output: latestRunView, summary: '最近一次初步结果计算的进度' }),
  listResults: route({ method: 'GET', path: `${results}/results`, group: 'results', access: bureau, params: cyclePath, query: resultsQuery, output: resultsView, summary: '成绩汇总：各类别计算情况，及一个类别各单位的总分、等次、名次（分页）' }),
  getUnitResult: route({ method: 'GET', path: `${results}/units/{unitId}/result`, group: 'results', access: only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit'), params: cycleUnitPath, output: unitResultView, summary: '单位的初步考评结果及得分明细（单位仅在公布后可见本单位的）' }),
  publishResults: route({ method: 'POST', path: `${results}/categories/{categoryId}/result-publication`, group: 'results', access: bureau, params: categoryPath, body: publishBody, output: publicationView, summary: '向类别内各单位公布初步结果，并确定复核申请截止日' }),
};

export const vetoRoutes = {
  listVetoes: route({ method: 'GET', path: `${results}/vetoes`, group: 'results', access: bureau, params: cyclePath, query: vetoQuery, output: vetoesView, summary: '一票否决事项（及可适用的否决项）' }),
  proposeVeto: route({ method: 'POST', path: `${results}/units/{unitId}/vetoes`, group: 'results', access: only(['bureau_staff'], 'region'), params: cycleUnitPath, body: proposeVetoBody, output: vetoView, summary: '绩效办工作人员提出一票否决事项，写明事实' }),
  decideVeto: route({ method: 'POST', path: `${results}/units/{unitId}/vetoes/{vetoRecordId}/decision`, group: 'results', access: bureauLeader, params: vetoPath, body: decideVetoBody, output: vetoView, summary: '绩效办领导审批一票否决事项（批准后不得撤销）' }),
};

export const resultRoutes = { ...preliminaryResultRoutes, ...vetoRoutes };
