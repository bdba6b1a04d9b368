// The goal rules of Art 8–10: coverage of a unit's set against its plan, the set's state machine,
// what a return must carry, and each goal's status after a move.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedFields, checkReturns, countByStatus, coverage, goalEditable, goalLeaves, goalWorkOpen, nextGoalStatus, SET_ACTIONS, SET_MOVES, setMove, type GoalDraft } from '../../functions/domain/goals.ts';
import type { PlanNode } from '../../functions/domain/plan.ts';
import { ROLES } from '../../functions/domain/roles.ts';
import { stageNumber, type StageCode } from '../../functions/domain/stages.ts';
import { GOAL_STATUSES, type GoalStatus } from '../../functions/model/goal.ts';

const leaf = (id: string, extra: Partial<PlanNode> = {}): PlanNode => ({ id, name: `指标${id}`, points: 500, method: { kind: 'completion' }, ...extra });
const tree: PlanNode[] = [
  { id: '1', name: '职能工作', points: 1500, children: [leaf('1.1'), leaf('1.2', { method: { kind: 'completion', lowerIsBetter: true } }), { id: '1.3', name: '三级', points: 500, children: [leaf('1.3.1')] }] },
  { id: '3', name: '满意度', points: 500, children: [leaf('3.1', { method: { kind: 'satisfaction' } })] },
];
const plan = { tree };
const good = (indicatorId: string, milestones = [{ date: '2027-06-30', expected: 50 }, { date: '2027-12-31', expected: 100 }]): GoalDraft => ({ indicatorId, target: 100, unitOfMeasure: '%', milestones });
const complete = () => [good('1.1'), good('1.2', [{ date: '2027-06-30', expected: 10 }, { date: '2027-12-31', expected: 5 }]), good('1.3.1')];

describe('goal leaves', () => {
  it('are every leaf at any depth but the satisfaction surveys', () => {
    expect(goalLeaves(plan).map((l) => l.id)).toEqual(['1.1', '1.2', '1.3.1']);
  });
});

describe('coverage', () => {
  it('is empty for a complete set', () => {
    expect(coverage(plan, complete(), 2027)).toEqual([]);
  });

  it('names each missing indicator, an empty target, dates outside the year, milestones going back, a goal the plan no longer has', () => {
    const goals: GoalDraft[] = [
      { indicatorId: '1.1', milestones: [{ date: '2026-12-31', expected: 1 }] },
      good('1.2', [{ date: '2027-03-31', expected: 5 }, { date: '2027-06-30', expected: 8 }]),
      good('9.9'),
    ];
    const problems = coverage(plan, goals, 2027);
    expect(problems.map((p) => [p.indicatorId, p.code, p.path])).toEqual([
      ['1.1', 'target', 'goals.1.1.target'],
      ['1.1', 'milestoneYear', 'goals.1.1.milestones.0.date'],
      ['1.2', 'milestoneOrder', 'goals.1.2.milestones.1.expected'],
      ['1.3.1', 'missing', 'goals.1.3.1'],
      ['9.9', 'notInPlan', 'goals.9.9'],
    ]);
    expect(problems.every((p) => p.message.length > 0)).toBe(true);
  });

  it('refuses milestone dates that do not move forward', () => {
    const problems = coverage(plan, [good('1.1', [{ date: '2027-06-30', expected: 1 }, { date: '2027-06-30', expected: 2 }]), good('1.2', []), good('1.3.1', [])], 2027);
    expect(problems.map((p) => p.path)).toEqual(['goals.1.1.milestones.1.date']);
  });

  it('property: a set missing any subset of the leaves names exactly those as missing', () => {
    const all = complete();
    fc.assert(
      fc.property(fc.subarray(all), (kept) => {
        const missing = coverage(plan, kept, 2027).filter((p) => p.code === 'missing').map((p) => p.indicatorId);
        expect(missing.sort()).toEqual(all.filter((g) => !kept.includes(g)).map((g) => g.indicatorId).sort());
      }),
    );
  });

  it('property: milestones sorted by date within the year, expected values rising, raise no problem; reversed (2+ distinct) they do', () => {
    const day = fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(2027, 0, 1 + d)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.uniqueArray(day, { minLength: 2, maxLength: 12 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }), (dates, values) => {
        const sortedDates = [...dates].sort();
        const rising = [...values].sort((a, b) => a - b);
        const milestones = sortedDates.map((date, i) => ({ date, expected: rising[i]! }));
        expect(coverage(plan, [good('1.1', milestones), good('1.2', []), good('1.3.1', [])], 2027)).toEqual([]);
        const reversed = [...milestones].reverse();
        expect(coverage(plan, [good('1.1', reversed), good('1.2', []), good('1.3.1', [])], 2027).some((p) => p.code === 'milestoneOrder')).toBe(true);
        expect(coverage(plan, [good('1.1', milestones)], 2028).filter((p) => p.code === 'milestoneYear')).toHaveLength(milestones.length);
      }),
    );
  });
});

describe('refining the scoring rule', () => {
  it('is allowed only on a leaf the plan marks refinable, and named on the note otherwise', () => {
    const refinable = { tree: [leaf('1.1', { refinable: true }), leaf('1.2')] };
    const noted = (id: string): GoalDraft => ({ ...good(id), scoringNote: '按季度口径考核' });
    expect(coverage(refinable, [noted('1.1'), good('1.2')], 2027)).toEqual([]);
    expect(coverage(refinable, [good('1.1'), noted('1.2')], 2027)).toEqual([expect.objectContaining({ indicatorId: '1.2', code: 'notRefinable', path: 'goals.1.2.scoringNote' })]);
    // A blank note refines nothing.
    expect(coverage(refinable, [good('1.1'), { ...good('1.2'), scoringNote: '  ' }], 2027)).toEqual([]);
  });
});

