// 第二十三条 and the confirmation on 成绩汇总: the staff's proposal dialog sends target, direction, steps
// and reason and keeps the API's refusal (a vetoed unit) in the dialog; the leader's decision refuses a
// malformed 文号 before anything is sent, then sends it with the version read; the panel shows the
// confirmed badge with its version and the history, offers 确认结果 to the leader only when not frozen,
// and the reopen proposal to the staff only when frozen.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConfirmationsView, GradeDecisionView, GradeDecisionsView } from '@/api/grade-decisions';
import { configureHttp } from '@/api/http';
import { useSessionStore } from '@/stores/session';
import Art23Dialog from '@/views/results/Art23Dialog.vue';
import ConfirmationPanel from '@/views/results/ConfirmationPanel.vue';
import { plugins } from './setup';
import { bureauLeader, bureauStaff } from './users-fixtures';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const type = async (id: string, value: string) => {
  const el = document.body.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${id}"] textarea, [data-testid="${id}"] input, textarea[data-testid="${id}"], input[data-testid="${id}"]`)!;
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await flushPromises();
};
const proposed: GradeDecisionView = {
  cycleId: '2025', unitId: 'bb', id: '00000000-0000-4000-8000-000000000005', unitName: '博白县', categoryId: 'c1', target: 'grade', direction: 'raise', steps: 1,
  reason: '承担全市重大专项任务成效突出', status: 'proposed', proposedAt: '2026-03-21T01:00:00Z', proposedBy: 'yl_staff', version: 1,
};
const decisions = (freezeStatus?: 'confirmed' | 'reopened'): GradeDecisionsView => ({
  stage: 8, open: true, items: [proposed],
  freezes: freezeStatus ? [{ categoryId: 'c1', status: freezeStatus, confirmedVersion: 1, confirmedAt: '2026-03-21T07:00:00Z', confirmedBy: 'yl_leader', version: 1 }] : [],
});
const history = (freezeStatus?: 'confirmed' | 'reopened'): ConfirmationsView => ({
  categoryId: 'c1',
  freeze: freezeStatus ? { categoryId: 'c1', status: freezeStatus, confirmedVersion: 1, confirmedAt: '2026-03-21T07:00:00Z', confirmedBy: 'yl_leader', version: 1 } : null,
  confirmations: freezeStatus
    ? [{ cycleId: '2025', categoryId: 'c1', categoryName: '县（市、区）', version: 1, confirmedAt: '2026-03-21T07:00:00Z', confirmedBy: 'yl_leader', counts: { first: 1, second: 0, third: 0, fail: 1 }, units: [
        { unitId: 'bb', unitName: '博白县', total: 8_850, grade: 'first', gradeName: '一等', rankInGrade: 1, position: 1, order: 1, tied: false, vetoed: false, resultVersion: 2, gradeDecisions: [{ target: 'grade', direction: 'raise', steps: 1, documentNumber: '玉绩办〔2026〕5号' }] },
        { unitId: 'xy', unitName: '兴业县', total: 7_000, grade: 'fail', gradeName: '不合格', rankInGrade: 1, position: 2, order: 2, tied: false, vetoed: true, resultVersion: 1, gradeDecisions: [] },
      ] }]
    : [],
  reopens: [],
});

