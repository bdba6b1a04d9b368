// Units of the region and a cycle's categories (考评类别), called by their route contracts.
import type { CallOutput } from '@shared/contracts/define.ts';
import { organisationRoutes, type CreateUnitBody, type MergeUnitsBody, type RenameUnitBody, type RetireUnitBody, type SaveCategoriesBody, type UpdateUnitBody } from '@shared/contracts/organisation.ts';
import { call } from './call';

export type { UnitStatus, UnitType } from '@shared/domain/organisation.ts';
export type { RowError, UnitRowEntry } from '@shared/domain/unit-rows.ts';
export type { CreateUnitBody, MergeUnitsBody, RenameUnitBody, RetireUnitBody, SaveCategoriesBody, UpdateUnitBody };

export type UnitView = CallOutput<typeof organisationRoutes.getUnit>;
export type CategoriesView = CallOutput<typeof organisationRoutes.getCategories>;
export type CategoryView = CategoriesView['categories'][number];
export type UnitSnapshot = CategoryView['units'][number];
/** Dry run of an import: each data row read (cells by column, the unit when the row is good) and every problem. */
export type UnitImportReport = Extract<CallOutput<typeof organisationRoutes.importUnits>, { dryRun: true }>;

/** 本区域全部单位（筛选与分页在页面中完成） */
export const listUnitsApi = (regionId: string) => call(organisationRoutes.listUnits, { params: { regionId } });

/** 新增单位（错误由表单显示） */
export const createUnitApi = (regionId: string, body: CreateUnitBody) => call(organisationRoutes.createUnit, { params: { regionId }, body }, { silent: true });

/** 修改单位信息（简称、考评单位及考评领域、默认类别；更名另行办理） */
export const updateUnitApi = (regionId: string, unitId: string, body: UpdateUnitBody) =>
  call(organisationRoutes.updateUnit, { params: { regionId, unitId }, body }, { silent: true });

/** 单位更名 */
export const renameUnitApi = (regionId: string, unitId: string, body: RenameUnitBody) =>
  call(organisationRoutes.renameUnit, { params: { regionId, unitId }, body }, { silent: true });

/** 撤销单位 */
export const retireUnitApi = (regionId: string, unitId: string, body: RetireUnitBody) =>
  call(organisationRoutes.retireUnit, { params: { regionId, unitId }, body }, { silent: true });

/** 合并单位 */
export const mergeUnitsApi = (regionId: string, body: MergeUnitsBody) => call(organisationRoutes.mergeUnits, { params: { regionId }, body }, { silent: true });

/** 某周期的考评类别 */
export const getCategoriesApi = (regionId: string, cycleId: string) => call(organisationRoutes.getCategories, { params: { regionId, cycleId } });

/** 保存某周期的全部考评类别（一次提交） */
export const saveCategoriesApi = (regionId: string, cycleId: string, body: SaveCategoriesBody) =>
  call(organisationRoutes.saveCategories, { params: { regionId, cycleId }, body }, { silent: true });

/** 从表格导入单位：dryRun 只检查并预览，不写入 */
export async function previewUnitsImportApi(regionId: string, rows: string[][]): Promise<UnitImportReport> {
  const report = await call(organisationRoutes.importUnits, { params: { regionId }, body: { rows, dryRun: true } }, { silent: true });
  if (!('dryRun' in report)) throw new Error('The import was not a dry run');
  return report;
}

/** 从表格导入单位（全部或全不；有错误时返回逐行报告） */
export const importUnitsApi = (regionId: string, rows: string[][]) => call(organisationRoutes.importUnits, { params: { regionId }, body: { rows } }, { silent: true });
