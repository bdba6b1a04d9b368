import { publicRoutes } from '@shared/contracts/public.ts';
import { call } from './call';

/** 公开：行政区域列表 */
export const listPublicRegionsApi = () => call(publicRoutes.listRegions, {});

/** 公开：某区域的考评周期与阶段 */
export const listPublicCyclesApi = (regionId: string) => call(publicRoutes.listRegionCycles, { params: { regionId } });
