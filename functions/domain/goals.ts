// A unit's goals (Art 8–10) as pure rules: which plan leaves a unit must set goals for, what is still
// missing or wrong in its set (coverage), who may move the set from which status to which, and what
// the bureau's review must carry (a reason for every goal it returns).
import { t } from '../contracts/lang.ts';
import { BUREAU_ROLES, type Role } from './roles.ts';
import type { FieldProblem } from './errors.ts';
import { isIsoDate } from './dates.ts';
import { leaves, type CategoryPlan, type PlanNode } from './plan.ts';
import { stageAt, type StageCode } from './stages.ts';
import type { GoalCounts, GoalFields, GoalStatus, Milestone } from '../model/goal.ts';

/** Leaves a unit sets goals for: every leaf but the satisfaction surveys (scored by the survey, not by a target). */
export function goalLeaves(plan: Pick<CategoryPlan, 'tree'>): PlanNode[] {
  return leaves(plan.tree)
    .map((w) => w.node)
    .filter((n) => n.method?.kind !== 'satisfaction');
}

/** What coverage looks at in a goal. */
export interface GoalDraft {
  indicatorId: string;
  target?: number | undefined;
  unitOfMeasure?: string | undefined;
  milestones: readonly Milestone[];
  scoringNote?: string | undefined;
}

export const COVERAGE_CODES = ['missing', 'awaitingAssessor', 'target', 'milestoneYear', 'milestoneOrder', 'notRefinable', 'notInPlan'] as const;
export type CoverageCode = (typeof COVERAGE_CODES)[number];
export interface CoverageProblem extends FieldProblem {
  indicatorId: string;
  code: CoverageCode;
}

const lowerIsBetter = (leaf: PlanNode) => leaf.method?.kind === 'completion' && leaf.method.lowerIsBetter === true;

/** Problems of one goal against its leaf and the cycle year; none means the goal is complete. */
/** The scoring rule is the plan's (inherited from the indicator); a goal refines it only where the plan allows. */
export const notRefinableMessage = (leaf: PlanNode) =>
  t(`「${leaf.name}」的评分标准由考评方案统一规定，不能在目标中细化`, `The scoring rule of “${leaf.name}” is set by the plan and may not be refined in the goal`);

export function goalProblems(leaf: PlanNode, goal: GoalDraft, year: number): CoverageProblem[] {
  const problems: CoverageProblem[] = [];
  const at = `goals.${leaf.id}`;
  const add = (code: CoverageCode, path: string, message: string) => problems.push({ indicatorId: leaf.id, code, path, message });
  if (goal.target === undefined || !goal.unitOfMeasure?.trim()) {
    add('target', `${at}.target`, t(`「${leaf.name}」未填写目标值或计量单位`, `“${leaf.name}” has no target value or unit of measure`));
  }
  if (goal.scoringNote?.trim() && !leaf.refinable) add('notRefinable', `${at}.scoringNote`, notRefinableMessage(leaf));
  const y = String(year);
  goal.milestones.forEach((m, i) => {
    if (!isIsoDate(m.date) || m.date.slice(0, 4) !== y) {
      add('milestoneYear', `${at}.milestones.${i}.date`, t(`「${leaf.name}」的节点日期 ${m.date} 不在 ${y} 年度内`, `A milestone of “${leaf.name}” (${m.date}) is outside ${y}`));
    }
    const prev = goal.milestones[i - 1];
    if (!prev) return;
    const down = lowerIsBetter(leaf);
    if (m.date <= prev.date) {
      add('milestoneOrder', `${at}.milestones.${i}.date`, t(`「${leaf.name}」的节点日期应逐个推后`, `The milestones of “${leaf.name}” must follow one another in time`));
    } else if (down ? m.expected > prev.expected : m.expected < prev.expected) {
      add(
        'milestoneOrder',
        `${at}.milestones.${i}.expected`,
        down
          ? t(`「${leaf.name}」越低越好，节点预期值不应回升`, `Lower is better for “${leaf.name}”: a milestone may not expect more than the one before`)
          : t(`「${leaf.name}」的节点预期值不应低于上一个节点`, `A milestone of “${leaf.name}” may not expect less than the one before`),
      );
    }
  });
  return problems;
}

