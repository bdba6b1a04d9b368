import { http } from './http';
import type { Me, SessionUser } from './types';

/** 本地模式登录 */
export const loginApi = (username: string, password: string) =>
  http.post<{ token: string; user: SessionUser }>('/auth/login', { username, password }, { anonymous: true });

/** 当前用户 */
export const getMeApi = () => http.get<Me>('/me');
