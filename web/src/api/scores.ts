// Assessor scoring and the survey (Art 17–18), called by their contracts (functions/contracts/scores.ts).
import { scoreRoutes, type SaveScoreBody } from '@shared/contracts/scores.ts';
import type { CallOutput } from '@shared/contracts/define.ts';
import { call } from './call';

export type { SaveScoreBody, ScoreView, WorkRow, WorklistView, IndicatorSummary, ScoringProgressView, ScoreDetail } from '@shared/contracts/scores.ts';
export type AssessorProgress = CallOutput<typeof scoreRoutes.getScoringProgress>['assessors'][number];

const desk = (regionId: string, cycleId: string, unitId: string) => ({ regionId, cycleId, unitId });

/** 评分工作清单（可按指标、单位、状态筛选） */
export const getWorklistApi = (regionId: string, cycleId: string, assessorUnitId: string, query: { indicatorId?: string; forUnit?: string; state?: 'toScore' | 'scored' | 'submitted' } = {}) =>
  call(scoreRoutes.getScoreWorklist, { params: desk(regionId, cycleId, assessorUnitId), query });

export const getScoreApi = (regionId: string, cycleId: string, unitId: string, indicatorId: string) => call(scoreRoutes.getScore, { params: { ...desk(regionId, cycleId, unitId), indicatorId } });

/** 保存评分输入（错误由评分框显示） */
export const saveScoreApi = (regionId: string, cycleId: string, unitId: string, indicatorId: string, body: SaveScoreBody) =>
  call(scoreRoutes.saveScore, { params: { ...desk(regionId, cycleId, unitId), indicatorId }, body }, { silent: true });

export const saveSurveyApi = (regionId: string, cycleId: string, unitId: string, indicatorId: string, body: { rate: number; reason?: string; version: number }) =>
  call(scoreRoutes.saveSurvey, { params: { ...desk(regionId, cycleId, unitId), indicatorId }, body }, { silent: true });

export const submitScoresApi = (regionId: string, cycleId: string, assessorUnitId: string, indicatorId: string, total: number) =>
  call(scoreRoutes.submitScores, { params: { ...desk(regionId, cycleId, assessorUnitId), indicatorId }, body: { total } });

export const importScoresApi = (regionId: string, cycleId: string, assessorUnitId: string, indicatorId: string, rows: string[][], dryRun: boolean) =>
  call(scoreRoutes.importScores, { params: desk(regionId, cycleId, assessorUnitId), body: { indicatorId, rows, dryRun } }, { silent: true });

export const importSurveyApi = (regionId: string, cycleId: string, assessorUnitId: string, rows: string[][], dryRun: boolean) =>
  call(scoreRoutes.importSurvey, { params: desk(regionId, cycleId, assessorUnitId), body: { rows, dryRun } }, { silent: true });

export const getScoringProgressApi = (regionId: string, cycleId: string) => call(scoreRoutes.getScoringProgress, { params: { regionId, cycleId } });