describe('the state machine of a set', () => {
  it('lets unit people edit and the leader alone submit while the set is with the unit', () => {
    expect(setMove('edit', undefined, 'unit_staff')).toEqual({ ok: true, to: 'draft' });
    expect(setMove('edit', 'returned', 'unit_leader')).toEqual({ ok: true, to: 'returned' });
    expect(setMove('submit', 'draft', 'unit_leader')).toEqual({ ok: true, to: 'submitted' });
    expect(setMove('submit', 'draft', 'unit_staff')).toMatchObject({ ok: false, reason: 'role' });
    expect(setMove('edit', 'submitted', 'unit_staff')).toMatchObject({ ok: false, reason: 'status' });
    expect(setMove('submit', 'approved', 'unit_leader')).toMatchObject({ ok: false, reason: 'status' });
  });

  it('lets the bureau alone approve or return a submitted set', () => {
    expect(setMove('approve', 'submitted', 'bureau_staff')).toEqual({ ok: true, to: 'approved' });
    expect(setMove('return', 'submitted', 'bureau_leader')).toEqual({ ok: true, to: 'returned' });
    expect(setMove('approve', 'submitted', 'unit_leader')).toMatchObject({ ok: false, reason: 'role' });
    expect(setMove('approve', 'draft', 'bureau_staff')).toMatchObject({ ok: false, reason: 'status' });
  });

  it('property: a move succeeds exactly when the role is listed and the status is one it starts from; no one moves an approved set', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SET_ACTIONS), fc.constantFrom(...GOAL_STATUSES), fc.constantFrom(...ROLES), (action, from, role) => {
        const m = SET_MOVES[action];
        expect(setMove(action, from, role).ok).toBe(m.roles.includes(role) && m.from.includes(from));
        if (from === 'approved') expect(setMove(action, from, role).ok).toBe(false);
      }),
    );
  });

  it('opens the set to the unit in goal setting, and in goal review only when the bureau returned it', () => {
    const open = (stage: StageCode, status: GoalStatus | undefined) => goalWorkOpen(stageNumber(stage), status);
    expect([undefined, 'draft', 'returned', 'submitted'].map((s) => open('goal_setting', s as GoalStatus | undefined))).toEqual([true, true, true, true]);
    expect([undefined, 'draft', 'returned', 'submitted', 'approved'].map((s) => open('goal_review', s as GoalStatus | undefined))).toEqual([false, false, true, false, false]);
    expect(open('execution', 'returned')).toBe(false);
  });

  it('keeps a goal the bureau accepted out of the unit’s edits', () => {
    expect([undefined, 'draft', 'returned', 'submitted', 'approved'].map((s) => goalEditable(s as GoalStatus | undefined))).toEqual([true, true, true, false, false]);
  });
});

describe('a return', () => {
  const goals = [
    { indicatorId: '1.1', status: 'submitted' as const },
    { indicatorId: '1.2', status: 'submitted' as const },
    { indicatorId: '1.3.1', status: 'approved' as const },
  ];
  it('carries a reason for each returned goal, each a submitted goal of the set, once', () => {
    expect(checkReturns(goals, [{ indicatorId: '1.1', reason: '目标值偏低' }])).toEqual([]);
    expect(checkReturns(goals, []).map((p) => p.path)).toEqual(['body.returns']);
    expect(checkReturns(goals, [{ indicatorId: '1.1', reason: '  ' }]).map((p) => p.path)).toEqual(['body.returns.0.reason']);
    expect(checkReturns(goals, [{ indicatorId: '1.3.1', reason: 'x' }, { indicatorId: '7', reason: 'x' }]).map((p) => p.path)).toEqual(['body.returns.0.indicatorId', 'body.returns.1.indicatorId']);
    expect(checkReturns(goals, [{ indicatorId: '1.1', reason: 'a' }, { indicatorId: '1.1', reason: 'b' }]).map((p) => p.path)).toEqual(['body.returns.1.indicatorId']);
  });

  it('sends back the goals named and accepts the other submitted ones; a resubmission keeps what was accepted', () => {
    const returned = new Set(['1.1']);
    const after = goals.map((g) => ({ ...g, status: nextGoalStatus('return', g.status, returned, g.indicatorId) }));
    expect(after.map((g) => g.status)).toEqual(['returned', 'approved', 'approved']);
    expect(countByStatus(after)).toEqual({ draft: 0, submitted: 0, returned: 1, approved: 2 });
    const fixed = after.map((g) => (g.status === 'returned' ? { ...g, status: 'draft' as const } : g));
    expect(fixed.map((g) => nextGoalStatus('submit', g.status, new Set(), g.indicatorId))).toEqual(['submitted', 'approved', 'approved']);
    expect(['submitted', 'approved'].map((s) => nextGoalStatus('approve', s as GoalStatus, new Set(), 'x'))).toEqual(['approved', 'approved']);
  });
});

describe('what changed since a return', () => {
  const returned = { target: 9, unitOfMeasure: '%', milestones: [{ date: '2027-06-30', expected: 4 }], coUnitIds: ['yl-tjj'] };
  it('names each field that differs, and none when nothing did', () => {
    expect(changedFields(returned, { ...returned })).toEqual([]);
    expect(changedFields(returned, { ...returned, target: 12, milestones: [{ date: '2027-06-30', expected: 6 }], responsible: '刘建国' })).toEqual(['target', 'milestones', 'responsible']);
  });
  it('property: a field set to a new value is always named', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), (v) => {
      expect(changedFields(returned, { ...returned, target: v }).includes('target')).toBe(v !== 9);
    }));
  });
});
