// Stage duties: who has delivered in a stage, and the bureau's extension for a unit, called by their contracts.
import { dutyRoutes, type GrantExtensionBody } from '@shared/contracts/duties.ts';
import type { StageCode } from '@shared/domain/stages.ts';
import { call } from './call';

export type { GrantExtensionBody, StageDutiesView, UnitDutiesView } from '@shared/contracts/duties.ts';
export { hasDuties } from '@shared/domain/duties.ts';

/** 阶段任务完成情况 */
export const getStageDutiesApi = (regionId: string, cycleId: string, stage: StageCode) => call(dutyRoutes.getStageDuties, { params: { regionId, cycleId, stage } });

/** 办理延期（错误由对话框显示） */
export const grantExtensionApi = (regionId: string, cycleId: string, stage: StageCode, unitId: string, body: GrantExtensionBody) =>
  call(dutyRoutes.grantExtension, { params: { regionId, cycleId, stage, unitId }, body }, { silent: true });

/** 本单位在某阶段的任务、截止日期与延期（无任务时不显示） */
export const getUnitDutiesApi = (regionId: string, cycleId: string, stage: StageCode, unitId: string) =>
  call(dutyRoutes.getUnitDuties, { params: { regionId, cycleId, stage, unitId } }, { silent: true });