describe('Art 23 and confirmation', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const sent: { url: string; body: unknown }[] = [];
  let freezeStatus: 'confirmed' | 'reopened' | undefined;
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    fetchMock.mockReset();
    sent.length = 0;
    freezeStatus = undefined;
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      if (init?.method === 'POST') {
        sent.push({ url, body: JSON.parse(String(init.body)) });
        if (url.endsWith('/units/xy/grade-decisions')) return json(409, { error: { code: 'CONFLICT', message: '该单位被一票否决，一票否决的结果不得提高（第二十三条不适用）' } });
        return json(201, { ...proposed, status: 'approved', version: 2, decision: { by: 'yl_leader', at: '2026-03-21T02:00:00Z', documentNumber: '玉绩办〔2026〕5号' } });
      }
      if (url.endsWith('/cycles/2025/grade-decisions')) return json(200, decisions(freezeStatus));
      if (url.endsWith('/categories/c1/confirmations')) return json(200, history(freezeStatus));
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });
  function as(me: typeof bureauStaff) {
    const plugs = plugins();
    useSessionStore().me = { ...me, roleName: '' };
    return plugs;
  }

  it('the staff propose a change; a veto’s refusal stays in the dialog with what was typed', async () => {
    const plugs = as(bureauStaff);
    wrapper = mount(Art23Dialog, { props: { regionId: '450900', cycleId: '2025', unit: undefined }, global: { plugins: plugs }, attachTo: document.body });
    await wrapper.setProps({ unit: { unitId: 'xy', unitName: '兴业县' } });
    await flushPromises();
    q('art23-submit')!.click();
    await flushPromises();
    expect(q('art23-error')!.textContent).toContain('请填写理由');
    expect(sent).toEqual([]);
    await type('art23-reason', '牵头完成全市重点改革任务');
    q('art23-submit')!.click();
    await flushPromises();
    expect(sent).toEqual([{ url: '/api/regions/450900/cycles/2025/units/xy/grade-decisions', body: { target: 'grade', direction: 'raise', steps: 1, reason: '牵头完成全市重点改革任务' } }]);
    expect(q('art23-error')!.textContent).toContain('一票否决的结果不得提高');
    expect(wrapper.emitted('saved')).toBeUndefined();
  });

  it('the leader approves with a 文号, refused before sending when malformed; 确认结果 offered while not frozen', async () => {
    wrapper = mount(ConfirmationPanel, { props: { regionId: '450900', cycleId: '2025', categoryId: 'c1', categoryName: '县（市、区）' }, global: { plugins: as(bureauLeader) }, attachTo: document.body });
    await flushPromises();
    expect(q('confirm-badge')!.textContent).toContain('结果未确认');
    expect(q('confirm-results')).not.toBeNull();
    expect(q('reopen-propose')).toBeNull();
    q('art23-decide-bb')!.click();
    await flushPromises();
    await type('art23-document', '第5号');
    q('art23-decide-submit')!.click();
    await flushPromises();
    expect(q('art23-decide-error')!.textContent).toContain('文号格式应如');
    expect(sent).toEqual([]);
    await type('art23-document', '玉绩办〔2026〕5号');
    q('art23-decide-submit')!.click();
    await flushPromises();
    expect(sent).toEqual([{ url: '/api/regions/450900/cycles/2025/units/bb/grade-decisions/00000000-0000-4000-8000-000000000005/decision', body: { decision: 'approve', documentNumber: '玉绩办〔2026〕5号', version: 1 } }]);
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('a confirmed category shows its version, frozen, with the history; the staff may propose a correction, nobody confirms again', async () => {
    freezeStatus = 'confirmed';
    wrapper = mount(ConfirmationPanel, { props: { regionId: '450900', cycleId: '2025', categoryId: 'c1', categoryName: '县（市、区）' }, global: { plugins: as(bureauStaff) }, attachTo: document.body });
    await flushPromises();
    expect(q('confirm-badge')!.textContent).toContain('已确认 · 第 1 版');
    expect(q('confirm-results')).toBeNull();
    expect(q('confirm-history')!.textContent).toContain('第 1 版');
    expect(q('confirm-history')!.textContent).toContain('一等 1 · 二等 0 · 三等 0 · 不合格 1');
    // Only the leader decides an Art 23 proposal.
    expect(q('art23-decide-bb')).toBeNull();
    q('reopen-propose')!.click();
    await flushPromises();
    q('reopen-submit')!.click();
    await flushPromises();
    expect(q('reopen-error')!.textContent).toContain('请填写理由');
    await type('reopen-reason', '统计口径有误需更正');
    q('reopen-submit')!.click();
    await flushPromises();
    expect(sent).toEqual([{ url: '/api/regions/450900/cycles/2025/categories/c1/reopens', body: { reason: '统计口径有误需更正', version: 1 } }]);
  });
});
