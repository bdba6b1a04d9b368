// Preliminary results and grading (Art 21–22): the bureau's computation runs, category tables and
// publication; a unit's own result; vetoes (一票否决).
import { preliminaryResultRoutes, vetoRoutes } from '@shared/contracts/results.ts';
import { call } from './call';

export type { CategoryStandingView, PublicationView, ResultView, ResultsView, RunView, UnitResultView, VetoView, VetoesView } from '@shared/contracts/results.ts';

type Cycle = { regionId: string; cycleId: string };

/** 开始计算（异步；seenRunId：页面上看到的最近一次计算） */
export const startResultRunApi = (p: Cycle, seenRunId: string | null) => call(preliminaryResultRoutes.startResultRun, { params: p, body: { seenRunId } });
export const getLatestResultRunApi = (p: Cycle) => call(preliminaryResultRoutes.getLatestResultRun, { params: p });
export const listResultsApi = (p: Cycle, query: { categoryId?: string; page: number; limit: number }) => call(preliminaryResultRoutes.listResults, { params: p, query });
export const getUnitResultApi = (p: Cycle & { unitId: string }) => call(preliminaryResultRoutes.getUnitResult, { params: p });
export const publishResultsApi = (p: Cycle & { categoryId: string }, version: number) => call(preliminaryResultRoutes.publishResults, { params: p, body: { version } });
export const listVetoesApi = (p: Cycle) => call(vetoRoutes.listVetoes, { params: p, query: {} });
export const proposeVetoApi = (p: Cycle & { unitId: string }, body: { vetoId: string; facts: string }) => call(vetoRoutes.proposeVeto, { params: p, body }, { silent: true });
export const decideVetoApi = (p: Cycle & { unitId: string; vetoRecordId: string }, body: { decision: 'approve' | 'reject'; reason: string; version: number }) => call(vetoRoutes.decideVeto, { params: p, body }, { silent: true });
