// A unit's total (SPEC.md "Scoring"): Σ goal scores + capped approved bonuses (Art 19)
// − approved deductions, capped per rule (Art 20) + the satisfaction component (Art 18).
import { applyPercent, checkAmount, formatPercent, formatPoints, FULL_PERCENT, MAX_AMOUNT, type Hundredths } from './points.ts';
import { assertNoProblems, type FieldProblem } from './problems.ts';

/** One satisfaction survey in the work plan, e.g. 社会公众评价 worth 8.00 points. */
export interface SatisfactionPart {
  id: string;
  name: string;
  weight: Hundredths;
  /** Counts towards the common-indicator score used to order ties (共性). */
  common?: boolean;
}

export interface TotalRules {
  /** Cap on the sum of approved bonuses, applied before deductions; default 5.00. */
  bonusCap: Hundredths;
  /** Cap per bonus rule id (applied before bonusCap); a rule not listed is uncapped. */
  bonusCaps?: Record<string, Hundredths>;
  /** Cap per deduction rule id; a rule not listed is uncapped (the default). */
  deductionCaps?: Record<string, Hundredths>;
  /** Cap on all deductions together; none by default. */
  deductionCap?: Hundredths | null;
  satisfaction: SatisfactionPart[];
}

export const DEFAULT_BONUS_CAP: Hundredths = 500;

export function defaultTotalRules(satisfaction: SatisfactionPart[] = []): TotalRules {
  return { bonusCap: DEFAULT_BONUS_CAP, deductionCaps: {}, deductionCap: null, satisfaction };
}

/** A goal's score as computed by scoreGoal (or entered after review). */
export interface ScoredGoal {
  goalId: string;
  points: Hundredths;
  score: Hundredths;
  /** 共性指标: counts towards the score that orders ties. */
  common?: boolean;
}

/** An approved bonus or deduction item. */
export interface ScoreItem {
  ruleId: string;
  name: string;
  amount: Hundredths;
  /** Deductions only: 情节严重 (Art 20) lowers the grade by one. */
  severe?: boolean;
}

export interface UnitScoreInput {
  goals: ScoredGoal[];
  bonuses: ScoreItem[];
  deductions: ScoreItem[];
  /** Satisfaction rate per part id, in hundredths of a percent (87.50 % = 8750). */
  satisfaction: Record<string, Hundredths>;
}

export interface TotalBreakdown {
  goalSum: Hundredths;
  bonusRaw: Hundredths;
  bonus: Hundredths;
  deductionRaw: Hundredths;
  deduction: Hundredths;
  satisfaction: Hundredths;
  /** Score on the common indicators (共性指标 and common satisfaction parts). */
  commonScore: Hundredths;
  severeDeductions: number;
  /** Never below TOTAL_FLOOR. */
  total: Hundredths;
  /** Chinese lines, one per component, ending with the total. */
  lines: string[];
}

/** A total never goes below 0.00, however large uncapped deductions are. */
export const TOTAL_FLOOR: Hundredths = 0;

/** Highest total a unit of the category can reach: Σ points + bonus cap + satisfaction weights. */
export function maxTotal(rules: TotalRules, goalPoints: readonly Hundredths[]): Hundredths {
  return goalPoints.reduce((s, p) => s + p, 0) + rules.bonusCap + rules.satisfaction.reduce((s, p) => s + p.weight, 0);
}

export function checkTotalRules(rules: TotalRules, path = 'rules'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkAmount(problems, `${path}.bonusCap`, rules.bonusCap, 0, MAX_AMOUNT, '加分上限');
  for (const [id, cap] of Object.entries(rules.bonusCaps ?? {})) {
    checkAmount(problems, `${path}.bonusCaps.${id}`, cap, 0, MAX_AMOUNT, '加分上限');
  }
  for (const [id, cap] of Object.entries(rules.deductionCaps ?? {})) {
    checkAmount(problems, `${path}.deductionCaps.${id}`, cap, 0, MAX_AMOUNT, '扣分上限');
  }
  if (rules.deductionCap != null) checkAmount(problems, `${path}.deductionCap`, rules.deductionCap, 0, MAX_AMOUNT, '扣分总上限');
  const ids = new Set<string>();
  rules.satisfaction.forEach((part, i) => {
    const at = `${path}.satisfaction.${i}`;
    if (!part.id) problems.push({ path: `${at}.id`, message: '缺少编号' });
    else if (ids.has(part.id)) problems.push({ path: `${at}.id`, message: '编号重复' });
    ids.add(part.id);
    checkAmount(problems, `${at}.weight`, part.weight, 0, MAX_AMOUNT, '满意度权重分');
  });
  return problems;
}

