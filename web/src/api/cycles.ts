import type { AdvanceStageBody, CreateCycleBody, CycleView } from './types';
import { http } from './http';

const base = (regionId: string) => `/regions/${encodeURIComponent(regionId)}/cycles`;

/** 考评周期列表 */
export const listCyclesApi = (regionId: string) => http.get<{ items: CycleView[] }>(base(regionId));

/** 考评周期详情 */
export const getCycleApi = (regionId: string, cycleId: string) =>
  http.get<CycleView>(`${base(regionId)}/${encodeURIComponent(cycleId)}`);

/** 新建考评周期（错误由表单显示） */
export const createCycleApi = (regionId: string, body: CreateCycleBody) =>
  http.post<CycleView>(base(regionId), body, { silent: true });

/** 推进到下一阶段 */
export const advanceStageApi = (regionId: string, cycleId: string, body: AdvanceStageBody) =>
  http.post<CycleView>(`${base(regionId)}/${encodeURIComponent(cycleId)}/advance`, body);
