// 账号管理 sheets: the template, the export of the filtered list, and the import — the file is read in
// the browser, checked by the API without writing (dry run) and shown row by row with its problems;
// only a sheet without problems can be confirmed, and then all its accounts are opened at once. The
// temporary passwords the import answers with can be downloaded once, then they are forgotten.
import { ElMessage } from 'element-plus';
import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { beijingDate } from '@shared/domain/dates.ts';
import type { RowError } from '@shared/domain/plan-rows.ts';
import type { UnitFacts } from '@shared/domain/organisation.ts';
import { ApiError } from '@/api/http';
import { importUsersApi, previewUsersImportApi, type UserImportResult, type UserRowEntry, type UserView } from '@/api/users';
import { downloadBlob } from '@/utils/download';
import { passwordsWorkbook, readUserSheet, userErrorsWorkbook, usersWorkbook, userTemplateWorkbook } from './user-xlsx';

/** Row errors from an import refused with 400 (`details` carry row, column and reason). */
export function importRowErrors(e: ApiError): RowError[] {
  return (e.details as Partial<RowError & { reason: string }>[])
    .filter((d) => d.row !== undefined && d.column !== undefined)
    .map((d) => ({ row: d.row!, column: d.column!, message: d.reason ?? d.message! }));
}

/** Problems by `row|column`, for marking cells. */
export function problemsByCell(errors: readonly RowError[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const e of errors) index.set(`${e.row}|${e.column}`, [...(index.get(`${e.row}|${e.column}`) ?? []), e.message]);
  return index;
}

const today = () => beijingDate(Date.now());

export function useUserImport(regionId: () => string, reload: () => Promise<void>) {
  const { t } = useI18n();
  const open = ref(false);
  const reading = ref(false);
  const importing = ref(false);
  const fileName = ref('');
  const rows = shallowRef<string[][]>([]);
  const entries = shallowRef<UserRowEntry[]>([]);
  const errors = shallowRef<RowError[]>([]);
  /** The accounts just opened, with their passwords until downloaded or the dialog closes. */
  const result = shallowRef<UserImportResult>();
  const passwordsSaved = ref(false);
  const ready = computed(() => entries.value.length > 0 && errors.value.length === 0);

  async function pickFile(file: File): Promise<void> {
    reading.value = true;
    try {
      rows.value = await readUserSheet(await file.arrayBuffer());
      fileName.value = file.name;
      const report = await previewUsersImportApi(regionId(), rows.value);
      entries.value = report.entries;
      errors.value = report.errors;
      result.value = undefined;
      passwordsSaved.value = false;
      open.value = true;
    } catch (e) {
      ElMessage.error(e instanceof Error && e.message ? e.message : t('accounts.importUnreadable'));
    } finally {
      reading.value = false;
    }
  }

  async function confirm(): Promise<void> {
    if (!ready.value) return;
    importing.value = true;
    try {
      result.value = await importUsersApi(regionId(), rows.value);
      rows.value = [];
      ElMessage.success(t('accounts.imported', { count: result.value.count }));
      await reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // The accounts changed since the preview: show the server's report in place of the preview's.
      const rowErrors = importRowErrors(e);
      if (rowErrors.length) errors.value = rowErrors;
      else ElMessage.error(e.message);
    } finally {
      importing.value = false;
    }
  }

  /** The passwords as a workbook, once: afterwards they are dropped from the page. */
  async function downloadPasswords(): Promise<void> {
    const r = result.value;
    if (!r?.temporaryPasswords?.length || passwordsSaved.value) return;
    downloadBlob(await passwordsWorkbook(r.temporaryPasswords, r.items), `初始密码_${today()}.xlsx`);
    passwordsSaved.value = true;
    result.value = { ...r, temporaryPasswords: [] };
  }

  /** Closing forgets the preview and any password not downloaded. */
  function reset(): void {
    open.value = false;
    result.value = undefined;
    rows.value = [];
  }

  const downloadTemplate = async () => downloadBlob(await userTemplateWorkbook(), '账号导入模板.xlsx');
  const downloadErrors = async () => downloadBlob(await userErrorsWorkbook(entries.value, errors.value), '错误数据.xlsx');
  const exportUsers = async (users: readonly UserView[], units: readonly UnitFacts[]) => downloadBlob(await usersWorkbook(users, units), `账号名单_${today()}.xlsx`);

  return {
    open,
    reading,
    importing,
    fileName,
    entries,
    errors,
    result,
    passwordsSaved,
    ready,
    pickFile,
    confirm,
    downloadPasswords,
    reset,
    downloadTemplate,
    downloadErrors,
    exportUsers,
  };
}