export function checkUnitScoreInput(rules: TotalRules, input: UnitScoreInput, path = 'input'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  input.goals.forEach((g, i) => {
    if (checkAmount(problems, `${path}.goals.${i}.points`, g.points, 0, MAX_AMOUNT, '分值')) {
      checkAmount(problems, `${path}.goals.${i}.score`, g.score, 0, g.points, '得分');
    }
  });
  for (const list of ['bonuses', 'deductions'] as const) {
    input[list].forEach((item, i) => checkAmount(problems, `${path}.${list}.${i}.amount`, item.amount, 1, MAX_AMOUNT, list === 'bonuses' ? '加分' : '扣分'));
  }
  for (const part of rules.satisfaction) {
    checkAmount(problems, `${path}.satisfaction.${part.id}`, input.satisfaction[part.id], 0, FULL_PERCENT, `“${part.name}”满意率`);
  }
  for (const id of Object.keys(input.satisfaction)) {
    if (!rules.satisfaction.some((p) => p.id === id)) problems.push({ path: `${path}.satisfaction.${id}`, message: '工作方案中没有该满意度评价项' });
  }
  return problems;
}

/** Items grouped by rule id, rules in code order (the breakdown's lines do not depend on entry order). */
function groupByRule(items: readonly ScoreItem[]): [string, ScoreItem[]][] {
  const byRule = new Map<string, ScoreItem[]>();
  for (const item of items) byRule.set(item.ruleId, [...(byRule.get(item.ruleId) ?? []), item]);
  return [...byRule].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The unit's total with its breakdown; throws a ValidationError naming the field on bad input. */
export function computeTotal(rules: TotalRules, input: UnitScoreInput): TotalBreakdown {
  assertNoProblems(checkTotalRules(rules), '计分规则有误');
  assertNoProblems(checkUnitScoreInput(rules, input), '计分输入有误');
  const lines: string[] = [];
  let goalSum = 0;
  let commonScore = 0;
  for (const g of input.goals) {
    goalSum += g.score;
    if (g.common) commonScore += g.score;
  }
  const points = input.goals.reduce((s, g) => s + g.points, 0);
  lines.push(`指标得分合计 ${formatPoints(goalSum)} 分（${input.goals.length} 项指标，满分 ${formatPoints(points)} 分）`);

  const bonusRaw = input.bonuses.reduce((s, b) => s + b.amount, 0);
  // Each rule's own cap first (Art 19 items of one kind), then the category's cap on the sum.
  let bonusByRule = 0;
  for (const [ruleId, items] of groupByRule(input.bonuses)) {
    const sum = items.reduce((s, b) => s + b.amount, 0);
    const cap = rules.bonusCaps?.[ruleId];
    const counted = cap === undefined ? sum : Math.min(sum, cap);
    bonusByRule += counted;
    if (counted < sum) lines.push(`加分“${items[0]!.name}” ${formatPoints(sum)} 分，超过该项加分上限，按 ${formatPoints(counted)} 分计（第十九条）`);
  }
  const bonus = Math.min(bonusByRule, rules.bonusCap);
  if (bonusRaw > 0) {
    const items = input.bonuses.map((b) => `${b.name} +${formatPoints(b.amount)}`).join('，');
    const capText = bonusByRule > bonus ? `，超过加分上限，按 ${formatPoints(bonus)} 分计` : '';
    lines.push(`加分 ${formatPoints(bonusRaw)} 分（${items}）${capText}（第十九条）`);
  }

  let deductionRaw = 0;
  for (const [ruleId, items] of groupByRule(input.deductions)) {
    const sum = items.reduce((s, d) => s + d.amount, 0);
    const cap = rules.deductionCaps?.[ruleId];
    const counted = cap === undefined ? sum : Math.min(sum, cap);
    deductionRaw += counted;
    const names = items.map((d) => `${d.name} −${formatPoints(d.amount)}${d.severe ? '（情节严重）' : ''}`).join('，');
    const capText = counted < sum ? `，超过该项扣分上限，按 ${formatPoints(counted)} 分计` : '';
    lines.push(`扣分 ${formatPoints(sum)} 分（${names}）${capText}（第二十条）`);
  }
  const overall = rules.deductionCap ?? null;
  const deduction = overall === null ? deductionRaw : Math.min(deductionRaw, overall);
  if (deduction < deductionRaw) lines.push(`扣分合计 ${formatPoints(deductionRaw)} 分，超过扣分总上限，按 ${formatPoints(deduction)} 分计`);

  let satisfaction = 0;
  for (const part of rules.satisfaction) {
    const rate = input.satisfaction[part.id]!;
    const got = applyPercent(part.weight, rate);
    satisfaction += got;
    if (part.common) commonScore += got;
    lines.push(`${part.name}：${formatPoints(part.weight)} 分 × 满意率 ${formatPercent(rate)} = ${formatPoints(got)} 分`);
  }

  const sum = goalSum + bonus - deduction + satisfaction;
  const total = Math.max(TOTAL_FLOOR, sum);
  const parts = [formatPoints(goalSum), `+ ${formatPoints(bonus)}`, `− ${formatPoints(deduction)}`, `+ ${formatPoints(satisfaction)}`].join(' ');
  lines.push(`总分 = ${parts} = ${formatPoints(sum)} 分${sum < TOTAL_FLOOR ? `，不低于 ${formatPoints(TOTAL_FLOOR)} 分，按 ${formatPoints(total)} 分计` : ''}`);
  const severeDeductions = input.deductions.filter((d) => d.severe).length;
  return { goalSum, bonusRaw, bonus, deductionRaw, deduction, satisfaction, commonScore, severeDeductions, total, lines };
}
