// 考评目标调整 as an assessor unit sees it: its requests, with 撤回 on a pending one only, which asks
// first and sends the version read to the assessor's own withdraw route.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { AdjustmentView, AssessedGoalsView } from '@/api/goal-adjustments';
import { configureHttp } from '@/api/http';
import { useSessionStore } from '@/stores/session';
import AssessedPage from '@/views/goal-adjustments/assessor/index.vue';
import { plugins } from './setup';
import { caller } from './users-fixtures';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const figures = { target: 8, unitOfMeasure: '%', milestones: [], coUnitIds: [] };
const request = (indicatorId: string, status: AdjustmentView['status'], version: number): AdjustmentView => ({
  cycleId: '2026', unitId: 'yz', indicatorId, categoryId: 'c1', adjustmentId: `00000000-0000-4000-8000-00000000000${version}`, unitName: '玉州区', indicatorName: '地区生产总值增长',
  status, reason: 'institutional', explanation: '统计口径调整', current: figures, proposed: { ...figures, target: 7 },
  goalRevision: 1, goalVersion: 3, requesterKind: 'assessor', requesterUnitId: 'tjj', requestedAt: '2026-07-01T02:00:00Z', requestedBy: 'yl_tjj', version, updatedAt: '2026-07-01T02:00:00Z', updatedBy: 'yl_tjj',
});
const view: AssessedGoalsView = { items: [], requests: [request('1.1', 'pending', 2), request('1.2', 'rejected', 3)] };

describe('assessor unit goal adjustments page', () => {
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

  it('withdraws a pending request it made, after asking, with the version read; a decided one offers nothing', async () => {
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.endsWith('/regions/450900/cycles')) return json(200, { items: [{ cycleId: '2026', year: 2026, name: '2026年度', status: 'open', currentStage: 4 }] });
      if (url.endsWith('/assessed-goals')) return json(200, view);
      if (url.endsWith('/withdraw') && init?.method === 'POST') return json(201, { ...view.requests[0], status: 'withdrawn', version: 3 });
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/assessed-goal-adjustments/:cycleId?', name: 'assessed-goal-adjustments', component: AssessedPage }] });
    const plugs = plugins();
    useSessionStore().me = { ...caller('yl_tjj', 'assessor_staff', 'tjj'), roleName: '' };
    wrapper = mount(AssessedPage, { props: { cycleId: '2026' }, global: { plugins: [...plugs, router] }, attachTo: document.body });
    await flushPromises();

    expect(q('assessed-withdraw-yz-1.2')).toBeNull();
    q('assessed-withdraw-yz-1.1')!.click();
    await flushPromises();
    expect(document.body.textContent).toContain('撤回对「玉州区 · 1.1 地区生产总值增长」目标的调整申请');
    document.body.querySelector<HTMLElement>('.el-message-box__btns .el-button--primary')!.click();
    await flushPromises();
    const sent = fetchMock.mock.calls.find(([u, i]) => String(u).endsWith('/withdraw') && i?.method === 'POST')!;
    expect(String(sent[0])).toBe('/api/regions/450900/cycles/2026/assessed/yz/goals/1.1/adjustments/00000000-0000-4000-8000-000000000002/withdraw');
    expect(JSON.parse(String(sent[1]!.body))).toEqual({ version: 2 });
  });
});
