// 投诉举报 on the public site (no sign-in): the form is sent through the public route only when
// complete — a contact needs the consent box — and shows the query code once; a refusal (the day's
// cap) stays on the page; the code reads the status and the written answer. The bureau's export
// carries no contact details.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { configureHttp } from '@/api/http';
import PublicComplaints from '@/views/complaints/public.vue';
import { complaintRows, COMPLAINT_HEADER } from '@/views/complaints/complaint-xlsx';
import { plugins } from './setup';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const form = { regionName: '玉林市', cycles: [{ cycleId: '2025', name: '2025年度绩效考评' }], units: [{ unitId: 'yl-yuzhou', name: '玉州区' }], answerWorkingDays: 15, retentionDays: 365, dailyCap: 5 };

async function type(id: string, value: string) {
  const el = document.body.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${id}"] input, [data-testid="${id}"] textarea, input[data-testid="${id}"], textarea[data-testid="${id}"]`)!;
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await flushPromises();
}

describe('public complaints page', { timeout: 30_000 }, () => {
  const fetchMock = vi.fn<typeof fetch>();
  let wrapper: VueWrapper | undefined;
  const sent: { url: string; body: any }[] = [];
  let fileAnswer: () => Response;
  beforeEach(() => {
    sent.length = 0;
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => undefined, onError: () => undefined, onUnauthorized: () => undefined });
    fileAnswer = () => json(201, { complaintId: '00000000-0000-4000-8000-000000000009', code: 'ABCD-EFGH-JKMN-PQRS', receivedOn: '2026-12-03', due: { date: '2026-12-24', provisional: false } });
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      if (init?.body) sent.push({ url, body: JSON.parse(String(init.body)) });
      if (url.startsWith('/api/public/regions/450900/complaint-form')) return json(200, form);
      if (url.startsWith('/api/public/regions/450900/complaints')) return fileAnswer();
      if (url.startsWith('/api/public/complaints/lookup'))
        return json(201, { regionName: '玉林市', receivedOn: '2026-01-05', subject: '满意度调查样本', content: '……', status: 'answered', due: { date: '2026-01-26', provisional: false }, answer: { text: '抽样方案已公开。', on: '2026-01-12' } });
      if (url.startsWith('/api/public/regions')) return json(200, { items: [{ regionId: '450900', name: '玉林市', level: 'city', bureauUnitId: 'yl-jxb' }] });
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  async function mountPage() {
    const stub = { template: '<div />' };
    const router = createRouter({ history: createMemoryHistory(), routes: ['public', 'login', 'dashboard', 'public-complaints'].map((name) => ({ path: `/${name}`, name, component: stub })) });
    await router.push('/public-complaints');
    wrapper = mount(PublicComplaints, { global: { plugins: [...plugins(), router] }, attachTo: document.body });
    await flushPromises();
  }
  const sendButton = () => q('complaint-send') as HTMLButtonElement;

  it('sends only when complete, a contact only with consent, and shows the code once', async () => {
    await mountPage();
    expect(q('complaint-form')!.textContent).toContain('15 个工作日');
    expect(q('complaint-form')!.textContent).toContain('保存 365 天后自动删除');
    expect(sendButton().disabled).toBe(true);
    await type('complaint-subject', '评分依据不公开');
    await type('complaint-content', '希望公开该指标的评分依据和计算过程。');
    expect(sendButton().disabled).toBe(false);
    await type('complaint-phone', '13907751234');
    expect(sendButton().disabled).toBe(true);
    (q('complaint-consent')!.querySelector('input') as HTMLInputElement).click();
    await flushPromises();
    expect(sendButton().disabled).toBe(false);
    sendButton().click();
    await flushPromises();
    const filing = sent.find((s) => s.url.startsWith('/api/public/regions/450900/complaints'))!;
    expect(filing.body).toEqual({ subject: '评分依据不公开', content: '希望公开该指标的评分依据和计算过程。', contact: { phone: '13907751234' }, consent: true });
    expect(q('complaint-code')!.textContent).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(q('complaint-filed')!.textContent).toContain('2026-12-24');
    expect(q('complaint-send')).toBeNull();
  });

  it('keeps a refusal on the page', async () => {
    fileAnswer = () => json(429, { error: { code: 'TOO_MANY_REQUESTS', message: '今日通过公开页面提交的投诉举报已达上限' } });
    await mountPage();
    await type('complaint-subject', '评分依据不公开');
    await type('complaint-content', '希望公开该指标的评分依据和计算过程。');
    sendButton().click();
    await flushPromises();
    expect(q('complaint-error')!.textContent).toContain('已达上限');
    expect(q('complaint-code')).toBeNull();
  });

  it('reads the status and the answer by code', async () => {
    await mountPage();
    await type('complaint-lookup-code', 'YXKT-DAFU-2345-6789');
    (q('complaint-lookup-send') as HTMLButtonElement).click();
    await flushPromises();
    expect(sent.find((s) => s.url.startsWith('/api/public/complaints/lookup'))!.body).toEqual({ code: 'YXKT-DAFU-2345-6789' });
    expect(q('complaint-found-status')!.textContent).toBe('已答复');
    expect(q('complaint-found-answer')!.textContent).toContain('抽样方案已公开。');
  });
});

describe('complaints export', () => {
  it('has no contact column and marks the overdue', () => {
    const rows = complaintRows([
      { complaintId: '00000000-0000-4000-8000-000000000007', receivedAt: '2026-11-30T02:30:00Z', receivedOn: '2026-11-30', channel: 'portal', subject: '复核意见', status: 'received', due: { date: '2026-12-21', provisional: false }, overdue: true, hasContact: true, version: 1, stage: 'preliminary_review', cycleId: '2025' },
    ]);
    expect(rows[0]).toEqual([...COMPLAINT_HEADER]);
    expect(rows[0]!.some((h) => h.includes('联系'))).toBe(false);
    expect(rows[1]).toEqual(['00000000', '2026-11-30', '门户登录', '复核意见', '2025', '', '汇总反馈与复核', '待处理', '2026-12-21', '是', '']);
  });
});
