// Bonus and deduction rules (domain/claims.ts): the amount of an item, who raises, edits, submits and
// decides it, what the queue and the unit see, and the capped effect as the scoring engine gives it.
import { describe, expect, it } from 'vitest';
import { claimEffect, claimTerms, decisionRefusal, editRefusal, feedbackRuleOf, inQueue, raiserKindOf, ruleOf, submitRefusal, visibleToUnit } from '../../functions/domain/claims.ts';
import { defaultPlan, type CategoryPlan } from '../../functions/domain/plan.ts';
import type { ClaimRecord } from '../../functions/model/claim.ts';

const plan: CategoryPlan = {
  ...defaultPlan(),
  bonuses: [
    { id: 'b1', name: '获国家级表彰', points: 100, needsApproval: true },
    { id: 'b2', name: '获自治区级表彰', points: 50, cap: 100, needsApproval: true },
  ],
  deductions: [
    { id: 'd1', name: '被通报批评', points: 100, needsApproval: true, severe: false },
    { id: 'd2', name: '严重问题（情节严重）', points: 200, needsApproval: true, severe: true },
    { id: 'd3', name: '反馈问题未按期答复整改', points: 50, cap: 150, needsApproval: false, severe: false },
  ],
  totals: { bonusCap: 500, deductionCap: null },
};

const claim = (over: Partial<ClaimRecord>): ClaimRecord => ({
  regionId: '450900',
  cycleId: '2026',
  unitId: 'yz',
  id: 'x',
  unitName: '玉州区',
  categoryId: 'c1',
  kind: 'bonus',
  ruleId: 'b1',
  name: '获国家级表彰',
  occurrences: 1,
  amount: 100,
  severe: false,
  needsApproval: true,
  raisedBy: { kind: 'unit', unitId: 'yz' },
  description: '说明',
  evidence: [],
  status: 'approved',
  createdAt: '2026-12-01T00:00:00Z',
  createdBy: 'yz_staff',
  version: 1,
  updatedAt: '2026-12-01T00:00:00Z',
  updatedBy: 'yz_staff',
  ...over,
});
const who = (role: 'unit_staff' | 'unit_leader' | 'assessor_staff' | 'bureau_staff' | 'bureau_leader', unitId: string) => ({ role, unitId });

describe('rules and amounts', () => {
  it('finds a rule only among its own kind, and multiplies its points exactly', () => {
    expect(ruleOf(plan, 'bonus', 'd1')).toBeUndefined();
    expect(claimTerms(ruleOf(plan, 'deduction', 'd2')!, 3)).toEqual({ name: '严重问题（情节严重）', amount: 600, severe: true, needsApproval: true });
    expect(claimTerms(ruleOf(plan, 'bonus', 'b2')!, 1)).toMatchObject({ amount: 50, severe: false });
    expect(claimTerms({ id: 'b', name: '巨额', points: 99_000_000, needsApproval: true }, 2)).toHaveProperty('problem');
  });
  it('names the rule a feedback proposal falls under, if the plan has one', () => {
    expect(feedbackRuleOf(plan)?.id).toBe('d3');
    expect(feedbackRuleOf({ deductions: plan.deductions.slice(0, 2) })).toBeUndefined();
  });
});

