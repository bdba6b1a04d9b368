import { http } from './http';
import type { CycleView, Region } from './types';

/** 公开：行政区域列表 */
export const listPublicRegionsApi = () => http.get<{ items: Region[] }>('/public/regions', { anonymous: true });

/** 公开：某区域的考评周期与阶段 */
export const listPublicCyclesApi = (regionId: string) =>
  http.get<{ region: Region; items: CycleView[] }>(`/public/regions/${encodeURIComponent(regionId)}/cycles`, {
    anonymous: true,
  });
