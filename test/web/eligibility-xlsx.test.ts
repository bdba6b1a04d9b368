// The eligibility export's rows (结果运用): every category's units with grade, the factor and weighted total as
// hundredths written with two decimals, and the eligibility in words; through rowsWorkbook every cell is text.
import { describe, expect, it } from 'vitest';
import type { EligibilityView } from '@shared/contracts/results-use.ts';
import { i18n } from '@/i18n';
import { eligibilitySheetRows } from '@/views/results-use/eligibility-rows';

const row = (unitId: string, grade: 'first' | 'fail', total: number, factor: number, weightedTotal: number) => ({
  unitId, unitName: unitId === 'yz' ? '玉州区' : '兴业县', grade, gradeName: grade === 'fail' ? '不合格' : '一等', position: grade === 'fail' ? 7 : 1, rankInGrade: 1, total, factor, weightedTotal, eligible: grade !== 'fail', lostAward: grade === 'fail', basis: grade === 'fail' ? '考评等次为不合格，取消当年度评优评先资格' : '考评等次为三等及以上，可享受差异化奖励',
});

describe('eligibility sheet rows', () => {
  it('writes a header and one row per unit, across categories, figures with two decimals', () => {
    i18n.global.locale.value = 'zh-CN';
    const view: EligibilityView = {
      regionId: '450900', cycleId: '2025',
      notice: { number: 1, documentNumber: '玉绩办〔2026〕8号', title: '通报', publishedAt: '2026-04-01T03:00:00.000Z', corrected: false },
      categories: [{ categoryId: 'c1', categoryName: '县（市、区）', factor: 120, eligibleCount: 1, lostCount: 1, rows: [row('yz', 'first', 9234, 120, 11081), row('xy', 'fail', 5000, 120, 6000)] }],
    };
    const rows = eligibilitySheetRows(view, i18n.global.t);
    expect(rows[0]).toEqual(['考评类别', '名次', '单位编号', '单位', '等次', '等次内位次', '考评得分', '基层系数', '系数折算分', '奖励资格', '依据']);
    expect(rows[1]).toEqual(['县（市、区）', '1', 'yz', '玉州区', '一等', '1', '92.34', '1.20', '110.81', '可享受差异化奖励', '考评等次为三等及以上，可享受差异化奖励']);
    expect(rows[2]!.slice(4, 10)).toEqual(['不合格', '1', '50.00', '1.20', '60.00', '取消评优评先资格']);
    expect(rows).toHaveLength(3);
  });
});