/** The set against its plan: every goal leaf covered and complete, no goal for an indicator the plan no longer has. */
export function coverage(plan: Pick<CategoryPlan, 'tree'>, goals: readonly GoalDraft[], year: number): CoverageProblem[] {
  const byId = new Map(goals.map((g) => [g.indicatorId, g]));
  const wanted = goalLeaves(plan);
  const problems: CoverageProblem[] = [];
  for (const leaf of wanted) {
    const goal = byId.get(leaf.id);
    // A common leaf with an assessor unit waits for that unit (Art 9), which the unit cannot do itself.
    if (!goal && leaf.common === true && leaf.assessorUnitId) {
      problems.push({ indicatorId: leaf.id, code: 'awaitingAssessor', path: `goals.${leaf.id}`, message: t(`共性指标「${leaf.id} ${leaf.name}」待考评单位制定目标`, `Common indicator “${leaf.id} ${leaf.name}” waits for its assessor unit to set the goal`) });
    } else if (!goal) problems.push({ indicatorId: leaf.id, code: 'missing', path: `goals.${leaf.id}`, message: t(`指标「${leaf.id} ${leaf.name}」尚未制定目标`, `Indicator “${leaf.id} ${leaf.name}” has no goal yet`) });
    else problems.push(...goalProblems(leaf, goal, year));
  }
  const ids = new Set(wanted.map((l) => l.id));
  for (const g of goals) {
    if (!ids.has(g.indicatorId)) {
      problems.push({ indicatorId: g.indicatorId, code: 'notInPlan', path: `goals.${g.indicatorId}`, message: t(`指标 ${g.indicatorId} 已不在现行方案中`, `Indicator ${g.indicatorId} is no longer in the plan in force`) });
    }
  }
  return problems;
}

/** What may be done to a unit's goal set. */
export const SET_ACTIONS = ['edit', 'submit', 'approve', 'return'] as const;
export type SetAction = (typeof SET_ACTIONS)[number];

const UNIT_ROLES: readonly Role[] = ['unit_staff', 'unit_leader'];
/** From which statuses each action may start, where it leads, and who may take it. A set not yet saved is a draft. */
export const SET_MOVES: Record<SetAction, { from: readonly GoalStatus[]; to?: GoalStatus; roles: readonly Role[] }> = {
  /** Drafting: unit filers and the leader, while the set is with the unit. */
  edit: { from: ['draft', 'returned'], roles: UNIT_ROLES },
  /** The unit leader approves the set and sends it to the bureau (Art 9). */
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['unit_leader'] },
  /** The bureau approves the set (Art 10). */
  approve: { from: ['submitted'], to: 'approved', roles: BUREAU_ROLES },
  /** The bureau returns goals, each with its reason. */
  return: { from: ['submitted'], to: 'returned', roles: BUREAU_ROLES },
};

export type MoveCheck = { ok: true; to: GoalStatus } | { ok: false; reason: 'role' | 'status'; message: string };

const STATUS_NAMES: Record<GoalStatus, () => string> = {
  draft: () => t('草稿', 'draft'),
  submitted: () => t('已报送', 'submitted'),
  returned: () => t('已退回', 'returned'),
  approved: () => t('已审定', 'approved'),
};
export const statusName = (s: GoalStatus) => STATUS_NAMES[s]();

/** Whether `role` may take `action` on a set in status `from` (undefined: none saved yet), and the status it leads to. */
export function setMove(action: SetAction, from: GoalStatus | undefined, role: Role): MoveCheck {
  const move = SET_MOVES[action];
  const status = from ?? 'draft';
  if (!move.roles.includes(role)) return { ok: false, reason: 'role', message: t('您的角色无权执行此操作', 'Your role may not do this') };
  if (!move.from.includes(status)) {
    return { ok: false, reason: 'status', message: t(`目标已${statusName(status)}，不能再执行此操作`, `The goals are ${statusName(status)}; this can no longer be done`) };
  }
  return { ok: true, to: move.to ?? status };
}

