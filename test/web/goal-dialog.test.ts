// The goal dialog saves what was entered with the version read, and says plainly when someone else
// saved first (409) instead of closing.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SaveGoalBody } from '@/api/goals';
import { ApiError } from '@/api/http';
import GoalDialog from '@/views/goals/unit/GoalDialog.vue';
import { plugins } from './setup';

const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const leaf = { indicatorId: '1.1', name: '地区生产总值增长', parents: ['经济发展'], points: 2000 };
const goal = {
  cycleId: '2027', unitId: 'yz', indicatorId: '1.1', categoryId: 'c1', planVersion: 1, assessorUnitId: '', status: 'draft' as const,
  target: 8, unitOfMeasure: '%', milestones: [{ date: '2027-06-30', expected: 4 }], coUnitIds: [], version: 4, updatedAt: '2027-03-01T00:00:00Z', updatedBy: 'yz_staff',
};

describe('goal dialog', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });

  async function open(save: (body: SaveGoalBody) => Promise<unknown>) {
    wrapper = mount(GoalDialog, { props: { modelValue: true, leaf, goal, units: [], save }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }

  it('saves the goal as read, with its version', async () => {
    const save = vi.fn(async (_: SaveGoalBody) => goal);
    await open(save);

    q('goal-form-save')!.click();
    await flushPromises();

    expect(save).toHaveBeenCalledWith({ version: 4, target: 8, unitOfMeasure: '%', milestones: [{ date: '2027-06-30', expected: 4 }], coUnitIds: [] });
    expect(wrapper!.emitted('update:modelValue')).toEqual([[false]]);
  });

  it('shows a 409 as someone else’s change and stays open', async () => {
    await open(async () => {
      throw new ApiError(409, 'CONFLICT', '目标已被他人修改，请刷新后重试');
    });

    q('goal-form-save')!.click();
    await flushPromises();

    expect(q('goal-form-error')?.textContent).toContain('目标已被他人修改，请关闭后刷新重试');
    expect(wrapper!.emitted('update:modelValue')).toBeUndefined();
  });
});
