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
  type Hundredths,
  type TotalRules,
} from './scoring/index.ts';
import { checkInt } from './scoring/problems.ts';
import { factorProblem } from './results-use.ts';
import { t } from '../contracts/lang.ts';
import type { BonusRule, CategoryPlan, DeductionRule, PlanMethod, PlanNode, PlanRecord, VetoItem } from '../model/plan.ts';
import { ConflictError, ValidationError } from './errors.ts';
import { STAGE_NAMES, isAtStage, stageAt, stageNumber } from './stages.ts';

export type { BonusRule, CategoryPlan, DeductionRule, PlanMethod, PlanNode, VetoItem };
export type PlanMethodKind = PlanMethod['kind'];

/** Deepest level of the indicator tree: 一级 → 二级 → 三级. */
export const MAX_DEPTH = 3;
export const DEFAULT_TOTAL_POINTS: Hundredths = 10_000;
export const DEFAULT_REVIEW_DAYS = 5;

/** A tree nested deeper than MAX_DEPTH. */
export const tooDeep = () => t(`指标最多 ${MAX_DEPTH} 级`, `Indicators nest at most ${MAX_DEPTH} levels deep`);

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

/**
 * Units that may score a leaf: active designated assessor units, the region's bureau, and third
 * parties (satisfaction surveys).
 */
export function planAssessors<U extends { unitId: string; type: string; status?: string; assessor?: boolean }>(units: readonly U[], bureauUnitId: string | undefined): U[] {
  return units.filter((u) => u.status === 'active' && (u.assessor || u.unitId === bureauUnitId || u.type === 'third_party'));
}

/** What checkPlan needs to know of the region: units allowed to score a leaf, by id. */
export interface PlanContext {
  assessors: ReadonlyMap<string, string>;
}

const ID = /^[A-Za-z0-9._-]{1,20}$/;
/** What a list holds, in both languages, for its messages. */
interface What {
  zh: string;
  en: string;
}
const INDICATOR: What = { zh: '指标', en: 'indicator' };
const idMessage = (what: What) => t(`${what.zh}编号只能由字母、数字、点、横线组成（1–20 位）`, `A ${what.en} code is 1–20 letters, digits, dots or dashes`);
const idRepeated = (what: What, id: string) => t(`${what.zh}编号「${id}」重复`, `The ${what.en} code “${id}” is used twice`);

