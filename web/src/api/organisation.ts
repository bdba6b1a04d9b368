// Units of the region and a cycle's categories (考评类别).
import type { UnitStatus, UnitType } from '@shared/domain/organisation.ts';
import type { RowError, UnitRowEntry } from '@shared/domain/unit-rows.ts';
import type { CreateUnitBody, MergeUnitsBody, RenameUnitBody, RetireUnitBody, SaveCategoriesBody } from '@shared/http/organisation-schemas.ts';
import { http, request } from './http';

export type { UnitStatus, UnitType } from '@shared/domain/organisation.ts';
export type { RowError, UnitRowEntry } from '@shared/domain/unit-rows.ts';
export type { CreateUnitBody, MergeUnitsBody, RenameUnitBody, RetireUnitBody, SaveCategoriesBody };

export interface UnitView {
  unitId: string;
  name: string;
  shortName?: string;
  type: UnitType;
  assessor?: boolean;
  assessorField?: string;
  category?: string;
  status: UnitStatus;
  names: { name: string; from: string }[];
  retiredOn?: string;
  retiredReason?: string;
  mergedInto?: string;
  mergedFrom?: string[];
  version: number;
}

export interface UnitSnapshot {
  unitId: string;
  name: string;
  shortName?: string;
  type: UnitType;
}

export interface CategoryView {
  categoryId: string;
  name: string;
  order: number;
  units: UnitSnapshot[];
}

export interface CategoriesView {
  version: number;
  editable: boolean;
  updatedAt?: string;
  updatedBy?: string;
  categories: CategoryView[];
  unassigned: UnitSnapshot[];
}

const units = (regionId: string) => `/regions/${encodeURIComponent(regionId)}/units`;
const unit = (regionId: string, unitId: string) => `${units(regionId)}/${encodeURIComponent(unitId)}`;
const categories = (regionId: string, cycleId: string) =>
  `/regions/${encodeURIComponent(regionId)}/cycles/${encodeURIComponent(cycleId)}/categories`;

/** 本区域全部单位（筛选与分页在页面中完成） */
export const listUnitsApi = (regionId: string) => http.get<{ items: UnitView[] }>(units(regionId));

/** 新增单位（错误由表单显示） */
export const createUnitApi = (regionId: string, body: CreateUnitBody) => http.post<UnitView>(units(regionId), body, { silent: true });

/** 单位更名 */
export const renameUnitApi = (regionId: string, unitId: string, body: RenameUnitBody) =>
  http.post<UnitView>(`${unit(regionId, unitId)}/rename`, body, { silent: true });

/** 撤销单位 */
export const retireUnitApi = (regionId: string, unitId: string, body: RetireUnitBody) =>
  http.post<UnitView>(`${unit(regionId, unitId)}/retire`, body, { silent: true });

/** 合并单位 */
export const mergeUnitsApi = (regionId: string, body: MergeUnitsBody) =>
  http.post<{ into: UnitView; retired: UnitView[] }>(`${units(regionId)}/merge`, body, { silent: true });

/** 某周期的考评类别 */
export const getCategoriesApi = (regionId: string, cycleId: string) => http.get<CategoriesView>(categories(regionId, cycleId));

/** 保存某周期的全部考评类别（一次提交） */
export const saveCategoriesApi = (regionId: string, cycleId: string, body: SaveCategoriesBody) =>
  request<CategoriesView>('PUT', categories(regionId, cycleId), { body, silent: true });

/** Dry run of an import: each data row read (cells by column, the unit when the row is good) and every problem. */
export interface UnitImportReport {
  dryRun: true;
  valid: boolean;
  headerRow: number;
  count: number;
  entries: UnitRowEntry[];
  errors: RowError[];
}

/** 从表格导入单位：dryRun 只检查并预览，不写入 */
export const previewUnitsImportApi = (regionId: string, rows: string[][]) =>
  http.post<UnitImportReport>(`${units(regionId)}/import`, { rows, dryRun: true }, { silent: true });

/** 从表格导入单位（全部或全不；有错误时返回逐行报告） */
export const importUnitsApi = (regionId: string, rows: string[][]) =>
  http.post<{ count: number; items: UnitView[] }>(`${units(regionId)}/import`, { rows }, { silent: true });
