// What every scoring operation reads first: the cycle, its categories with the plan in force of each
// (one GetItem and one Query per category), and from them which plan leaves each assessor unit (or the
// third party) scores for which units. The worklist, a save and the bureau's progress all start here.
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle, type Cycle } from '../../data/cycles.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { batchGet } from '../../data/assessor-goals.ts';
import { goalEntity } from '../../data/goals.ts';
import { keys } from '../../data/keys.ts';
import { listSelfSets, selfEntity } from '../../data/self-assessments.ts';
import { reportedValue, type FieldValue } from '../../domain/assessor-scores.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { leaves } from '../../domain/plan.ts';
import type { LeafAssignment } from '../../domain/score-writes.ts';
import { BUREAU_ROLES, type Caller } from '../../domain/roles.ts';
import type { GoalRecord } from '../../model/goal.ts';
import type { SelfAssessmentRecord } from '../../model/self-assessment.ts';

export interface ScoringContext {
  regionId: string;
  cycle: Cycle;
  /** Every leaf with an assessor unit, per category. */
  assignments: (LeafAssignment & { assessorUnitId: string })[];
}

export async function scoringContext(regionId: string, cycleId: string): Promise<ScoringContext> {
  const [cycle, set] = await Promise.all([getCycle(regionId, cycleId), getCategorySet(regionId, cycleId)]);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  const plans = await Promise.all((set?.categories ?? []).map(async (c) => ({ c, plan: await getCurrentPlan(regionId, cycleId, c.categoryId) })));
  const assignments = plans.flatMap(({ c, plan }) =>
    plan
      ? leaves(plan.plan.tree)
          .map((w) => w.node)
          .filter((n) => n.assessorUnitId && n.method)
          .map((leaf) => ({
            categoryId: c.categoryId,
            categoryName: c.name,
            units: c.units.map((u) => ({ unitId: u.unitId, name: u.name })),
            leaf: leaf as LeafAssignment['leaf'],
            planVersion: plan.version,
            assessorUnitId: leaf.assessorUnitId!,
          }))
      : [],
  );
  return { regionId, cycle, assignments };
}

/** The assignments of one assessor unit (optionally of one leaf). */
export const assignmentsOf = (ctx: ScoringContext, assessorUnitId: string, indicatorId?: string) =>
  ctx.assignments.filter((a) => a.assessorUnitId === assessorUnitId && (indicatorId === undefined || a.leaf.id === indicatorId));

/** The leaf's assignments, to be written by the caller's unit: 404 when no category has it, 403 when another unit scores it. */
export function writableLeaf(ctx: ScoringContext, caller: Caller, indicatorId: string, survey: boolean): LeafAssignment[] {
  const all = ctx.assignments.filter((a) => a.leaf.id === indicatorId && (a.leaf.method.kind === 'satisfaction') === survey);
  if (!all.length) throw new NotFoundError(survey ? t(`没有编号为 ${indicatorId} 的满意度指标`, `No satisfaction indicator ${indicatorId}`) : t(`没有编号为 ${indicatorId} 的考评指标`, `No scored indicator ${indicatorId}`));
  const mine = all.filter((a) => a.assessorUnitId === caller.unitId);
  if (!mine.length) throw new ForbiddenError(BUREAU_ROLES.includes(caller.role) ? t('该指标由其他考评单位评分，绩效办不能代为评分', 'Another assessor unit scores this indicator; the bureau cannot score it for them') : t('该指标未分配给本单位考评', 'This indicator is not assigned to your unit'));
  return mine;
}

/** The units' approved (or any) goals of a leaf, read consistently by key. */
export async function readGoals(regionId: string, cycleId: string, unitIds: readonly string[], indicatorId: string): Promise<Map<string, GoalRecord>> {
  const items = await batchGet(unitIds.map((u) => keys.goal(regionId, cycleId, u, indicatorId)));
  return new Map(items.map(goalEntity.parse).map((g) => [g.unitId, g]));
}

/** The units' self-assessments of a leaf, where the unit's set is submitted or approved (an assessor never reads a draft). */
export async function readSelf(regionId: string, cycleId: string, unitIds: readonly string[], indicatorId: string): Promise<Map<string, { status: string; item: SelfAssessmentRecord }>> {
  const sets = new Map((await listSelfSets(regionId, cycleId)).filter((s) => s.status === 'submitted' || s.status === 'approved').map((s) => [s.unitId, s.status]));
  const wanted = unitIds.filter((u) => sets.has(u));
  if (!wanted.length) return new Map();
  const items = await batchGet(wanted.map((u) => keys.selfAssessment(regionId, cycleId, u, indicatorId)));
  return new Map(items.map(selfEntity.parse).map((s) => [s.unitId, { status: sets.get(s.unitId)!, item: s }]));
}

/** What each unit reported for the leaf's input. */
export function reportedOf(kind: LeafAssignment['leaf']['method']['kind'], self: ReadonlyMap<string, { item: SelfAssessmentRecord }>): Map<string, FieldValue> {
  return new Map([...self].flatMap(([u, s]) => {
    const v = reportedValue(kind, s.item);
    return v === undefined ? [] : [[u, v] as const];
  }));
}
