// 单位自评's panel: the leader's 审核并报送 stays disabled while a goal is missing (each named in the
// warning) and past the deadline (the banner says why); once complete it submits the set's version
// after the confirmation; a returned set shows the bureau's reason; the bureau confirms a submitted one.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UnitSelfView } from '@shared/contracts/self-assessment.ts';
import { configureHttp } from '@/api/http';
import SelfPanel from '@/views/self/SelfPanel.vue';
import { plugins } from './setup';

vi.mock('@/utils/confirm', () => ({ confirmAction: vi.fn(async () => true) }));

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const BASE = '/api/regions/450900/cycles/2026/units/yz/self-assessment';
const item = (indicatorId: string) => ({
  cycleId: '2026', unitId: 'yz', indicatorId, categoryId: 'c1', planVersion: 1, methodKind: 'completion' as const, assessorUnitId: 'tjj', achieved: 88, narrative: '完成',
  evidence: [], selfScore: 1760, explanation: [], complete: true, version: 2, updatedAt: '', updatedBy: 'yz_staff',
});
const goal = (indicatorId: string, withItem: boolean) => ({ indicatorId, name: `指标${indicatorId}`, parents: [], points: 2000, method: { kind: 'completion' as const }, assessorUnitId: 'tjj', target: 90, milestones: [], ...(withItem ? { item: item(indicatorId) } : {}) });
function view(status: 'draft' | 'submitted' | 'returned', missing: string[], extra: Partial<UnitSelfView> = {}): UnitSelfView {
  return {
    cycleId: '2026', cycleName: '2026年度绩效考评', unitId: 'yz', unitName: '玉州区', categoryId: 'c1', categoryName: '县（市、区）', stage: 5,
    set: { status, version: 9, counts: { saved: 2, complete: 2 - missing.length }, goalCount: 2, ...(status === 'returned' ? { returnReason: '佐证不足' } : {}) },
    editable: status !== 'submitted', deadline: '2027-01-20', deadlinePassed: false,
    goals: [goal('1.1', true), goal('1.2', !missing.includes('1.2'))],
    problems: missing.map((m) => ({ indicatorId: m, code: 'not_started', message: `「${m} 指标${m}」尚未自评` })),
    ...extra,
  };
}

describe('self-assessment panel', () => {
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
  async function mountPanel(v: UnitSelfView, role: string, after?: UnitSelfView) {
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.startsWith(BASE) && init?.method === 'POST' && after) return json(201, after);
      if (url.startsWith(BASE)) return json(200, v);
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
    wrapper = mount(SelfPanel, { props: { regionId: '450900', cycleId: '2026', unitId: 'yz', role }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }
  const posted = () => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST').map(([url, init]) => [String(url), JSON.parse(String(init!.body))]);

  it('keeps 审核并报送 disabled while a goal is missing, naming it', async () => {
    await mountPanel(view('draft', ['1.2']), 'unit_leader');
    expect(q('self-missing')!.textContent).toContain('1.2 指标1.2');
    expect((q('self-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('keeps it disabled past the deadline, saying why', async () => {
    await mountPanel(view('draft', [], { deadlinePassed: true }), 'unit_leader');
    expect(q('self-deadline-passed')!.textContent).toContain('2027-01-20');
    expect((q('self-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('submits a complete set with the version read; a filer has no 报送', async () => {
    await mountPanel(view('draft', []), 'unit_staff');
    expect(q('self-submit')).toBeNull();
    wrapper!.unmount();
    await mountPanel(view('draft', []), 'unit_leader', view('submitted', []));
    q('self-submit')!.click();
    await flushPromises();
    expect(posted()).toEqual([[`${BASE}/submit`, { version: 9 }]]);
    expect(q('self-status')!.textContent).toBe('已报送');
  });

  it('shows a returned set’s reason to the unit, and lets the bureau confirm a submitted one', async () => {
    await mountPanel(view('returned', []), 'unit_staff');
    expect(q('self-return-reason')!.textContent).toContain('佐证不足');
    wrapper!.unmount();
    await mountPanel(view('submitted', []), 'bureau_staff', { ...view('submitted', []), set: { ...view('submitted', []).set, status: 'approved' } });
    expect(q('self-submit')).toBeNull();
    q('self-approve')!.click();
    await flushPromises();
    expect(posted()).toEqual([[`${BASE}/review`, { decision: 'approve', version: 9 }]]);
  });
});
