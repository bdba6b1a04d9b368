// The bureau's view of an adjustment request: the goal in force beside the proposal (changed fields
// marked); only the bureau leader decides, with an opinion, sent with the request's version as read.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdjustmentView, DecideAdjustmentBody, GoalRevisionView } from '@/api/goal-adjustments';
import { ApiError } from '@/api/http';
import DecisionDialog from '@/views/goal-adjustments/review/DecisionDialog.vue';
import { plugins } from './setup';

const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const fields = { target: 8, unitOfMeasure: '%', milestones: [{ date: '2026-06-30', expected: 4 }], coUnitIds: [], responsible: '刘建国' };
const request: AdjustmentView = {
  cycleId: '2026', unitId: 'yz', indicatorId: '1.1', categoryId: 'c1', adjustmentId: '00000000-0000-4000-8000-000000000001', unitName: '玉州区', indicatorName: '地区生产总值增长',
  status: 'pending', reason: 'force_majeure', explanation: '台风导致工期延误', current: fields, proposed: { ...fields, target: 6.5 }, goalRevision: 1, goalVersion: 3,
  requesterKind: 'unit', requesterUnitId: 'yz', requestedAt: '2026-07-01T02:00:00Z', requestedBy: 'yz_staff', submittedAt: '2026-07-01T03:00:00Z', submittedBy: 'yz_leader',
  version: 2, updatedAt: '2026-07-01T03:00:00Z', updatedBy: 'yz_leader',
};

describe('decision dialog', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });
  async function open(isLeader: boolean, decide: (body: DecideAdjustmentBody) => Promise<unknown>, revisions?: () => Promise<GoalRevisionView[]>) {
    wrapper = mount(DecisionDialog, { props: { modelValue: true, request, isLeader, decide, revisions }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }
  const type = async (id: string, value: string) => {
    const el = document.body.querySelector<HTMLTextAreaElement>(`[data-testid="${id}"] textarea, textarea[data-testid="${id}"]`)!;
    el.value = value;
    el.dispatchEvent(new Event('input'));
    await flushPromises();
  };

  it('shows the goal in force beside the proposal, the changed target marked', async () => {
    await open(true, async () => ({}));
    const compare = q('decision-compare')!;
    expect(compare.querySelector('.decision__changed')?.textContent).toBe('6.5');
    expect(compare.querySelectorAll('.decision__changed')).toHaveLength(1);
    expect(document.body.textContent).toContain('不可抗力因素');
  });

  it('shows the goal’s earlier revisions, kept when an adjustment replaced them', async () => {
    const revision: GoalRevisionView = { ...fields, cycleId: '2026', unitId: 'yz', indicatorId: '1.1', categoryId: 'c1', planVersion: 1, assessorUnitId: '', status: 'approved', revision: 1, version: 3, updatedAt: '2026-03-01T00:00:00Z', updatedBy: 'yl_staff', replacedAt: '2026-05-01T02:00:00Z', replacedBy: 'yl_leader', target: 9 };
    await open(false, async () => ({}), async () => [revision]);
    expect(q('decision-history')?.textContent).toContain('第 1 版');
    expect(q('decision-history')?.textContent).toContain('9 %');
    expect(q('decision-history')?.textContent).toContain('2026-05-01');
  });

  it('lets bureau staff read it but not decide', async () => {
    const decide = vi.fn(async () => ({}));
    await open(false, decide);
    expect(q('decision-approve')).toBeNull();
    expect(q('decision-opinion')).toBeNull();
    expect(document.body.textContent).toContain('调整申请由绩效办领导审批');
  });

  it('has the leader give an opinion, then approves with the version read', async () => {
    const decide = vi.fn(async (_: DecideAdjustmentBody) => ({}));
    await open(true, decide);
    q('decision-approve')!.click();
    await flushPromises();
    expect(q('decision-error')?.textContent).toContain('请填写审批意见');
    expect(decide).not.toHaveBeenCalled();
    await type('decision-opinion', '同意');
    q('decision-approve')!.click();
    await flushPromises();
    expect(decide).toHaveBeenCalledWith({ decision: 'approve', opinion: '同意', version: 2 });
    expect(wrapper!.emitted('update:modelValue')).toEqual([[false]]);
  });

  it('shows a 409 and stays open', async () => {
    await open(true, async () => {
      throw new ApiError(409, 'CONFLICT', '目标或调整申请已被他人修改，请刷新后重试');
    });
    await type('decision-opinion', '不同意');
    q('decision-reject')!.click();
    await flushPromises();
    expect(q('decision-error')?.textContent).toContain('已被他人修改');
    expect(wrapper!.emitted('update:modelValue')).toBeUndefined();
  });
});
