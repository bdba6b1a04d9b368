// 复核 rules (Art 21): the window ends 24:00 Beijing of reviewUntil and needs a publication; the items a
// unit may name (submitted scores, decided claims) with stable ids; a request's items checked; who moves
// it; what a decision must carry; an adjustment corrects the assessor's input (recorded as a correction
// with the review's reason) and the engine scores it, a ranking re-ranks the category, a claim's decision
// and amount follow its rule.
import { describe, expect, it } from 'vitest';
import { adjustClaim, adjustScore } from '../../functions/domain/review-adjustments.ts';
import { decisionProblems, editRefusal, itemProblems, queueOrder, reviewableItems, submitRefusal, windowRefusal, withDecision } from '../../functions/domain/reviews.ts';
import type { ClaimRecord } from '../../functions/model/claim.ts';
import type { PlanNode } from '../../functions/domain/plan.ts';
import type { ReviewRecord } from '../../functions/model/review.ts';
import type { ScoreRecord } from '../../functions/model/score.ts';

const score = (unitId: string, indicatorId: string, over: Partial<ScoreRecord> = {}): ScoreRecord => ({
  regionId: '450900',
  cycleId: '2025',
  unitId,
  indicatorId,
  categoryId: 'c1',
  assessorUnitId: 'yl-tjj',
  points: 2000,
  common: false,
  methodKind: 'completion',
  planVersion: 1,
  inputs: { target: '90', actual: '81' },
  corrections: [],
  score: 1800,
  explanation: [],
  status: 'submitted',
  version: 3,
  updatedAt: '2026-01-05T02:00:00.000Z',
  updatedBy: 'yl_tjj',
  ...over,
});
const claim = (over: Partial<ClaimRecord> = {}): ClaimRecord => ({
  regionId: '450900',
  cycleId: '2025',
  unitId: 'yl-yuzhou',
  id: '00000000-0000-4000-8000-00000000000a',
  unitName: '玉州区',
  categoryId: 'c1',
  kind: 'bonus',
  ruleId: 'b1',
  name: '获国家级表彰',
  occurrences: 1,
  amount: 100,
  severe: false,
  needsApproval: false,
  raisedBy: { kind: 'unit', unitId: 'yl-yuzhou' },
  description: '表彰',
  evidence: [],
  status: 'approved',
  createdAt: '2025-12-01T00:00:00.000Z',
  createdBy: 'yuzhou_staff',
  version: 4,
  updatedAt: '2025-12-10T00:00:00.000Z',
  updatedBy: 'yl_staff',
  ...over,
});
const leafOf = (id: string, points: number, method: NonNullable<PlanNode['method']>) => ({ id, name: `指标${id}`, points, method }) as PlanNode & { method: NonNullable<PlanNode['method']> };
const plan = { tree: [{ id: '1', name: '经济发展', points: 4000, children: [leafOf('1.1', 2000, { kind: 'completion' }), leafOf('1.2', 2000, { kind: 'direct' })] }] } as never;
const ctx = { reason: '复核调整：统计口径有误', by: 'yl_staff', at: '2026-01-20T02:00:00.000Z' };
const review = (over: Partial<ReviewRecord> = {}): ReviewRecord => ({
  regionId: '450900',
  cycleId: '2025',
  unitId: 'yl-yuzhou',
  id: 'r1',
  unitName: '玉州区',
  categoryId: 'c1',
  categoryName: '县（市、区）',
  status: 'submitted',
  items: [
    { itemId: 'score:1.1', kind: 'score', name: '1.1', stood: '', reason: '数据有误', evidence: [] },
    { itemId: 'claim:00000000-0000-4000-8000-00000000000a', kind: 'claim', name: 'b1', stood: '', reason: '漏计', evidence: [] },
  ],
  createdAt: '2026-01-10T00:00:00.000Z',
  createdBy: 'yuzhou_staff',
  version: 2,
  updatedAt: '2026-01-10T00:00:00.000Z',
  updatedBy: 'yuzhou_leader',
  ...over,
});

