// The unit list in the browser: rows in and out of .xlsx through the shared sheet helpers. The layout
// itself (columns, type labels, 是/否) is the shared domain/unit-rows.ts, which the import API reads too.
import { UNIT_COLUMN_KEYS, unitHeader, unitsToRows, unitTemplateRows, type RowError, type UnitRowEntry, type UnitRowSource } from '@shared/domain/unit-rows.ts';
import { errorSheetRows } from '@/utils/sheet-rows';
import { rowsWorkbook } from '@/utils/xlsx';

const WIDTHS = [36, 14, 14, 18, 14, 16];

export const unitTemplateWorkbook = () => rowsWorkbook(unitTemplateRows(), '单位名单', WIDTHS);

export const unitsWorkbook = (units: readonly UnitRowSource[]) => rowsWorkbook(unitsToRows(units), '单位名单', [...WIDTHS, 10, 60]);

/** 错误数据 in the unit import layout. */
export const unitErrorRows = (entries: readonly UnitRowEntry[], errors: readonly RowError[]) => errorSheetRows(unitHeader(), UNIT_COLUMN_KEYS, entries, errors);

export const unitErrorsWorkbook = (entries: readonly UnitRowEntry[], errors: readonly RowError[]) => rowsWorkbook(unitErrorRows(entries, errors), '错误数据', [...WIDTHS, 8, 60]);
