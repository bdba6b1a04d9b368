import { cycleRoutes } from '@shared/contracts/cycles.ts';
import { call } from './call';
import type { AdvanceStageBody, CreateCycleBody } from './types';

/** 考评周期列表 */
export const listCyclesApi = (regionId: string) => call(cycleRoutes.listCycles, { params: { regionId } });

/** 考评周期详情 */
export const getCycleApi = (regionId: string, cycleId: string) => call(cycleRoutes.getCycle, { params: { regionId, cycleId } });

/** 新建考评周期（错误由表单显示） */
export const createCycleApi = (regionId: string, body: CreateCycleBody) =>
  call(cycleRoutes.createCycle, { params: { regionId }, body }, { silent: true });

/** 推进到下一阶段 */
export const advanceStageApi = (regionId: string, cycleId: string, body: AdvanceStageBody) =>
  call(cycleRoutes.advanceStage, { params: { regionId, cycleId }, body });
