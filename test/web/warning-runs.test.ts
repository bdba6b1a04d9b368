// 预警状态重新计算 in the portal (WarningRuns): a run at work shows 已完成 x / y 个单位 with its bar
// and is read again until it ends (then says how it ended and tells the page); a failed run shows
// its reason and is restarted with one click (the API's refusal shown); the plan page's view shows
// only its category; a finished run goes from view a day after it ended unless it is the one the
// page just started.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WarningRunView } from '@shared/contracts/warning-runs.ts';
import { configureHttp } from '@/api/http';
import WarningRuns from '@/views/dashboard/warning/WarningRuns.vue';
import { plugins } from './setup';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const now = new Date().toISOString();
const run = (over: Partial<WarningRunView> = {}): WarningRunView => ({
  cycleId: '2026', id: '20261203T020000000Z-0a1b2c3d', categoryId: 'c1', categoryName: '县（市、区）', planVersion: 3,
  startedAt: now, startedBy: 'yl_leader', status: 'running', unitsTotal: 10, unitsDone: 3, changed: 12, updatedAt: now, ...over,
});

describe('the recolour runs', () => {
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
    vi.useRealTimers();
  });

  async function mountWith(props: Record<string, unknown>) {
    wrapper = mount(WarningRuns, { props: { regionId: '450900', cycleId: '2026', ...props }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }

  it('shows a running run’s progress, reads it again until it ends, then says how it ended and tells the page', async () => {
    vi.useFakeTimers();
    const answers = [run(), run({ unitsDone: 8 }), run({ status: 'done', unitsDone: 10, finishedAt: now })];
    fetchMock.mockImplementation(async () => json(200, { items: [answers.shift() ?? run({ status: 'done', unitsDone: 10, finishedAt: now })] }));
    await mountWith({});
    expect(q('warning-run-running')!.textContent).toContain('「县（市、区）」重新计算预警状态：已完成 3 / 10 个单位');
    expect(q('warning-run-progress')!.textContent).toContain('30%');
    expect(q('warning-run-running')!.textContent).toContain('第 3 版方案调整了预警规则');
    await vi.advanceTimersByTimeAsync(1600);
    await flushPromises();
    expect(q('warning-run-running')!.textContent).toContain('已完成 8 / 10 个单位');
    expect(wrapper!.emitted('finished')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1600);
    await flushPromises();
    expect(q('warning-run-running')).toBeNull();
    expect(q('warning-run-done')!.textContent).toContain('「县（市、区）」预警状态已重新计算：10 个单位，12 个目标状态变化');
    expect(wrapper!.emitted('finished')).toHaveLength(1);
    // Ended: no more reads.
    const reads = fetchMock.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetchMock.mock.calls.length).toBe(reads);
    expect(fetchMock.mock.calls.every(([u]) => String(u) === '/api/regions/450900/cycles/2026/warning-runs')).toBe(true);
  });

  it('shows a failed run with its reason and restarts it; a refusal is shown', async () => {
    const failed = run({ status: 'failed', unitsDone: 4, error: 'Task timed out after 900 seconds', finishedAt: now });
    let list = [failed];
    fetchMock.mockImplementation(async (_u, init) => {
      if (init?.method === 'POST') {
        list = [run({ id: '20261203T030000000Z-0a1b2c3e', unitsDone: 0, restartOf: failed.id, startedBy: 'yl_staff' }), { ...failed, restartedBy: '20261203T030000000Z-0a1b2c3e' }];
        return json(201, list[0]);
      }
      return json(200, { items: list.slice(0, 1) });
    });
    await mountWith({});
    expect(q('warning-run-failed')!.textContent).toContain('「县（市、区）」预警状态重新计算失败：已完成 4 / 10 个单位。原因：Task timed out after 900 seconds');
    q('warning-run-restart')!.click();
    await flushPromises();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(String(post[0])).toBe(`/api/regions/450900/cycles/2026/warning-runs/${failed.id}/restart`);
    expect(JSON.parse(String(post[1]!.body))).toEqual({ seenUpdatedAt: failed.updatedAt });
    expect(q('warning-run-failed')).toBeNull();
    expect(q('warning-run-running')!.textContent).toContain('已完成 0 / 10 个单位');

    // Someone else restarted it first: the API's refusal is shown, the list read again.
    wrapper!.unmount();
    document.body.innerHTML = '';
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (_u, init) => (init?.method === 'POST' ? json(409, { error: { code: 'CONFLICT', message: '这次重新计算已由他人重启，请刷新后查看进度' } }) : json(200, { items: [failed] })));
    await mountWith({});
    q('warning-run-restart')!.click();
    await flushPromises();
    expect(document.body.textContent).toContain('这次重新计算已由他人重启，请刷新后查看进度');
  });

  it('on the plan page shows its category only; a day-old finished run is gone unless the page just started it', async () => {
    const old = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
    const items = [run({ categoryId: 'c2', categoryName: '市直单位' }), run({ status: 'done', unitsDone: 10, startedAt: old, updatedAt: old, finishedAt: old })];
    fetchMock.mockImplementation(async () => json(200, { items }));
    await mountWith({ categoryId: 'c1' });
    expect(q('warning-runs')).toBeNull();
    wrapper!.unmount();
    await mountWith({ categoryId: 'c1', runId: items[1]!.id });
    expect(q('warning-run-done')!.textContent).toContain('县（市、区）');
    expect(q('warning-runs')!.textContent).not.toContain('市直单位');
  });

  it('shows a run that stopped moving for 15 minutes as stopped, with the restart, and stops reading it', async () => {
    vi.useFakeTimers();
    const then = new Date(Date.now() - 20 * 60_000).toISOString();
    fetchMock.mockImplementation(async () => json(200, { items: [run({ startedAt: then, updatedAt: then, unitsDone: 5 })] }));
    await mountWith({});
    expect(q('warning-run-failed')!.textContent).toContain('已超过 15 分钟没有进展（已完成 5 / 10 个单位）');
    expect(q('warning-run-restart')).not.toBeNull();
    const reads = fetchMock.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetchMock.mock.calls.length).toBe(reads);
  });
});
