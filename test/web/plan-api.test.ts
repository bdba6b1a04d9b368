// The plan page's calls, built from the plan routes' contracts: path, method, query and body.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultPlan } from '@shared/domain/plan.ts';
import { ApiError, configureHttp } from '@/api/http';
import { getPlanApi, importPlanApi, listPlanVersionsApi, savePlanApi } from '@/api/plan';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('plan API', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const onError = vi.fn();

  beforeEach(() => {
    fetchMock.mockReset();
    onError.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError, onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('reads the current plan, a given version and the version list', async () => {
    // Prepare
    fetchMock.mockImplementation(async () => json(200, { items: [] }));

    // Act
    await getPlanApi('450900', '2026', 'c3');
    await getPlanApi('450900', '2026', 'c3', 2);
    await listPlanVersionsApi('450900', '2026', 'c3');

    // Assess
    expect(fetchMock.mock.calls.map(([url, init]) => `${init?.method} ${String(url)}`)).toEqual([
      'GET /api/regions/450900/cycles/2026/plan/c3',
      'GET /api/regions/450900/cycles/2026/plan/c3?version=2',
      'GET /api/regions/450900/cycles/2026/plan/c3/versions',
    ]);
  });

  it('saves with the revision read and imports sheet rows, leaving errors to the page', async () => {
    // Prepare
    fetchMock.mockResolvedValueOnce(json(200, {}));
    fetchMock.mockResolvedValueOnce(json(400, { error: { code: 'VALIDATION', message: '表格有 1 处错误', details: [{ path: 'body.rows.3', message: '第 4 行', row: 4, column: '分值', reason: '请填写分值' }] } }));

    // Act
    await savePlanApi('450900', '2031', 'c1', { revision: 2, reason: '调整', plan: defaultPlan() });
    const refused = await importPlanApi('450900', '2031', 'c1', { revision: 3, rows: [['一级指标']] }).catch((e: unknown) => e);

    // Assess
    const [[saveUrl, save], [importUrl, imported]] = fetchMock.mock.calls;
    expect(`${save?.method} ${String(saveUrl)}`).toBe('PUT /api/regions/450900/cycles/2031/plan/c1');
    expect(JSON.parse(String(save?.body))).toEqual({ revision: 2, reason: '调整', plan: defaultPlan() });
    expect(`${imported?.method} ${String(importUrl)}`).toBe('POST /api/regions/450900/cycles/2031/plan/c1/import');
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).details[0]).toMatchObject({ row: 4, column: '分值' });
    expect(onError).not.toHaveBeenCalled();
  });
});
