// Bonus (Art 19) and deduction (Art 20) items as pure rules: which rule of the plan an item falls
// under and what it is worth, who may move it from which status, what the bureau's queue and the
// unit's view hold, and the capped effect on a unit's total — computed by the scoring engine's
// computeTotal, never here.
import { t } from '../contracts/lang.ts';
import type { ClaimKind, ClaimRecord, ClaimStatus, RaiserKind } from '../model/claim.ts';
import type { BonusRule, CategoryPlan, DeductionRule } from './plan.ts';
import { totalRulesOf } from './plan.ts';
import { BUREAU_ROLES, type Caller } from './roles.ts';
import { computeTotal, MAX_AMOUNT, type Hundredths, type ScoreItem } from './scoring/index.ts';
import type { StageCode } from './stages.ts';

/** Items are raised, edited and decided while units self-assess and assessor units score. */
export const CLAIM_STAGES: readonly StageCode[] = ['self_assessment', 'assessment'];

export const isBureau = (c: Pick<Caller, 'role'>) => BUREAU_ROLES.includes(c.role);

/** The plan's rule an item of `kind` names, or undefined. */
export function ruleOf(plan: Pick<CategoryPlan, 'bonuses' | 'deductions'>, kind: ClaimKind, ruleId: string): BonusRule | DeductionRule | undefined {
  return kind === 'bonus' ? plan.bonuses.find((r) => r.id === ruleId) : plan.deductions.find((r) => r.id === ruleId);
}

/** The rule's fields an item carries: amount = points × occurrences (exact hundredths), 情节严重, 报批. */
export function claimTerms(rule: BonusRule | DeductionRule, occurrences: number): { name: string; amount: Hundredths; severe: boolean; needsApproval: boolean } | { problem: string } {
  const amount = rule.points * occurrences;
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > MAX_AMOUNT) return { problem: t('分值超出范围', 'The amount is out of range') };
  return { name: rule.name, amount, severe: 'severe' in rule ? rule.severe : false, needsApproval: rule.needsApproval };
}

/** Who the caller raises an item as: its own unit (bonus), an assessor unit or the bureau (deduction). */
export function raiserKindOf(caller: Pick<Caller, 'role'>, kind: ClaimKind): RaiserKind | undefined {
  if (kind === 'bonus') return caller.role === 'unit_staff' || caller.role === 'unit_leader' ? 'unit' : undefined;
  if (isBureau(caller)) return 'bureau';
  return caller.role === 'assessor_staff' ? 'assessor' : undefined;
}

/** Whether the caller stands for the item's raiser: the same unit, or for the bureau's items any bureau role. */
export const isRaiser = (claim: Pick<ClaimRecord, 'raisedBy'>, caller: Pick<Caller, 'role' | 'unitId'>) =>
  claim.raisedBy.kind === 'bureau' ? isBureau(caller) : claim.raisedBy.unitId === caller.unitId && !isBureau(caller);

/** Why the caller may not change or remove a draft; undefined when they may. */
export function editRefusal(claim: Pick<ClaimRecord, 'status' | 'raisedBy'>, caller: Pick<Caller, 'role' | 'unitId'>): string | undefined {
  if (!isRaiser(claim, caller)) return t('只有提出单位可以修改该加减分事项', 'Only whoever raised this item may change it');
  if (claim.status !== 'draft') return t('该事项已报送，不能再修改', 'This item has been submitted and can no longer be changed');
  return undefined;
}

/** Why the caller may not submit the item to the bureau; a unit's bonus goes on only with its leader's approval. */
export function submitRefusal(claim: Pick<ClaimRecord, 'status' | 'raisedBy'>, caller: Pick<Caller, 'role' | 'unitId'>): string | undefined {
  const edit = editRefusal(claim, caller);
  if (edit) return edit;
  if (claim.raisedBy.kind === 'unit' && caller.role !== 'unit_leader') return t('加分申报须经单位负责人审核后报送', 'The unit leader approves a bonus claim before it goes to the bureau');
  return undefined;
}

