// 加减分审核 as bureau staff see it: the queue's counts by status; 审核 offered only for items they may
// decide (a rule without 报批), never for the leader's; a decision without a reason is refused in the
// dialog before anything is sent, then sent with the version read; 计分影响 shows raw and capped amounts.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ClaimQueueView, ClaimView } from '@/api/claims';
import { configureHttp } from '@/api/http';
import { useSessionStore } from '@/stores/session';
import ReviewPage from '@/views/claims/review/index.vue';
import { plugins } from './setup';
import { bureauStaff } from './users-fixtures';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const claim = (id: string, over: Partial<ClaimView>): ClaimView => ({
  cycleId: '2026', unitId: 'yz', id, unitName: '玉州区', categoryId: 'c1', kind: 'deduction', ruleId: 'd1', name: '被通报批评', occurrences: 1, amount: 100, severe: false, needsApproval: true,
  raisedBy: { kind: 'assessor', unitId: 'tjj' }, description: '事实', evidence: [], status: 'submitted', submittedAt: '2026-12-01T02:00:00Z', createdAt: '2026-12-01T00:00:00Z', createdBy: 'yl_tjj', version: 2,
  updatedAt: '2026-12-01T02:00:00Z', updatedBy: 'yl_tjj', ...over,
});
const leaderOnly = claim('00000000-0000-4000-8000-00000000000a', {});
const staffMay = claim('00000000-0000-4000-8000-00000000000b', { ruleId: 'd3', name: '反馈问题未按期答复整改', amount: 50, needsApproval: false, source: { feedbackId: 'f1' }, raisedBy: { kind: 'bureau', unitId: 'jxb' } });
const queue: ClaimQueueView = { items: [leaderOnly, staffMay], total: 2, counts: { draft: 0, submitted: 2, approved: 5, rejected: 1 }, stage: 6, open: true };

describe('claim review page', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  async function mountPage() {
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.endsWith('/regions/450900/cycles')) return json(200, { items: [{ cycleId: '2026', year: 2026, name: '2026年度', status: 'open', currentStage: 6 }] });
      if (url.includes('/cycles/2026/claims?')) return json(200, queue);
      if (url.endsWith('/cycles/2026/claim-effects')) return json(200, { items: [{ unitId: 'yz', unitName: '玉州区', categoryName: '县（市、区）', effect: { bonusRaw: 150, bonus: 100, deductionRaw: 0, deduction: 0, severeDeductions: 0, lines: [] } }] });
      if (url.endsWith('/cycles/2026/raised-deductions')) return json(200, { stage: 6, open: true, claims: [], units: [{ unitId: 'yz', unitName: '玉州区', categoryId: 'c1', categoryName: '县（市、区）' }, { unitId: 'fm', unitName: '福绵区', categoryId: 'c1', categoryName: '县（市、区）' }], rulesByCategory: { c1: [] } });
      if (url.endsWith('/decision') && init?.method === 'POST') return json(201, { ...staffMay, status: 'approved', version: 3 });
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/claim-review/:cycleId?', name: 'claim-review', component: ReviewPage }, { path: '/deductions/:cycleId?', name: 'deductions', component: ReviewPage }] });
    const plugs = plugins();
    useSessionStore().me = { ...bureauStaff, roleName: '' };
    wrapper = mount(ReviewPage, { props: { cycleId: '2026' }, global: { plugins: [...plugs, router] }, attachTo: document.body });
    await flushPromises();
  }

  it('counts by status and offers 审核 only for what staff may decide', async () => {
    await mountPage();
    expect(q('claim-queue-filter-approved')!.textContent).toContain('5');
    expect(q('claim-queue-filter-submitted')!.textContent).toContain('2');
    expect(q(`claim-decide-${leaderOnly.id}`)).toBeNull();
    expect(q(`claim-decide-${staffMay.id}`)).not.toBeNull();
    expect(q('claim-queue')!.textContent).toContain('来自反馈扣分建议');
    // Filtered to one unit: the queue is asked again with the unit (still one Query on the server).
    wrapper!.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === 'claim-queue-unit' || c.props('placeholder') === '全部单位')!.vm.$emit('update:modelValue', 'fm');
    await flushPromises();
    expect(fetchMock.mock.calls.map(([url]) => String(url)).some((u) => u.includes('/claims?') && u.includes('unitId=fm'))).toBe(true);
  });

  it('refuses a decision without a reason, then sends it with the version read', async () => {
    await mountPage();
    q(`claim-decide-${staffMay.id}`)!.click();
    await flushPromises();
    q('claim-approve')!.click();
    await flushPromises();
    expect(q('claim-decision')!.textContent).toContain('请填写理由');
    expect(fetchMock.mock.calls.some(([url]) => String(url).endsWith('/decision'))).toBe(false);
    const reason = document.body.querySelector<HTMLTextAreaElement>('textarea[data-testid="claim-decision-reason"], [data-testid="claim-decision-reason"] textarea')!;
    reason.value = '逾期未答复属实';
    reason.dispatchEvent(new Event('input'));
    q('claim-approve')!.click();
    await flushPromises();
    const sent = fetchMock.mock.calls.find(([url]) => String(url).endsWith(`/units/yz/claims/${staffMay.id}/decision`));
    expect(JSON.parse(String(sent![1]!.body))).toEqual({ decision: 'approve', reason: '逾期未答复属实', version: 2 });
  });
});
