// The plan of one category of a cycle (Art 9, 19–22) as pure rules: the indicator tree
// (一级 → 二级 → optional 三级), bonus and deduction rules, veto items, total and grading rules.
// Two kinds of problem, both `{ path, message }` relative to the plan:
//   checkPlan    — malformed input (bad amounts, bad method parameters, unknown units): refused (400);
//   planProblems — a draft not finished yet (sums that do not add up, leaves without method or
//                  assessor): saved but flagged, so a bureau can build the plan step by step.
import {
  checkAmount,
  checkGradingRules,
  checkMethod,
  checkTotalRules,
  DEFAULT_BONUS_CAP,
  defaultGradingRules,
  formatPoints,
  MAX_AMOUNT,
  type FieldProblem,
  type GradingRules,
  type Hundredths,
  type ScoringMethod,
  type TotalRules,
} from './scoring/index.ts';
import { checkInt } from './scoring/problems.ts';

/** A leaf scored by a satisfaction survey (Art 18): its points are the part's weight in TotalRules. */
export interface SatisfactionMethod {
  kind: 'satisfaction';
}
export type PlanMethod = ScoringMethod | SatisfactionMethod;
export type PlanMethodKind = PlanMethod['kind'];

export interface PlanNode {
  /** Code shown as 编号 (e.g. `1.2`); stable, so goals and scores can refer to it. */
  id: string;
  name: string;
  points: Hundredths;
  children?: PlanNode[];
  /** Leaves only: the unit that scores it (an assessor unit, the bureau or a third party). */
  assessorUnitId?: string;
  /** Leaves only: 共性 (true) or 个性 indicator; common scores order ties (Art 22). */
  common?: boolean;
  method?: PlanMethod;
  /** 评分标准 as the unit reads it. */
  criteria?: string;
}

export interface BonusRule {
  id: string;
  name: string;
  /** Points per item. */
  points: Hundredths;
  /** Cap for this rule, if any (the category's bonus cap applies on top). */
  cap?: Hundredths;
  /** Needs the bureau leader's approval (报批). */
  needsApproval: boolean;
}

export interface DeductionRule {
  id: string;
  name: string;
  /** Points per occurrence. */
  points: Hundredths;
  cap?: Hundredths;
  needsApproval: boolean;
  /** 情节严重 (Art 20): lowers the grade by one. */
  severe: boolean;
}

export interface VetoItem {
  id: string;
  name: string;
}

export interface CategoryPlan {
  /** What the top-level indicators must add up to (default 100.00). */
  totalPoints: Hundredths;
  tree: PlanNode[];
  bonuses: BonusRule[];
  deductions: DeductionRule[];
  vetoes: VetoItem[];
  /** The engine's TotalRules without the parts derived from the tree and the deduction rules. */
  totals: { bonusCap: Hundredths; deductionCap: Hundredths | null };
  grading: GradingRules;
  /** Art 21 review window in working days (default 5). */
  reviewWindowDays: number;
}

export const MAX_DEPTH = 3;
export const DEFAULT_TOTAL_POINTS: Hundredths = 10_000;
export const DEFAULT_REVIEW_DAYS = 5;

export function defaultPlan(): CategoryPlan {
  return {
    totalPoints: DEFAULT_TOTAL_POINTS,
    tree: [],
    bonuses: [],
    deductions: [],
    vetoes: [],
    totals: { bonusCap: DEFAULT_BONUS_CAP, deductionCap: null },
    grading: defaultGradingRules(),
    reviewWindowDays: DEFAULT_REVIEW_DAYS,
  };
}

export const isLeaf = (n: PlanNode) => !n.children?.length;

/** Every node with its path (`tree.0.children.1`) and depth (1-based), parents before children. */
export function walk(tree: readonly PlanNode[], path = 'tree', depth = 1): { node: PlanNode; path: string; depth: number }[] {
  return tree.flatMap((node, i) => {
    const at = `${path}.${i}`;
    return [{ node, path: at, depth }, ...walk(node.children ?? [], `${at}.children`, depth + 1)];
  });
}

