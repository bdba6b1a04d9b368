import { describe, expect, it } from 'vitest';
import { findProblems, isCarried, KEY_LOSS_PERCENT, SATISFACTION_THRESHOLD } from '../../functions/domain/problems.ts';
import type { FeedbackRecord } from '../../functions/model/feedback.ts';
import type { ReviewRecord } from '../../functions/model/review.ts';
import type { ScoreRecord } from '../../functions/model/score.ts';

const score = (indicatorId: string, points: number, got: number | null, extra: Partial<ScoreRecord> = {}): ScoreRecord => ({
  regionId: '450900',
  cycleId: '2025',
  unitId: 'yuzhou',
  indicatorId,
  categoryId: 'counties',
  assessorUnitId: 'tjj',
  points,
  common: false,
  methodKind: 'completion',
  planVersion: 1,
  inputs: { target: '100', actual: '80' },
  corrections: [],
  score: got,
  explanation: ['完成率 80%'],
  status: 'submitted',
  version: 1,
  updatedAt: '2026-01-10T00:00:00Z',
  updatedBy: 'yl_tjj',
  ...extra,
});

const feedback = (id: string, status: FeedbackRecord['status'], late = false): FeedbackRecord => ({
  regionId: '450900',
  cycleId: '2025',
  unitId: 'yuzhou',
  feedbackId: id,
  unitName: '玉州区',
  indicatorId: '1.1',
  indicatorName: '地区生产总值增速',
  senderKind: 'bureau',
  senderUnitId: 'bureau',
  senderUnitName: '市绩效办',
  problem: '一季度进度滞后',
  evidence: [],
  receivedOn: '2025-04-10',
  answerDue: { date: '2025-04-24', provisional: false },
  resultDue: '2025-06-30',
  status,
  ...(status === 'open' ? {} : { answer: { explanation: '说明', measures: '加快项目开工', evidence: [], at: '2025-04-20T00:00:00Z', by: 'yuzhou_staff', late } }),
  escalations: [],
  history: [],
  raisedAt: `2025-04-10T0${id.at(-1)}:00:00Z`,
  raisedBy: 'yl_staff',
  version: 1,
  updatedAt: '2025-04-10T00:00:00Z',
  updatedBy: 'yl_staff',
});

const leaves = [
  { id: '1.1', name: '地区生产总值增速', criteria: '完成目标得满分' },
  { id: '1.2', name: '固定资产投资', criteria: '按完成率计分' },
  { id: '3.1', name: '群众满意度' },
];
const F1 = '00000000-0000-4000-8000-000000000001';
const F2 = '00000000-0000-4000-8000-000000000002';
const C1 = '00000000-0000-4000-8000-0000000000c1';

