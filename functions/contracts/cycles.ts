// Annual cycles: list, create (which starts the cycle's workflow), view, and advance a stage.
import { STAGE_CODES } from '../domain/stages.ts';
import { cycleView, stageDates } from '../model/cycle.ts';
import { bureau, everyone } from './access.ts';
import { list, route } from './define.ts';
import { cyclePath, regionPath } from './paths.ts';
import { text, version, z } from './zod.ts';

export const createCycleBody = z.object({
  year: z.number().int().min(2020).max(2100),
  name: text({ min: 2, max: 60 }),
  stages: z.array(stageDates).length(STAGE_CODES.length),
});
export type CreateCycleBody = z.infer<typeof createCycleBody>;

export const advanceStageBody = z.object({
  /** The stage the bureau saw as current: protects against advancing twice. */
  stage: z.number().int().min(1).max(STAGE_CODES.length),
  /** The cycle version the bureau saw (optimistic lock). */
  version,
  /** The number of units still owing the stage's duties that the bureau saw and confirms (stage duties): required when any are outstanding. */
  outstanding: z.number().int().min(0).max(100_000).optional(),
});
export type AdvanceStageBody = z.infer<typeof advanceStageBody>;

export const cycleRoutes = {
  listCycles: route({ method: 'GET', path: '/regions/{regionId}/cycles', group: 'cycles', access: everyone('region'), params: regionPath, output: list(cycleView), summary: '考评周期列表' }),
  createCycle: route({ method: 'POST', path: '/regions/{regionId}/cycles', group: 'cycles', access: bureau, params: regionPath, body: createCycleBody, output: cycleView, summary: '新建考评周期' }),
  getCycle: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}', group: 'cycles', access: everyone('region'), params: cyclePath, output: cycleView, summary: '考评周期详情' }),
  advanceStage: route({ method: 'POST', path: '/regions/{regionId}/cycles/{cycleId}/advance', group: 'cycles', access: bureau, params: cyclePath, body: advanceStageBody, output: cycleView, summary: '推进到下一阶段' }),
};