export const leaves = (tree: readonly PlanNode[]) => walk(tree).filter((w) => isLeaf(w.node));

/** What checkPlan needs to know of the region: units allowed to score a leaf, by id. */
export interface PlanContext {
  assessors: ReadonlyMap<string, string>;
}

const ID = /^[A-Za-z0-9._-]{1,20}$/;
const ID_MESSAGE = (what: string) => `${what}编号只能由字母、数字、点、横线组成（1–20 位）`;

function checkIds(problems: FieldProblem[], items: readonly { id: string }[], path: string, what: string) {
  const seen = new Set<string>();
  items.forEach((x, i) => {
    if (!ID.test(x.id ?? '')) problems.push({ path: `${path}.${i}.id`, message: ID_MESSAGE(what) });
    else if (seen.has(x.id)) problems.push({ path: `${path}.${i}.id`, message: `${what}编号「${x.id}」重复` });
    seen.add(x.id);
  });
}

const nameMissing = (name: unknown) => typeof name !== 'string' || !name.trim();

/** Malformed input: each problem names its field. An empty list means the plan may be stored. */
export function checkPlan(plan: CategoryPlan, ctx: PlanContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkAmount(problems, 'totalPoints', plan.totalPoints, 1, MAX_AMOUNT, '类别总分');
  const nodes = walk(plan.tree);
  const seen = new Set<string>();
  for (const { node, path, depth } of nodes) {
    if (depth > MAX_DEPTH) problems.push({ path, message: `指标最多 ${MAX_DEPTH} 级` });
    if (!ID.test(node.id ?? '')) problems.push({ path: `${path}.id`, message: ID_MESSAGE('指标') });
    else if (seen.has(node.id)) problems.push({ path: `${path}.id`, message: `指标编号「${node.id}」重复` });
    seen.add(node.id);
    if (nameMissing(node.name)) problems.push({ path: `${path}.name`, message: '请填写指标名称' });
    if (!checkAmount(problems, `${path}.points`, node.points, 1, MAX_AMOUNT, '分值') || !isLeaf(node)) continue;
    if (node.method && node.method.kind !== 'satisfaction') {
      for (const p of checkMethod(node.method, node.points, `${path}.method`)) problems.push(p);
    }
    if (node.assessorUnitId && !ctx.assessors.has(node.assessorUnitId)) {
      problems.push({ path: `${path}.assessorUnitId`, message: `单位 ${node.assessorUnitId} 不是本区域的考评单位` });
    }
  }
  checkRuleList(problems, plan.bonuses, 'bonuses', '加分');
  checkRuleList(problems, plan.deductions, 'deductions', '扣分');
  checkIds(problems, plan.vetoes, 'vetoes', '否决事项');
  plan.vetoes.forEach((v, i) => nameMissing(v.name) && problems.push({ path: `vetoes.${i}.name`, message: '请填写一票否决事项' }));
  problems.push(...checkTotalRules({ ...plan.totals, deductionCaps: {}, satisfaction: [] }, 'totals'));
  problems.push(...checkGradingRules(plan.grading, 'grading'));
  checkInt(problems, 'reviewWindowDays', plan.reviewWindowDays, 1, 30, '复核时限（工作日）');
  return problems;
}

function checkRuleList(problems: FieldProblem[], rules: readonly (BonusRule | DeductionRule)[], path: string, what: string) {
  checkIds(problems, rules, path, `${what}项`);
  rules.forEach((r, i) => {
    const at = `${path}.${i}`;
    if (nameMissing(r.name)) problems.push({ path: `${at}.name`, message: `请填写${what}事项` });
    if (checkAmount(problems, `${at}.points`, r.points, 1, MAX_AMOUNT, `每项${what}`) && r.cap !== undefined) {
      if (checkAmount(problems, `${at}.cap`, r.cap, 1, MAX_AMOUNT, `${what}上限`) && r.cap < r.points) {
        problems.push({ path: `${at}.cap`, message: `${what}上限不能低于每项${what}` });
      }
    }
  });
}

