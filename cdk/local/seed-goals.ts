// Demo goals of the seeded cycles: 玉林市 2025 approved for every unit (so the public pages show a
// real year), and 2026 with units in every state of the set — most approved, some still a draft,
// one submitted, one returned with the bureau's reason. The units of the demo unit accounts
// (玉州区, 市教育局, 陵城街道) are left without a 2026 set: the walkthroughs and tests draft them.
import { countByStatus, goalLeaves } from '../../functions/domain/goals.ts';
import { categoriesFromHints } from '../../functions/domain/organisation.ts';
import type { PlanNode } from '../../functions/domain/plan.ts';
import type { GoalFields, GoalRecord, GoalSetRecord, GoalStatus } from '../../functions/model/goal.ts';
import { cycles, units, users } from './demo-data.ts';
import { goalItemsWithAdjustments } from './seed-adjustments.ts';
import { demoTaskItems } from './seed-tasks.ts';
import { demoTree } from './seed-plan.ts';

/** Units whose 2026 goals the demo accounts draft themselves. */
export const UNSEEDED_2026 = new Set(['yl-yuzhou', 'yl-jyj', 'bl-lingcheng']);

const RESPONSIBLE = ['黄志明', '李秀梅', '陈国强', '梁春燕', '韦建华', '莫小玲', '覃永明', '周丽华', '庞海军', '钟丽萍'];

/** A small stable number from a unit and an indicator, so the demo is the same on every start. */
function spread(key: string, n: number): number {
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % n;
}

const quarters = (year: number, values: number[]) => ['03-31', '06-30', '09-30', '12-31'].map((d, i) => ({ date: `${year}-${d}`, expected: values[i]! }));
const round1 = (x: number) => Math.round(x * 10) / 10;

/** A plausible goal for a leaf: its target, unit of measure and quarterly milestones by what it measures. */
export function demoGoalFields(leaf: PlanNode, unitId: string, year: number): GoalFields {
  const { scoringNote, ...fields } = typicalGoal(leaf, unitId, year);
  // A scoring note refines the plan's rule, which the plan allows on its 个性 indicators only.
  return leaf.refinable && scoringNote ? { ...fields, scoringNote } : fields;
}

function typicalGoal(leaf: PlanNode, unitId: string, year: number): GoalFields {
  const k = spread(`${unitId}/${leaf.id}`, 10);
  const responsible = RESPONSIBLE[k]!;
  const base = { coUnitIds: [], responsible } satisfies Partial<GoalFields>;
  if (leaf.name.includes('生产总值')) {
    const rate = round1(5.5 + k * 0.2);
    return { ...base, target: rate, unitOfMeasure: '%', scoringNote: '按国家统计局反馈的地区生产总值可比价增速计', milestones: quarters(year, [rate, rate, rate, rate]) };
  }
  if (leaf.name.includes('预算收入')) {
    const amount = round1(8 + k * 1.7);
    return { ...base, target: amount, unitOfMeasure: '亿元', milestones: quarters(year, [0.22, 0.48, 0.74, 1].map((f) => round1(amount * f))) };
  }
  if (leaf.name.includes('固定资产投资')) {
    const rate = round1(6 + k * 0.5);
    return { ...base, target: rate, unitOfMeasure: '%', scoringNote: '固定资产投资同比增速', milestones: quarters(year, [rate, rate, rate, rate]) };
  }
  switch (leaf.method?.kind) {
    case 'completion':
    case 'direct':
      return { ...base, target: 100, unitOfMeasure: '%', milestones: quarters(year, [20, 45, 75, 100]) };
    case 'ranking':
      return { ...base, target: 6, unitOfMeasure: '名（以内）', scoringNote: '力争自治区对口部门考评前六名', milestones: [] };
    case 'qualitative':
      return { ...base, target: 90, unitOfMeasure: '分（优良）', scoringNote: '力争评定为“优”', milestones: [] };
    case 'deduction':
      return { ...base, target: 0, unitOfMeasure: '起', scoringNote: '全年不发生扣分事项', milestones: [] };
    default:
      return { ...base, target: 100, unitOfMeasure: '%', milestones: [] };
  }
}

