// The public results notice (no sign-in): the document with each category's units by grade and place,
// Art 23 changes with their 文号 and vetoes by item name; a corrected notice says when and why, and an
// earlier version asked for says it was replaced; before publication it says the notice is not out yet.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { PublicNoticeView } from '@shared/contracts/results-notice.ts';
import { configureHttp } from '@/api/http';
import PublicNotice from '@/views/public-notice/index.vue';
import { plugins } from './setup';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const URL_OF = '/api/public/regions/450900/cycles/2025/results-notice';

const unit = (unitName: string, position: number, extra: Partial<PublicNoticeView['versions'][number] & Record<string, unknown>> = {}) => ({
  unitName, grade: 'second' as const, gradeName: '二等', position, rankInGrade: position, tied: false, changes: [], vetoes: [], ...extra,
});
const version = (number: number, extra: Record<string, unknown> = {}) => ({ number, title: '关于2025年度绩效考评结果的通报', documentNumber: `玉绩办〔2026〕${7 + number}号`, issueDate: '2026-04-01', publishedOn: '2026-04-01', ...extra });
const notice = (number: number, extra: Record<string, unknown> = {}) => ({
  ...version(number, extra),
  preface: '现将结果通报如下。',
  categories: [
    {
      categoryName: '县（市、区）',
      counts: { first: 1, second: 1, third: 0, fail: 1 },
      units: [
        unit('北流市', 1, { grade: 'first', gradeName: '一等', changes: [{ target: 'grade', direction: 'raise', steps: 1, documentNumber: '玉绩办〔2026〕5号' }] }),
        unit('玉州区', 2),
        unit('兴业县', 3, { grade: 'fail', gradeName: '不合格', vetoes: ['发生重大安全生产责任事故'] }),
      ],
    },
  ],
});

describe('public results notice page', () => {
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

  async function mountPage(answer: (url: string) => PublicNoticeView, path = '/notice') {
    fetchMock.mockImplementation(async (input) => (String(input).startsWith(URL_OF) ? json(200, answer(String(input))) : json(404, { error: { code: 'NOT_FOUND', message: String(input) } })));
    const stub = { template: '<div />' };
    const names = ['public', 'login', 'dashboard', 'public-results-notice-print'];
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/notice', name: 'public-results-notice', component: stub }, ...names.map((name) => ({ path: `/${name}`, name, component: stub }))] });
    await router.push(path);
    wrapper = mount(PublicNotice, { props: { regionId: '450900', cycleId: '2025' }, global: { plugins: [...plugins(), router] }, attachTo: document.body });
    await flushPromises();
  }
  const cycle = { cycleId: '2025', name: '2025年度绩效考评', year: 2025 };

  it('shows the notice: units by place and grade, an Art 23 change with its 文号, a veto by its item', async () => {
    await mountPage(() => ({ cycle, inForce: 1, versions: [version(1)], notice: notice(1) }));
    const doc = q('notice-document')!;
    expect(doc.textContent).toContain('玉绩办〔2026〕8号');
    expect(doc.textContent).toContain('一、县（市、区）（共 3 个单位：一等 1 个，二等 1 个，不合格 1 个）');
    expect(q('notice-unit-北流市')?.textContent).toContain('提高等次 1 等（玉绩办〔2026〕5号）');
    expect(q('notice-unit-兴业县')?.textContent).toContain('一票否决：发生重大安全生产责任事故');
    expect(q('notice-unit-兴业县')?.textContent).toContain('不合格');
    expect(q('public-notice-corrected')).toBeNull();
    // Sent without a token: the page is public.
    expect(new Headers(fetchMock.mock.calls[0]![1]?.headers).get('authorization')).toBeNull();
  });

  it('says a corrected notice was corrected, when and why, and lists the earlier version', async () => {
    await mountPage(() => ({ cycle, inForce: 2, versions: [version(2, { correctionReason: '一个类别经更正后重新确认', publishedOn: '2026-04-20' }), version(1, { supersededOn: '2026-04-20' })], notice: notice(2, { correctionReason: '一个类别经更正后重新确认', publishedOn: '2026-04-20' }) }));
    expect(q('public-notice-corrected')?.textContent).toContain('本通报已于 2026-04-20 更正（现行为第 2 版）');
    expect(q('public-notice-corrected')?.textContent).toContain('一个类别经更正后重新确认');
    expect(q('public-notice-versions')?.textContent).toContain('2026-04-20 已更正');
    expect(q('notice-document-correction')?.textContent).toContain('第 2 版');
  });

  it('asks for an earlier version by the address and says it was replaced', async () => {
    await mountPage((url) => ({ cycle, inForce: 2, versions: [version(2), version(1, { supersededOn: '2026-04-20' })], notice: url.includes('version=1') ? notice(1, { supersededOn: '2026-04-20' }) : notice(2) }), '/notice?version=1');
    expect(fetchMock.mock.calls[0]![0]).toContain('version=1');
    expect(q('public-notice-replaced')?.textContent).toContain('您正在查阅已被更正的第 1 版（2026-04-20 更正）');
    expect(q('public-notice-corrected')).toBeNull();
  });

  it('says the notice is not published yet, and offers no print', async () => {
    await mountPage(() => ({ cycle, inForce: null, versions: [], notice: null }));
    expect(q('public-notice-empty')?.textContent).toContain('尚未发布');
    expect(q('public-notice-print')?.hasAttribute('disabled')).toBe(true);
  });
});