/**
 * The stages in which a unit works on its set: goal setting, and goal review too for a set the
 * bureau returned (the unit fixes it and resubmits while the bureau is still reviewing, Art 10).
 */
export const goalWorkStages = (setStatus: GoalStatus | undefined): StageCode[] => (setStatus === 'returned' ? ['goal_setting', 'goal_review'] : ['goal_setting']);

/** The unit may save, remove or submit goals of a set in this status at the cycle's current stage. */
export const goalWorkOpen = (currentStage: number, setStatus: GoalStatus | undefined) => goalWorkStages(setStatus).includes(stageAt(currentStage));

/** A goal may be edited while it is with the unit: new, draft or returned (a goal the bureau accepted stays as it is). */
export const goalEditable = (status: GoalStatus | undefined) => status === undefined || status === 'draft' || status === 'returned';

export interface ReturnedGoal {
  indicatorId: string;
  reason: string;
}

/** What a return must carry: at least one goal, each a submitted goal of the set, once, with a reason. */
export function checkReturns(goals: readonly { indicatorId: string; status: GoalStatus }[], returns: readonly ReturnedGoal[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!returns.length) problems.push({ path: 'body.returns', message: t('请至少退回一项目标并说明理由', 'Return at least one goal, with its reason') });
  const status = new Map(goals.map((g) => [g.indicatorId, g.status]));
  const seen = new Set<string>();
  returns.forEach((r, i) => {
    const at = `body.returns.${i}`;
    if (status.get(r.indicatorId) !== 'submitted') problems.push({ path: `${at}.indicatorId`, message: t(`指标 ${r.indicatorId} 不是本次报送的目标`, `Indicator ${r.indicatorId} is not a submitted goal of this set`) });
    else if (seen.has(r.indicatorId)) problems.push({ path: `${at}.indicatorId`, message: t(`指标 ${r.indicatorId} 重复退回`, `Indicator ${r.indicatorId} is returned twice`) });
    seen.add(r.indicatorId);
    if (!r.reason.trim()) problems.push({ path: `${at}.reason`, message: t('请填写退回理由', 'Give the reason for the return') });
  });
  return problems;
}

/**
 * Each goal's status after a move of the set: submitting sends what is with the unit (draft,
 * returned) and keeps what the bureau already accepted; approving accepts every submitted goal;
 * returning sends back the goals named and accepts the other submitted ones.
 */
export function nextGoalStatus(action: 'submit' | 'approve' | 'return', status: GoalStatus, returned: ReadonlySet<string>, indicatorId: string): GoalStatus {
  if (action === 'submit') return status === 'approved' ? 'approved' : 'submitted';
  if (status !== 'submitted') return status;
  if (action === 'approve') return 'approved';
  return returned.has(indicatorId) ? 'returned' : 'approved';
}

export function countByStatus(goals: readonly { status: GoalStatus }[]): GoalCounts {
  const counts: GoalCounts = { draft: 0, submitted: 0, returned: 0, approved: 0 };
  for (const g of goals) counts[g.status] += 1;
  return counts;
}

/** The fields a unit fills in, in the order a reviewer reads them. */
export const GOAL_FIELDS = ['target', 'unitOfMeasure', 'scoringNote', 'milestones', 'leadUnitId', 'coUnitIds', 'responsible'] as const satisfies readonly (keyof GoalFields)[];

/** The goal's own fields, without what the server adds. */
export function goalFieldsOf(g: GoalFields): GoalFields {
  const { target, unitOfMeasure, scoringNote, milestones, leadUnitId, coUnitIds, responsible } = g;
  return { target, unitOfMeasure, scoringNote, milestones, leadUnitId, coUnitIds, responsible };
}

/** Which fields differ between the goal as returned and as it is now (a resubmission shows them). */
export function changedFields(before: GoalFields, after: GoalFields): (keyof GoalFields)[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return GOAL_FIELDS.filter((f) => !same(before[f], after[f]));
}
