// Demo plans of a seeded cycle (shared/notes/demo-data.md "(a)"): the 市直政府部门 tree of 玉林市
// (职能工作 60 / 共性指标 25 / 满意度评价 15, bonuses, deductions, veto items), and simpler trees
// for the other categories. Each is version 1, made in the plan stage.
import { planItem, type PlanRecord } from '../../functions/data/plans.ts';
import { defaultPlan, type CategoryPlan, type PlanMethod, type PlanNode } from '../../functions/domain/plan.ts';
import { categoriesFromHints } from '../../functions/domain/organisation.ts';
import { regions, units } from './demo-data.ts';

/**
 * A 个性 indicator scored on completion or directly may have its scoring rule refined by the unit in
 * its goal; a ranking's bands and a 共性 indicator's rule are the same for every unit.
 */
const leaf = (id: string, name: string, points: number, method: PlanMethod, assessorUnitId: string, common: boolean, criteria: string): PlanNode => ({
  id,
  name,
  points,
  method,
  assessorUnitId,
  common,
  criteria,
  ...(!common && (method.kind === 'completion' || method.kind === 'direct') ? { refinable: true } : {}),
});
const group = (id: string, name: string, children: PlanNode[]): PlanNode => ({ id, name, points: children.reduce((s, c) => s + c.points, 0), children });

const completion: PlanMethod = { kind: 'completion', capPercent: 10_000 };
const qualitative: PlanMethod = { kind: 'qualitative' };
const satisfaction: PlanMethod = { kind: 'satisfaction' };

/** Who scores what, by field; a region without such a unit leaves it to its bureau. */
function assessorFor(regionId: string) {
  const own = units.filter((u) => u.regionId === regionId);
  const bureau = regions.find((r) => r.regionId === regionId)!.bureauUnitId;
  const byField = (field: string) => own.find((u) => u.assessorField === field)?.unitId ?? bureau;
  return {
    bureau,
    party: byField('党的建设'),
    supervision: byField('督查督办'),
    safety: byField('平安建设'),
    development: byField('发展改革'),
    finance: byField('财政'),
    statistics: byField('统计'),
    environment: byField('生态环境'),
    survey: own.find((u) => u.type === 'third_party')?.unitId ?? bureau,
  };
}

function governmentTree(a: ReturnType<typeof assessorFor>): PlanNode[] {
  return [
    group('1', '职能工作', [
      leaf('1.1', '市委市政府重点工作', 3_000, completion, a.supervision, false, '按市委市政府年度重点工作任务完成率计分，完成率封顶 100%'),
      leaf('1.2', '部门职能业务指标', 2_500, { kind: 'direct' }, a.bureau, false, '由考评单位按部门年度职能目标完成情况直接评分'),
      leaf('1.3', '自治区对口部门考评排名', 500, { kind: 'ranking', scale: 'bands', bands: [{ upToRank: 3, percent: 10_000 }, { upToRank: 6, percent: 8_000 }, { upToRank: 9, percent: 6_000 }], otherwisePercent: 0 }, a.bureau, false, '自治区对口部门考评第1–3名得5分，第4–6名得4分，第7–9名得3分，其余不得分'),
    ]),
    group('2', '共性指标', [
      leaf('2.1', '党的建设与党风廉政', 800, qualitative, a.party, true, '按优、良、中、差评定，分别得 100%、85%、70%、50%'),
      leaf('2.2', '依法行政', 500, qualitative, a.supervision, true, '按优、良、中、差评定'),
      leaf('2.3', '政务公开与政务服务', 500, qualitative, a.supervision, true, '按优、良、中、差评定'),
      leaf('2.4', '安全生产与信访维稳', 400, { kind: 'deduction', perOccurrence: 100, floor: 0 }, a.safety, true, '每发生一起一般安全生产责任事故或越级上访事件扣 1 分，扣完为止'),
      leaf('2.5', '督查督办落实', 300, { kind: 'deduction', perOccurrence: 50, floor: 0 }, a.supervision, true, '督办事项每逾期一项扣 0.5 分，扣完为止'),
    ]),
    group('3', '满意度评价', [
      leaf('3.1', '社会公众评价', 800, satisfaction, a.survey, true, '第三方电话、短信调查，得分 = 8 分 × 满意率'),
      leaf('3.2', '服务对象评价', 700, satisfaction, a.survey, true, '服务对象问卷调查，得分 = 7 分 × 满意率'),
    ]),
  ];
}

