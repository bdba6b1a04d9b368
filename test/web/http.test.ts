import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, configureHttp, http } from '@/api/http';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('API client', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const onError = vi.fn();
  const onUnauthorized = vi.fn();

  beforeEach(() => {
    fetchMock.mockReset();
    onError.mockReset();
    onUnauthorized.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api/', token: () => 'tok', onError, onUnauthorized });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends the bearer token and JSON body to the API base', async () => {
    // Prepare
    fetchMock.mockResolvedValue(json(201, { ok: true }));

    // Act
    const res = await http.post<{ ok: boolean }>('/regions/r1/cycles', { year: 2027 });

    // Assess
    expect(res).toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/regions/r1/cycles');
    expect(init?.headers).toMatchObject({ Authorization: 'Bearer tok', 'Content-Type': 'application/json' });
  });

  it('maps a 400 error to form fields and reports its message', async () => {
    // Prepare
    fetchMock.mockResolvedValue(
      json(400, {
        error: {
          code: 'VALIDATION',
          message: '输入有误',
          details: [
            { path: 'body.stages.3.deadline', message: '截止日期不能早于开始日期' },
            { path: 'body.stages.3.deadline', message: '第二条' },
            { path: 'body.name', message: '名称过短' },
            { path: 'query.limit', message: '过大' },
          ],
        },
      }),
    );

    // Act
    const error = await http.post('/regions/r1/cycles', {}).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.message).toBe('输入有误');
    expect(apiError.fieldErrors()).toEqual({
      'stages.3.deadline': '截止日期不能早于开始日期',
      name: '名称过短',
      limit: '过大',
    });
    expect(onError).toHaveBeenCalledWith(apiError);
  });

  it('sends a 401 back to the login page and stays quiet when asked', async () => {
    // Prepare
    fetchMock.mockResolvedValue(json(401, { error: { code: 'UNAUTHORIZED', message: '请重新登录' } }));

    // Act
    const error = await http.get('/me', { silent: true }).catch((e: unknown) => e);

    // Assess
    expect((error as ApiError).code).toBe('UNAUTHORIZED');
    expect(onUnauthorized).toHaveBeenCalledOnce();
    expect(onError).not.toHaveBeenCalled();
  });

  it('reports a network failure and a non-JSON error with their own messages', async () => {
    // Prepare
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad gateway</html>', { status: 502 }));

    // Act
    const offline = (await http.get('/me').catch((e: unknown) => e)) as ApiError;
    const gateway = (await http.get('/me').catch((e: unknown) => e)) as ApiError;

    // Assess
    expect([offline.status, offline.code]).toEqual([0, 'NETWORK']);
    expect([gateway.status, gateway.message]).toEqual([502, '请求失败（HTTP 502）']);
  });

  it('builds query strings without empty values', () => {
    // Act
    const url = buildUrl('/api', '/regions/r1/audit', { month: '2027-03', limit: 20, cursor: undefined });

    // Assess
    expect(url).toBe('/api/regions/r1/audit?month=2027-03&limit=20');
  });
});
