import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors.ts';
import { computeTotal, defaultTotalRules, maxTotal, type TotalRules, type UnitScoreInput } from '../../../functions/domain/scoring/index.ts';

// demo tree 市直单位·政府工作部门: 85 points of indicators + 15 satisfaction (8 public + 7 service users)
const rules: TotalRules = {
  ...defaultTotalRules([
    { id: 'public', name: '社会公众评价', weight: 800, common: true },
    { id: 'service', name: '服务对象评价', weight: 700, common: true },
  ]),
  deductionCaps: { 'audit-notice': 200 },
};

const base: UnitScoreInput = {
  goals: [
    { goalId: 'key-work', points: 3000, score: 2850 },
    { goalId: 'functions', points: 2500, score: 2400 },
    { goalId: 'ranking', points: 500, score: 400 },
    { goalId: 'party', points: 800, score: 780, common: true },
    { goalId: 'supervision', points: 300, score: 250, common: true },
  ],
  bonuses: [],
  deductions: [],
  satisfaction: { public: 8750, service: 9000 },
};

describe('unit total', () => {
  it('adds goal scores and satisfaction: 8 × 87.50 % = 7.00', () => {
    const t = computeTotal(rules, base);
    expect(t.goalSum).toBe(6680);
    expect(t.satisfaction).toBe(700 + 630);
    expect(t.total).toBe(8010);
    expect(t.commonScore).toBe(780 + 250 + 700 + 630);
    expect(t.lines).toContain('社会公众评价：8.00 分 × 满意率 87.50% = 7.00 分');
    expect(t.lines.at(-1)).toBe('总分 = 66.80 + 0.00 − 0.00 + 13.30 = 80.10 分');
  });

  it('caps the sum of bonuses at 5.00 before deductions', () => {
    const t = computeTotal(rules, {
      ...base,
      bonuses: [
        { ruleId: 'national', name: '国家级表彰', amount: 100 },
        { ruleId: 'region', name: '自治区表彰', amount: 300 },
        { ruleId: 'econ', name: '超额完成主要经济指标', amount: 200 },
      ],
      deductions: [{ ruleId: 'criticism', name: '被自治区以上通报批评', amount: 100 }],
    });
    expect(t.bonusRaw).toBe(600);
    expect(t.bonus).toBe(500);
    expect(t.deduction).toBe(100);
    expect(t.total).toBe(8010 + 500 - 100);
    expect(t.lines.some((l) => l.includes('超过加分上限，按 5.00 分计'))).toBe(true);
  });

  it('caps bonuses per rule before the category cap, and says so', () => {
    const t = computeTotal({ ...rules, bonusCaps: { region: 300 } }, {
      ...base,
      bonuses: [
        { ruleId: 'region', name: '自治区表彰', amount: 200 },
        { ruleId: 'region', name: '自治区表彰', amount: 200 },
        { ruleId: 'national', name: '国家级表彰', amount: 100 },
      ],
    });
    expect(t.bonusRaw).toBe(500);
    expect(t.bonus).toBe(400);
    expect(t.total).toBe(8010 + 400);
    expect(t.lines).toContain('加分“自治区表彰” 4.00 分，超过该项加分上限，按 3.00 分计（第十九条）');
    expect(computeTotal({ ...rules, bonusCaps: { region: 300 } }, { ...base, bonuses: [{ ruleId: 'region', name: '自治区表彰', amount: 200 }] }).bonus).toBe(200);
  });

  it('caps deductions per rule, leaves other rules uncapped, and counts severe ones', () => {
    const t = computeTotal(rules, {
      ...base,
      deductions: [
        { ruleId: 'audit-notice', name: '审计通报', amount: 150 },
        { ruleId: 'audit-notice', name: '审计通报', amount: 150 },
        { ruleId: 'criticism', name: '被自治区以上通报批评', amount: 100, severe: true },
        { ruleId: 'criticism', name: '被自治区以上通报批评', amount: 100 },
      ],
    });
    expect(t.deductionRaw).toBe(200 + 200);
    expect(t.deduction).toBe(400);
    expect(t.severeDeductions).toBe(1);
    expect(t.total).toBe(8010 - 400);
  });

  it('applies an overall deduction cap when the plan sets one', () => {
    const t = computeTotal({ ...rules, deductionCap: 300 }, { ...base, deductions: [{ ruleId: 'x', name: '甲', amount: 1000 }] });
    expect(t.deduction).toBe(300);
  });

  it('never goes below 0.00', () => {
    const t = computeTotal(rules, { ...base, deductions: [{ ruleId: 'x', name: '甲', amount: 20000 }] });
    expect(t.total).toBe(0);
    expect(t.lines.at(-1)).toContain('按 0.00 分计');
  });

  it('knows the highest possible total', () => {
    expect(maxTotal(rules, base.goals.map((g) => g.points))).toBe(7100 + 500 + 1500);
  });

  it('rejects a score above its points, a missing satisfaction rate and an unknown one', () => {
    try {
      computeTotal(rules, { ...base, goals: [{ goalId: 'a', points: 100, score: 101 }], satisfaction: { public: 10001, other: 5000 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).details).toEqual([
        { path: 'input.goals.0.score', message: expect.any(String) },
        { path: 'input.satisfaction.public', message: expect.any(String) },
        { path: 'input.satisfaction.service', message: expect.any(String) },
        { path: 'input.satisfaction.other', message: '工作方案中没有该满意度评价项' },
      ]);
    }
  });
});
