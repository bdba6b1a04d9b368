// The adjustment dialog (Art 11): a reason class and an explanation are required; the request carries
// the goal's version as read and the goal as it should be; a filer can only save a draft, the leader
// may send it on; a 409 (the goal changed, or an open request exists) is shown and the dialog stays.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RequestUnitAdjustmentBody } from '@/api/goal-adjustments';
import { ApiError } from '@/api/http';
import AdjustmentDialog from '@/views/goal-adjustments/unit/AdjustmentDialog.vue';
import { plugins } from './setup';

const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const goal = {
  cycleId: '2026', unitId: 'yz', indicatorId: '1.1', categoryId: 'c1', planVersion: 1, assessorUnitId: '', status: 'approved' as const,
  target: 8, unitOfMeasure: '%', milestones: [{ date: '2026-06-30', expected: 4 }], leadUnitId: 'yz', coUnitIds: ['tjj'], responsible: '刘建国', version: 4, updatedAt: '2026-03-01T00:00:00Z', updatedBy: 'yl_staff',
};

describe('adjustment dialog', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });

  async function open(isLeader: boolean, send: (body: RequestUnitAdjustmentBody) => Promise<unknown>, sendOnly = false) {
    wrapper = mount(AdjustmentDialog, { props: { modelValue: true, goal, indicatorName: '地区生产总值增长', isLeader, sendOnly, send }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }
  const type = async (id: string, value: string) => {
    const input = document.body.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${id}"] input, input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] textarea`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('change'));
    await flushPromises();
  };
  async function fill() {
    document.body.querySelector<HTMLInputElement>('[data-testid="adjust-reason-force_majeure"] input')!.click();
    await type('adjust-explanation', '台风导致工期延误');
    await type('adjust-target', '6.5');
  }

  it('asks for the reason and explanation before sending anything', async () => {
    const send = vi.fn(async () => ({}));
    await open(false, send);
    q('adjust-save-draft')!.click();
    await flushPromises();
    expect(q('adjust-error')?.textContent).toContain('请选择调整原因并填写调整说明');
    expect(send).not.toHaveBeenCalled();
  });

  it('lets a filer save a draft only, with the goal’s version and the proposed goal (lead and co-operating units kept)', async () => {
    const send = vi.fn(async (_: RequestUnitAdjustmentBody) => ({}));
    await open(false, send);
    expect(q('adjust-send')).toBeNull();
    await fill();
    q('adjust-save-draft')!.click();
    await flushPromises();
    expect(send).toHaveBeenCalledWith({
      reason: 'force_majeure',
      explanation: '台风导致工期延误',
      goalVersion: 4,
      submit: false,
      proposed: { target: 6.5, unitOfMeasure: '%', scoringNote: undefined, milestones: [{ date: '2026-06-30', expected: 4 }], leadUnitId: 'yz', coUnitIds: ['tjj'], responsible: '刘建国' },
    });
    expect(wrapper!.emitted('update:modelValue')).toEqual([[false]]);
  });

  it('lets the leader send it to the bureau at once', async () => {
    const send = vi.fn(async (_: RequestUnitAdjustmentBody) => ({}));
    await open(true, send);
    await fill();
    q('adjust-send')!.click();
    await flushPromises();
    expect(send.mock.calls[0]![0]).toMatchObject({ submit: true, reason: 'force_majeure' });
  });

  it('lets an assessor unit only send (no draft)', async () => {
    const send = vi.fn(async (_: RequestUnitAdjustmentBody) => ({}));
    await open(false, send, true);
    expect(q('adjust-save-draft')).toBeNull();
    await fill();
    q('adjust-send')!.click();
    await flushPromises();
    expect(send.mock.calls[0]![0]).toMatchObject({ submit: true, reason: 'force_majeure', proposed: { target: 6.5 } });
  });

  it('shows a 409 with the server’s reason and stays open', async () => {
    await open(true, async () => {
      throw new ApiError(409, 'CONFLICT', '该目标已有未办结的调整申请，请待其审批或撤回后再申请');
    });
    await fill();
    q('adjust-send')!.click();
    await flushPromises();
    expect(q('adjust-error')?.textContent).toContain('未能提交：该目标已有未办结的调整申请');
    expect(wrapper!.emitted('update:modelValue')).toBeUndefined();
  });
});
