// 公开：经审定（及调整后）的年度绩效目标，无需登录。
import { publicGoalRoutes } from '@shared/contracts/public-goals.ts';
import { call } from './call';

export type { PublicGoal, PublicGoalUnitsView, PublicUnitGoalsView } from '@shared/contracts/public-goals.ts';

/** 公开：某周期各单位的目标公布情况（按单位名称检索，分页） */
export const listPublicGoalUnitsApi = (regionId: string, cycleId: string, query: { q?: string; page: number; limit: number }) =>
  call(publicGoalRoutes.listPublicGoalUnits, { params: { regionId, cycleId }, query: { ...query, q: query.q || undefined } });

/** 公开：单位的年度绩效目标（按指标或目标内容检索） */
export const getPublicUnitGoalsApi = (regionId: string, cycleId: string, unitId: string, q?: string) =>
  call(publicGoalRoutes.getPublicUnitGoals, { params: { regionId, cycleId, unitId }, query: { q: q || undefined } });
