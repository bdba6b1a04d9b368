// 目标调整 as a unit leader sees it: the unit's approved goals with their revision and a request button
// (none while a goal has an open request, disabled outside goal review and execution), the unit's
// requests with 报送 for a filer's draft (sent with the version read), and the revisions replaced.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { UnitGoalsView } from '@shared/contracts/goals.ts';
import type { AdjustmentView, UnitAdjustmentsView } from '@/api/goal-adjustments';
import { configureHttp } from '@/api/http';
import { useSessionStore } from '@/stores/session';
import AdjustmentsPage from '@/views/goal-adjustments/unit/index.vue';
import { plugins } from './setup';
import { unitLeader } from './users-fixtures';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const BASE = '/api/regions/450900/cycles/2026/units/yz';

const goal = (indicatorId: string, extra = {}) => ({
  cycleId: '2026', unitId: 'yz', indicatorId, categoryId: 'c1', planVersion: 1, assessorUnitId: '', status: 'approved' as const,
  target: 8, unitOfMeasure: '%', milestones: [], coUnitIds: [], version: 3, updatedAt: '2026-03-20T00:00:00Z', updatedBy: 'yl_staff', ...extra,
});
const goalsView: UnitGoalsView = {
  cycleId: '2026', unitId: 'yz', unitName: '玉州区', categoryId: 'c1', categoryName: '县（市、区）', planVersion: 1, stage: 4,
  set: { status: 'approved', version: 9, counts: { draft: 0, submitted: 0, returned: 0, approved: 2 } }, editable: false,
  leaves: [{ indicatorId: '1.1', name: '地区生产总值增长', parents: [], points: 2000 }, { indicatorId: '1.2', name: '一般公共预算收入', parents: [], points: 2000 }],
  goals: [goal('1.1', { revision: 2, target: 6.5 }), goal('1.2')],
  problems: [],
};
const draft: AdjustmentView = {
  cycleId: '2026', unitId: 'yz', indicatorId: '1.2', categoryId: 'c1', adjustmentId: '00000000-0000-4000-8000-000000000009', unitName: '玉州区', indicatorName: '一般公共预算收入',
  status: 'draft', reason: 'institutional', explanation: '机构调整', current: { target: 8, unitOfMeasure: '%', milestones: [], coUnitIds: [] }, proposed: { target: 7, unitOfMeasure: '%', milestones: [], coUnitIds: [] },
  goalRevision: 1, goalVersion: 3, requesterKind: 'unit', requesterUnitId: 'yz', requestedAt: '2026-07-01T02:00:00Z', requestedBy: 'yuzhou_staff', version: 1, updatedAt: '2026-07-01T02:00:00Z', updatedBy: 'yuzhou_staff',
};
const history: UnitAdjustmentsView = {
  requests: [draft],
  revisions: [{ ...goal('1.1'), revision: 1, target: 8, replacedAt: '2026-06-01T02:00:00Z', replacedBy: 'yl_leader' }],
};

describe('unit goal adjustments page', () => {
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

  async function mountPage(stage: number) {
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.endsWith('/regions/450900/cycles')) return json(200, { items: [{ cycleId: '2026', year: 2026, name: '2026年度', status: 'open', currentStage: stage }] });
      if (url === `${BASE}/goals`) return json(200, goalsView);
      if (url === `${BASE}/goal-adjustments`) return json(200, history);
      if (url.endsWith('/submit') && init?.method === 'POST') return json(201, { ...draft, status: 'pending', version: 2 });
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/goal-adjustments/:cycleId?', name: 'goal-adjustments', component: AdjustmentsPage }] });
    const plugs = plugins();
    useSessionStore().me = { ...unitLeader, roleName: '' };
    wrapper = mount(AdjustmentsPage, { props: { cycleId: '2026' }, global: { plugins: [...plugs, router] }, attachTo: document.body });
    await flushPromises();
  }

  it('lists the approved goals with their revision; a goal with an open request shows its status instead of the button', async () => {
    await mountPage(4);
    expect(q('adjust-revision-1.1')?.textContent).toBe('第 2 版');
    expect(q('adjust-revision-1.2')?.textContent).toBe('第 1 版');
    expect(q('adjust-request-1.1')?.hasAttribute('disabled')).toBe(false);
    expect(q('adjust-request-1.2')).toBeNull();
    expect(q('adjust-goals')?.textContent).toContain('草稿');
    expect(q('adjust-history')?.textContent).toContain('8 %');
  });

  it('lets the leader send a filer’s draft with the version read', async () => {
    await mountPage(4);
    q('adjust-submit-1.2')!.click();
    await flushPromises();
    const sent = fetchMock.mock.calls.find(([u, i]) => String(u).endsWith('/submit') && i?.method === 'POST');
    expect(String(sent?.[0])).toBe(`${BASE}/goals/1.2/adjustments/${draft.adjustmentId}/submit`);
    expect(JSON.parse(String(sent?.[1]?.body))).toEqual({ version: 1 });
  });

  it('offers no request outside goal review and execution', async () => {
    await mountPage(5);
    expect(q('adjust-not-now')).not.toBeNull();
    expect(q('adjust-request-1.1')?.hasAttribute('disabled')).toBe(true);
  });
});
