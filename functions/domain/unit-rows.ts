// A region's units as spreadsheet rows, laid out the way a 绩效办 keeps its list: one row per unit,
// the type and the 是/否 flag in Chinese. Shared by the portal (template, export, preview) and the
// API (import), so both read and write exactly the same layout.
import { CREATABLE_UNIT_TYPES, isActive, normaliseName, type UnitFacts, type UnitType } from './organisation.ts';
import type { RowError } from './plan-rows.ts';

export type { RowError } from './plan-rows.ts';

export const UNIT_COLUMNS = {
  name: '单位名称',
  shortName: '简称',
  type: '单位类型',
  category: '默认考评类别',
  assessor: '是否考评单位',
  assessorField: '考评领域',
} as const;
export type UnitColumnKey = keyof typeof UNIT_COLUMNS;
export const UNIT_COLUMN_KEYS = Object.keys(UNIT_COLUMNS) as UnitColumnKey[];

/** Columns only an export carries; an import ignores them. */
export const EXPORT_ONLY_COLUMNS = { status: '状态', history: '名称沿革' } as const;

/** Other header texts a sheet may use for a column (the portal's own table labels among them). */
const HEADER_ALIASES: Record<UnitColumnKey, string[]> = {
  name: ['单位名称', '单位全称', '名称'],
  shortName: ['简称', '单位简称'],
  type: ['单位类型', '类型'],
  category: ['默认考评类别', '默认类别', '考评类别'],
  assessor: ['是否考评单位', '考评单位'],
  assessorField: ['考评领域'],
};

/** Type names as the portal shows them. */
export const UNIT_TYPE_NAMES: Record<UnitType, string> = {
  bureau: '绩效办',
  county: '县（市、区）',
  town: '镇（街道）',
  department: '部门',
  third_party: '第三方机构',
  other: '其他',
};

export type CreatableUnitType = (typeof CREATABLE_UNIT_TYPES)[number];

/** Further words a 绩效办 writes for a type (compared without spaces and with ASCII brackets). */
const TYPE_WORDS: Record<CreatableUnitType, string[]> = {
  county: ['县(市、区)', '县(市,区)', '县(市区)', '县市区', '县区', '县', '县级'],
  town: ['镇(街道)', '乡镇(街道)', '镇街', '乡镇', '镇', '街道'],
  department: ['部门', '市直部门'],
  third_party: ['第三方机构', '第三方'],
  other: ['其他', '其它'],
};

/** Longest texts a cell may hold, as the create-unit form allows. */
export const UNIT_LIMITS = { name: 60, shortName: 20, category: 40, assessorField: 40 } as const;

/** At most this many units per import: they go in one DynamoDB transaction (100 items, with audit and revision). */
export const MAX_IMPORT_UNITS = 90;

/** A unit to create, as the create-unit route takes it. */
export interface UnitInput {
  type: CreatableUnitType;
  name: string;
  shortName?: string;
  assessor: boolean;
  assessorField?: string;
  category?: string;
}

/** One data row of the sheet: its 1-based row number, its cells by column, and the unit when the row is good. */
export interface UnitRowEntry {
  row: number;
  cells: Record<UnitColumnKey, string>;
  unit?: UnitInput;
}

export interface UnitRowsResult {
  /** 1-based row of the header; 0 when none was found. */
  headerRow: number;
  entries: UnitRowEntry[];
  errors: RowError[];
  /** The units to create, in sheet order; only to be used when `errors` is empty. */
  units: UnitInput[];
}

const squash = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/，/g, ',');
/** A header cell without marks of a required column: `*单位名称`, `单位名称（必填）`. */
const headerText = (s: string) => squash(s).replace(/^[*＊]+|[*＊]+$/g, '').replace(/\((必填|选填|可选)\)$/, '');