function checkIds(problems: FieldProblem[], items: readonly { id: string }[], path: string, what: What) {
  const seen = new Set<string>();
  items.forEach((x, i) => {
    if (!ID.test(x.id ?? '')) problems.push({ path: `${path}.${i}.id`, message: idMessage(what) });
    else if (seen.has(x.id)) problems.push({ path: `${path}.${i}.id`, message: idRepeated(what, x.id) });
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
    if (depth > MAX_DEPTH) problems.push({ path, message: tooDeep() });
    if (!ID.test(node.id ?? '')) problems.push({ path: `${path}.id`, message: idMessage(INDICATOR) });
    else if (seen.has(node.id)) problems.push({ path: `${path}.id`, message: idRepeated(INDICATOR, node.id) });
    seen.add(node.id);
    if (nameMissing(node.name)) problems.push({ path: `${path}.name`, message: t('请填写指标名称', 'Name the indicator') });
    if (!checkAmount(problems, `${path}.points`, node.points, 1, MAX_AMOUNT, '分值') || !isLeaf(node)) continue;
    if (node.method && node.method.kind !== 'satisfaction') {
      for (const p of checkMethod(node.method, node.points, `${path}.method`)) problems.push(p);
    }
    if (node.assessorUnitId && !ctx.assessors.has(node.assessorUnitId)) {
      problems.push({ path: `${path}.assessorUnitId`, message: t(`单位 ${node.assessorUnitId} 不是本区域的考评单位`, `Unit ${node.assessorUnitId} is not an assessor unit of this region`) });
    }
  }
  checkRuleList(problems, plan.bonuses, 'bonuses', { zh: '加分', en: 'bonus' });
  checkRuleList(problems, plan.deductions, 'deductions', { zh: '扣分', en: 'deduction' });
  checkIds(problems, plan.vetoes, 'vetoes', { zh: '否决事项', en: 'veto item' });
  plan.vetoes.forEach((v, i) => nameMissing(v.name) && problems.push({ path: `vetoes.${i}.name`, message: t('请填写一票否决事项', 'Name the veto item') }));
  problems.push(...checkTotalRules({ ...plan.totals, deductionCaps: {}, satisfaction: [] }, 'totals'));
  problems.push(...checkGradingRules(plan.grading, 'grading'));
  checkInt(problems, 'reviewWindowDays', plan.reviewWindowDays, 1, 30, '复核时限（工作日）');
  const factor = plan.grassrootsFactor === undefined ? undefined : factorProblem(plan.grassrootsFactor);
  if (factor) problems.push({ path: 'grassrootsFactor', message: t(factor.zh, factor.en) });
  return problems;
}

function checkRuleList(problems: FieldProblem[], rules: readonly (BonusRule | DeductionRule)[], path: string, what: What) {
  checkIds(problems, rules, path, { zh: `${what.zh}项`, en: `${what.en} item` });
  rules.forEach((r, i) => {
    const at = `${path}.${i}`;
    if (nameMissing(r.name)) problems.push({ path: `${at}.name`, message: t(`请填写${what.zh}事项`, `Name the ${what.en} item`) });
    if (checkAmount(problems, `${at}.points`, r.points, 1, MAX_AMOUNT, `每项${what.zh}`) && r.cap !== undefined) {
      if (checkAmount(problems, `${at}.cap`, r.cap, 1, MAX_AMOUNT, `${what.zh}上限`) && r.cap < r.points) {
        problems.push({ path: `${at}.cap`, message: t(`${what.zh}上限不能低于每项${what.zh}`, `The ${what.en} cap cannot be below the points per item`) });
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
    if (!node.method) problems.push({ path: `${path}.method`, message: t(`「${node.name}」未设置评分方法`, `“${node.name}” has no scoring method`) });
    if (!node.assessorUnitId) problems.push({ path: `${path}.assessorUnitId`, message: t(`「${node.name}」未指定考评单位`, `“${node.name}” has no assessor unit`) });
  }
  return problems;
}

/** Only the sums: the tree against the total, each parent against its children. */
export function sumProblems(plan: Pick<CategoryPlan, 'tree' | 'totalPoints'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const top = sum(plan.tree);
  if (top !== plan.totalPoints) {
    problems.push({
      path: 'tree',
      message: t(
        `一级指标分值合计 ${formatPoints(top)} 分，与类别总分 ${formatPoints(plan.totalPoints)} 分不符`,
        `The top-level indicators add up to ${formatPoints(top)}, not the category total of ${formatPoints(plan.totalPoints)}`,
      ),
    });
  }
  for (const { node, path } of walk(plan.tree)) {
    if (isLeaf(node)) continue;
    const got = sum(node.children!);
    if (got !== node.points) {
      problems.push({
        path: `${path}.points`,
        message: t(
          `「${node.name}」下级指标分值合计 ${formatPoints(got)} 分，与本指标分值 ${formatPoints(node.points)} 分不符`,
          `The indicators under “${node.name}” add up to ${formatPoints(got)}, not its ${formatPoints(node.points)}`,
        ),
      });
    }
  }
  return problems;
}

/** The engine's TotalRules: satisfaction parts are the tree's satisfaction leaves, caps per deduction rule. */
export function totalRulesOf(plan: CategoryPlan): TotalRules {
  return {
    bonusCap: plan.totals.bonusCap,
    bonusCaps: Object.fromEntries(plan.bonuses.filter((b) => b.cap !== undefined).map((b) => [b.id, b.cap!])),
    deductionCap: plan.totals.deductionCap,
    deductionCaps: Object.fromEntries(plan.deductions.filter((d) => d.cap !== undefined).map((d) => [d.id, d.cap!])),
    satisfaction: leaves(plan.tree)
      .filter((w) => w.node.method?.kind === 'satisfaction')
      .map(({ node }) => ({ id: node.id, name: node.name, weight: node.points, ...(node.common ? { common: true } : {}) })),
  };
}

/** Leaves only carry method, assessor, common, criteria and refinable (kept only when true); parents have them removed. */
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
      ...(n.refinable ? { refinable: true } : {}),
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

/** The cycle as a plan write needs it. */
interface CycleAt {
  status: 'open' | 'closed';
  currentStage: number;
}

/** Past the plan stage a change needs a reason and makes a new version (Art 9). */
export const planVersioned = (cycle: CycleAt): boolean => cycle.currentStage > stageNumber('plan');

/** How a save is stored: the version it writes, whether over the one read, and the version's reason. */
export interface PlanWrite {
  version: number;
  inPlace: boolean;
  reasonRequired: boolean;
  /**
   * Past the plan stage the new version is only proposed: it takes force when the bureau leader
   * approves it (issue 11), and the version in force does not change meanwhile.
   */
  proposed: boolean;
  /** The new version's reason, or the reason the version edited in place already had. */
  reason?: string;
}

/**
 * Whether a save of a category's plan may be made and how: edited in place while the cycle is at
 * its plan stage, a new version with a reason after it. `before` is the newest version as read,
 * `input.revision` the revision the editor read (0 when there was no plan yet). A refusal is the
 * error to answer with.
 */
export function planWrite(
  cycle: CycleAt,
  before: Pick<PlanRecord, 'version' | 'revision' | 'reason'> | undefined,
  input: { revision: number; reason?: string },
  /** The proposal awaiting the leader's decision, if one does: a second one waits for it. */
  pending?: { seq: number },
): PlanWrite | { refusal: ConflictError | ValidationError } {
  if (cycle.status !== 'open') return { refusal: new ConflictError(t('该考评周期已结束，方案不能再修改', 'This cycle has closed; its plan can no longer change')) };
  if ((before?.revision ?? 0) !== input.revision) return { refusal: new ConflictError(t('方案已被他人修改，请刷新后重试', 'Someone else changed the plan; please refresh and try again')) };
  const reasonRequired = planVersioned(cycle);
  const reason = input.reason?.trim();
  if (reasonRequired && !reason) {
    const where = STAGE_NAMES[stageAt(cycle.currentStage)];
    return {
      refusal: new ValidationError(t('需要说明修改原因', 'A reason is needed'), [
        { path: 'body.reason', message: t(`周期已进入「${where}」阶段，修改方案须说明原因，并生成新版本`, `The cycle is past its plan stage; a change needs a reason and makes a new version`) },
      ]),
    };
  }
  if (reasonRequired && pending) {
    return { refusal: new ConflictError(t(`第 ${pending.seq} 号方案修改正待绩效办领导审批，审批后才能再提出修改`, `Proposal ${pending.seq} awaits the bureau leader's decision; a further change can be proposed after it`)) };
  }
  const inPlace = isAtStage(cycle, 'plan') && before !== undefined;
  if (inPlace) return { version: before.version, inPlace, reasonRequired, proposed: false, ...(before.reason ? { reason: before.reason } : {}) };
  return { version: (before?.version ?? 0) + 1, inPlace, reasonRequired, proposed: reasonRequired, ...(reason ? { reason } : {}) };
}