function countyTree(a: ReturnType<typeof assessorFor>): PlanNode[] {
  return [
    group('1', '经济发展', [
      leaf('1.1', '地区生产总值增长', 2_000, completion, a.statistics, false, '按年度目标完成率计分，封顶 100%'),
      leaf('1.2', '一般公共预算收入', 2_000, completion, a.finance, false, '按年度目标完成率计分，封顶 100%'),
      leaf('1.3', '固定资产投资', 2_000, completion, a.development, false, '按年度目标完成率计分，封顶 100%'),
    ]),
    group('2', '共性指标', [
      leaf('2.1', '党的建设', 1_000, qualitative, a.party, true, '按优、良、中、差评定'),
      leaf('2.2', '平安建设', 800, { kind: 'deduction', perOccurrence: 100, floor: 0 }, a.safety, true, '每发生一起扣 1 分，扣完为止'),
      leaf('2.3', '生态环境保护', 700, qualitative, a.environment, true, '按优、良、中、差评定'),
    ]),
    group('3', '满意度评价', [leaf('3.1', '社会公众评价', 1_500, satisfaction, a.survey, true, '得分 = 15 分 × 满意率')]),
  ];
}

function departmentTree(a: ReturnType<typeof assessorFor>): PlanNode[] {
  return [
    group('1', '职能工作', [
      leaf('1.1', '重点工作任务', 3_500, completion, a.supervision, false, '按年度重点工作任务完成率计分，封顶 100%'),
      leaf('1.2', '职能业务工作', 2_500, { kind: 'direct' }, a.bureau, false, '由考评单位直接评分'),
    ]),
    group('2', '共性指标', [
      leaf('2.1', '党的建设', 1_500, qualitative, a.party, true, '按优、良、中、差评定'),
      leaf('2.2', '督查督办落实', 1_000, { kind: 'deduction', perOccurrence: 50, floor: 0 }, a.supervision, true, '每逾期一项扣 0.5 分，扣完为止'),
    ]),
    group('3', '满意度评价', [leaf('3.1', '社会公众评价', 1_500, satisfaction, a.survey, true, '得分 = 15 分 × 满意率')]),
  ];
}

/** The rules every demo category shares: Art 19 bonuses, Art 20 deductions, veto items. */
export function demoPlan(tree: PlanNode[]): CategoryPlan {
  return {
    ...defaultPlan(),
    tree,
    bonuses: [
      { id: 'b1', name: '获国家级表彰', points: 100, needsApproval: true },
      { id: 'b2', name: '获自治区级表彰或自治区考评排名第一', points: 50, cap: 100, needsApproval: true },
      { id: 'b3', name: '超额完成主要经济指标', points: 50, needsApproval: true },
    ],
    deductions: [
      { id: 'd1', name: '被自治区以上通报批评（每次）', points: 100, needsApproval: true, severe: false },
      { id: 'd2', name: '被中央、自治区通报的严重问题（情节严重，降一个等次）', points: 200, needsApproval: true, severe: true },
      // Art 14, 20: feedback left unanswered or answered late (the bureau turns 扣分建议 into these); staff decide.
      { id: 'd3', name: '反馈问题未按期答复整改（每项）', points: 50, cap: 150, needsApproval: false, severe: false },
    ],
    vetoes: [
      { id: 'v1', name: '重大及以上生产安全责任事故' },
      { id: 'v2', name: '领导班子成员严重违纪违法' },
      { id: 'v3', name: '干扰、操纵满意度评价' },
    ],
  };
}

/** The demo tree of a category, by its name. */
export function demoTree(regionId: string, categoryName: string): PlanNode[] {
  const a = assessorFor(regionId);
  if (categoryName === '市直政府部门') return governmentTree(a);
  if (categoryName.startsWith('县') || categoryName.startsWith('镇')) return countyTree(a);
  return departmentTree(a);
}

/** One plan item per category of the seeded cycle, in the category order the seed gives them. */
export function demoPlanItems(regionId: string, cycleId: string, by: string, at: string) {
  const categories = categoriesFromHints(units.filter((u) => u.regionId === regionId));
  return categories.map((c, i) => {
    const record: PlanRecord = {
      regionId,
      cycleId,
      categoryId: `c${i + 1}`,
      version: 1,
      revision: 1,
      plan: demoPlan(demoTree(regionId, c.name)),
      balanced: true,
      stage: 1,
      createdAt: at,
      createdBy: by,
      updatedAt: at,
      updatedBy: by,
    };
    return planItem(record);
  });
}
