// The public page of a unit's goals (no sign-in): each goal with its target, milestones and units; an
// adjusted goal says which revision it is, when it was adjusted and for which class of reason; a unit
// whose set is not approved shows that its goals are not published.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { PublicUnitGoalsView } from '@shared/contracts/public-goals.ts';
import { configureHttp } from '@/api/http';
import PublicUnitGoals from '@/views/public-goals/unit.vue';
import { plugins } from './setup';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const URL_OF = '/api/public/regions/450900/cycles/2026/units/yz/goals';

const goal = (indicatorId: string, extra: Partial<PublicUnitGoalsView['goals'][number]> = {}) => ({
  indicatorId, indicatorName: `指标${indicatorId}`, parents: ['经济发展'], points: 2000, target: 8, unitOfMeasure: '%', milestones: [{ date: '2026-06-30', expected: 4 }],
  leadUnitName: '玉州区', coUnitNames: ['玉林市统计局'], responsible: '刘建国', revision: 1, adjustments: [], ...extra,
});
const view = (published: boolean, goals: PublicUnitGoalsView['goals'] = []): PublicUnitGoalsView => ({
  cycle: { cycleId: '2026', name: '2026年度绩效考评', year: 2026 }, unitId: 'yz', unitName: '玉州区', categoryName: '县（市、区）', published, ...(published ? { approvedOn: '2026-03-20' } : {}), goals, total: goals.length,
});

describe('public unit goals page', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => undefined, onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  async function mountPage(answer: PublicUnitGoalsView) {
    fetchMock.mockImplementation(async (input) => (String(input).startsWith(URL_OF) ? json(200, answer) : json(404, { error: { code: 'NOT_FOUND', message: String(input) } })));
    const stub = { template: '<div />' };
    const names = ['public', 'login', 'dashboard', 'public-goals', 'public-unit-goals-print'];
    const router = createRouter({ history: createMemoryHistory(), routes: names.map((name) => ({ path: `/${name}`, name, component: stub })) });
    wrapper = mount(PublicUnitGoals, { props: { regionId: '450900', cycleId: '2026', unitId: 'yz' }, global: { plugins: [...plugins(), router] }, attachTo: document.body });
    await flushPromises();
  }

  it('shows each goal, and an adjusted one with its revision, date and reason class', async () => {
    await mountPage(view(true, [goal('1.1'), goal('1.2', { target: 6.5, revision: 2, adjustments: [{ revision: 2, decidedOn: '2026-07-01', reason: 'major_decision' }] })]));
    expect(q('public-unit-title')?.textContent).toContain('玉州区');
    expect(q('public-goal-target-1.1')?.textContent).toBe('8 %');
    expect(q('public-goal-target-1.2')?.textContent).toBe('6.5 %');
    expect(q('public-goal-adjusted-1.1')).toBeNull();
    expect(q('public-goal-adjusted-1.2')?.textContent).toBe('第 2 版');
    expect(q('public-goal-adjustment-1.2')?.textContent).toBe('第 2 版：2026-07-01 经审定调整（重大决策调整）');
    expect(document.body.textContent).toContain('牵头：玉州区');
    // Sent without a token: the page is public.
    expect(new Headers(fetchMock.mock.calls[0]![1]?.headers).get('authorization')).toBeNull();
  });

  it('says a unit’s goals are not published until approved, and offers no print', async () => {
    await mountPage(view(false));
    expect(q('public-unit-unpublished')?.textContent).toContain('尚未经绩效办审定');
    expect(q('public-unit-goals')).toBeNull();
    expect(q('public-unit-print')?.hasAttribute('disabled') || q('public-unit-print')?.classList.contains('is-disabled')).toBe(true);
  });
});
