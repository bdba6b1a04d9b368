import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import SimulatePage from '@/views/simulate/index.vue';
import { plugins } from './setup';

// ECharts needs a real canvas; the chart is not what these tests look at.
const mountPage = () => mount(SimulatePage, { global: { plugins: plugins(), stubs: { GradeChart: true } } });

const TEN = Array.from({ length: 10 }, (_, i) => `单位${i + 1}\t${95 - i}.00\t20`).join('\n');

async function paste(wrapper: ReturnType<typeof mount>, text: string): Promise<void> {
  await wrapper.get('[data-testid="simulate-paste-open"]').trigger('click');
  await wrapper.get('textarea').setValue(text);
  await wrapper.get('[data-testid="simulate-paste-import"]').trigger('click');
  await flushPromises();
}

describe('simulate page', () => {
  it('grades pasted units and shows counts, grades and explanations', async () => {
    // Prepare
    const wrapper = mountPage();
    expect(wrapper.get('[data-testid="simulate-result-empty"]').text()).toContain('导入样例数据后显示结果');

    // Act
    await paste(wrapper, TEN);

    // Assess
    expect(wrapper.get('[data-testid="simulate-count-first"]').text()).toBe('3');
    expect(wrapper.get('[data-testid="simulate-count-second"]').text()).toBe('5');
    expect(wrapper.get('[data-testid="simulate-count-third"]').text()).toBe('2');
    const table = wrapper.get('[data-testid="simulate-result-table"]').text();
    expect(table).toContain('单位1');
    expect(table).toContain('一等');
    expect(wrapper.find('[data-testid="simulate-problems"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('lists a bad row by row and column and shows no result', async () => {
    // Prepare
    const wrapper = mountPage();

    // Act
    await paste(wrapper, '单位名称\t总分\n甲\t90\n乙\t九十\n');

    // Assess
    const problems = wrapper.get('[data-testid="simulate-problems"]').text();
    expect(problems).toContain('发现 1 处问题，未导入任何数据');
    expect(problems).toMatch(/3\s*总分\s*应为最多两位小数的数值/);
    expect(wrapper.find('[data-testid="simulate-result-empty"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('shows a rules error next to its field and withholds the result', async () => {
    // Prepare
    const wrapper = mountPage();
    await paste(wrapper, TEN);

    // Act
    await wrapper.get('input[data-testid="simulate-fail-line"]').setValue('60.001');
    await new Promise((resolve) => setTimeout(resolve, 150)); // Element Plus shows field errors debounced
    await flushPromises();

    // Assess
    expect(wrapper.get('[data-testid="simulate-rules"]').text()).toContain('应为最多两位小数的数值，如 60.00');
    expect(wrapper.get('[data-testid="simulate-result-empty"]').text()).toContain('评定规则有误');
    wrapper.unmount();
  });
});
