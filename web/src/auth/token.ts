// The API token lives in sessionStorage: gone when the tab closes.
const KEY = 'jx.token';

export const readToken = (): string | undefined => globalThis.sessionStorage?.getItem(KEY) ?? undefined;
export const writeToken = (token: string): void => sessionStorage.setItem(KEY, token);
export const clearToken = (): void => sessionStorage.removeItem(KEY);
