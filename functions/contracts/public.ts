// Public pages (no login): regions and their cycles' stages.
import { publicCycleView } from '../model/cycle.ts';
import { regionRecord } from '../model/region.ts';
import { PUBLIC } from './access.ts';
import { list, noParams, route } from './define.ts';
import { regionPath } from './paths.ts';
import { z } from './zod.ts';

export const publicRoutes = {
  listRegions: route({ method: 'GET', path: '/public/regions', group: 'public', access: PUBLIC, params: noParams, output: list(regionRecord), summary: '公开：各行政区域及其考评周期' }),
  listRegionCycles: route({ method: 'GET', path: '/public/regions/{regionId}/cycles', group: 'public', access: PUBLIC, params: regionPath, output: z.object({ region: regionRecord, items: z.array(publicCycleView) }), summary: '公开：某区域的考评周期与阶段' }),
};
