// 模拟评定: the rules being tried, the sample units and the result, all in the browser. An import
// either replaces the whole sample or, with any bad row, changes nothing and lists the problems.
import { computed, reactive, ref, shallowRef } from 'vue';
import type { GradingRules } from '@shared/domain/scoring/index.ts';
import { downloadBlob } from '@/utils/download';
import { hasTabs, parseTsv } from '@/utils/tsv';
import { draftOf, rulesOf, type RulesDraft } from './rules-draft';
import { sampleRows, type SampleKey } from './samples';
import { readSampleTable, type RowProblem, type SampleUnit } from './sample-table';
import { simulate } from './simulation';
import { MAX_FILE_BYTES, readSampleFile, resultBlob, templateBlob } from './xlsx-io';

/** Grading rules taken from a saved plan (PlanPicker). */
export interface LoadedPlan {
  cycleId: string;
  categoryId: string;
  /** 「2028年度考评周期 · 县（市、区）」 */
  label: string;
  version: number;
  rules: GradingRules;
  /** The category's units, listed in the template so the bureau only fills in scores. */
  unitNames: string[];
}

export type SampleSource = { kind: 'paste' } | { kind: 'file'; name: string } | { kind: 'sample'; key: SampleKey };

export function useSimulation() {
  const draft = reactive<RulesDraft>(draftOf());
  const rulesCheck = computed(() => rulesOf(draft));
  const units = shallowRef<SampleUnit[]>([]);
  const problems = shallowRef<RowProblem[]>([]);
  const source = ref<SampleSource | null>(null);
  const reading = ref(false);
  const loaded = shallowRef<LoadedPlan | null>(null);
  /** The rules no longer those of the loaded plan (edited or reset since). */
  const modified = computed(() => Boolean(loaded.value) && JSON.stringify(rulesCheck.value.rules) !== JSON.stringify(rulesOf(draftOf(loaded.value!.rules)).rules));

  const result = computed(() => {
    const rules = rulesCheck.value.rules;
    return rules && units.value.length ? simulate(rules, units.value) : null;
  });

  /** Replaces the sample if every row is clean; otherwise keeps it and reports. */
  function importRows(rows: string[][], from: SampleSource): boolean {
    const read = readSampleTable(rows);
    problems.value = read.problems;
    if (read.problems.length) return false;
    units.value = read.units;
    source.value = from;
    return true;
  }

  function importText(text: string): boolean {
    if (text.trim() && !hasTabs(text) && text.trim().includes('\n')) {
      problems.value = [{ message: '没有找到按制表符分隔的列：请在 Excel 中选中单元格复制后直接粘贴' }];
      return false;
    }
    return importRows(parseTsv(text), { kind: 'paste' });
  }

  async function importFile(file: File): Promise<boolean> {
    if (!/\.xlsx$/i.test(file.name)) return fail('只支持 .xlsx 文件（可在 Excel 中另存为“Excel 工作簿”）');
    if (file.size > MAX_FILE_BYTES) return fail('文件过大：不超过 5 MB');
    reading.value = true;
    try {
      const rows = await readSampleFile(await file.arrayBuffer());
      return importRows(rows, { kind: 'file', name: file.name });
    } catch {
      return fail('无法读取该文件：不是有效的 .xlsx 工作簿');
    } finally {
      reading.value = false;
    }
  }

  function fail(message: string): false {
    problems.value = [{ message }];
    return false;
  }

  const loadSample = (key: SampleKey) => importRows(sampleRows(key), { kind: 'sample', key });

  function removeUnit(name: string): void {
    units.value = units.value.filter((u) => u.name !== name);
  }

  function clear(): void {
    units.value = [];
    problems.value = [];
    source.value = null;
  }

  async function downloadTemplate(): Promise<void> {
    downloadBlob(await templateBlob(loaded.value?.unitNames), '模拟评定数据模板.xlsx');
  }

  async function exportResult(): Promise<void> {
    const rules = rulesCheck.value.rules;
    if (result.value && rules) downloadBlob(await resultBlob(result.value, rules), '模拟评定结果.xlsx');
  }

  const resetRules = () => Object.assign(draft, draftOf());

  function loadPlan(plan: LoadedPlan): void {
    Object.assign(draft, draftOf(plan.rules));
    loaded.value = plan;
  }

  return { draft, rulesCheck, loaded, modified, loadPlan, units, problems, source, reading, result, importRows, importText, importFile, loadSample, removeUnit, clear, resetRules, downloadTemplate, exportResult };
}
