// Assessor scoring and the satisfaction survey (考核评分, Art 17–18; stage 6): an assessor unit scores the
// plan leaves assigned to it for every unit of its scope, goal by goal, correcting an input (never the
// score) only with a reason, and submits each indicator; the third party enters or imports its survey
// rates; the bureau follows the progress. A unit never reaches these routes. Rules in
// domain/assessor-scores.ts and domain/score-rows.ts; storage in data/scores.ts.
import { scoreCorrection, scoreInputs, scoreKind, scoreStatus } from '../model/score.ts';
import { evidenceFile } from '../model/progress-report.ts';
import { selfStatus } from '../model/self-assessment.ts';
import { BUREAU_ROLES } from '../domain/roles.ts';
import { bureau, only } from './access.ts';
import { route } from './define.ts';
import { t } from './lang.ts';
import { cyclePath, cycleUnitPath, goalPath } from './paths.ts';
import { text, z } from './zod.ts';

/** The worklist and the sheets: an assessor unit's own staff, the third party for its unit, the bureau for any. */
const assessorDesk = only([...BUREAU_ROLES, 'assessor_staff', 'third_party'], 'ownUnit');
/** One unit's goal: an assessor unit for the indicators the plan assigns it (the bureau reaches all; it writes only its own unit's leaves). */
const scorers = only([...BUREAU_ROLES, 'assessor_staff'], 'assessorOf');
/** One unit's survey rates: the third party for the surveys assigned to it (the bureau reaches all; it writes only its own unit's). */
const surveyors = only([...BUREAU_ROLES, 'third_party'], 'thirdParty');

export const workState = z.enum(['toScore', 'scored', 'submitted']);

export const scoreView = z.object({
  unitId: z.string(),
  indicatorId: z.string(),
  categoryId: z.string(),
  assessorUnitId: z.string(),
  points: z.number(),
  common: z.boolean(),
  methodKind: scoreKind,
  inputs: scoreInputs,
  corrections: z.array(scoreCorrection),
  score: z.number().nullable(),
  explanation: z.array(z.string()),
  status: scoreStatus,
  submittedAt: z.string().optional(),
  version: z.number(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ScoreView = z.infer<typeof scoreView>;

/** A row of the worklist: one unit and one leaf. */
export const workRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  indicatorId: z.string(),
  indicatorName: z.string(),
  methodKind: scoreKind,
  points: z.number(),
  state: workState,
  /** The approved goal's target and unit of measure (method leaves). */
  target: z.number().optional(),
  unitOfMeasure: z.string().optional(),
  /** What the unit reported for the input (its submitted or approved self-assessment), as text; indicator view only. */
  reported: z.string().optional(),
  score: scoreView.optional(),
});
export type WorkRow = z.infer<typeof workRow>;

export const indicatorSummary = z.object({
  indicatorId: z.string(),
  name: z.string(),
  methodKind: scoreKind,
  /** Points as the categories give them (one per category). */
  points: z.array(z.number()),
  total: z.number().int(),
  toScore: z.number().int(),
  scored: z.number().int(),
  submitted: z.number().int(),
});
export type IndicatorSummary = z.infer<typeof indicatorSummary>;

export const worklistQuery = z.object({
  indicatorId: goalPath.shape.indicatorId.optional(),
  forUnit: cycleUnitPath.shape.unitId.optional(),
  state: workState.optional(),
});

export const worklistView = z.object({
  cycleId: z.string(),
  assessorUnitId: z.string(),
  assessorName: z.string(),
  stage: z.number().int(),
  /** Scores may be written now (the cycle in 考核评分, and the caller is this assessor unit). */
  editable: z.boolean(),
  deadline: z.string().optional(),
  indicators: z.array(indicatorSummary),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string() })),
  rows: z.array(workRow),
});
export type WorklistView = z.infer<typeof worklistView>;

export const scoreDetail = z.object({
  row: workRow,
  criteria: z.string().optional(),
  goal: z.object({ target: z.number().optional(), unitOfMeasure: z.string().optional(), milestones: z.array(z.object({ date: z.string(), expected: z.number() })) }).optional(),
  /** The unit's self-assessment of the goal, once its set is submitted (never a draft). */
  self: z
    .object({
      status: selfStatus,
      achieved: z.number().optional(),
      occurrences: z.number().optional(),
      level: z.string().optional(),
      selfScore: z.number().optional(),
      narrative: z.string().optional(),
      explanation: z.array(z.string()),
      evidence: z.array(evidenceFile),
    })
    .optional(),
  editable: z.boolean(),
});
export type ScoreDetail = z.infer<typeof scoreDetail>;