describe('problems found for a unit', () => {
  it('a score with points lost is a problem with its rule, inputs and engine lines; full marks and unscored are not', () => {
    const out = findProblems({ leaves, scores: [score('1.1', 1000, 800), score('1.2', 1000, 1000), score('2.1', 500, null)], feedback: [], reviews: [] });
    expect(out.map((p) => p.id)).toEqual(['score:1.1']);
    const [p] = out;
    expect(p).toMatchObject({ kind: 'score', indicatorId: '1.1', lost: 200, points: 1000, key: false });
    expect(p.title).toContain('地区生产总值增速');
    expect(p.title).toContain('2.00');
    expect(p.detail).toContain('完成目标得满分');
    expect(p.detail).toContain('完成值 80');
    expect(p.detail).toContain('完成率 80%');
  });

  it('a qualitative level reads 优/良/中/差 in the detail, not its code', () => {
    const [p] = findProblems({ leaves, scores: [score('1.1', 1000, 850, { methodKind: 'qualitative', inputs: { level: 'good' } })], feedback: [], reviews: [] });
    expect(p!.detail).toContain('评价等级 良');
    expect(p!.detail).not.toContain('good');
  });

  it(`key problem: a loss of ${KEY_LOSS_PERCENT}% or more of the points; just under is not`, () => {
    const out = findProblems({ leaves, scores: [score('1.1', 1000, 500), score('1.2', 1000, 501)], feedback: [], reviews: [] });
    expect(out.find((p) => p.id === 'score:1.1')?.key).toBe(true);
    expect(out.find((p) => p.id === 'score:1.1')?.keyReason).toContain('50%');
    expect(out.find((p) => p.id === 'score:1.2')?.key).toBe(false);
  });

  it('satisfaction below the threshold is always a key problem; on the threshold is none; the plan may set its own', () => {
    const low = score('3.1', 1000, null, { methodKind: 'satisfaction', inputs: { rate: SATISFACTION_THRESHOLD - 1 } });
    const on = score('3.2', 1000, null, { methodKind: 'satisfaction', inputs: { rate: SATISFACTION_THRESHOLD } });
    const out = findProblems({ leaves, scores: [low, on], feedback: [], reviews: [] });
    expect(out.map((p) => p.id)).toEqual(['satisfaction:3.1']);
    expect(out[0]).toMatchObject({ kind: 'satisfaction', key: true });
    expect(out[0].title).toContain('群众满意度');
    expect(findProblems({ leaves, scores: [on], feedback: [], reviews: [], satisfactionThreshold: 9_000 }).map((p) => p.id)).toEqual(['satisfaction:3.2']);
    expect(isCarried(out[0])).toBe(true);
  });

  it('feedback: each item a problem; key when not closed during the year or answered late, not when accepted on time', () => {
    const out = findProblems({ leaves, scores: [], feedback: [feedback(F2, 'accepted'), feedback(F1, 'answered')], reviews: [] });
    expect(out.map((p) => p.id)).toEqual([`feedback:${F1}`, `feedback:${F2}`]);
    expect(out[0].key).toBe(true);
    expect(out[1].key).toBe(false);
    expect(out[1].detail).toContain('加快项目开工');
    expect(findProblems({ leaves, scores: [], feedback: [feedback(F2, 'accepted', true)], reviews: [] })[0].key).toBe(true);
  });

  it('复核 outcomes: a decided score item is told in its problem; an upheld claim is a problem of its own', () => {
    const review: ReviewRecord = {
      regionId: '450900',
      cycleId: '2025',
      unitId: 'yuzhou',
      id: 'r1',
      unitName: '玉州区',
      categoryId: 'counties',
      categoryName: '县（市、区）',
      status: 'decided',
      items: [
        { itemId: 'score:1.1', kind: 'score', name: '地区生产总值增速', stood: '8.00', reason: '数据有误', evidence: [], decision: { outcome: 'upheld', opinion: '数据核实无误', by: 'yl_staff', at: '2026-01-20T00:00:00Z' } },
        { itemId: `claim:${C1}`, kind: 'claim', name: '安全生产事故', stood: '扣 1.00 分', reason: '非责任事故', evidence: [], decision: { outcome: 'upheld', opinion: '属实', by: 'yl_staff', at: '2026-01-20T00:00:00Z' } },
      ],
      createdAt: '2026-01-15T00:00:00Z',
      createdBy: 'yuzhou_staff',
      version: 2,
      updatedAt: '2026-01-20T00:00:00Z',
      updatedBy: 'yl_staff',
    };
    const out = findProblems({ leaves, scores: [score('1.1', 1000, 800)], feedback: [], reviews: [review] });
    expect(out.map((p) => p.id)).toEqual(['score:1.1', `claim:${C1}`]);
    expect(out[0].detail).toContain('复核维持：数据核实无误');
    expect(out[1]).toMatchObject({ kind: 'claim', key: false });
  });

  it('the bureau may flag any problem as key; ids are stable whatever the order of the inputs', () => {
    const a = findProblems({ leaves, scores: [score('1.2', 1000, 900), score('1.1', 1000, 900)], feedback: [], reviews: [], flagged: new Set(['score:1.2']) });
    const b = findProblems({ leaves, scores: [score('1.1', 1000, 900), score('1.2', 1000, 900)], feedback: [], reviews: [], flagged: new Set(['score:1.2']) });
    expect(a).toEqual(b);
    expect(a.map((p) => [p.id, p.key])).toEqual([
      ['score:1.1', false],
      ['score:1.2', true],
    ]);
    expect(isCarried(a[0])).toBe(false);
  });
});
