// A region's units as spreadsheet rows, laid out the way a 绩效办 keeps its list: one row per unit,
// the type and the 是/否 flag in Chinese. Shared by the portal (template, export, preview) and the
// API (import), so both read and write exactly the same layout.
import { t } from '../contracts/lang.ts';
import type { NewUnitInput, UnitRowEntry } from '../contracts/organisation.ts';
import { text } from '../contracts/zod.ts';
import type { UnitRecord } from '../model/unit.ts';
import { CREATABLE_UNIT_TYPES, isActive, normaliseName, type CreatableUnitType, type UnitFacts, type UnitType } from './organisation.ts';
import type { RowError } from './plan-rows.ts';

export type { RowError } from './plan-rows.ts';
export type { UnitRowEntry } from '../contracts/organisation.ts';

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

export interface UnitRowsResult {
  /** 1-based row of the header; 0 when none was found. */
  headerRow: number;
  entries: UnitRowEntry[];
  errors: RowError[];
  /** The units to create, in sheet order; only to be used when `errors` is empty. */
  units: NewUnitInput[];
}

const squash = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/，/g, ',');
/** A header cell without marks of a required column: `*单位名称`, `单位名称（必填）`. */
const headerText = (s: string) => squash(s).replace(/^[*＊]+|[*＊]+$/g, '').replace(/\((必填|选填|可选)\)$/, '');

/** The type a cell names: a portal label, a common short form, or the type code itself. */
export function parseUnitType(cell: string): UnitType | undefined {
  const word = squash(cell).toLowerCase();
  if (!word) return undefined;
  if (word === squash(UNIT_TYPE_NAMES.bureau) || word === 'bureau' || word === '绩效考评机构') return 'bureau';
  for (const type of CREATABLE_UNIT_TYPES) {
    if (word === type || word === squash(UNIT_TYPE_NAMES[type]) || TYPE_WORDS[type].includes(word)) return type;
  }
  return undefined;
}

const YES = ['是', 'y', 'yes', 'true', '√', '1'];
const NO = ['否', 'n', 'no', 'false', '×', '0', ''];

/** The columns found in a header row, by key (-1 when absent). */
function columnsOf(header: readonly string[]): Record<UnitColumnKey, number> {
  const texts = header.map((c) => headerText(String(c ?? '')));
  const col = {} as Record<UnitColumnKey, number>;
  for (const k of UNIT_COLUMN_KEYS) col[k] = texts.findIndex((h) => HEADER_ALIASES[k].includes(h));
  return col;
}

/** The header row: the first row naming both 单位名称 and 单位类型 (title rows above it are skipped). */
export function findUnitHeader(rows: readonly (readonly string[])[]): number {
  return rows.findIndex((r) => {
    const col = columnsOf(r);
    return col.name >= 0 && col.type >= 0;
  });
}

/** Cell texts are checked as the create-unit route checks names: no invisible or control characters (the length has its own message). */
const visibleText = text({ max: Number.MAX_SAFE_INTEGER });
const invisibleProblem = (s: string) => visibleText.safeParse(s).error?.issues[0]?.message;

const typeList = () => CREATABLE_UNIT_TYPES.map((ty) => UNIT_TYPE_NAMES[ty]).join('、');

/**
 * Sheet rows (row 1 first) to units to create. Every bad cell is reported with its row and column;
 * the units are only usable when there is no error. `existing` are the region's units: a name an
 * active unit has is refused, as is a name used twice in the sheet, or one with an invisible character.
 */
