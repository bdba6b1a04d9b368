// A tiny client for the local gateway, as the portal uses it.
import { DEMO_PASSWORD } from '../../cdk/local/demo-data.ts';

export interface Reply<T = any> {
  status: number;
  body: T;
}

export class ApiClient {
  constructor(
    readonly base: string,
    private token?: string,
  ) {}

  static async login(base: string, username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username, password }) });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return new ApiClient(base, ((await res.json()) as { token: string }).token);
  }

  async call<T = any>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    const res = await fetch(`${this.base}/api${path}`, {
      method,
      headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  get = <T = any>(path: string) => this.call<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.call<T>('POST', path, body);
}