/** The type a cell names: a portal label, a common short form, or the type code itself. */
export function parseUnitType(text: string): UnitType | undefined {
  const t = squash(text).toLowerCase();
  if (!t) return undefined;
  if (t === squash(UNIT_TYPE_NAMES.bureau) || t === 'bureau' || t === '绩效考评机构') return 'bureau';
  for (const type of CREATABLE_UNIT_TYPES) {
    if (t === type || t === squash(UNIT_TYPE_NAMES[type]) || TYPE_WORDS[type].includes(t)) return type;
  }
  return undefined;
}

const YES = ['是', 'y', 'yes', 'true', '√', '1'];
const NO = ['否', 'n', 'no', 'false', '×', '0', ''];

/** The columns found in a header row, by key (-1 when absent). */
function columnsOf(header: readonly string[]): Record<UnitColumnKey, number> {
  const texts = header.map((c) => headerText(String(c ?? '')));
  const col = {} as Record<UnitColumnKey, number>;
  for (const k of UNIT_COLUMN_KEYS) col[k] = texts.findIndex((t) => HEADER_ALIASES[k].includes(t));
  return col;
}

/** The header row: the first row naming both 单位名称 and 单位类型 (title rows above it are skipped). */
export function findUnitHeader(rows: readonly (readonly string[])[]): number {
  return rows.findIndex((r) => {
    const col = columnsOf(r);
    return col.name >= 0 && col.type >= 0;
  });
}

/**
 * Sheet rows (row 1 first) to units to create. Every bad cell is reported with its row and column;
 * the units are only usable when there is no error. `existing` are the region's units: a name an
 * active unit has is refused, as is a name used twice in the sheet.
 */
export function parseUnitRows(rows: readonly (readonly string[])[], existing: readonly UnitFacts[]): UnitRowsResult {
  const headerAt = findUnitHeader(rows);
  if (headerAt < 0) {
    return { headerRow: 0, entries: [], units: [], errors: [{ row: 1, column: UNIT_COLUMNS.name, message: '找不到表头行（应有「单位名称」「单位类型」等列）' }] };
  }
  const col = columnsOf(rows[headerAt]!);
  const headerRow = headerAt + 1;
  const entries: UnitRowEntry[] = [];
  for (let i = headerAt + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (cells.every((c) => !String(c ?? '').trim())) continue;
    const cell = (k: UnitColumnKey) => (col[k] < 0 ? '' : String(cells[col[k]] ?? '').trim());
    entries.push({ row: i + 1, cells: Object.fromEntries(UNIT_COLUMN_KEYS.map((k) => [k, cell(k)])) as Record<UnitColumnKey, string> });
  }
  if (!entries.length) return { headerRow, entries, units: [], errors: [{ row: headerRow, column: UNIT_COLUMNS.name, message: '表格没有数据行' }] };
  if (entries.length > MAX_IMPORT_UNITS) {
    const message = `每次最多导入 ${MAX_IMPORT_UNITS} 个单位，本表有 ${entries.length} 个，请分批导入`;
    return { headerRow, entries, units: [], errors: [{ row: headerRow, column: UNIT_COLUMNS.name, message }] };
  }

  const errors: RowError[] = [];
  const taken = new Map(existing.filter(isActive).map((u) => [normaliseName(u.name), u]));
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const { row, cells } = entry;
    const before = errors.length;
    const fail = (k: UnitColumnKey, message: string) => errors.push({ row, column: UNIT_COLUMNS[k], message });
    const tooLong = (k: Exclude<keyof typeof UNIT_LIMITS, 'name'>) => {
      if (cells[k].length > UNIT_LIMITS[k]) fail(k, `不能超过 ${UNIT_LIMITS[k]} 个字（现有 ${cells[k].length} 个）`);
    };

    const name = normaliseName(cells.name);
    if (!name) fail('name', '请填写单位名称');
    else if (name.length < 2) fail('name', '单位名称至少 2 个字');
    else if (name.length > UNIT_LIMITS.name) fail('name', `不能超过 ${UNIT_LIMITS.name} 个字（现有 ${name.length} 个）`);
    else if (seen.has(name)) fail('name', `「${name}」与第 ${seen.get(name)} 行重复`);
    else if (taken.has(name)) fail('name', `名称「${name}」已被在用单位使用`);
    if (name && !seen.has(name)) seen.set(name, row);

    tooLong('shortName');
    tooLong('category');
    tooLong('assessorField');

    const type = parseUnitType(cells.type);
    if (!cells.type) fail('type', `请填写单位类型（${CREATABLE_UNIT_TYPES.map((t) => UNIT_TYPE_NAMES[t]).join('、')}）`);
    else if (type === 'bureau') fail('type', '绩效办随行政区域设立，不能导入');
    else if (!type) fail('type', `未知的单位类型「${cells.type}」，应为${CREATABLE_UNIT_TYPES.map((t) => UNIT_TYPE_NAMES[t]).join('、')}之一`);

    const flag = squash(cells.assessor).toLowerCase();
    const assessor = YES.includes(flag) ? true : NO.includes(flag) ? false : undefined;
    if (assessor === undefined) fail('assessor', `应为「是」或「否」，不是「${cells.assessor}」`);
    if (assessor && !cells.assessorField) fail('assessorField', '考评单位须填写考评领域');
    if (assessor === false && cells.assessorField) fail('assessorField', '填写了考评领域，但「是否考评单位」不是「是」');

    if (errors.length > before) continue;
    entry.unit = {
      type: type as CreatableUnitType,
      name,
      ...(cells.shortName ? { shortName: cells.shortName } : {}),
      assessor: Boolean(assessor),
      ...(assessor ? { assessorField: cells.assessorField } : {}),
      ...(cells.category ? { category: cells.category } : {}),
    };
  }
  return { headerRow, entries, errors, units: errors.length ? [] : entries.map((e) => e.unit!) };
}

