// A sheet import in two steps, the same for every page that imports rows (units, accounts): the file
// is read in the browser, checked by the API without writing (dry run) and shown row by row with its
// problems; only a sheet without problems can be confirmed, and then all its rows are written at once.
import { ElMessage } from 'element-plus';
import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { RowError } from '@shared/domain/plan-rows.ts';
import { ApiError } from '@/api/http';
import type zh from '@/locales/zh-CN.json';
import { downloadBlob } from '@/utils/download';
import type { SheetEntry } from '@/utils/sheet-rows';
import { readFirstSheet } from '@/utils/xlsx';

type Messages = typeof zh;
type ImportTextKey = 'importTitle' | 'importErrors' | 'importReady' | 'importUnreadable' | 'rowProblem' | 'confirmImport' | 'imported' | 'downloadErrors' | 'row';
/** The locale sections that word an import (`units`, `accounts`): each page keeps its own texts. */
export type SheetImportTexts = { [N in keyof Messages]: Messages[N] extends Record<ImportTextKey, string> ? N : never }[keyof Messages];

export interface SheetImportOptions<E extends SheetEntry, R extends { count: number }> {
  texts: SheetImportTexts;
  preview: (rows: string[][]) => Promise<{ entries: E[]; errors: RowError[] }>;
  commit: (rows: string[][]) => Promise<R>;
  errorsWorkbook: (entries: readonly E[], errors: readonly RowError[]) => Promise<Blob>;
  reload: () => Promise<void>;
  /** Keep the dialog open after the import to show `result` (accounts hand out passwords there). */
  keepOpen?: boolean;
}

/** Row errors from an import refused with 400 (`details` carry row, column and reason). */
export function rowErrorsOf(e: ApiError): RowError[] {
  return (e.details as Partial<RowError & { reason: string }>[])
    .filter((d) => d.row !== undefined && d.column !== undefined)
    .map((d) => ({ row: d.row!, column: d.column!, message: d.reason ?? d.message! }));
}

export function useSheetImport<E extends SheetEntry, R extends { count: number }>(options: SheetImportOptions<E, R>) {
  const { t } = useI18n();
  const open = ref(false);
  const reading = ref(false);
  const importing = ref(false);
  const fileName = ref('');
  const rows = shallowRef<string[][]>([]);
  const entries = shallowRef<E[]>([]);
  const errors = shallowRef<RowError[]>([]);
  /** The answer of the last import, until the next preview or `reset`. */
  const result = shallowRef<R>();
  const ready = computed(() => entries.value.length > 0 && errors.value.length === 0);

  async function pickFile(file: File): Promise<void> {
    reading.value = true;
    try {
      rows.value = await readFirstSheet(await file.arrayBuffer());
      fileName.value = file.name;
      const report = await options.preview(rows.value);
      entries.value = report.entries;
      errors.value = report.errors;
      result.value = undefined;
      open.value = true;
    } catch (e) {
      ElMessage.error(e instanceof Error && e.message ? e.message : t(`${options.texts}.importUnreadable`));
    } finally {
      reading.value = false;
    }
  }

  async function confirm(): Promise<void> {
    if (!ready.value) return;
    importing.value = true;
    try {
      result.value = await options.commit(rows.value);
      rows.value = [];
      if (!options.keepOpen) open.value = false;
      ElMessage.success(t(`${options.texts}.imported`, { count: result.value.count }));
      await options.reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // The data changed since the preview: show the server's report in place of the preview's.
      const rowErrors = rowErrorsOf(e);
      if (rowErrors.length) errors.value = rowErrors;
      else ElMessage.error(e.message);
    } finally {
      importing.value = false;
    }
  }

  /** Closing forgets the preview and the result (accounts: any password not downloaded). */
  function reset(): void {
    open.value = false;
    result.value = undefined;
    rows.value = [];
  }

  const downloadErrors = async () => downloadBlob(await options.errorsWorkbook(entries.value, errors.value), '错误数据.xlsx');

  return { open, reading, importing, fileName, entries, errors, result, ready, pickFile, confirm, reset, downloadErrors };
}
