// The plan's early-warning thresholds on the plan page: the defaults shown while the plan gives
// none, a change written into categoryPlan.warning (all five, so the plan says what applies), and
// nothing editable once the plan is read-only.
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import type { CategoryPlan } from '@/api/plan';
import { categoryPlan } from '@shared/model/plan.ts';
import PlanWarningRule from '@/views/cycle/plan/PlanWarningRule.vue';
import { plugins } from './setup';

const basePlan = (): CategoryPlan => categoryPlan.parse({ tree: [], grading: { failLine: 6000, allocation: { mode: 'proportion', firstPercent: 3000, secondPercent: 5000 }, ties: 'commonScoreThenShare', quotaTie: 'higher', severeLowering: 'once' } });

function mountRule(disabled = false) {
  const plan = ref(basePlan());
  const wrapper = mount(
    defineComponent({ setup: () => () => h(PlanWarningRule, { modelValue: plan.value, 'onUpdate:modelValue': (v: CategoryPlan) => (plan.value = v), disabled, errors: new Map() }) }),
    { global: { plugins: plugins() }, attachTo: document.body },
  );
  return { plan, wrapper };
}
const input = (field: string) => document.body.querySelector<HTMLInputElement>(`[data-testid="plan-warning-${field}"] input`)!;

describe('plan early-warning thresholds', () => {
  it('shows the defaults while the plan gives none, and writes a change with all five thresholds', async () => {
    const { plan, wrapper } = mountRule();
    expect(input('yellowBelowPercent').value).toBe('90');
    expect(input('redBelowPercent').value).toBe('70');
    expect(input('milestoneGraceDays').value).toBe('30');
    expect(plan.value.warning).toBeUndefined();
    const red = input('redBelowPercent');
    red.value = '60';
    red.dispatchEvent(new Event('input'));
    red.dispatchEvent(new Event('change'));
    await flushPromises();
    expect(plan.value.warning).toEqual({ yellowBelowPercent: 90, redBelowPercent: 60, milestoneGraceDays: 30, missedForYellow: 1, missedForRed: 2 });
    expect(document.body.textContent).toContain('黄色预警：完成值低于应达值的（%）');
    wrapper.unmount();
    document.body.innerHTML = '';
  });

  it('offers nothing to change on a read-only plan', () => {
    const { wrapper } = mountRule(true);
    expect(input('yellowBelowPercent').disabled).toBe(true);
    wrapper.unmount();
    document.body.innerHTML = '';
  });
});
