// The goal sheets of a page (a unit's goals, an assessor unit's targets): template and export built
// in the browser, and the shared two-step import — the file read here, checked by the API without
// writing (its refusal names row, column and reason), then imported at once.
import { beijingDate } from '@shared/domain/dates.ts';
import { ApiError } from '@/api/http';
import { rowErrorsOf, useSheetImport } from '@/composables/useSheetImport';
import { downloadBlob } from '@/utils/download';
import { goalErrorsWorkbook, sheetEntries, type GoalSheetKind } from './goal-xlsx';

export interface GoalSheetOptions {
  kind: GoalSheetKind;
  /** Sends the rows to the import route (`dryRun`: only checked). */
  send: (rows: string[][], dryRun: boolean) => Promise<{ count: number }>;
  template: () => Promise<Blob>;
  exported: () => Promise<Blob>;
  /** File name without extension. */
  name: () => string;
  reload: () => Promise<void>;
}

export function useGoalSheet(o: GoalSheetOptions) {
  const sheet = useSheetImport({
    texts: 'goalSheet',
    preview: async (rows) => {
      const entries = sheetEntries(o.kind, rows);
      try {
        await o.send(rows, true);
        return { entries, errors: [] };
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        const errors = rowErrorsOf(e);
        if (!errors.length) throw e;
        return { entries, errors };
      }
    },
    commit: (rows) => o.send(rows, false),
    errorsWorkbook: (entries, errors) => goalErrorsWorkbook(o.kind, entries, errors),
    reload: o.reload,
  });
  const downloadTemplate = async () => downloadBlob(await o.template(), `${o.name()}_模板.xlsx`);
  const exportSheet = async () => downloadBlob(await o.exported(), `${o.name()}_${beijingDate(Date.now())}.xlsx`);
  return { ...sheet, downloadTemplate, exportSheet };
}
