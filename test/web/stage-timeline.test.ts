import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import StageTimeline from '@/components/StageTimeline/index.vue';
import { cycleFixture, days } from './fixtures';
import { plugins } from './setup';

const mountTimeline = (cycle: ReturnType<typeof cycleFixture>) =>
  mount(StageTimeline, { props: { cycle }, global: { plugins: plugins() } });

describe('StageTimeline', () => {
  it('marks done, current and upcoming stages with their dates and who finished them', () => {
    // Prepare
    const cycle = cycleFixture({ currentStage: 4, remainingMs: days(3, 5) });

    // Act
    const wrapper = mountTimeline(cycle);

    // Assess
    const plan = wrapper.get('[data-testid="stage-plan"]');
    expect(plan.attributes('data-state')).toBe('done');
    expect(plan.text()).toContain('完成于');
    expect(plan.text()).toContain('zhangsan');
    const current = wrapper.get('[data-testid="stage-execution"]');
    expect(current.attributes('data-state')).toBe('current');
    expect(current.attributes('data-overdue')).toBe('false');
    expect(wrapper.get('[data-testid="stage-execution-countdown"]').text()).toBe('剩余 3 天 5 小时');
    expect(wrapper.find('[data-testid="stage-execution-overdue"]').exists()).toBe(false);
    const upcoming = wrapper.get('[data-testid="stage-closed"]');
    expect(upcoming.attributes('data-state')).toBe('upcoming');
    expect(upcoming.text()).toContain('开始 2028-11-01 — 截止 2028-12-31');
    expect(wrapper.findAll('[data-state="done"]')).toHaveLength(3);
    expect(wrapper.findAll('[data-state="upcoming"]')).toHaveLength(7);
  });

  it('turns the current stage red once overdue and shows the escalation time', () => {
    // Prepare
    const cycle = cycleFixture({ currentStage: 2, remainingMs: -days(4, 2), escalatedAt: '2027-03-01T00:00:00.000Z' });

    // Act
    const wrapper = mountTimeline(cycle);

    // Assess
    const current = wrapper.get('[data-testid="stage-goal_setting"]');
    expect(current.attributes('data-overdue')).toBe('true');
    expect(current.classes()).toContain('stage--overdue');
    expect(wrapper.get('[data-testid="stage-goal_setting-overdue"]').text()).toBe('已超期');
    const countdown = wrapper.get('[data-testid="stage-goal_setting-countdown"]');
    expect(countdown.text()).toBe('已超期 4 天');
    expect(countdown.classes()).toContain('is-overdue');
    expect(wrapper.get('[data-testid="stage-goal_setting-escalated"]').text()).toMatch(/已于 2027-03-01 \d\d:00 超期升级处理/);
  });

  it('flags a stage that was finished after its deadline', () => {
    // Prepare
    const cycle = cycleFixture({ currentStage: 5, remainingMs: days(10), doneLate: [3] });

    // Act
    const wrapper = mountTimeline(cycle);

    // Assess
    expect(wrapper.get('[data-testid="stage-goal_review"]').attributes('data-overdue')).toBe('true');
    expect(wrapper.get('[data-testid="stage-goal_review-overdue"]').text()).toBe('超期完成');
    expect(wrapper.get('[data-testid="stage-plan"]').attributes('data-overdue')).toBe('false');
  });

  it('shows stage names in English when English is chosen', async () => {
    // Prepare
    const wrapper = mountTimeline(cycleFixture({ currentStage: 1, remainingMs: days(1) }));

    // Act
    const { setLocale } = await import('@/i18n');
    setLocale('en');
    await wrapper.vm.$nextTick();

    // Assess
    expect(wrapper.get('[data-testid="stage-self_assessment"]').text()).toContain('Self-assessment');
    expect(wrapper.get('[data-testid="stage-plan-countdown"]').text()).toBe('1 d 0 h left');
    setLocale('zh-CN');
  });
});
