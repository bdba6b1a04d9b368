// Adjusting an approved goal (Art 11) as pure rules: when a request may be made, who moves it from
// which status to which, what a proposal must be, and the goal an approval makes (a new revision
// that records the fact, date and reason class; the old revision is kept apart by the caller).
import { t } from '../contracts/lang.ts';
import type { AdjustmentRecord, AdjustmentStatus } from '../model/goal-adjustment.ts';
import type { AdjustmentReason, GoalFields, GoalRecord, GoalStatus } from '../model/goal.ts';
import type { FieldProblem } from './errors.ts';
import { changedFields, goalProblems } from './goals.ts';
import type { PlanNode } from './plan.ts';
import type { Role } from './roles.ts';
import { stageAt, type StageCode } from './stages.ts';

/** Goals are adjusted once set: while the bureau still reviews other units' sets, and during the year's execution. */
export const ADJUSTMENT_STAGES: readonly StageCode[] = ['goal_review', 'execution'];

const REASON_NAMES: Record<AdjustmentReason, () => string> = {
  major_decision: () => t('重大决策调整', 'Major decision change'),
  institutional: () => t('机构调整', 'Institutional change'),
  force_majeure: () => t('不可抗力因素', 'Force majeure'),
};
export const reasonName = (r: AdjustmentReason) => REASON_NAMES[r]();

/** Why a request cannot be made now; undefined when it can. */
export function requestRefusal(currentStage: number, setStatus: GoalStatus | undefined, goal: Pick<GoalRecord, 'status'> | undefined): string | undefined {
  if (!ADJUSTMENT_STAGES.includes(stageAt(currentStage))) {
    return t('只有在「目标审定」或「过程管理」阶段才能申请调整目标', 'Goals can be adjusted only in goal review or execution');
  }
  if (setStatus !== 'approved' || goal?.status !== 'approved') return t('只有已审定的目标才能申请调整', 'Only an approved goal can be adjusted');
  return undefined;
}

/** The status a new request starts in: a filer's is a draft for the leader; the leader and an assessor unit send it on. */
export function initialStatus(role: Role, submit: boolean): { ok: true; status: AdjustmentStatus } | { ok: false; message: string } {
  if (role === 'assessor_staff') return { ok: true, status: 'pending' };
  if (role === 'unit_leader') return { ok: true, status: submit ? 'pending' : 'draft' };
  if (role === 'unit_staff') {
    return submit ? { ok: false, message: t('调整申请由单位负责人报送，填报员只能保存草稿', 'The unit leader submits an adjustment request; a filer saves a draft') } : { ok: true, status: 'draft' };
  }
  return { ok: false, message: t('您的角色无权申请调整目标', 'Your role may not request a goal adjustment') };
}

export const ADJUSTMENT_ACTIONS = ['submit', 'approve', 'reject', 'withdraw'] as const;
export type AdjustmentAction = (typeof ADJUSTMENT_ACTIONS)[number];

/** From which statuses each action starts, where it leads, who takes it. */
export const ADJUSTMENT_MOVES: Record<AdjustmentAction, { from: readonly AdjustmentStatus[]; to: AdjustmentStatus; roles: readonly Role[] }> = {
  submit: { from: ['draft'], to: 'pending', roles: ['unit_leader'] },
  /** Art 11: the bureau (绩效管理工作机构) decides; its leader approves (SPEC: approvals are the leader's). */
  approve: { from: ['pending'], to: 'approved', roles: ['bureau_leader'] },
  reject: { from: ['pending'], to: 'rejected', roles: ['bureau_leader'] },
  /** The requester withdraws: the unit its own requests, the assessor unit those it made. */
  withdraw: { from: ['draft', 'pending'], to: 'withdrawn', roles: ['unit_staff', 'unit_leader', 'assessor_staff'] },
};

const STATUS_NAMES: Record<AdjustmentStatus, () => string> = {
  draft: () => t('草稿', 'draft'),
  pending: () => t('待审批', 'pending'),
  approved: () => t('已批准', 'approved'),
  rejected: () => t('未批准', 'rejected'),
  withdrawn: () => t('已撤回', 'withdrawn'),
};
export const adjustmentStatusName = (s: AdjustmentStatus) => STATUS_NAMES[s]();

export type AdjustmentMove = { ok: true; to: AdjustmentStatus } | { ok: false; reason: 'role' | 'status'; message: string };

export function adjustmentMove(action: AdjustmentAction, from: AdjustmentStatus, role: Role, requesterKind: AdjustmentRecord['requesterKind']): AdjustmentMove {
  const move = ADJUSTMENT_MOVES[action];
  // A unit submits or withdraws only its own requests; an assessor unit withdraws only those it made.
  const requester = role === 'assessor_staff' ? 'assessor' : 'unit';
  if (!move.roles.includes(role) || ((action === 'submit' || action === 'withdraw') && requesterKind !== requester)) {
    return { ok: false, reason: 'role', message: t('您的角色无权执行此操作', 'Your role may not do this') };
  }
  if (!move.from.includes(from)) {
    return { ok: false, reason: 'status', message: t(`该调整申请${adjustmentStatusName(from)}，不能再执行此操作`, `This adjustment request is ${adjustmentStatusName(from)}; this can no longer be done`) };
  }
  return { ok: true, to: move.to };
}

/** A proposal must change the goal and be a complete goal of its leaf for the cycle year. */
export function proposalProblems(leaf: PlanNode, current: GoalFields, proposed: GoalFields, year: number): FieldProblem[] {
  const at = `goals.${leaf.id}.`;
  const problems: FieldProblem[] = goalProblems(leaf, { indicatorId: leaf.id, ...proposed }, year).map((p) => ({
    path: `body.proposed.${p.path.startsWith(at) ? p.path.slice(at.length) : 'target'}`,
    message: p.message,
  }));
  if (!changedFields(current, proposed).length) problems.push({ path: 'body.proposed', message: t('调整后的目标与现行目标相同', 'The proposed goal is the same as the goal in force') });
  return problems;
}

/** The goal an approved adjustment makes: the proposed fields as the next revision, the fact recorded. */
export function adjustedGoal(goal: GoalRecord, request: Pick<AdjustmentRecord, 'proposed' | 'reason'>, at: string, by: string): GoalRecord {
  const revision = (goal.revision ?? 1) + 1;
  const { returnReason: _r, returnedAt: _a, returnedAs: _s, ...kept } = goal;
  return {
    ...kept,
    ...request.proposed,
    revision,
    adjustments: [...(goal.adjustments ?? []), { revision, decidedAt: at, reason: request.reason }],
    version: goal.version + 1,
    updatedAt: at,
    updatedBy: by,
  };
}
