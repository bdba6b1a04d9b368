import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureHttp } from '@/api/http';
import { newCycleDraft, useCycleForm, validateCycleDraft } from '@/views/cycle/list/useCycleForm';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('create-cycle form', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('accepts the default draft for a year', () => {
    // Act
    const errors = validateCycleDraft(newCycleDraft(2027));

    // Assess
    expect(errors).toEqual({});
  });

  it('rejects a deadline before the stage opens and a deadline going backwards', () => {
    // Prepare
    const draft = newCycleDraft(2027);
    draft.stages[3]!.deadline = '2027-03-15';

    // Act
    const errors = validateCycleDraft(draft);

    // Assess
    expect(errors['stages.3.deadline']).toBe('截止日期不能早于开始日期');
  });

  it('rejects a bad year, a short name and a malformed date with the shared schema', () => {
    // Prepare
    const draft = { ...newCycleDraft(2027), year: 1999, name: 'x' };
    draft.stages[0]!.opensOn = '2026-13-01';

    // Act
    const errors = validateCycleDraft(draft);

    // Assess
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['year', 'name', 'stages.0.opensOn']));
  });

  it('does not send an invalid draft', async () => {
    // Prepare
    const form = useCycleForm(() => 'yulin', () => undefined);
    form.draft.stages[5]!.opensOn = '2020-01-01';

    // Act
    const saved = await form.save();

    // Assess
    expect(saved).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(form.errors.value['stages.5.opensOn']).toBe('开始日期不能早于上一阶段的开始日期');
  });

  it('shows the server field errors next to the fields', async () => {
    // Prepare
    fetchMock.mockResolvedValue(
      json(400, {
        error: {
          code: 'VALIDATION',
          message: '输入有误',
          details: [{ path: 'body.stages.2.deadline', message: '截止日期不在工作日' }],
        },
      }),
    );
    const created = vi.fn();
    const form = useCycleForm(() => 'yulin', created);

    // Act
    const saved = await form.save();

    // Assess
    expect(saved).toBe(false);
    expect(created).not.toHaveBeenCalled();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/regions/yulin/cycles');
    const year = new Date().getFullYear() + 1;
    expect(JSON.parse(String(init?.body))).toMatchObject({ year, name: `${year}年度绩效考评` });
    expect(form.errors.value).toEqual({ 'stages.2.deadline': '截止日期不在工作日' });
    await flushPromises();
    expect(document.body.textContent).toContain('输入有误');
  });
});
