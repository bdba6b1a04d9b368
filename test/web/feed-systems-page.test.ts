// 数据接口 as the bureau sees it: the list shows each key's public part only, its status and last use;
// 吊销 asks first and sends the version read; 更换密钥 asks first and then shows the new key once, which
// is gone from the page when the dialog closes; a revoked key offers nothing.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedSystemView } from '@/api/feed';
import { configureHttp } from '@/api/http';
import { useSessionStore } from '@/stores/session';
import FeedPage from '@/views/feed/index.vue';
import { plugins } from './setup';
import { caller } from './users-fixtures';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const system = (systemId: string, status: FeedSystemView['status'], extra: Partial<FeedSystemView> = {}): FeedSystemView => ({
  systemId, name: '市统计局统计数据平台', cycleId: '2026', indicators: [{ categoryId: 'c1', categoryName: '县（市、区）', indicatorId: '1.1', indicatorName: '地区生产总值增长' }, { categoryId: 'c1', categoryName: '县（市、区）', indicatorId: '1.2', indicatorName: '一般公共预算收入' }], unitIds: [], status, createdAt: '2026-05-01T02:00:00Z', createdBy: 'yl_staff',
  fedCount: 0, version: 1, keyHint: `pmf_${systemId}_…`, ...extra,
});
const active = system('aaaaaaaaaaaaaaaa', 'active', { lastUsedAt: '2026-06-02T01:30:00Z', fedCount: 12, version: 2 });
const revoked = system('bbbbbbbbbbbbbbbb', 'revoked', { revokedAt: '2026-05-20T02:00:00Z', revokedBy: 'yl_leader' });
const NEW_KEY = `pmf_cccccccccccccccc_${'k'.repeat(43)}`;

describe('数据接口 page', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.endsWith('/regions/450900/cycles')) return json(200, { items: [{ cycleId: '2026', year: 2026, name: '2026年度绩效考评', status: 'open', currentStage: 4 }] });
      if (url.includes('/regions/450900/feed-systems?')) return json(200, { items: [active, revoked] });
      if (url.endsWith('/revoke') && init?.method === 'POST') return json(201, { ...active, status: 'revoked', version: 3 });
      if (url.endsWith('/rotate') && init?.method === 'POST') return json(201, { system: system('cccccccccccccccc', 'active', { rotatedFrom: active.systemId }), key: NEW_KEY });
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  async function open() {
    const plugs = plugins();
    useSessionStore().me = { ...caller('yl_staff', 'bureau_staff', 'yl-jxb'), roleName: '' };
    wrapper = mount(FeedPage, { global: { plugins: plugs }, attachTo: document.body });
    await flushPromises();
  }

  it('lists each key by its public part, its status and last use; a revoked key offers nothing', async () => {
    await open();
    expect(q(`feed-key-${active.systemId}`)!.textContent).toBe(`pmf_${active.systemId}_…`);
    expect(q(`feed-status-${revoked.systemId}`)!.textContent).toBe('已吊销');
    expect(q('feed-table')!.textContent).toContain('累计报送 12 条');
    expect(q('feed-table')!.textContent).toContain('尚未使用');
    expect(q(`feed-revoke-${revoked.systemId}`)).toBeNull();
    expect(q(`feed-rotate-${revoked.systemId}`)).toBeNull();
  });

  it('revokes after asking, with the version read', async () => {
    await open();
    q(`feed-revoke-${active.systemId}`)!.click();
    await flushPromises();
    expect(document.body.textContent).toContain('确定吊销「市统计局统计数据平台」的密钥吗');
    document.body.querySelector<HTMLElement>('.el-message-box__btns .el-button--primary')!.click();
    await flushPromises();
    const sent = fetchMock.mock.calls.find(([u, i]) => String(u).endsWith('/revoke') && i?.method === 'POST')!;
    expect(String(sent[0])).toBe(`/api/regions/450900/feed-systems/${active.systemId}/revoke`);
    expect(JSON.parse(String(sent[1]!.body))).toEqual({ version: 2 });
  });

  it('rotates after asking and shows the new key once; closed, the key is gone from the page', async () => {
    await open();
    q(`feed-rotate-${active.systemId}`)!.click();
    await flushPromises();
    document.body.querySelector<HTMLElement>('.el-message-box__btns .el-button--primary')!.click();
    await flushPromises();
    const shown = document.body.querySelector<HTMLTextAreaElement>('textarea[data-testid="feed-key-value"], [data-testid="feed-key-value"] textarea')!;
    expect(shown.value).toBe(NEW_KEY);
    expect(q('feed-key-once')!.textContent).toContain('无法再次查看');
    q('feed-key-close')!.click();
    await flushPromises();
    const fields = [...document.body.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')];
    expect(fields.some((f) => f.value === NEW_KEY)).toBe(false);
    expect(document.body.textContent).not.toContain(NEW_KEY);
  });
});
