// 一票否决 on 成绩汇总: the staff propose a veto — refused in the dialog until unit, item and facts are
// given, then sent with the plan's veto item of the unit's category; the API's refusal is shown in the
// dialog. The leader alone is offered 审批; a decision without a reason is refused before anything is sent.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VetoView, VetoesView } from '@/api/results';
import { configureHttp } from '@/api/http';
import { useSessionStore } from '@/stores/session';
import VetoPanel from '@/views/results/VetoPanel.vue';
import { plugins } from './setup';
import { bureauLeader, bureauStaff } from './users-fixtures';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const proposed: VetoView = {
  cycleId: '2025', unitId: 'xy', id: '00000000-0000-4000-8000-000000000003', unitName: '兴业县', categoryId: 'c1', vetoId: 'v1', name: '重大及以上生产安全责任事故',
  facts: '2025年9月发生较大事故', status: 'proposed', proposedAt: '2026-03-01T00:00:00Z', proposedBy: 'yl_staff', version: 1,
};
const view: VetoesView = {
  stage: 7, open: true, items: [proposed],
  units: [{ unitId: 'xy', unitName: '兴业县', categoryId: 'c1', categoryName: '县（市、区）' }, { unitId: 'jyj', unitName: '市教育局', categoryId: 'c2', categoryName: '市直政府部门' }],
  vetoItemsByCategory: { c1: [{ id: 'v1', name: '重大及以上生产安全责任事故' }], c2: [{ id: 'v9', name: '干扰、操纵满意度评价' }] },
};

describe('veto panel', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const sent: { url: string; body: unknown }[] = [];
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    fetchMock.mockReset();
    sent.length = 0;
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      if (init?.method === 'POST') {
        sent.push({ url, body: JSON.parse(String(init.body)) });
        if (url.endsWith('/vetoes')) return json(409, { error: { code: 'CONFLICT', message: '周期不在可处理的阶段' } });
        return json(201, { ...proposed, status: 'approved', version: 2 });
      }
      if (url.includes('/cycles/2025/vetoes')) return json(200, view);
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });
  async function mountAs(me: typeof bureauStaff) {
    const plugs = plugins();
    useSessionStore().me = { ...me, roleName: '' };
    wrapper = mount(VetoPanel, { props: { cycleId: '2025' }, global: { plugins: plugs }, attachTo: document.body });
    await flushPromises();
  }

  it('the staff propose with unit, item and facts; the API’s refusal stays in the dialog', async () => {
    await mountAs(bureauStaff);
    expect(q(`veto-decide-${proposed.id}`)).toBeNull();
    q('veto-propose')!.click();
    await flushPromises();
    q('veto-submit')!.click();
    await flushPromises();
    expect(q('veto-dialog')!.textContent).toContain('请选择单位和否决项');
    expect(sent).toEqual([]);
    // The unit's category decides the items offered.
    const select = wrapper!.findAllComponents({ name: 'ElSelect' })[0]!;
    select.vm.$emit('update:modelValue', 'jyj');
    await flushPromises();
    const facts = document.body.querySelector<HTMLTextAreaElement>('textarea[data-testid="veto-facts"], [data-testid="veto-facts"] textarea')!;
    facts.value = '组织人员干扰满意度调查';
    facts.dispatchEvent(new Event('input'));
    await flushPromises();
    q('veto-submit')!.click();
    await flushPromises();
    expect(sent).toEqual([{ url: '/api/regions/450900/cycles/2025/units/jyj/vetoes', body: { vetoId: 'v9', facts: '组织人员干扰满意度调查' } }]);
    expect(q('veto-dialog')!.textContent).toContain('周期不在可处理的阶段');
  });

  it('the leader alone decides, with a reason and the version read', async () => {
    await mountAs(bureauLeader);
    expect(q('veto-propose')).toBeNull();
    q(`veto-decide-${proposed.id}`)!.click();
    await flushPromises();
    const approve = q('veto-approve')!;
    approve.click();
    await flushPromises();
    expect(sent).toEqual([]);
    expect(document.body.textContent).toContain('请填写理由');
    const reason = document.body.querySelector<HTMLTextAreaElement>('textarea[data-testid="veto-reason"], [data-testid="veto-reason"] textarea')!;
    reason.value = '经核实属实';
    reason.dispatchEvent(new Event('input'));
    await flushPromises();
    approve.click();
    await flushPromises();
    expect(sent).toEqual([{ url: `/api/regions/450900/cycles/2025/units/xy/vetoes/${proposed.id}/decision`, body: { decision: 'approve', reason: '经核实属实', version: 1 } }]);
  });
});
