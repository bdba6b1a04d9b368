// 进度填报's panel: the filer's 提交 stays disabled while a goal is blank (named in the warning); a fed
// value shows as 系统采集 and a value under 80% of the milestone as 滞后; the leader approves the whole
// period after confirming, with the report's version; the bureau reads it without any move.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UnitProgressView } from '@shared/contracts/progress-reports.ts';
import { configureHttp } from '@/api/http';
import ProgressPanel from '@/views/progress/unit/ProgressPanel.vue';
import { plugins } from './setup';

vi.mock('@/utils/confirm', () => ({ confirmAction: vi.fn(async () => true) }));

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const BASE = '/api/regions/450900/cycles/2026/units/yz/progress';

const item = (indicatorId: string, extra = {}) => ({
  cycleId: '2026', unitId: 'yz', period: '2026-11', indicatorId, categoryId: 'c1', assessorUnitId: '', nothingToReport: false, evidence: [], status: 'draft' as const, late: false, version: 2, updatedAt: '2026-11-20T00:00:00Z', updatedBy: 'yz_staff', ...extra,
});
const goalOf = (indicatorId: string, it?: ReturnType<typeof item>) => ({ indicatorId, name: `指标${indicatorId}`, target: 100, unitOfMeasure: '%', milestones: [{ date: '2026-09-30', expected: 75 }], expected: { date: '2026-09-30', expected: 75 }, assessorUnitId: '', ...(it ? { item: it } : {}) });
function view(blank: string[], status: 'draft' | 'submitted'): UnitProgressView {
  return {
    cycleId: '2026', unitId: 'yz', unitName: '玉州区', frequency: 'monthly', period: '2026-11', dueDate: '2026-12-05',
    periods: [{ period: '2026-11', dueDate: '2026-12-05', status, late: false, overdue: false, counts: { filled: 2, nothingToReport: 0 } }],
    report: { cycleId: '2026', unitId: 'yz', period: '2026-11', categoryId: 'c1', status, dueDate: '2026-12-05', late: false, counts: { filled: 2, nothingToReport: 0 }, version: 7, updatedAt: '', updatedBy: '', moving: false },
    goals: [goalOf('1.1', item('1.1', { value: 50 })), goalOf('1.2', item('1.2', { value: 80, fed: { value: 80, systemId: 's', systemName: '统计联网直报', at: '' } })), ...blank.map((b) => goalOf(b))],
    editable: status === 'draft',
    blank,
  };
}

describe('progress panel', () => {
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
  async function mountPanel(v: UnitProgressView, role: string, after?: UnitProgressView) {
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.startsWith(BASE) && init?.method === 'POST' && after) return json(201, after);
      if (url.startsWith(BASE)) return json(200, v);
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
    wrapper = mount(ProgressPanel, { props: { regionId: '450900', cycleId: '2026', unitId: 'yz', role, username: 'yz_staff' }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }

  it('keeps 提交 disabled while a goal is blank, and marks fed and behind values', async () => {
    await mountPanel(view(['2.1'], 'draft'), 'unit_staff');
    expect(q('progress-blank')!.textContent).toContain('还有 1 项目标未填写');
    expect(q('progress-submit')!.hasAttribute('disabled')).toBe(true);
    expect(q('progress-approve')).toBeNull();
    expect(q('progress-value-1.1')!.className).toContain('behind');
    expect(q('progress-value-1.2')!.className).not.toContain('behind');
    expect(document.body.textContent).toContain('系统采集');
  });

  it('lets the leader approve the whole period with the version read', async () => {
    const approved = { ...view([], 'submitted'), report: { ...view([], 'submitted').report!, status: 'approved' as const, version: 8 } };
    await mountPanel(view([], 'submitted'), 'unit_leader', approved);
    q('progress-approve')!.click();
    await flushPromises();
    const [url, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(String(url)).toBe(`${BASE}/2026-11/review`);
    expect(JSON.parse(String(init!.body))).toEqual({ decision: 'approve', version: 7 });
    expect(q('progress-status')!.textContent).toBe('已审核报送');
  });

  it('shows the bureau the report without any move', async () => {
    await mountPanel(view([], 'submitted'), 'bureau_staff');
    expect(q('progress-submit')).toBeNull();
    expect(q('progress-approve')).toBeNull();
    expect(q('progress-edit-1.1')!.textContent).toContain('查看');
  });
});