/** What the sheet shows of a unit; `history` and `status` feed the export-only columns. */
export interface UnitRowSource {
  name: string;
  shortName?: string;
  type: UnitType;
  category?: string;
  assessor?: boolean;
  assessorField?: string;
  status?: 'active' | 'retired';
  names?: readonly { name: string; from: string }[];
}

export const unitHeader = (): string[] => UNIT_COLUMN_KEYS.map((k) => UNIT_COLUMNS[k]);

/** One unit as the template's cells (the import layout). */
export function unitToCells(u: UnitRowSource): string[] {
  return [u.name, u.shortName ?? '', UNIT_TYPE_NAMES[u.type], u.category ?? '', u.assessor ? '是' : '否', u.assessor ? (u.assessorField ?? '') : ''];
}

/** 名称沿革 as one cell: `玉林市工信局（2020-01-01起）→ 玉林市工业和信息化局（2030-01-01起）`. */
export function nameHistory(names: readonly { name: string; from: string }[] = []): string {
  return names.map((n) => (n.from ? `${n.name}（${n.from}起）` : n.name)).join(' → ');
}

/** Units as export rows, header first: the import columns plus 状态 and 名称沿革. */
export function unitsToRows(units: readonly UnitRowSource[]): string[][] {
  return [
    [...unitHeader(), EXPORT_ONLY_COLUMNS.status, EXPORT_ONLY_COLUMNS.history],
    ...units.map((u) => [...unitToCells(u), u.status === 'retired' ? '已撤销' : '在用', nameHistory(u.names)]),
  ];
}

/** A small filled-in example for the downloadable template. */
export function unitTemplateRows(): string[][] {
  return [
    unitHeader(),
    ['某某县', '某县', '县（市、区）', '县（市、区）', '否', ''],
    ['某某镇人民政府', '某镇', '镇（街道）', '镇（街道）', '否', ''],
    ['某某市数据局', '市数据局', '部门', '市直政府部门', '是', '数字政府'],
    ['某某满意度调查中心', '', '第三方机构', '', '否', ''],
  ];
}
