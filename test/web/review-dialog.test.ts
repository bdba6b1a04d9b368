// 申请复核 dialog (Art 21): only the items not in another request are offered; nothing is sent until an
// item is ticked and each ticked item has its reasons (the dialog names the one without); the filer saves
// a draft (no 提交 offered), the API's refusal stays in the open dialog; the leader files — the draft
// saved, then submitted with the version the save returned.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReviewView, UnitReviewsView } from '@/api/reviews';
import { configureHttp } from '@/api/http';
import ReviewRequestDialog from '@/views/results/ReviewRequestDialog.vue';
import { plugins } from './setup';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const CLAIM = 'claim:00000000-0000-4000-9025-000000000001';
const view: UnitReviewsView = {
  unitId: 'yl-yuzhou',
  stage: 7,
  window: { publishedAt: '2026-03-01T02:00:00Z', reviewUntil: '2026-03-06', open: true, refusal: null },
  reviewable: [
    { itemId: 'score:1.1', kind: 'score', name: '1.1 地区生产总值增长', stood: '实际完成值 6.7，得分 18.36', field: 'actual', reviewId: null },
    { itemId: 'score:1.2', kind: 'score', name: '1.2 一般公共预算收入', stood: '实际完成值 7.5，得分 18.75', field: 'actual', reviewId: 'other' },
    { itemId: CLAIM, kind: 'claim', name: '加分：超额完成主要经济指标', stood: '加分 1 项 +0.50 分，已批准', reviewId: null },
  ],
  reviews: [],
};
const saved = (over: Partial<ReviewView> = {}): ReviewView => ({
  cycleId: '2025', unitId: 'yl-yuzhou', id: '00000000-0000-4000-8000-0000000000aa', unitName: '玉州区', categoryId: 'c1', categoryName: '县（市、区）', status: 'draft',
  items: [{ itemId: 'score:1.1', kind: 'score', name: '1.1', stood: '', reason: 'r', evidence: [] }], createdAt: '2026-03-02T00:00:00Z', createdBy: 'yuzhou_staff', version: 1, updatedAt: '2026-03-02T00:00:00Z', updatedBy: 'yuzhou_staff', ...over,
});

describe('the review request dialog', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const sent: { url: string; body: unknown }[] = [];
  let refuse = false;
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    fetchMock.mockReset();
    sent.length = 0;
    refuse = false;
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      sent.push({ url, body: JSON.parse(String(init?.body)) });
      if (refuse) return json(409, { error: { code: 'CONFLICT', message: '复核申请期限已于 2026-03-06 24:00 截止，不能再申请复核' } });
      if (url.endsWith('/submit')) return json(201, saved({ status: 'submitted', version: 2 }));
      return json(201, saved());
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });
  async function open(leader: boolean) {
    wrapper = mount(ReviewRequestDialog, { props: { modelValue: true, regionId: '450900', cycleId: '2025', unitId: 'yl-yuzhou', view, leader }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }
  async function tick(itemId: string, reason?: string) {
    q(`review-pick-${itemId}`)!.querySelector('input')!.click();
    await flushPromises();
    if (reason === undefined) return;
    const area = document.body.querySelector<HTMLTextAreaElement>(`textarea[data-testid="review-reason-${itemId}"], [data-testid="review-reason-${itemId}"] textarea`)!;
    area.value = reason;
    area.dispatchEvent(new Event('input'));
    await flushPromises();
  }

  it('offers the items not in another request; refuses nothing ticked and a ticked item without reasons', async () => {
    await open(false);
    expect(q('review-item-score:1.1')).not.toBeNull();
    expect(q('review-item-score:1.2')).toBeNull();
    expect(q(`review-item-${CLAIM}`)).not.toBeNull();
    expect(q('review-submit')).toBeNull();
    q('review-save')!.click();
    await flushPromises();
    expect(q('review-error')!.textContent).toContain('请至少勾选一个复核事项');
    await tick('score:1.1');
    q('review-save')!.click();
    await flushPromises();
    expect(q('review-error')!.textContent).toContain('请写明「1.1 地区生产总值增长」的复核理由');
    expect(sent).toEqual([]);
  });

  it('the filer saves a draft; the API’s refusal stays in the open dialog', async () => {
    await open(false);
    await tick('score:1.1', '实际完成值应为 7.3%');
    refuse = true;
    q('review-save')!.click();
    await flushPromises();
    expect(sent).toEqual([{ url: '/api/regions/450900/cycles/2025/units/yl-yuzhou/reviews', body: { items: [{ itemId: 'score:1.1', reason: '实际完成值应为 7.3%', evidence: [] }], version: 0 } }]);
    expect(q('review-error')!.textContent).toContain('24:00 截止');
    expect(wrapper!.emitted('saved')).toBeUndefined();
    expect(document.body.querySelector<HTMLTextAreaElement>('textarea[data-testid="review-reason-score:1.1"], [data-testid="review-reason-score:1.1"] textarea')!.value).toBe('实际完成值应为 7.3%');
  });

  it('the leader files: the draft saved, then submitted on the version the save returned', async () => {
    await open(true);
    await tick('score:1.1', '实际完成值应为 7.3%');
    await tick(CLAIM, '应为 2 项');
    q('review-submit')!.click();
    await flushPromises();
    expect(sent.map((s) => s.url)).toEqual(['/api/regions/450900/cycles/2025/units/yl-yuzhou/reviews', '/api/regions/450900/cycles/2025/units/yl-yuzhou/reviews/00000000-0000-4000-8000-0000000000aa/submit']);
    expect(sent[0]!.body).toMatchObject({ items: [{ itemId: 'score:1.1' }, { itemId: CLAIM, reason: '应为 2 项' }], version: 0 });
    expect(sent[1]!.body).toEqual({ version: 1 });
    expect(wrapper!.emitted('saved')![0]![0]).toMatchObject({ status: 'submitted' });
    expect(wrapper!.emitted('update:modelValue')![0]).toEqual([false]);
  });
});
