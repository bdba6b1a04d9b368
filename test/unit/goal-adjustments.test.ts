// The rules of goal adjustment (Art 11): when a request may be made, who moves it, what a proposal
// must be, and the goal an approval makes.
import { describe, expect, it } from 'vitest';
import { adjustedGoal, adjustmentMove, initialStatus, proposalProblems, reasonName, requestRefusal } from '../../functions/domain/goal-adjustments.ts';
import type { PlanNode } from '../../functions/domain/plan.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import type { GoalFields, GoalRecord } from '../../functions/model/goal.ts';

const leaf: PlanNode = { id: '1.1', name: '地区生产总值增长', points: 2000, method: { kind: 'completion', capPercent: 10_000 }, assessorUnitId: 'yl-tjj', common: false, criteria: '按完成率计分' };
const fields: GoalFields = { target: 7, unitOfMeasure: '%', milestones: [{ date: '2026-06-30', expected: 3 }, { date: '2026-12-31', expected: 7 }], coUnitIds: [], responsible: '刘建国' };
const goal: GoalRecord = {
  ...fields,
  regionId: '450900',
  cycleId: '2026',
  unitId: 'yl-yuzhou',
  indicatorId: '1.1',
  categoryId: 'c1',
  planVersion: 1,
  assessorUnitId: 'yl-tjj',
  status: 'approved',
  returnReason: '目标偏低',
  returnedAt: '2026-03-02T01:00:00.000Z',
  returnedAs: { ...fields, target: 6 },
  version: 3,
  updatedAt: '2026-03-05T01:00:00.000Z',
  updatedBy: 'yl_staff',
};

describe('when a request may be made', () => {
  it('only in goal review or execution', () => {
    expect(requestRefusal(stageNumber('goal_review'), 'approved', goal)).toBeUndefined();
    expect(requestRefusal(stageNumber('execution'), 'approved', goal)).toBeUndefined();
    expect(requestRefusal(stageNumber('goal_setting'), 'approved', goal)).toMatch(/目标审定|过程管理/);
    expect(requestRefusal(stageNumber('self_assessment'), 'approved', goal)).toBeDefined();
  });
  it('only of an approved goal of an approved set', () => {
    expect(requestRefusal(stageNumber('execution'), 'submitted', goal)).toMatch(/已审定/);
    expect(requestRefusal(stageNumber('execution'), 'approved', { status: 'draft' })).toBeDefined();
    expect(requestRefusal(stageNumber('execution'), 'approved', undefined)).toBeDefined();
  });
});

describe('who starts and moves a request', () => {
  it('a filer drafts (and may not send), the leader sends or drafts, an assessor unit sends', () => {
    expect(initialStatus('unit_staff', false)).toEqual({ ok: true, status: 'draft' });
    expect(initialStatus('unit_staff', true).ok).toBe(false);
    expect(initialStatus('unit_leader', true)).toEqual({ ok: true, status: 'pending' });
    expect(initialStatus('unit_leader', false)).toEqual({ ok: true, status: 'draft' });
    expect(initialStatus('assessor_staff', false)).toEqual({ ok: true, status: 'pending' });
    expect(initialStatus('bureau_staff', true).ok).toBe(false);
  });
  it('the leader submits a unit draft; only the bureau leader decides a pending one', () => {
    expect(adjustmentMove('submit', 'draft', 'unit_leader', 'unit')).toEqual({ ok: true, to: 'pending' });
    expect(adjustmentMove('submit', 'draft', 'unit_staff', 'unit')).toMatchObject({ ok: false, reason: 'role' });
    expect(adjustmentMove('approve', 'pending', 'bureau_leader', 'unit')).toEqual({ ok: true, to: 'approved' });
    expect(adjustmentMove('reject', 'pending', 'bureau_leader', 'assessor')).toEqual({ ok: true, to: 'rejected' });
    expect(adjustmentMove('approve', 'pending', 'bureau_staff', 'unit')).toMatchObject({ ok: false, reason: 'role' });
    expect(adjustmentMove('approve', 'draft', 'bureau_leader', 'unit')).toMatchObject({ ok: false, reason: 'status' });
    expect(adjustmentMove('approve', 'approved', 'bureau_leader', 'unit')).toMatchObject({ ok: false, reason: 'status' });
  });
  it('a unit withdraws its own open request, not one its assessor unit made, nor a decided one', () => {
    expect(adjustmentMove('withdraw', 'pending', 'unit_staff', 'unit')).toEqual({ ok: true, to: 'withdrawn' });
    expect(adjustmentMove('withdraw', 'pending', 'unit_leader', 'assessor')).toMatchObject({ ok: false, reason: 'role' });
    expect(adjustmentMove('withdraw', 'rejected', 'unit_leader', 'unit')).toMatchObject({ ok: false, reason: 'status' });
    expect(adjustmentMove('withdraw', 'pending', 'assessor_staff', 'assessor')).toEqual({ ok: true, to: 'withdrawn' });
    expect(adjustmentMove('withdraw', 'pending', 'assessor_staff', 'unit')).toMatchObject({ ok: false, reason: 'role' });
  });
});

describe('a proposal', () => {
  it('must change the goal', () => {
    expect(proposalProblems(leaf, fields, { ...fields }, 2026).map((p) => p.path)).toEqual(['body.proposed']);
    expect(proposalProblems(leaf, fields, { ...fields, target: 6 }, 2026)).toEqual([]);
  });
  it('must be a complete goal of the year, its problems placed under body.proposed (indicator codes with dots included)', () => {
    const bad: GoalFields = { ...fields, target: undefined, milestones: [{ date: '2027-01-31', expected: 1 }] };
    expect(proposalProblems(leaf, fields, bad, 2026).map((p) => p.path)).toEqual(['body.proposed.target', 'body.proposed.milestones.0.date']);
  });
  it('names the regulation’s reason classes', () => {
    expect([reasonName('major_decision'), reasonName('institutional'), reasonName('force_majeure')]).toEqual(['重大决策调整', '机构调整', '不可抗力因素']);
  });
});

describe('the goal an approval makes', () => {
  it('is the next revision with the proposed fields and the fact recorded; the return of its first review is not carried on', () => {
    const next = adjustedGoal(goal, { proposed: { ...fields, target: 5.5 }, reason: 'force_majeure' }, '2026-07-01T02:00:00.000Z', 'yl_leader');
    expect(next).toMatchObject({ target: 5.5, revision: 2, version: 4, status: 'approved', updatedBy: 'yl_leader', adjustments: [{ revision: 2, decidedAt: '2026-07-01T02:00:00.000Z', reason: 'force_majeure' }] });
    expect(next).not.toHaveProperty('returnReason');
    expect(next).not.toHaveProperty('returnedAs');
    const third = adjustedGoal(next, { proposed: { ...fields, target: 5 }, reason: 'institutional' }, '2026-09-01T02:00:00.000Z', 'yl_leader');
    expect(third.revision).toBe(3);
    expect(third.adjustments?.map((a) => a.revision)).toEqual([2, 3]);
  });
});
