// A unit's preliminary result as the bureau and the unit read it: the engine's lines and the grading's
// reasons with the total in exact hundredths; an incomplete unit shows no total, never 0, and names
// every missing leaf with its reason; a veto is shown with its facts.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResultView } from '@/api/results';
import ResultBreakdown from '@/views/results/ResultBreakdown.vue';
import { plugins } from './setup';

const base: ResultView = {
  unitId: 'yl-yuzhou', unitName: '玉州区', categoryId: 'c1', categoryName: '县（市、区）', planVersion: 1, complete: true, missing: [],
  breakdown: { goalSum: 8_765, bonusRaw: 150, bonus: 150, deductionRaw: 0, deduction: 0, satisfaction: 1_313, commonScore: 2_000, severeDeductions: 0, total: 10_228, lines: ['指标得分合计 87.65 分', '总分 = 87.65 + 1.50 − 0.00 + 13.13 = 102.28 分'] },
  total: 10_228,
  place: { allocatedGrade: 'first', grade: 'first', gradeName: '一等', rankInGrade: 1, position: 1, order: 1, tied: false, explanation: ['合格单位 7 个，一等名额 2 个', '评定结果：一等，等次内第 1 名，总位次第 1 位'] },
  vetoes: [], computedAt: '2026-03-02T01:00:00.000Z', runId: 'r', version: 2,
};

describe('result breakdown', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => wrapper?.unmount());
  const q = (id: string) => wrapper!.find(`[data-testid="${id}"]`);

  it('shows the total to the hundredth, the engine’s lines and the grade’s reasons', () => {
    wrapper = mount(ResultBreakdown, { props: { result: base }, global: { plugins: plugins() } });
    expect(q('result-total').text()).toBe('102.28');
    expect(q('result-lines').findAll('li').map((l) => l.text())).toEqual(base.breakdown!.lines);
    expect(q('result-explanation').text()).toContain('评定结果：一等');
    expect(q('result-missing').exists()).toBe(false);
    expect(wrapper.text()).toContain('一等');
  });

  it('an incomplete unit: no total, the missing leaves with their reasons, no grade', async () => {
    const result: ResultView = { ...base, complete: false, total: null, breakdown: null, place: null, missing: [{ indicatorId: '1.2', name: '财政收入', reason: '评分尚未报送' }, { indicatorId: '3.1', name: '社会公众评价', reason: '第三方尚未录入满意率' }] };
    wrapper = mount(ResultBreakdown, { props: { result }, global: { plugins: plugins() } });
    await flushPromises();
    expect(q('result-total').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('0.00');
    expect(wrapper.text()).toContain('尚缺 2 项评分');
    expect(q('result-missing').text()).toContain('评分尚未报送');
    expect(q('result-missing').text()).toContain('第三方尚未录入满意率');
    expect(q('result-explanation').exists()).toBe(false);
  });

  it('a veto is shown with its facts', () => {
    const result: ResultView = { ...base, vetoes: ['重大及以上生产安全责任事故：2025年9月发生较大事故'], place: { ...base.place!, grade: 'fail', gradeName: '不合格' } };
    wrapper = mount(ResultBreakdown, { props: { result }, global: { plugins: plugins() } });
    expect(wrapper.text()).toContain('一票否决：重大及以上生产安全责任事故：2025年9月发生较大事故');
    expect(wrapper.text()).toContain('不合格');
  });
});
