import { http } from './http';
import type { DevClockState as DevClock } from '@shared/contracts/local.ts';

/** 开发时钟：当前时间（仅本地模式） */
export const getDevClockApi = () => http.get<DevClock>('/dev/clock', { silent: true });

/** 开发时钟：向前拨动若干天 */
export const moveDevClockApi = (days: number) => http.post<DevClock>('/dev/clock', { days });
