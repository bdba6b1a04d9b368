// 账号管理 sheets: the template, the export of the filtered list, and the import (the shared two-step
// sheet import: dry-run preview, then all accounts opened at once). What only accounts have: the
// dialog stays open after the import, and the temporary passwords the import answers with can be
// downloaded once, then they are forgotten.
import { ref } from 'vue';
import { beijingDate } from '@shared/domain/dates.ts';
import type { UnitFacts } from '@shared/domain/organisation.ts';
import type { UserView } from '@shared/model/user.ts';
import { importUsersApi, previewUsersImportApi } from '@/api/users';
import { useSheetImport } from '@/composables/useSheetImport';
import { downloadBlob } from '@/utils/download';
import { passwordsWorkbook, userErrorsWorkbook, usersWorkbook, userTemplateWorkbook } from './user-xlsx';

const today = () => beijingDate(Date.now());

export function useUserImport(regionId: () => string, reload: () => Promise<void>) {
  /** Whether this import's passwords were downloaded: they are offered once only. */
  const passwordsSaved = ref(false);
  const sheet = useSheetImport({
    texts: 'accounts',
    preview: (rows) => previewUsersImportApi(regionId(), rows),
    commit: async (rows) => {
      const result = await importUsersApi(regionId(), rows);
      passwordsSaved.value = false;
      return result;
    },
    errorsWorkbook: userErrorsWorkbook,
    reload,
    keepOpen: true,
  });
  const { result } = sheet;

  /** The passwords as a workbook, once: afterwards they are dropped from the page. */
  async function downloadPasswords(): Promise<void> {
    const r = result.value;
    if (!r?.temporaryPasswords?.length || passwordsSaved.value) return;
    downloadBlob(await passwordsWorkbook(r.temporaryPasswords, r.items), `初始密码_${today()}.xlsx`);
    passwordsSaved.value = true;
    result.value = { ...r, temporaryPasswords: [] };
  }

  const downloadTemplate = async () => downloadBlob(await userTemplateWorkbook(), '账号导入模板.xlsx');
  const exportUsers = async (users: readonly UserView[], units: readonly UnitFacts[]) => downloadBlob(await usersWorkbook(users, units), `账号名单_${today()}.xlsx`);

  return { ...sheet, passwordsSaved, downloadPasswords, downloadTemplate, exportUsers };
}
