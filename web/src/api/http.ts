// The one HTTP client: base URL, bearer token, language, JSON, and the API's error shape.
import { currentLanguage } from '@shared/contracts/lang.ts';
import type { ApiErrorBody, ErrorDetail } from '@shared/contracts/define.ts';

export type { ErrorDetail };

/** An error answered by the API (`{ error: { code, message, details? } }`) or a failed request. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * Field messages keyed by form path: `body.stages.3.deadline` → `stages.3.deadline`.
   * The first message for a field wins.
   */
  fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const d of this.details) {
      const path = d.path.replace(/^(body|query|params)\.?/, '');
      if (path && !(path in fields)) fields[path] = d.message;
    }
    return fields;
  }
}

export interface HttpHooks {
  baseUrl: () => string;
  token: () => string | undefined;
  /** Called on any 401 answered to a request that carried a token (SESSION_ENDED: the server ended the session). */
  onUnauthorized: (error: ApiError) => void;
  /** Called for every failed request unless the caller passed `silent`. */
  onError: (error: ApiError) => void;
}

let hooks: HttpHooks = {
  baseUrl: () => '',
  token: () => undefined,
  onUnauthorized: () => undefined,
  onError: () => undefined,
};

export function configureHttp(next: Partial<HttpHooks>): void {
  hooks = { ...hooks, ...next };
}

export type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Leave error display to the caller. */
  silent?: boolean;
  /** Send without the bearer token (public routes). */
  anonymous?: boolean;
}

export function buildUrl(base: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${base.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`;
}

async function parseError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ApiErrorBody>;
    if (body.error?.message) {
      return new ApiError(res.status, body.error.code ?? 'ERROR', body.error.message, body.error.details ?? []);
    }
  } catch {
    // not JSON: fall through to the generic message
  }
  return new ApiError(res.status, 'HTTP', `请求失败（HTTP ${res.status}）`);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() === 'en' ? 'en' : 'zh-CN' };
  const token = options.anonymous ? undefined : hooks.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let error: ApiError;
  try {
    const res = await fetch(buildUrl(hooks.baseUrl(), path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
    error = await parseError(res);
  } catch (e) {
    error = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (error.status === 401 && token) hooks.onUnauthorized(error);
  if (!options.silent) hooks.onError(error);
  throw error;
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
};
