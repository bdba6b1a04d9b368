// The plan of a category (indicator tree and rules) and its versions, called by their contracts.
import type { CallInput, CallOutput } from '@shared/contracts/define.ts';
import { planRoutes } from '@shared/contracts/plan.ts';
import { call } from './call';

export type { AssessorOption } from '@shared/contracts/plan.ts';
export type { CategoryPlan, PlanMethod, PlanNode } from '@shared/model/plan.ts';

export type PlanView = CallOutput<typeof planRoutes.getPlan>;
export type PlanVersionInfo = CallOutput<typeof planRoutes.listPlanVersions>['items'][number];

const at = (regionId: string, cycleId: string, categoryId: string) => ({ regionId, cycleId, categoryId });

/** 某类别的考评方案（当前或指定版本） */
export const getPlanApi = (regionId: string, cycleId: string, categoryId: string, version?: number) =>
  call(planRoutes.getPlan, { params: at(regionId, cycleId, categoryId), query: { version: version === undefined ? undefined : String(version) } });

/** 某类别方案的版本记录 */
export const listPlanVersionsApi = (regionId: string, cycleId: string, categoryId: string) =>
  call(planRoutes.listPlanVersions, { params: at(regionId, cycleId, categoryId) });

/** 保存某类别的考评方案（错误由编辑页按指标显示） */
export const savePlanApi = (regionId: string, cycleId: string, categoryId: string, body: CallInput<typeof planRoutes.savePlan>['body']) =>
  call(planRoutes.savePlan, { params: at(regionId, cycleId, categoryId), body }, { silent: true });

/** 从表格导入某类别的指标体系（错误由编辑页按行显示） */
export const importPlanApi = (regionId: string, cycleId: string, categoryId: string, body: CallInput<typeof planRoutes.importPlan>['body']) =>
  call(planRoutes.importPlan, { params: at(regionId, cycleId, categoryId), body }, { silent: true });