describe('the review window', () => {
  it('needs a publication and ends at 24:00 Beijing of reviewUntil', () => {
    expect(windowRefusal(undefined, Date.parse('2026-01-10T00:00:00Z'))).toContain('尚未公布');
    const pub = { reviewUntil: '2026-01-16' };
    // 2026-01-16 23:59 Beijing = 15:59 UTC: still open; 24:00 Beijing = 16:00 UTC: closed.
    expect(windowRefusal(pub, Date.parse('2026-01-16T15:59:59Z'))).toBeUndefined();
    expect(windowRefusal(pub, Date.parse('2026-01-16T16:00:00Z'))).toContain('2026-01-16 24:00');
  });
});

describe('reviewable items', () => {
  it('are the submitted scores of scored leaves and the decided claims, with stable ids', () => {
    const items = reviewableItems(
      plan,
      [score('yl-yuzhou', '1.1'), score('yl-yuzhou', '1.2', { status: 'draft', methodKind: 'direct' }), score('yl-yuzhou', '9.9')],
      [claim(), claim({ id: 'x-draft', status: 'draft' }), claim({ id: 'x-rej', status: 'rejected', kind: 'deduction', name: '通报批评' })],
    );
    expect(items.map((i) => i.itemId)).toEqual(['score:1.1', 'claim:00000000-0000-4000-8000-00000000000a', 'claim:x-rej']);
    expect(items[0]!.stood).toBe('实际完成值 81，得分 18.00');
    expect(items[2]!.stood).toContain('未批准');
  });

  it('a request names each once, only items of the result, none already in another request', () => {
    const reviewable = reviewableItems(plan, [score('yl-yuzhou', '1.1')], [claim()]);
    expect(itemProblems([{ itemId: 'score:1.1', reason: 'r' }], reviewable, [])).toEqual([]);
    expect(itemProblems([{ itemId: 'score:1.2', reason: 'r' }], reviewable, [])[0]!.path).toBe('body.items.0.itemId');
    expect(itemProblems([{ itemId: 'score:1.1', reason: 'r' }, { itemId: 'score:1.1', reason: 'r' }], reviewable, [])[0]!.path).toBe('body.items.1.itemId');
    expect(itemProblems([{ itemId: 'score:1.1', reason: 'r' }], reviewable, [review()])[0]!.message).toContain('另一复核申请');
  });
});

describe('who moves a request', () => {
  const staff = { role: 'unit_staff' as const, unitId: 'yl-yuzhou' };
  const leader = { role: 'unit_leader' as const, unitId: 'yl-yuzhou' };
  it('the unit’s filer drafts, its leader files; another unit or a filed request is refused', () => {
    expect(editRefusal(review({ status: 'draft' }), staff)).toBeUndefined();
    expect(editRefusal(review({ status: 'draft' }), { role: 'unit_staff', unitId: 'yl-jyj' })).toContain('只有本单位');
    expect(editRefusal(review({ status: 'submitted' }), staff)).toContain('已提交');
    expect(submitRefusal(review({ status: 'draft' }), staff)).toContain('单位负责人');
    expect(submitRefusal(review({ status: 'draft' }), leader)).toBeUndefined();
  });
});

