// The goal dialog saves what was entered with the version read, and says plainly when someone else
// saved first (409) instead of closing.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SaveGoalBody } from '@/api/goals';
import { ApiError } from '@/api/http';
import GoalDialog from '@/views/goals/unit/GoalDialog.vue';
import { plugins } from './setup';

const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const leaf = { indicatorId: '1.1', name: '地区生产总值增长', parents: ['经济发展'], points: 2000, criteria: '按完成率计分', refinable: true };
const goal = {
  cycleId: '2027', unitId: 'yz', indicatorId: '1.1', categoryId: 'c1', planVersion: 1, assessorUnitId: '', status: 'draft' as const,
  target: 8, unitOfMeasure: '%', milestones: [{ date: '2027-06-30', expected: 4 }], coUnitIds: [], version: 4, updatedAt: '2027-03-01T00:00:00Z', updatedBy: 'yz_staff',
};

// Mounting Element Plus's dialog and date pickers takes seconds in happy-dom on a busy 2-core machine.
describe('goal dialog', { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });

  async function open(save: (body: SaveGoalBody) => Promise<unknown>, extra: { keepKey?: string; goal?: typeof goal; leaf?: typeof leaf | Omit<typeof leaf, 'refinable'> } = {}) {
    wrapper = mount(GoalDialog, { props: { modelValue: true, leaf, goal, units: [], save, ...extra }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }
  const typeInto = async (id: string, value: string) => {
    const input = document.body.querySelector<HTMLInputElement>(`[data-testid="${id}"] input, input[data-testid="${id}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await flushPromises();
  };

  it('saves the goal as read, with its version', async () => {
    const save = vi.fn(async (_: SaveGoalBody) => goal);
    await open(save);

    q('goal-form-save')!.click();
    await flushPromises();

    expect(save).toHaveBeenCalledWith({ version: 4, target: 8, unitOfMeasure: '%', milestones: [{ date: '2027-06-30', expected: 4 }], coUnitIds: [] });
    expect(wrapper!.emitted('update:modelValue')).toEqual([[false]]);
  });

  it('offers the scoring note only where the plan lets the unit refine the rule, and drops one left from an older plan', async () => {
    const save = vi.fn(async (_: SaveGoalBody) => goal);
    const { refinable: _, ...fixed } = leaf;
    await open(save, { leaf: fixed, goal: { ...goal, scoringNote: '旧细化说明' } as typeof goal });
    expect(q('goal-form-note')).toBeNull();
    expect(q('goal-form-refinable')?.textContent).toBe('按方案执行，不可细化');
    q('goal-form-save')!.click();
    await flushPromises();
    expect(save.mock.calls[0]![0].scoringNote).toBeUndefined();
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

  describe('unsaved content kept in the browser', () => {
    const keepKey = 'goal/yuzhou_staff/450900/2027/yz/1.1';
    afterEach(() => {
      vi.useRealTimers();
      localStorage.clear();
    });

    it('keeps what is typed; a dialog opened again after the tab closed offers it back', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      await open(async () => goal, { keepKey });
      expect(q('goal-form-restored')).toBeNull();
      await typeInto('goal-form-uom', '亿元');
      vi.advanceTimersByTime(400);
      await flushPromises();
      expect(q('goal-form-kept')?.textContent).toContain('已暂存在本机');
      // The tab is closed without saving.
      wrapper!.unmount();
      document.body.innerHTML = '';
      vi.useRealTimers();

      const save = vi.fn(async (_: SaveGoalBody) => goal);
      await open(save, { keepKey });
      expect(q('goal-form-restored')?.textContent).toContain('已恢复本机');
      q('goal-form-save')!.click();
      await flushPromises();
      expect(save.mock.calls[0]![0]).toMatchObject({ version: 4, unitOfMeasure: '亿元' });
      // Saved: nothing is offered any more.
      wrapper!.unmount();
      document.body.innerHTML = '';
      await open(async () => goal, { keepKey });
      expect(q('goal-form-restored')).toBeNull();
    });

    it('warns when the goal changed since, and lets the user discard the kept content', async () => {
      localStorage.setItem(`jx-draft:${keepKey}`, JSON.stringify({ version: 3, at: Date.now(), value: { target: 9, unitOfMeasure: '%', scoringNote: '', milestones: [], leadUnitId: '', coUnitIds: [], responsible: '' } }));
      const save = vi.fn(async (_: SaveGoalBody) => goal);
      await open(save, { keepKey });
      expect(q('goal-form-restored')?.textContent).toContain('已被修改');
      q('goal-form-discard')!.click();
      await flushPromises();
      expect(q('goal-form-restored')).toBeNull();
      expect(localStorage.getItem(`jx-draft:${keepKey}`)).toBeNull();
      q('goal-form-save')!.click();
      await flushPromises();
      expect(save.mock.calls[0]![0]).toMatchObject({ target: 8 });
    });
  });
});