/** Why the caller may not decide the item; rules needing approval (报批) are the bureau leader's alone. */
export function decisionRefusal(claim: Pick<ClaimRecord, 'status' | 'needsApproval'>, caller: Pick<Caller, 'role'>): { status: 403 | 409; message: string } | undefined {
  if (!isBureau(caller)) return { status: 403, message: t('只有绩效办可以审核加减分事项', 'Only the bureau decides bonus and deduction items') };
  if (claim.needsApproval && caller.role !== 'bureau_leader') return { status: 403, message: t('该事项须报绩效办领导审批', 'This item needs the bureau leader’s approval') };
  if (claim.status !== 'submitted') return { status: 409, message: t('该事项不在待审核状态', 'This item is not waiting for a decision') };
  return undefined;
}

/** The bureau's queue holds every submitted or decided item, and its own drafts (a unit's or an assessor unit's drafts are theirs). */
export const inQueue = (c: Pick<ClaimRecord, 'status' | 'raisedBy'>) => c.status !== 'draft' || c.raisedBy.kind === 'bureau';

/** What a unit sees of its items: all it raised, and deductions raised against it once submitted. */
export const visibleToUnit = (c: Pick<ClaimRecord, 'status' | 'raisedBy' | 'unitId'>) => c.raisedBy.kind === 'unit' || c.status !== 'draft';

export type ClaimCounts = Record<ClaimStatus, number>;
export const countClaims = (claims: readonly Pick<ClaimRecord, 'status'>[]): ClaimCounts => {
  const counts: ClaimCounts = { draft: 0, submitted: 0, approved: 0, rejected: 0 };
  for (const c of claims) counts[c.status] += 1;
  return counts;
};

/** The approved items as the engine takes them. */
export function scoreItems(claims: readonly ClaimRecord[]): { bonuses: ScoreItem[]; deductions: ScoreItem[] } {
  const approved = claims.filter((c) => c.status === 'approved');
  const item = (c: ClaimRecord): ScoreItem => ({ ruleId: c.ruleId, name: c.name, amount: c.amount, ...(c.severe ? { severe: true } : {}) });
  return { bonuses: approved.filter((c) => c.kind === 'bonus').map(item), deductions: approved.filter((c) => c.kind === 'deduction').map(item) };
}

export interface ClaimEffect {
  /** Σ approved bonuses, and what counts after the rule caps and the category's bonus cap. */
  bonusRaw: Hundredths;
  bonus: Hundredths;
  /** Σ approved deductions, and what counts after the rule caps and any overall cap. */
  deductionRaw: Hundredths;
  deduction: Hundredths;
  /** Approved deductions under a 情节严重 rule: each lowers the grade (grading reads the flags). */
  severeDeductions: number;
  /** The engine's lines for the bonuses and deductions (第十九条, 第二十条). */
  lines: string[];
}

/** The approved items' effect on the unit's total, by the engine with the plan's caps (goals and satisfaction left out). */
export function claimEffect(plan: CategoryPlan, claims: readonly ClaimRecord[]): ClaimEffect {
  const { bonuses, deductions } = scoreItems(claims);
  const total = computeTotal({ ...totalRulesOf(plan), satisfaction: [] }, { goals: [], bonuses, deductions, satisfaction: {} });
  return {
    bonusRaw: total.bonusRaw,
    bonus: total.bonus,
    deductionRaw: deductions.reduce((s, d) => s + d.amount, 0),
    deduction: total.deduction,
    severeDeductions: total.severeDeductions,
    // With no goals or satisfaction parts, the first line is the empty goal sum and the last the total.
    lines: total.lines.slice(1, -1),
  };
}

/** The Art 20 deduction rule a proposal from unanswered or late feedback most likely falls under: the plan's first rule naming feedback (反馈), else none. */
export function feedbackRuleOf(plan: Pick<CategoryPlan, 'deductions'>): DeductionRule | undefined {
  return plan.deductions.find((r) => /反馈|整改/.test(r.name));
}
