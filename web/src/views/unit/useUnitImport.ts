// 单位管理 sheets: the template, the export of the filtered list, and the import (the shared two-step
// sheet import: dry-run preview, then all units created at once).
import { beijingDate } from '@shared/domain/dates.ts';
import { importUnitsApi, previewUnitsImportApi, type UnitView } from '@/api/organisation';
import { useSheetImport } from '@/composables/useSheetImport';
import { downloadBlob } from '@/utils/download';
import { unitErrorsWorkbook, unitsWorkbook, unitTemplateWorkbook } from './unit-xlsx';

export function useUnitImport(regionId: () => string, reload: () => Promise<void>) {
  const sheet = useSheetImport({
    texts: 'units',
    preview: (rows) => previewUnitsImportApi(regionId(), rows),
    commit: (rows) => importUnitsApi(regionId(), rows),
    errorsWorkbook: unitErrorsWorkbook,
    reload,
  });

  const downloadTemplate = async () => downloadBlob(await unitTemplateWorkbook(), '单位导入模板.xlsx');
  const exportUnits = async (units: readonly UnitView[]) => downloadBlob(await unitsWorkbook(units), `单位名单_${beijingDate(Date.now())}.xlsx`);

  return { ...sheet, downloadTemplate, exportUnits };
}