const sum = (nodes: readonly PlanNode[]) => nodes.reduce((s, n) => s + n.points, 0);

/**
 * An unfinished draft: parents whose children do not add up, a tree that does not reach the
 * category's total, leaves without method or assessor. Assumes checkPlan found nothing.
 */
export function planProblems(plan: CategoryPlan): FieldProblem[] {
  const problems = sumProblems(plan);
  for (const { node, path } of leaves(plan.tree)) {
    if (!node.method) problems.push({ path: `${path}.method`, message: `「${node.name}」未设置评分方法` });
    if (!node.assessorUnitId) problems.push({ path: `${path}.assessorUnitId`, message: `「${node.name}」未指定考评单位` });
  }
  return problems;
}

/** Only the sums: the tree against the total, each parent against its children. */
export function sumProblems(plan: Pick<CategoryPlan, 'tree' | 'totalPoints'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const top = sum(plan.tree);
  if (top !== plan.totalPoints) {
    problems.push({ path: 'tree', message: `一级指标分值合计 ${formatPoints(top)} 分，与类别总分 ${formatPoints(plan.totalPoints)} 分不符` });
  }
  for (const { node, path } of walk(plan.tree)) {
    if (isLeaf(node)) continue;
    const got = sum(node.children!);
    if (got !== node.points) {
      problems.push({ path: `${path}.points`, message: `「${node.name}」下级指标分值合计 ${formatPoints(got)} 分，与本指标分值 ${formatPoints(node.points)} 分不符` });
    }
  }
  return problems;
}

/** The engine's TotalRules: satisfaction parts are the tree's satisfaction leaves, caps per deduction rule. */
export function totalRulesOf(plan: CategoryPlan): TotalRules {
  return {
    bonusCap: plan.totals.bonusCap,
    deductionCap: plan.totals.deductionCap,
    deductionCaps: Object.fromEntries(plan.deductions.filter((d) => d.cap !== undefined).map((d) => [d.id, d.cap!])),
    satisfaction: leaves(plan.tree)
      .filter((w) => w.node.method?.kind === 'satisfaction')
      .map(({ node }) => ({ id: node.id, name: node.name, weight: node.points, ...(node.common ? { common: true } : {}) })),
  };
}

/** Leaves only carry method, assessor, common and criteria; parents have them removed. */
export function normalisePlan(plan: CategoryPlan): CategoryPlan {
  const clean = (n: PlanNode): PlanNode => {
    const base = { id: n.id.trim(), name: n.name.trim(), points: n.points };
    if (n.children?.length) return { ...base, children: n.children.map(clean) };
    return {
      ...base,
      ...(n.assessorUnitId ? { assessorUnitId: n.assessorUnitId } : {}),
      common: Boolean(n.common),
      ...(n.method ? { method: n.method } : {}),
      ...(n.criteria?.trim() ? { criteria: n.criteria.trim() } : {}),
    };
  };
  return { ...plan, tree: plan.tree.map(clean) };
}

/** JSON with keys sorted: stored items do not keep key order. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stable(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Which indicators a change touched, by id: for the audit entry (never the whole tree). */
export function diffTrees(before: readonly PlanNode[], after: readonly PlanNode[]) {
  const flat = (t: readonly PlanNode[]) => new Map(walk(t).map(({ node }) => [node.id, stable({ ...node, children: node.children?.map((c) => c.id) })]));
  const a = flat(before);
  const b = flat(after);
  const cap = (ids: string[]) => ids.slice(0, 100);
  return {
    added: cap([...b.keys()].filter((id) => !a.has(id))),
    removed: cap([...a.keys()].filter((id) => !b.has(id))),
    changed: cap([...b.keys()].filter((id) => a.has(id) && a.get(id) !== b.get(id))),
  };
}
