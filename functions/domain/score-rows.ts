// Scoring sheets, both ways (the portal writes them, the API reads them, so both use one layout):
//   - an indicator's inputs: a row per unit (编号, 名称, 类别, 自评值 for reference, 评分输入, 更正理由);
//   - the third party's survey results: a row per unit, a column per satisfaction leaf (满意率 in %).
// A bad cell is named by row and column and nothing is imported (import-report.ts). Survey data holds no
// personal contacts: a column headed like one, or a cell that looks like a phone or ID number, refuses
// the whole sheet.
import { t } from '../contracts/lang.ts';
import type { ScoreKind } from '../model/score.ts';
import type { FieldValue } from './assessor-scores.ts';
import type { RowError } from './plan-rows.ts';
import { parsePoints, QUALITATIVE_LEVELS, QUALITATIVE_NAMES, readMeasure } from './scoring/index.ts';

export const SCORE_COLUMNS = { unitId: '单位编号', unit: '单位名称', category: '考评类别', reported: '自评值', input: '评分输入', reason: '更正理由' } as const;
export const SCORE_SHEET_HEADER = Object.values(SCORE_COLUMNS);
export const SURVEY_FIXED = { unitId: '单位编号', unit: '单位名称' } as const;

/** A survey column's header: the leaf's 编号 and name, then （%）. */
export const surveyHeader = (leaf: { id: string; name: string }) => `${leaf.id} ${leaf.name}（%）`;

/** What the 评分输入 cell holds for each method. */
export const INPUT_HINT: Record<ScoreKind, string> = {
  completion: '实际完成值（数值）',
  ranking: '排名数值（数值，越大越靠前）',
  deduction: '发生次数（整数）',
  qualitative: '优/良/中/差',
  direct: '评分（最多两位小数）',
  satisfaction: '满意率（%）',
};

/** A method input as the sheet writes it. */
export function inputCell(kind: ScoreKind, value: FieldValue | undefined): string {
  if (value === undefined) return '';
  if (kind === 'qualitative') return QUALITATIVE_NAMES[value as keyof typeof QUALITATIVE_NAMES] ?? String(value);
  if (kind === 'direct' || kind === 'satisfaction') {
    const n = value as number;
    return `${Math.trunc(n / 100)}.${String(n % 100).padStart(2, '0')}`;
  }
  return String(value);
}

/** The cell read as the method's input, or a message. */
export function readInputCell(kind: ScoreKind, cell: string): { value: FieldValue } | { error: string } {
  const text = cell.trim().replace(/[,，]/g, '');
  switch (kind) {
    case 'completion':
    case 'ranking':
      return readMeasure(text) ? { value: text } : { error: t('应为数值', 'Must be a number') };
    case 'deduction':
      return /^\d{1,7}$/.test(text) ? { value: Number(text) } : { error: t('应为不小于 0 的整数', 'Must be a whole number, 0 or more') };
    case 'qualitative': {
      const level = QUALITATIVE_LEVELS.find((l) => QUALITATIVE_NAMES[l] === text || l === text);
      return level ? { value: level } : { error: t('应为优、良、中、差之一', 'Must be 优, 良, 中 or 差') };
    }
    case 'direct':
    case 'satisfaction':
      try {
        const n = parsePoints(text.replace(/%$/, ''));
        if (n < 0 || (kind === 'satisfaction' && n > 10_000)) return { error: kind === 'satisfaction' ? t('满意率应在 0 到 100 之间', 'A rate lies between 0 and 100') : t('不能为负数', 'Must not be negative') };
        return { value: n };
      } catch {
        return { error: t('应为最多两位小数的数值', 'Must be a number with at most two decimals') };
      }
  }
}

export interface ScoreSheetRow {
  row: number;
  unitId: string;
  value: FieldValue;
  reason?: string;
}

const headerIndex = (header: readonly string[]) => new Map(header.map((h, i) => [h.trim(), i]));

