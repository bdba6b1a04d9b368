// The task dialog of 目标分解: a post task takes its department task's department and needs a post;
// a due date after the goal's last milestone asks for confirmation; the API's problems are shown by
// field, a 409 as someone else's change, and the dialog stays open with what was typed.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import TaskDialog, { type TaskFieldsDraft } from '@/views/goals/tasks/TaskDialog.vue';
import { plugins } from './setup';

const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const departments = [
  { id: 'd1', name: '综合科', retired: false },
  { id: 'd2', name: '统计科', retired: false },
  { id: 'd3', name: '旧科室', retired: true },
];
const parent = {
  cycleId: '2026', unitId: 'yl-yuzhou', indicatorId: '1.1', taskId: 'tparent', title: '全年统计监测', departmentId: 'd2', owner: '黄海', due: '2026-09-30',
  lateConfirmed: false, version: 2, createdAt: '', createdBy: '', updatedAt: '', updatedBy: '',
};

describe('task dialog', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });
  async function open(save: (f: TaskFieldsDraft) => Promise<unknown>, extra: Record<string, unknown> = {}) {
    wrapper = mount(TaskDialog, { props: { modelValue: true, goalName: '1.1 地区生产总值增长', lastMilestone: '2026-11-30', year: 2026, departments, save, ...extra }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }
  const typeInto = async (id: string, value: string) => {
    const input = document.body.querySelector<HTMLInputElement>(`[data-testid="${id}"] input, input[data-testid="${id}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await flushPromises();
  };

  it('saves a post task under its department task, with that department and the post typed', async () => {
    const save = vi.fn(async (_: TaskFieldsDraft) => undefined);
    await open(save, { parent });
    await typeInto('task-title', ' 月度数据采集 ');
    await typeInto('task-post', '统计员');
    await typeInto('task-owner', '李明');
    q('task-save')!.click();
    await flushPromises();
    expect(save).toHaveBeenCalledWith({ title: '月度数据采集', departmentId: 'd2', post: '统计员', owner: '李明', due: '2026-09-30', lateConfirmed: false, expected: undefined });
    expect(wrapper!.emitted('update:modelValue')).toEqual([[false]]);
  });

  it('offers departments in use only, and asks to confirm a due date after the last milestone', async () => {
    const task = { ...parent, due: '2026-12-15', departmentId: 'd1' };
    const save = vi.fn(async (_: TaskFieldsDraft) => undefined);
    await open(save, { task });
    expect(q('task-late')).not.toBeNull();
    q('task-late')!.querySelector('input')!.click();
    await flushPromises();
    q('task-save')!.click();
    await flushPromises();
    expect(save.mock.calls[0]![0]).toMatchObject({ due: '2026-12-15', lateConfirmed: true, departmentId: 'd1' });
  });

  it('shows the API’s problem by field and a 409 as someone else’s change, staying open', async () => {
    await open(async () => {
      throw new ApiError(400, 'VALIDATION', '任务有误', [{ path: 'body.due', message: '完成时限应在 2026 年内' }]);
    });
    await typeInto('task-title', '监测');
    q('task-save')!.click();
    await flushPromises();
    expect(document.body.textContent).toContain('完成时限应在 2026 年内');
    expect(wrapper!.emitted('update:modelValue')).toBeUndefined();
    wrapper!.unmount();
    await open(async () => {
      throw new ApiError(409, 'CONFLICT', '任务已被他人修改，请刷新后重试');
    });
    await typeInto('task-title', '我填写的任务');
    q('task-save')!.click();
    await flushPromises();
    expect(q('task-error')?.textContent).toContain('该数据已被他人修改');
    expect(document.body.querySelector<HTMLInputElement>('[data-testid="task-title"] input, input[data-testid="task-title"]')!.value).toBe('我填写的任务');
  });
});