/** The input of the leaf's method (one field), the reason when it corrects what stood before, and the version read (0: new). */
/** A measured value as typed: a plain decimal (scoring/measure.ts), never an exponent or a float. */
const measureText = z.string().regex(/^-?\d{1,30}(\.\d{1,12})?$/, { error: () => t('应为数值，如 12.5', 'Must be a number such as 12.5') });
export const saveScoreBody = z.object({
  inputs: z.object({
    actual: measureText.optional(),
    value: measureText.optional(),
    occurrences: z.number().int().min(0).max(1_000_000).optional(),
    level: z.enum(['excellent', 'good', 'fair', 'poor']).optional(),
    score: z.number().int().min(0).max(100_000_000).optional(),
  }),
  reason: text({ max: 500, multiline: true }).optional(),
  version: z.number().int().min(0),
});
export type SaveScoreBody = z.infer<typeof saveScoreBody>;

export const saveSurveyBody = z.object({
  /** Hundredths of a percent: 87.50 % = 8750. */
  rate: z.number().int().min(0).max(10_000),
  reason: text({ max: 500, multiline: true }).optional(),
  version: z.number().int().min(0),
});
export type SaveSurveyBody = z.infer<typeof saveSurveyBody>;

/** How many units the assessor saw in the indicator when it submitted: a list changed since is refused (409). */
export const submitScoresBody = z.object({ total: z.number().int().min(1).max(10_000) });
export const submitScoresResult = z.object({ indicatorId: z.string(), submitted: z.number().int(), allSubmitted: z.boolean() });

const sheetRows = z.array(z.array(z.string().max(1000)).max(30)).min(1).max(3000);
export const scoreSheetBody = z.object({ indicatorId: goalPath.shape.indicatorId, rows: sheetRows, dryRun: z.boolean().default(false) });
export const surveySheetBody = z.object({ rows: sheetRows, dryRun: z.boolean().default(false) });
export const sheetResult = z.object({ count: z.number().int().min(0), dryRun: z.boolean() });

export const assessorProgress = z.object({
  unitId: z.string(),
  name: z.string(),
  status: z.enum(['open', 'submitted']),
  submittedAt: z.string().optional(),
  deadline: z.string(),
  extended: z.boolean(),
  /** Past its deadline with indicators not submitted, or submitted after it. */
  late: z.boolean(),
  total: z.number().int(),
  scored: z.number().int(),
  submitted: z.number().int(),
  indicators: z.array(indicatorSummary.extend({ submittedAt: z.string().optional() })),
});
export const scoringProgressView = z.object({ cycleId: z.string(), stage: z.number().int(), deadline: z.string().optional(), assessors: z.array(assessorProgress) });
export type ScoringProgressView = z.infer<typeof scoringProgressView>;

const desk = '/regions/{regionId}/cycles/{cycleId}/assessors/{unitId}';
const one = '/regions/{regionId}/cycles/{cycleId}/units/{unitId}';

export const scoreRoutes = {
  getScoreWorklist: route({ method: 'GET', path: `${desk}/scores`, group: 'assessment', access: assessorDesk, params: cycleUnitPath, query: worklistQuery, output: worklistView, summary: '考评单位（第三方）的评分工作清单：按指标或按单位，含进度' }),
  getScore: route({ method: 'GET', path: `${one}/scores/{indicatorId}`, group: 'assessment', access: scorers, params: goalPath, output: scoreDetail, summary: '考评单位查看一个单位一项目标的自评、佐证与评分' }),
  saveScore: route({ method: 'PUT', path: `${one}/scores/{indicatorId}`, group: 'assessment', access: scorers, params: goalPath, body: saveScoreBody, output: scoreView, summary: '考评单位录入评分输入（更正须说明理由），引擎计算得分' }),
  saveSurvey: route({ method: 'PUT', path: `${one}/survey/{indicatorId}`, group: 'assessment', access: surveyors, params: goalPath, body: saveSurveyBody, output: scoreView, summary: '第三方录入一个单位的满意率' }),
  submitScores: route({ method: 'POST', path: `${desk}/scores/{indicatorId}/submit`, group: 'assessment', access: assessorDesk, params: goalPath, body: submitScoresBody, output: submitScoresResult, summary: '考评单位（第三方）报送一项指标全部单位的评分' }),
  importScores: route({ method: 'POST', path: `${desk}/scores-import`, group: 'assessment', access: assessorDesk, params: cycleUnitPath, body: scoreSheetBody, output: sheetResult, summary: '考评单位从表格导入一项指标各单位的评分输入' }),
  importSurvey: route({ method: 'POST', path: `${desk}/survey-import`, group: 'assessment', access: assessorDesk, params: cycleUnitPath, body: surveySheetBody, output: sheetResult, summary: '第三方从表格导入满意度调查结果（不含个人联系方式）' }),
  getScoringProgress: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/scoring-progress', group: 'assessment', access: bureau, params: cyclePath, output: scoringProgressView, summary: '绩效办查看各考评单位、各指标的评分进度及逾期情况' }),
};
