// Art 23 decisions and the leader's confirmation of a category's results (等次评定, Art 22–23): the
// bureau staff propose raising or lowering a unit's grade or rank with a reason, the bureau leader
// approves with the approval's 文号 or rejects; the leader confirms a category (frozen from then on), the
// staff propose a reasoned correction that reopens it, the leader decides, and the next confirmation is
// the next version. Rules: domain/confirmation.ts; storage: data/grade-decisions.ts, data/confirmations.ts.
import { adjustDirection, adjustTarget, categoryFreezeRecord, confirmationRecord, decisionReason, decisionStatus, documentNumber, gradeDecisionRecord, reopenRecord } from '../model/grade-decision.ts';
import { bureau, bureauLeader, only } from './access.ts';
import { route } from './define.ts';
import { t } from './lang.ts';
import { categoryPath, cyclePath, cycleUnitPath } from './paths.ts';
import { version, z } from './zod.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const gradeDecisionPath = cycleUnitPath.extend({ decisionId: z.string().regex(UUID, { error: () => t('调整事项编号有误', 'Not a valid decision id') }) });
export const reopenPath = categoryPath.extend({ reopenId: z.string().regex(UUID, { error: () => t('更正申请编号有误', 'Not a valid correction id') }) });

export const gradeDecisionView = gradeDecisionRecord.omit({ regionId: true });
export type GradeDecisionView = z.infer<typeof gradeDecisionView>;
export const freezeView = categoryFreezeRecord.omit({ regionId: true, cycleId: true });
export type FreezeView = z.infer<typeof freezeView>;
export const confirmationView = confirmationRecord.omit({ regionId: true });
export type ConfirmationView = z.infer<typeof confirmationView>;
export const reopenView = reopenRecord.omit({ regionId: true });
export type ReopenView = z.infer<typeof reopenView>;

export const gradeDecisionsView = z.object({
  stage: z.number(),
  /** The cycle is at 等次评定: decisions may be proposed and decided, categories confirmed. */
  open: z.boolean(),
  items: z.array(gradeDecisionView),
  /** Each confirmed (or reopened) category's state; a category absent here was never confirmed. */
  freezes: z.array(freezeView),
});
export type GradeDecisionsView = z.infer<typeof gradeDecisionsView>;
export const gradeDecisionsQuery = z.object({ status: decisionStatus.optional() });

export const proposeGradeDecisionBody = z.object({ target: adjustTarget, direction: adjustDirection, steps: z.number().int().min(1).max(100), reason: decisionReason });
export type ProposeGradeDecisionBody = z.infer<typeof proposeGradeDecisionBody>;
export const decideGradeDecisionBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), documentNumber, version }),
  z.object({ decision: z.literal('reject'), reason: decisionReason, version }),
]);
export type DecideGradeDecisionBody = z.infer<typeof decideGradeDecisionBody>;

export const confirmationsView = z.object({
  categoryId: z.string(),
  freeze: freezeView.nullable(),
  /** Every confirmed version, oldest first. */
  confirmations: z.array(confirmationView),
  reopens: z.array(reopenView),
});
export type ConfirmationsView = z.infer<typeof confirmationsView>;
/** The freeze state's version read (0: never confirmed). */
export const confirmBody = z.object({ version: z.number().int().min(0) });
export const proposeReopenBody = z.object({ reason: decisionReason, version });
export const decideReopenBody = z.object({ decision: z.enum(['approve', 'reject']), reason: decisionReason, version });

const cycle = '/regions/{regionId}/cycles/{cycleId}';

export const gradeDecisionRoutes = {
  listGradeDecisions: route({ method: 'GET', path: `${cycle}/grade-decisions`, group: 'results', access: bureau, params: cyclePath, query: gradeDecisionsQuery, output: gradeDecisionsView, summary: '第二十三条等次、位次调整事项，及各类别的确认状态' }),
  proposeGradeDecision: route({ method: 'POST', path: `${cycle}/units/{unitId}/grade-decisions`, group: 'results', access: only(['bureau_staff'], 'region'), params: cycleUnitPath, body: proposeGradeDecisionBody, output: gradeDecisionView, summary: '绩效办工作人员提出提高或降低单位等次、位次（第二十三条），写明理由' }),
  decideGradeDecision: route({ method: 'POST', path: `${cycle}/units/{unitId}/grade-decisions/{decisionId}/decision`, group: 'results', access: bureauLeader, params: gradeDecisionPath, body: decideGradeDecisionBody, output: gradeDecisionView, summary: '绩效办领导批准（填写批准文号）或不批准第二十三条调整' }),
  getConfirmations: route({ method: 'GET', path: `${cycle}/categories/{categoryId}/confirmations`, group: 'results', access: bureau, params: categoryPath, output: confirmationsView, summary: '类别考评结果的确认状态、历次确认的版本与更正申请' }),
  confirmResults: route({ method: 'POST', path: `${cycle}/categories/{categoryId}/confirmations`, group: 'results', access: bureauLeader, params: categoryPath, body: confirmBody, output: confirmationView, summary: '绩效办领导确认类别考评结果（确认后冻结，形成一个版本）' }),
  proposeReopen: route({ method: 'POST', path: `${cycle}/categories/{categoryId}/reopens`, group: 'results', access: only(['bureau_staff'], 'region'), params: categoryPath, body: proposeReopenBody, output: reopenView, summary: '绩效办工作人员对已确认的结果提出更正申请（说明理由）' }),
  decideReopen: route({ method: 'POST', path: `${cycle}/categories/{categoryId}/reopens/{reopenId}/decision`, group: 'results', access: bureauLeader, params: reopenPath, body: decideReopenBody, output: reopenView, summary: '绩效办领导审批更正申请（批准后重新计算并再次确认，形成新版本）' }),
};