describe('a decision', () => {
  const item = review().items[0]!;
  it('upholds without a correction, adjusts only with the correction its item takes', () => {
    expect(decisionProblems(item, { itemId: item.itemId, outcome: 'upheld' })).toBeUndefined();
    expect(decisionProblems(item, { itemId: item.itemId, outcome: 'upheld', inputs: { actual: '85' } })?.path).toBe('body.inputs');
    expect(decisionProblems(item, { itemId: item.itemId, outcome: 'adjusted' })?.path).toBe('body.inputs');
    expect(decisionProblems(item, { itemId: item.itemId, outcome: 'adjusted', claim: { decision: 'approve', occurrences: 1 } })?.path).toBe('body.claim');
    expect(decisionProblems(item, { itemId: item.itemId, outcome: 'adjusted', inputs: { actual: '85' } })).toBeUndefined();
    const claimItem = review().items[1]!;
    expect(decisionProblems(claimItem, { itemId: claimItem.itemId, outcome: 'adjusted' })?.path).toBe('body.claim');
    expect(decisionProblems(undefined, { itemId: 'score:9', outcome: 'upheld' })?.status).toBe(404);
    expect(decisionProblems({ ...item, decision: { outcome: 'upheld', opinion: 'o', by: 'b', at: 'a' } }, { itemId: item.itemId, outcome: 'upheld' })?.status).toBe(409);
  });

  it('decides the request once every item is decided', () => {
    const d = { outcome: 'upheld' as const, opinion: '维持', by: 'yl_staff', at: ctx.at };
    const one = withDecision(review(), 'score:1.1', d, ctx.at, 'yl_staff');
    expect(one.status).toBe('submitted');
    expect(one.version).toBe(3);
    const two = withDecision(one, 'claim:00000000-0000-4000-8000-00000000000a', d, ctx.at, 'yl_staff');
    expect(two).toMatchObject({ status: 'decided', decidedAt: ctx.at, version: 4 });
  });

  it('queues waiting requests first, oldest first', () => {
    const rows = [review({ id: 'd', status: 'decided', updatedAt: '2026-01-12' }), review({ id: 'b', submittedAt: '2026-01-11' }), review({ id: 'a', submittedAt: '2026-01-10' })];
    expect(rows.sort(queueOrder).map((r) => r.id)).toEqual(['a', 'b', 'd']);
  });
});

describe('an adjustment', () => {
  it('corrects the assessor’s input with the review as the reason; the engine scores it', () => {
    const before = score('yl-yuzhou', '1.1');
    const { writes, change } = adjustScore(leafOf('1.1', 2000, { kind: 'completion' }), before, { actual: '90' }, [before], ctx);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.after).toMatchObject({ score: 2000, status: 'submitted', version: 4, inputs: { target: '90', actual: '90' } });
    expect(writes[0]!.after.corrections.at(-1)).toMatchObject({ field: 'actual', from: '81', to: '90', reason: ctx.reason, by: 'yl_staff' });
    expect(change).toEqual({ from: '实际完成值 81，得分 18.00', to: '实际完成值 90，得分 20.00' });
  });

  it('refuses the same input, and a field the method does not take', () => {
    const before = score('yl-yuzhou', '1.1');
    expect(() => adjustScore(leafOf('1.1', 2000, { kind: 'completion' }), before, { actual: '81.0' }, [before], ctx)).toThrow(/相同/);
    expect(() => adjustScore(leafOf('1.1', 2000, { kind: 'completion' }), before, { score: 1500 }, [before], ctx)).toThrow(/body\.inputs/);
  });

  it('of a ranking value re-ranks every unit of the category', () => {
    const l = leafOf('1.3', 500, { kind: 'ranking', scale: 'bands', bands: [{ upToRank: 1, percent: 10_000 }], otherwisePercent: 5_000 });
    const a = score('a', '1.3', { methodKind: 'ranking', points: 500, inputs: { value: '10', rank: 1, count: 2 }, score: 500 });
    const b = score('b', '1.3', { methodKind: 'ranking', points: 500, inputs: { value: '8', rank: 2, count: 2 }, score: 250 });
    const { writes } = adjustScore(l, b, { value: '12' }, [a, b], ctx);
    const after = new Map(writes.map((w) => [w.after.unitId, w.after]));
    expect(after.get('b')).toMatchObject({ score: 500, inputs: { value: '12', rank: 1 } });
    expect(after.get('a')).toMatchObject({ score: 250, inputs: { rank: 2 } });
    expect(after.get('a')!.corrections).toEqual([]);
  });

  it('of a claim replaces the decision; the amount is the rule’s points × the count', () => {
    const rule = { id: 'b1', name: '获国家级表彰', points: 100, cap: 300, needsApproval: false } as never;
    const { after, change } = adjustClaim(claim({ status: 'rejected' }), rule, { decision: 'approve', occurrences: 2 }, ctx);
    expect(after).toMatchObject({ status: 'approved', occurrences: 2, amount: 200, version: 5, decision: { outcome: 'approved', reason: ctx.reason } });
    expect(change.to).toContain('+2.00 分，已批准');
    expect(() => adjustClaim(claim(), rule, { decision: 'approve', occurrences: 1 }, ctx)).toThrow(/相同/);
  });
});