export function parseUnitRows(rows: readonly (readonly string[])[], existing: readonly UnitFacts[]): UnitRowsResult {
  const headerAt = findUnitHeader(rows);
  const header = rows[headerAt];
  if (!header) {
    return { headerRow: 0, entries: [], units: [], errors: [{ row: 1, column: UNIT_COLUMNS.name, message: t('找不到表头行（应有「单位名称」「单位类型」等列）', 'No header row found (it names 单位名称, 单位类型 and the other columns)') }] };
  }
  const col = columnsOf(header);
  const headerRow = headerAt + 1;
  const entries: UnitRowEntry[] = [];
  rows.forEach((cells, i) => {
    if (i <= headerAt || cells.every((c) => !String(c ?? '').trim())) return;
    const cell = (k: UnitColumnKey) => (col[k] < 0 ? '' : String(cells[col[k]] ?? '').trim());
    const texts: Record<UnitColumnKey, string> = { name: cell('name'), shortName: cell('shortName'), type: cell('type'), category: cell('category'), assessor: cell('assessor'), assessorField: cell('assessorField') };
    entries.push({ row: i + 1, cells: texts });
  });
  if (!entries.length) return { headerRow, entries, units: [], errors: [{ row: headerRow, column: UNIT_COLUMNS.name, message: t('表格没有数据行', 'The sheet has no data rows') }] };
  if (entries.length > MAX_IMPORT_UNITS) {
    const message = t(`每次最多导入 ${MAX_IMPORT_UNITS} 个单位，本表有 ${entries.length} 个，请分批导入`, `At most ${MAX_IMPORT_UNITS} units can be imported at a time and this sheet has ${entries.length}; import them in parts`);
    return { headerRow, entries, units: [], errors: [{ row: headerRow, column: UNIT_COLUMNS.name, message }] };
  }

  const errors: RowError[] = [];
  const taken = new Map(existing.filter(isActive).map((u) => [normaliseName(u.name), u]));
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const { row, cells } = entry;
    const before = errors.length;
    const fail = (k: UnitColumnKey, message: string) => errors.push({ row, column: UNIT_COLUMNS[k], message });
    const tooLong = (k: UnitColumnKey, length: number, limit: number) => {
      if (length > limit) fail(k, t(`不能超过 ${limit} 个字（现有 ${length} 个）`, `At most ${limit} characters (this has ${length})`));
    };
    const checkText = (k: Exclude<keyof typeof UNIT_LIMITS, 'name'>) => {
      const invisible = invisibleProblem(cells[k]);
      if (invisible) fail(k, invisible);
      else tooLong(k, cells[k].length, UNIT_LIMITS[k]);
    };

    const name = normaliseName(cells.name);
    const seenAt = seen.get(name);
    const invisible = invisibleProblem(name);
    if (!name) fail('name', t('请填写单位名称', 'Give the unit’s name'));
    else if (invisible) fail('name', invisible);
    else if (name.length < 2) fail('name', t('单位名称至少 2 个字', 'A unit name has at least 2 characters'));
    else if (name.length > UNIT_LIMITS.name) tooLong('name', name.length, UNIT_LIMITS.name);
    else if (seenAt !== undefined) fail('name', t(`「${name}」与第 ${seenAt} 行重复`, `“${name}” repeats row ${seenAt}`));
    else if (taken.has(name)) fail('name', t(`名称「${name}」已被在用单位使用`, `The name “${name}” is used by an active unit`));
    if (name && seenAt === undefined) seen.set(name, row);

    checkText('shortName');
    checkText('category');
    checkText('assessorField');

    const type = parseUnitType(cells.type);
    const creatable = CREATABLE_UNIT_TYPES.find((ty) => ty === type);
    if (!cells.type) fail('type', t(`请填写单位类型（${typeList()}）`, `Give the unit’s type (${typeList()})`));
    else if (type === 'bureau') fail('type', t('绩效办随行政区域设立，不能导入', 'A bureau comes with its region and cannot be imported'));
    else if (!type) fail('type', t(`未知的单位类型「${cells.type}」，应为${typeList()}之一`, `Unknown unit type “${cells.type}”; it is one of ${typeList()}`));

    const flag = squash(cells.assessor).toLowerCase();
    const assessor = YES.includes(flag) ? true : NO.includes(flag) ? false : undefined;
    if (assessor === undefined) fail('assessor', t(`应为「是」或「否」，不是「${cells.assessor}」`, `Write 是 or 否, not “${cells.assessor}”`));
    if (assessor && !cells.assessorField) fail('assessorField', t('考评单位须填写考评领域', 'An assessor unit needs its field'));
    if (assessor === false && cells.assessorField) fail('assessorField', t('填写了考评领域，但「是否考评单位」不是「是」', 'A field is given but 是否考评单位 is not 是'));

    if (errors.length > before || !creatable) continue;
    entry.unit = {
      type: creatable,
      name,
      ...(cells.shortName ? { shortName: cells.shortName } : {}),
      assessor: Boolean(assessor),
      ...(assessor ? { assessorField: cells.assessorField } : {}),
      ...(cells.category ? { category: cells.category } : {}),
    };
  }
  return { headerRow, entries, errors, units: errors.length ? [] : entries.flatMap((e) => (e.unit ? [e.unit] : [])) };
}

/** What the sheet shows of a unit; `history` and `status` feed the export-only columns. */
export type UnitRowSource = Pick<UnitRecord, 'name' | 'type'> & Partial<Pick<UnitRecord, 'shortName' | 'category' | 'assessor' | 'assessorField' | 'status' | 'names'>>;

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