describe('who does what', () => {
  it('units claim bonuses; assessor units and the bureau raise deductions', () => {
    expect(raiserKindOf(who('unit_staff', 'yz'), 'bonus')).toBe('unit');
    expect(raiserKindOf(who('unit_leader', 'yz'), 'deduction')).toBeUndefined();
    expect(raiserKindOf(who('assessor_staff', 'tjj'), 'deduction')).toBe('assessor');
    expect(raiserKindOf(who('bureau_staff', 'jxb'), 'deduction')).toBe('bureau');
    expect(raiserKindOf(who('bureau_staff', 'jxb'), 'bonus')).toBeUndefined();
  });
  it('only the raiser edits a draft; a unit’s bonus is submitted by its leader', () => {
    const draft = claim({ status: 'draft' });
    expect(editRefusal(draft, who('unit_staff', 'yz'))).toBeUndefined();
    expect(editRefusal(draft, who('unit_staff', 'other'))).toBeDefined();
    expect(editRefusal(claim({ status: 'submitted' }), who('unit_staff', 'yz'))).toBeDefined();
    expect(submitRefusal(draft, who('unit_staff', 'yz'))).toBeDefined();
    expect(submitRefusal(draft, who('unit_leader', 'yz'))).toBeUndefined();
    const assessorDraft = claim({ status: 'draft', kind: 'deduction', raisedBy: { kind: 'assessor', unitId: 'tjj' } });
    expect(submitRefusal(assessorDraft, who('assessor_staff', 'tjj'))).toBeUndefined();
    expect(submitRefusal(assessorDraft, who('assessor_staff', 'sthjj'))).toBeDefined();
    const bureauDraft = claim({ status: 'draft', kind: 'deduction', raisedBy: { kind: 'bureau', unitId: 'jxb' } });
    expect(submitRefusal(bureauDraft, who('bureau_leader', 'jxb'))).toBeUndefined();
  });
  it('rules needing approval are the bureau leader’s; others any bureau member’s; only submitted items', () => {
    expect(decisionRefusal(claim({ status: 'submitted' }), who('bureau_staff', 'jxb'))?.status).toBe(403);
    expect(decisionRefusal(claim({ status: 'submitted' }), who('bureau_leader', 'jxb'))).toBeUndefined();
    expect(decisionRefusal(claim({ status: 'submitted', needsApproval: false }), who('bureau_staff', 'jxb'))).toBeUndefined();
    expect(decisionRefusal(claim({ status: 'approved' }), who('bureau_leader', 'jxb'))?.status).toBe(409);
    expect(decisionRefusal(claim({ status: 'submitted', needsApproval: false }), who('assessor_staff', 'tjj'))?.status).toBe(403);
  });
  it('the queue holds all but others’ drafts; a unit sees its own and deductions once submitted', () => {
    expect(inQueue(claim({ status: 'draft' }))).toBe(false);
    expect(inQueue(claim({ status: 'draft', raisedBy: { kind: 'bureau', unitId: 'jxb' } }))).toBe(true);
    expect(inQueue(claim({ status: 'submitted', raisedBy: { kind: 'assessor', unitId: 'tjj' } }))).toBe(true);
    expect(visibleToUnit(claim({ status: 'draft', raisedBy: { kind: 'assessor', unitId: 'tjj' } }))).toBe(false);
    expect(visibleToUnit(claim({ status: 'submitted', raisedBy: { kind: 'assessor', unitId: 'tjj' } }))).toBe(true);
    expect(visibleToUnit(claim({ status: 'draft' }))).toBe(true);
  });
});

describe('effect (the engine’s caps)', () => {
  it('counts approved items only, caps per rule and in total, and carries the severe flag', () => {
    const effect = claimEffect(plan, [
      claim({ ruleId: 'b2', amount: 150, occurrences: 3, name: '获自治区级表彰' }),
      claim({ ruleId: 'b1', amount: 100, status: 'rejected' }),
      claim({ kind: 'deduction', ruleId: 'd3', amount: 100, name: '反馈问题未按期答复整改' }),
      claim({ kind: 'deduction', ruleId: 'd3', amount: 100, name: '反馈问题未按期答复整改' }),
      claim({ kind: 'deduction', ruleId: 'd2', amount: 200, severe: true, name: '严重问题（情节严重）' }),
      claim({ kind: 'deduction', ruleId: 'd1', amount: 100, status: 'submitted' }),
    ]);
    expect(effect).toMatchObject({ bonusRaw: 150, bonus: 100, deductionRaw: 400, deduction: 350, severeDeductions: 1 });
    expect(effect.lines.some((l) => l.includes('超过该项扣分上限，按 1.50 分计'))).toBe(true);
    expect(effect.lines.some((l) => l.includes('总分'))).toBe(false);
  });
  it('applies the category’s bonus cap over the rules', () => {
    const many = Array.from({ length: 7 }, (_, i) => claim({ id: String(i), ruleId: 'b1', amount: 100 }));
    expect(claimEffect(plan, many)).toMatchObject({ bonusRaw: 700, bonus: 500 });
  });
});
