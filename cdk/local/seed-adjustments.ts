// Demo adjustments of approved 2026 goals in 玉林市 (Art 11): 福绵区 lowered its growth target after the
// region revised its economic expectations (重大决策调整), 市公安局 moved a target after an
// institutional change (机构调整). Each as the bureau leader approved it: the goal's revision 2 in
// force (public with its date and reason class), revision 1 kept, the request decided.
import { adjustmentItem, goalRevisionEntity } from '../../functions/data/goal-adjustments.ts';
import { goalItem, goalSetItem } from '../../functions/data/goals.ts';
import { adjustedGoal } from '../../functions/domain/goal-adjustments.ts';
import { goalFieldsOf } from '../../functions/domain/goals.ts';
import { leaves, type PlanNode } from '../../functions/domain/plan.ts';
import type { AdjustmentRecord } from '../../functions/model/goal-adjustment.ts';
import type { AdjustmentReason, GoalFields, GoalRecord, GoalSetRecord } from '../../functions/model/goal.ts';
import { units, YULIN } from './demo-data.ts';

interface DemoAdjustment {
  unitId: string;
  reason: AdjustmentReason;
  explanation: string;
  /** The goal as proposed, from the approved one and its leaf (a scoring note only where the plan lets it be refined). */
  propose: (g: GoalFields, leaf: PlanNode | undefined) => GoalFields;
  requestedAt: string;
  decidedAt: string;
  opinion: string;
}

const scale = (g: GoalFields, f: number): GoalFields => ({
  ...g,
  target: g.target === undefined ? undefined : Math.round(g.target * f * 10) / 10,
  milestones: g.milestones.map((m) => ({ ...m, expected: Math.round(m.expected * f * 10) / 10 })),
});

const ADJUSTMENTS: DemoAdjustment[] = [
  {
    unitId: 'yl-fumian',
    reason: 'major_decision',
    explanation: '自治区于年中调整全年经济社会发展预期目标，按市政府常务会议部署相应调减本项年度目标。',
    propose: (g, leaf) => ({ ...scale(g, 0.9), ...(leaf?.refinable ? { scoringNote: `${g.scoringNote ?? ''}（按年中调整后的预期目标考核）`.trim() } : {}) }),
    requestedAt: '2026-07-08T02:30:00.000Z',
    decidedAt: '2026-07-15T08:00:00.000Z',
    opinion: '经审核，调整理由符合条例第十一条规定，同意调整。',
  },
  {
    unitId: 'yl-gaj',
    reason: 'institutional',
    explanation: '机构改革后部分职能划转至新组建单位，本项工作量相应调整。',
    propose: (g) => scale(g, 0.8),
    requestedAt: '2026-08-12T03:00:00.000Z',
    decidedAt: '2026-08-20T07:00:00.000Z',
    opinion: '同意按职能划转后的工作量调整。',
  },
];

/**
 * A unit's seeded set and goals as items, with its demo adjustment applied when it has one (玉林市
 * 2026, an approved set): the first goal moved to revision 2, revision 1 and the decided request added.
 */
export function goalItemsWithAdjustments(regionId: string, year: number, set: GoalSetRecord, goals: GoalRecord[], tree: PlanNode[]): Record<string, unknown>[] {
  const demo = ADJUSTMENTS.find((a) => a.unitId === set.unitId);
  const goal = goals[0];
  if (regionId !== YULIN || year !== 2026 || set.status !== 'approved' || !demo || !goal) return [goalSetItem(set, set.updatedAt), ...goals.map(goalItem)];
  const proposed = demo.propose(goalFieldsOf(goal), leaves(tree).find((w) => w.node.id === goal.indicatorId)?.node);
  const after = adjustedGoal(goal, { proposed, reason: demo.reason }, demo.decidedAt, 'yl_leader');
  const request: AdjustmentRecord = {
    regionId,
    cycleId: set.cycleId,
    unitId: set.unitId,
    indicatorId: goal.indicatorId,
    categoryId: set.categoryId,
    adjustmentId: `00000000-0000-4000-8000-${String(ADJUSTMENTS.indexOf(demo) + 1).padStart(12, '0')}`,
    unitName: units.find((u) => u.unitId === set.unitId)!.name,
    indicatorName: leaves(tree).find((w) => w.node.id === goal.indicatorId)?.node.name ?? goal.indicatorId,
    status: 'approved',
    reason: demo.reason,
    explanation: demo.explanation,
    current: goalFieldsOf(goal),
    proposed,
    goalRevision: 1,
    goalVersion: goal.version,
    requesterKind: 'unit',
    requesterUnitId: set.unitId,
    requestedAt: demo.requestedAt,
    requestedBy: 'system:seed',
    submittedAt: demo.requestedAt,
    submittedBy: 'system:seed',
    decidedAt: demo.decidedAt,
    decidedBy: 'yl_leader',
    opinion: demo.opinion,
    newRevision: 2,
    version: 3,
    updatedAt: demo.decidedAt,
    updatedBy: 'yl_leader',
  };
  return [
    goalSetItem({ ...set, version: set.version + 1, updatedAt: demo.decidedAt, updatedBy: 'yl_leader' }, set.updatedAt),
    goalItem(after),
    ...goals.slice(1).map(goalItem),
    goalRevisionEntity.item({ ...goal, revision: 1, replacedAt: demo.decidedAt, replacedBy: 'yl_leader' }),
    adjustmentItem(request, demo.decidedAt),
  ];
}
