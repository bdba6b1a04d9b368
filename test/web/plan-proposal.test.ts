// A pending plan proposal on the plan page: its reason and changes for the bureau, the leader's
// 批准 (sent with the proposal's number) and 退回 (with an opinion); staff see it wait.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElMessageBox } from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlanProposalView } from '@/api/plan-approval';
import ProposalCard from '@/views/cycle/plan/ProposalCard.vue';
import { plugins } from './setup';

const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const proposal = {
  seq: 3, basedOn: 2, basedOnRevision: 5, status: 'proposed', reason: '市委调整重点工作分值', proposedAt: '2026-07-01T02:00:00Z', proposedBy: 'yl_staff', balanced: false,
  changes: { added: ['1.4'], removed: ['1.3'], changed: ['1.2'] },
  plan: { totalPoints: 10000, tree: [{ id: '1', name: '经济发展', points: 6000, children: [{ id: '1.2', name: '一般公共预算收入', points: 3000 }, { id: '1.4', name: '招商引资', points: 3000 }] }], bonuses: [], deductions: [], vetoes: [], totals: { bonusCap: 500, deductionCap: null }, grading: { failLine: 6000, allocation: { mode: 'proportion', firstPercent: 3000, secondPercent: 5000 }, ties: 'shareRank', quotaTie: 'higher', severeLowering: 'once' }, reviewWindowDays: 5 },
} as PlanProposalView;

describe('plan proposal card', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });
  const inForcePlan = { ...proposal.plan, tree: [{ id: '1', name: '经济发展', points: 6000, children: [{ id: '1.2', name: '一般公共预算收入', points: 3000 }, { id: '1.3', name: '固定资产投资', points: 3000 }] }] };
  const open = async (isLeader: boolean, decide = vi.fn(async () => undefined), p: PlanProposalView = proposal) => {
    wrapper = mount(ProposalCard, { props: { proposal: p, inForce: 2, inForcePlan, isLeader, decide }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
    return decide;
  };

  it('names the proposal, its reason and changes, and that its points do not add up', async () => {
    await open(false);
    const text = q('plan-proposal')!.textContent!;
    expect(text).toContain('第 3 号方案修改待审批（现行第 2 版不变）');
    expect(text).toContain('市委调整重点工作分值');
    expect(q('plan-proposal-changes')!.textContent).toContain('新增 1.4 招商引资；删除 1.3 固定资产投资；修改 1.2 一般公共预算收入');
    expect(q('plan-proposal-unbalanced')).not.toBeNull();
    // Staff see it wait; only the leader decides.
    expect(q('plan-proposal-approve')).toBeNull();
    expect(text).toContain('待绩效办领导审批');
    // Anyone of the bureau may look at the proposed plan in the page's tree.
    q('plan-proposal-preview')!.click();
    await flushPromises();
    expect(wrapper!.emitted('preview')).toEqual([[true]]);
  });

  it('lets the leader approve the proposal read, by its number', async () => {
    const decide = await open(true);
    q('plan-proposal-approve')!.click();
    await flushPromises();
    expect(decide).toHaveBeenCalledWith({ decision: 'approve', seq: 3 });
  });

  it('rejects with the opinion typed, and does nothing when the prompt is cancelled', async () => {
    const prompt = vi.spyOn(ElMessageBox, 'prompt').mockResolvedValueOnce({ value: '  依据不足  ', action: 'confirm' } as never).mockRejectedValueOnce('cancel');
    const decide = await open(true);
    q('plan-proposal-reject')!.click();
    await flushPromises();
    expect(decide).toHaveBeenCalledWith({ decision: 'reject', seq: 3, opinion: '依据不足' });
    q('plan-proposal-reject')!.click();
    await flushPromises();
    expect(prompt).toHaveBeenCalledTimes(2);
    expect(decide).toHaveBeenCalledTimes(1);
  });

  it('shows a decided proposal without buttons', async () => {
    await open(true, undefined, { ...proposal, status: 'rejected', decidedAt: '2026-07-02T02:00:00Z', decidedBy: 'yl_leader', opinion: '依据不足' });
    expect(q('plan-proposal')!.textContent).toContain('第 3 号方案修改已退回');
    expect(q('plan-proposal')!.textContent).toContain('依据不足');
    expect(q('plan-proposal-approve')).toBeNull();
  });
});