/** The state of a unit's 2026 set, by its place in the region's list: a few of each state, most approved. */
function state2026(index: number): GoalStatus {
  return (['approved', 'approved', 'draft', 'approved', 'submitted', 'approved', 'returned', 'approved'] as const)[index % 8]!;
}

const RETURN_REASON = '目标值低于上年实际完成值，请对照上年数据重新测算';

interface UnitGoals {
  set: GoalSetRecord;
  goals: GoalRecord[];
}

/** One unit's set and goals in `status`, dated inside the cycle's goal stages. */
function unitGoals(regionId: string, year: number, categoryId: string, unitId: string, tree: PlanNode[], status: GoalStatus, bureauUser: string): UnitGoals {
  const cycleId = String(year);
  const submittedAt = `${year}-02-2${spread(unitId, 8)}T03:00:00.000Z`;
  const reviewedAt = `${year}-03-1${spread(unitId, 9)}T07:30:00.000Z`;
  const leaves = goalLeaves({ tree });
  // A draft set is still being written: the last leaves have no goal yet.
  const drafted = status === 'draft' ? leaves.slice(0, Math.max(1, leaves.length - 2)) : leaves;
  const goals = drafted.map((leaf, i): GoalRecord => {
    const fields = demoGoalFields(leaf, unitId, year);
    const returned = status === 'returned' && i === 0;
    const goalStatus: GoalStatus = status === 'returned' ? (returned ? 'returned' : 'approved') : status;
    return {
      ...fields,
      regionId,
      cycleId,
      unitId,
      indicatorId: leaf.id,
      categoryId,
      planVersion: 1,
      assessorUnitId: leaf.assessorUnitId ?? '',
      status: goalStatus,
      ...(returned ? { returnReason: RETURN_REASON, returnedAt: reviewedAt, returnedAs: fields } : {}),
      version: status === 'draft' ? 1 : 2,
      updatedAt: status === 'draft' ? submittedAt : reviewedAt,
      updatedBy: status === 'draft' ? 'system:seed' : bureauUser,
    };
  });
  const set: GoalSetRecord = {
    regionId,
    cycleId,
    unitId,
    categoryId,
    status,
    counts: countByStatus(goals),
    version: goals.length + 2,
    ...(status !== 'draft' ? { submittedAt, submittedBy: 'system:seed' } : {}),
    ...(status === 'approved' || status === 'returned' ? { reviewedAt, reviewedBy: bureauUser } : {}),
    ...(status === 'approved' ? { approvedAt: reviewedAt, approvedBy: bureauUser } : {}),
    updatedAt: status === 'draft' ? submittedAt : status === 'submitted' ? submittedAt : reviewedAt,
    updatedBy: status === 'approved' || status === 'returned' ? bureauUser : 'system:seed',
  };
  return { set, goals };
}

/** The items of every seeded cycle's goals: each unit's set (in the bureau's queue) and its goals (in the assessors' worklists). */
export function demoGoalItems(): Record<string, unknown>[][] {
  const batches: Record<string, unknown>[][] = [];
  for (const [regionId, year] of cycles) {
    const bureauUser = users.find((u) => u.regionId === regionId && u.role === 'bureau_staff')!.username;
    const categories = categoriesFromHints(units.filter((u) => u.regionId === regionId));
    let index = 0;
    categories.forEach((c, i) => {
      const tree = demoTree(regionId, c.name);
      for (const unitId of c.unitIds) {
        if (year !== 2025 && UNSEEDED_2026.has(unitId)) continue;
        const status = year === 2025 ? 'approved' : state2026(index++);
        const { set, goals } = unitGoals(regionId, year, `c${i + 1}`, unitId, tree, status, bureauUser);
        batches.push([...goalItemsWithAdjustments(regionId, year, set, goals, tree), ...demoTaskItems(regionId, year, set, goals)]);
      }
    });
  }
  return batches;
}
