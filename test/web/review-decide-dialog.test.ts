// 复核决定 dialog (Art 21): nothing is sent without an opinion, nor an adjustment of a score without the
// corrected input; upholding sends no correction; a score is adjusted by its input (never a score typed in
// for a completion leaf), a claim by its decision and count; the API's refusal stays in the dialog.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReviewView } from '@/api/reviews';
import { configureHttp } from '@/api/http';
import ReviewDecideDialog from '@/views/results/ReviewDecideDialog.vue';
import { plugins } from './setup';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const CLAIM = 'claim:00000000-0000-4000-9025-000000000001';
const review: ReviewView = {
  cycleId: '2025', unitId: 'yl-yuzhou', id: '00000000-0000-4000-8000-0000000000aa', unitName: '玉州区', categoryId: 'c1', categoryName: '县（市、区）', status: 'submitted',
  items: [
    { itemId: 'score:1.1', kind: 'score', name: '1.1 地区生产总值增长', stood: '实际完成值 6.7，得分 18.36', field: 'actual', reason: '应为 7.3%', evidence: [] },
    { itemId: CLAIM, kind: 'claim', name: '加分：超额完成主要经济指标', stood: '加分 1 项 +0.50 分，已批准', reason: '应为 2 项', evidence: [] },
  ],
  createdAt: '2026-03-02T00:00:00Z', createdBy: 'yuzhou_staff', submittedAt: '2026-03-02T01:00:00Z', submittedBy: 'yuzhou_leader', version: 3, updatedAt: '2026-03-02T01:00:00Z', updatedBy: 'yuzhou_leader',
};

describe('the review decision dialog', () => {
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
      sent.push({ url: String(input), body: JSON.parse(String(init?.body)) });
      if (refuse) return json(409, { error: { code: 'CONFLICT', message: '「县（市、区）」的考评结果已由绩效办领导确认并冻结，不能再修改' } });
      return json(201, { review: { ...review, version: 4 }, recomputed: { changed: 3, total: 9416, position: 1, gradeName: '一等' } });
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });
  async function open(itemId: string) {
    wrapper = mount(ReviewDecideDialog, { props: { regionId: '450900', cycleId: '2025', review, itemId }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }
  async function type(id: string, value: string) {
    const el = document.body.querySelector<HTMLInputElement | HTMLTextAreaElement>(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`)!;
    el.value = value;
    el.dispatchEvent(new Event('input'));
    await flushPromises();
  }
  const decide = async () => {
    q('review-decide')!.click();
    await flushPromises();
  };
  const url = `/api/regions/450900/cycles/2025/units/yl-yuzhou/reviews/${review.id}/decision`;

  it('needs an opinion; upholding sends no correction, on the version read', async () => {
    await open('score:1.1');
    await decide();
    expect(q('review-decide-error')!.textContent).toContain('请填写复核意见');
    await type('review-opinion', '评分依据充分，维持');
    await decide();
    expect(sent).toEqual([{ url, body: { itemId: 'score:1.1', outcome: 'upheld', opinion: '评分依据充分，维持', version: 3 } }]);
    expect(wrapper!.emitted('decided')![0]![0]).toMatchObject({ recomputed: { position: 1 } });
  });

  it('adjusts a score by its corrected input only; the API’s refusal stays in the dialog', async () => {
    await open('score:1.1');
    q('review-adjusted')!.querySelector('input')!.click();
    await flushPromises();
    await type('review-opinion', '经核实统计年报');
    await decide();
    expect(q('review-decide-error')!.textContent).toContain('请填写更正后的评分输入');
    expect(sent).toEqual([]);
    await type('review-value', '7.3');
    refuse = true;
    await decide();
    expect(sent).toEqual([{ url, body: { itemId: 'score:1.1', outcome: 'adjusted', opinion: '经核实统计年报', inputs: { actual: '7.3' }, version: 3 } }]);
    expect(q('review-decide-error')!.textContent).toContain('确认并冻结');
    expect(wrapper!.emitted('decided')).toBeUndefined();
  });

  it('adjusts a bonus item by its decision and count', async () => {
    await open(CLAIM);
    q('review-adjusted')!.querySelector('input')!.click();
    await flushPromises();
    await type('review-occurrences', '2');
    await type('review-opinion', '经核实为 2 项');
    await decide();
    expect(sent).toEqual([{ url, body: { itemId: CLAIM, outcome: 'adjusted', opinion: '经核实为 2 项', claim: { decision: 'approve', occurrences: 2 }, version: 3 } }]);
  });
});
