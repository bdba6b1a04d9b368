// 本单位目标 as a unit leader sees it: each coverage problem named above the table and 提交 disabled
// while there are any; once complete 提交 is enabled, and the API's 422 problems are shown if it refuses.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { UnitGoalsView } from '@shared/contracts/goals.ts';
import { configureHttp } from '@/api/http';
import { useSessionStore } from '@/stores/session';
import UnitGoalsPage from '@/views/goals/unit/index.vue';
import { plugins } from './setup';
import { unitLeader } from './users-fixtures';

vi.mock('@/utils/confirm', () => ({ confirmAction: vi.fn(async () => true) }));

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const GOALS = '/api/regions/450900/cycles/2027/units/yz/goals';

const leaf = (indicatorId: string, name: string) => ({ indicatorId, name, parents: ['经济发展'], points: 500 });
const goal = (indicatorId: string, status: 'draft' | 'returned', extra = {}) => ({
  cycleId: '2027', unitId: 'yz', indicatorId, categoryId: 'c1', planVersion: 1, assessorUnitId: '', status,
  target: 8, unitOfMeasure: '%', milestones: [{ date: '2027-06-30', expected: 4 }], coUnitIds: [], version: 1, updatedAt: '2027-03-01T00:00:00Z', updatedBy: 'yz_staff', ...extra,
});
function unitView(problems: UnitGoalsView['problems'], goals: UnitGoalsView['goals']): UnitGoalsView {
  return {
    cycleId: '2027', unitId: 'yz', unitName: '玉州区', categoryId: 'c1', categoryName: '县（市、区）', planVersion: 1, stage: 2,
    set: { status: 'draft', version: 3, counts: { draft: goals.length, submitted: 0, returned: 0, approved: 0 } },
    editable: true,
    leaves: [leaf('1.1', '地区生产总值增速'), leaf('1.2', '固定资产投资增速')],
    goals,
    problems,
  };
}
const missing = { indicatorId: '1.2', code: 'missing', path: 'goals.1.2', message: '「固定资产投资增速」尚未制定目标' };

describe('unit goals page', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  async function mountPage(view: UnitGoalsView, submitAnswer?: Response, removeAnswer?: UnitGoalsView) {
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      if (init?.method === 'DELETE' && removeAnswer) return json(200, removeAnswer);
      if (url === GOALS) return json(200, view);
      if (url === `${GOALS}/submit` && init?.method === 'POST' && submitAnswer) return submitAnswer;
      if (url.endsWith('/units')) return json(200, { items: [] });
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/goals/:cycleId?', name: 'unit-goals', component: UnitGoalsPage }] });
    const plugs = plugins();
    useSessionStore().me = { ...unitLeader, roleName: '' };
    wrapper = mount(UnitGoalsPage, { props: { cycleId: '2027' }, global: { plugins: [...plugs, router] }, attachTo: document.body });
    await flushPromises();
  }

  it('names each coverage problem above the table and keeps 提交 disabled while there are any', async () => {
    await mountPage(unitView([missing], [goal('1.1', 'draft')]));

    expect(q('goals-problems')?.textContent).toContain('尚有 1 处问题');
    expect(q('goals-problem-1.2')?.textContent?.trim()).toBe('「固定资产投资增速」尚未制定目标');
    expect(q('goals-submit')?.hasAttribute('disabled')).toBe(true);
    expect(q('goal-status-1.1')?.textContent).toBe('草稿');
    expect(q('goal-status-1.2')?.textContent).toBe('未填写');
  });

  it('enables 提交 once complete, and lists the API’s problems when it refuses (422)', async () => {
    const refusal = json(422, { error: { code: 'GOALS_INCOMPLETE', message: '目标尚不完整（1 处），不能报送', details: [{ path: 'goals.1.2.target', message: '「固定资产投资增速」未填写目标值或计量单位' }] } });
    await mountPage(unitView([], [goal('1.1', 'draft'), goal('1.2', 'draft')]), refusal);
    expect(q('goals-problems')).toBeNull();
    expect(q('goals-complete')).not.toBeNull();
    expect(q('goals-submit')?.hasAttribute('disabled')).toBe(false);

    q('goals-submit')!.click();
    await flushPromises();

    const sent = fetchMock.mock.calls.find(([u, i]) => String(u) === `${GOALS}/submit` && i?.method === 'POST');
    expect(JSON.parse(String(sent?.[1]?.body))).toEqual({ version: 3 });
    expect(q('goals-submit-error')?.textContent).toContain('目标尚不完整（1 处），不能报送');
    expect(q('goals-submit-error')?.textContent).toContain('「固定资产投资增速」未填写目标值或计量单位');
  });

  it('shows a returned goal’s reason and, once fixed, the fields changed since', async () => {
    await mountPage(unitView([], [goal('1.1', 'returned', { returnReason: '目标值偏低', changed: ['target', 'milestones'] }), goal('1.2', 'draft')]));

    expect(q('goal-reason-1.1')?.textContent).toContain('目标值偏低');
    expect(q('goal-changed-1.1')?.textContent).toContain('目标值、节点');
  });

  it('removes a goal whose indicator the plan no longer has, with the version read', async () => {
    const stale = { indicatorId: '9.9', code: 'notInPlan', path: 'goals.9.9', message: '指标 9.9 已不在现行方案中' };
    const before = unitView([stale], [goal('1.1', 'draft'), goal('1.2', 'draft'), goal('9.9', 'draft', { version: 2 })]);
    const after = unitView([], [goal('1.1', 'draft'), goal('1.2', 'draft')]);
    await mountPage(before, undefined, after);
    expect(q('goals-submit')?.hasAttribute('disabled')).toBe(true);

    q('goal-remove-9.9')!.click();
    await flushPromises();

    const sent = fetchMock.mock.calls.find(([, i]) => i?.method === 'DELETE');
    expect(String(sent?.[0])).toBe(`${GOALS}/9.9`);
    expect(JSON.parse(String(sent?.[1]?.body))).toEqual({ version: 2 });
    expect(q('goals-problems')).toBeNull();
    expect(q('goals-submit')?.hasAttribute('disabled')).toBe(false);
  });
});
