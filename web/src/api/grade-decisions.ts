// Art 23 decisions and the leader's confirmation of a category's results (Art 22–23).
import { gradeDecisionRoutes, type DecideGradeDecisionBody, type ProposeGradeDecisionBody } from '@shared/contracts/grade-decisions.ts';
import { call } from './call';

export type { ConfirmationsView, ConfirmationView, FreezeView, GradeDecisionsView, GradeDecisionView, ReopenView } from '@shared/contracts/grade-decisions.ts';

type Cycle = { regionId: string; cycleId: string };

export const listGradeDecisionsApi = (p: Cycle) => call(gradeDecisionRoutes.listGradeDecisions, { params: p, query: {} });
/** 提出第二十三条调整（silent：对话框自己显示拒绝原因） */
export const proposeGradeDecisionApi = (p: Cycle & { unitId: string }, body: ProposeGradeDecisionBody) => call(gradeDecisionRoutes.proposeGradeDecision, { params: p, body }, { silent: true });
export const decideGradeDecisionApi = (p: Cycle & { unitId: string; decisionId: string }, body: DecideGradeDecisionBody) => call(gradeDecisionRoutes.decideGradeDecision, { params: p, body }, { silent: true });
export const getConfirmationsApi = (p: Cycle & { categoryId: string }) => call(gradeDecisionRoutes.getConfirmations, { params: p });
export const confirmResultsApi = (p: Cycle & { categoryId: string }, version: number) => call(gradeDecisionRoutes.confirmResults, { params: p, body: { version } }, { silent: true });
export const proposeReopenApi = (p: Cycle & { categoryId: string }, body: { reason: string; version: number }) => call(gradeDecisionRoutes.proposeReopen, { params: p, body }, { silent: true });
export const decideReopenApi = (p: Cycle & { categoryId: string; reopenId: string }, body: { decision: 'approve' | 'reject'; reason: string; version: number }) => call(gradeDecisionRoutes.decideReopen, { params: p, body }, { silent: true });