/** An indicator's sheet: rows with an input (a blank input leaves that unit as it is), for units of `unitIds`. */
export function readScoreRows(rows: readonly (readonly string[])[], kind: ScoreKind, unitIds: ReadonlySet<string>): { rows: ScoreSheetRow[]; errors: RowError[] } {
  const at = headerIndex(rows[0] ?? []);
  const missing = [SCORE_COLUMNS.unitId, SCORE_COLUMNS.input].filter((c) => !at.has(c));
  if (missing.length) return { rows: [], errors: [{ row: 1, column: missing[0]!, message: t('缺少此列，请使用导出的表格', 'This column is missing; use the exported sheet') }] };
  const out: ScoreSheetRow[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const cell = (c: string) => (at.has(c) ? (cells[at.get(c)!] ?? '').trim() : '');
    const unitId = cell(SCORE_COLUMNS.unitId);
    const input = cell(SCORE_COLUMNS.input);
    if (!unitId && !input) return;
    if (!unitIds.has(unitId)) return void errors.push({ row, column: SCORE_COLUMNS.unitId, message: t('不是本指标考评范围内的单位', 'Not a unit this indicator is scored for') });
    if (seen.has(unitId)) return void errors.push({ row, column: SCORE_COLUMNS.unitId, message: t('同一单位出现了两次', 'The same unit appears twice') });
    seen.add(unitId);
    if (!input) return;
    const read = readInputCell(kind, input);
    if ('error' in read) return void errors.push({ row, column: SCORE_COLUMNS.input, message: read.error });
    const reason = cell(SCORE_COLUMNS.reason);
    out.push({ row, unitId, value: read.value, ...(reason ? { reason } : {}) });
  });
  return { rows: out, errors };
}

/** Headers that name a personal contact: survey data must not hold one. */
const CONTACT_HEADER = /电话|手机|联系方式|身份证|证件|住址|邮箱|微信|phone|mobile|tel|e-?mail|id\s*(card|no)|address|wechat/i;
/** Cells that look like a mobile or fixed-line number, or a resident ID number. */
const CONTACT_CELL = [/^(\+?86)?1[3-9]\d{9}$/, /^0\d{2,3}-?\d{7,8}$/, /^\d{17}[\dXx]$/, /^\d{15}$/];

export interface SurveySheetRow {
  row: number;
  unitId: string;
  rates: { indicatorId: string; rate: number }[];
}

/** The survey sheet: each unit's rate per satisfaction leaf (blank: not given); personal contacts refused. */
export function readSurveyRows(rows: readonly (readonly string[])[], leaves: readonly { id: string; name: string }[], unitIds: ReadonlySet<string>): { rows: SurveySheetRow[]; errors: RowError[] } {
  const header = (rows[0] ?? []).map((h) => h.trim());
  const errors: RowError[] = [];
  header.forEach((h, i) => {
    if (CONTACT_HEADER.test(h)) errors.push({ row: 1, column: h || `第 ${i + 1} 列`, message: t('调查数据不得含个人联系方式或身份信息，请删除此列', 'Survey data must hold no personal contacts or ID numbers: remove this column') });
  });
  const unitCol = header.indexOf(SURVEY_FIXED.unitId);
  if (unitCol < 0) errors.push({ row: 1, column: SURVEY_FIXED.unitId, message: t('缺少此列，请使用导出的表格', 'This column is missing; use the exported sheet') });
  const leafCols = leaves.map((l) => ({ leaf: l, col: header.findIndex((h) => h === surveyHeader(l) || h.split(/\s+/)[0] === l.id) }));
  if (!leafCols.some((x) => x.col >= 0)) errors.push({ row: 1, column: t('满意率', 'Rates'), message: t('没有任何满意度指标列', 'No column of a satisfaction indicator') });
  if (errors.length) return { rows: [], errors };
  const out: SurveySheetRow[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    cells.forEach((c, j) => {
      const text = (c ?? '').replace(/[\s-]/g, '');
      if (CONTACT_CELL.some((re) => re.test(text))) errors.push({ row, column: header[j] || `第 ${j + 1} 列`, message: t('疑似电话号码或身份证号：调查数据不得含个人联系方式', 'Looks like a phone or ID number: survey data must hold no personal contacts') });
    });
    const unitId = (cells[unitCol] ?? '').trim();
    const given = leafCols.filter((x) => x.col >= 0 && (cells[x.col] ?? '').trim() !== '');
    if (!unitId && !given.length) return;
    if (!unitIds.has(unitId)) return void errors.push({ row, column: SURVEY_FIXED.unitId, message: t('不是委托调查范围内的单位', 'Not a unit of the surveys assigned to you') });
    if (seen.has(unitId)) return void errors.push({ row, column: SURVEY_FIXED.unitId, message: t('同一单位出现了两次', 'The same unit appears twice') });
    seen.add(unitId);
    const rates: SurveySheetRow['rates'] = [];
    for (const x of given) {
      const read = readInputCell('satisfaction', cells[x.col]!);
      if ('error' in read) errors.push({ row, column: header[x.col]!, message: read.error });
      else rates.push({ indicatorId: x.leaf.id, rate: read.value as number });
    }
    if (rates.length) out.push({ row, unitId, rates });
  });
  return { rows: errors.length ? [] : out, errors };
}
