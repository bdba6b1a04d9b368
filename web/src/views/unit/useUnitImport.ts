// 单位管理 sheets: the template, the export of the filtered list, and the import — the file is read in
// the browser, checked by the API without writing (dry run) and shown row by row with its problems;
// only a sheet without problems can be confirmed, and then all its units are created at once.
import { ElMessage } from 'element-plus';
import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { beijingDate } from '@shared/domain/dates.ts';
import { ApiError } from '@/api/http';
import { importUnitsApi, previewUnitsImportApi, type RowError, type UnitRowEntry, type UnitView } from '@/api/organisation';
import { downloadBlob } from '@/utils/download';
import { errorsWorkbook, readUnitSheet, unitsWorkbook, unitTemplateWorkbook } from './unit-xlsx';

/** Row errors from an import refused with 400 (`details` carry row, column and reason). */
export function rowErrorsOf(e: ApiError): RowError[] {
  return (e.details as Partial<RowError & { reason: string }>[])
    .filter((d) => d.row !== undefined && d.column !== undefined)
    .map((d) => ({ row: d.row!, column: d.column!, message: d.reason ?? d.message! }));
}

/** Problems by `row|column`, for marking cells. */
export function problemIndex(errors: readonly RowError[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const e of errors) index.set(`${e.row}|${e.column}`, [...(index.get(`${e.row}|${e.column}`) ?? []), e.message]);
  return index;
}

export function useUnitImport(regionId: () => string, reload: () => Promise<void>) {
  const { t } = useI18n();
  const open = ref(false);
  const reading = ref(false);
  const importing = ref(false);
  const fileName = ref('');
  const rows = shallowRef<string[][]>([]);
  const entries = shallowRef<UnitRowEntry[]>([]);
  const errors = shallowRef<RowError[]>([]);
  const headerRow = ref(0);
  const ready = computed(() => entries.value.length > 0 && errors.value.length === 0);

  async function pickFile(file: File): Promise<void> {
    reading.value = true;
    try {
      rows.value = await readUnitSheet(await file.arrayBuffer());
      fileName.value = file.name;
      const report = await previewUnitsImportApi(regionId(), rows.value);
      entries.value = report.entries;
      errors.value = report.errors;
      headerRow.value = report.headerRow;
      open.value = true;
    } catch (e) {
      ElMessage.error(e instanceof Error && e.message ? e.message : t('units.importUnreadable'));
    } finally {
      reading.value = false;
    }
  }

  async function confirm(): Promise<void> {
    if (!ready.value) return;
    importing.value = true;
    try {
      const res = await importUnitsApi(regionId(), rows.value);
      open.value = false;
      ElMessage.success(t('units.imported', { count: res.count }));
      await reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // The list changed since the preview: show the server's report in place of the preview's.
      const rowErrors = rowErrorsOf(e);
      if (rowErrors.length) errors.value = rowErrors;
      else ElMessage.error(e.message);
    } finally {
      importing.value = false;
    }
  }

  const downloadTemplate = async () => downloadBlob(await unitTemplateWorkbook(), '单位导入模板.xlsx');
  const downloadErrors = async () => downloadBlob(await errorsWorkbook(entries.value, errors.value), '错误数据.xlsx');
  const exportUnits = async (units: readonly UnitView[]) => downloadBlob(await unitsWorkbook(units), `单位名单_${beijingDate(Date.now())}.xlsx`);

  return { open, reading, importing, fileName, entries, errors, headerRow, ready, pickFile, confirm, downloadTemplate, downloadErrors, exportUnits };
}
