import { accountRoutes } from '@shared/contracts/account.ts';
import { call } from './call';
import { http } from './http';
import type { LoginAnswer as LoginResult, SignedIn } from '@shared/contracts/local.ts';

export type { LoginResult };

/** 本地模式登录 */
export const loginApi = (username: string, password: string) => http.post<LoginResult>('/auth/login', { username, password }, { anonymous: true });

/** 本地模式：以原密码（或临时密码）设置新密码，成功即登录 */
export const changePasswordApi = (username: string, password: string, newPassword: string) =>
  http.post<SignedIn>('/auth/password', { username, password, newPassword }, { anonymous: true });

/** 当前用户 */
export const getMeApi = () => call(accountRoutes.me, {});

/** 本地模式：以仍有效的令牌换取新令牌（会话自登录起最长 12 小时） */
export const refreshTokenApi = () => http.post<{ token: string }>('/auth/refresh', undefined, { silent: true });

/** 本地模式：退出登录，在服务端结束本次会话（令牌及其续期随即失效） */
export const logoutApi = () => http.post<void>('/auth/logout', undefined, { silent: true });

/** Any issuer: ends this session on the server (the API's own sign-out route). */
export const endSessionApi = () => call(accountRoutes.logout, { body: { everywhere: false } }, { silent: true });
