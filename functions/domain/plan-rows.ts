// The indicator tree as spreadsheet rows, laid out the way a 绩效办 keeps it: one row per
// indicator, the level given by the deepest name column filled. Shared by the portal (template,
// export) and the API (import), so both read and write exactly the same layout.
import { checkPlan, normalisePlan, walk, type CategoryPlan, type PlanContext, type PlanMethod, type PlanNode } from './plan.ts';
import { t } from '../contracts/lang.ts';
import { formatPoints, METHOD_NAMES, parsePoints, QUALITATIVE_LEVELS, QUALITATIVE_NAMES, type FieldProblem, type QualitativeLevel, type RankBand } from './scoring/index.ts';

export const COLUMNS = {
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  points: '分值',
  method: '评分方法',
  params: '方法参数',
  assessor: '考评单位',
  common: '共性/个性',
  criteria: '评分标准',
  refinable: '单位可细化',
} as const;
export type ColumnKey = keyof typeof COLUMNS;
const LEVELS = ['level1', 'level2', 'level3'] as const;
/** The template's columns; 三级指标 is optional on import. */
export const TEMPLATE_COLUMNS: ColumnKey[] = ['level1', 'level2', 'points', 'method', 'params', 'assessor', 'common', 'criteria', 'refinable'];

/** A bad cell: `row` is the sheet's 1-based row number, `column` the header text. */
export interface RowError {
  row: number;
  column: string;
  message: string;
}

export const PLAN_METHOD_NAMES: Record<PlanMethod['kind'], string> = { ...METHOD_NAMES, satisfaction: '满意度评价' };

/** Words that name a method in a 绩效办's sheet, tried in this order. */
const METHOD_WORDS: [string, PlanMethod['kind']][] = [
  ['满意度', 'satisfaction'],
  ['完成', 'completion'],
  ['排名', 'ranking'],
  ['排序', 'ranking'],
  ['扣分', 'deduction'],
  ['定性', 'qualitative'],
  ['直接', 'direct'],
];

/** 50 → '0.5', 10000 → '100': the shortest form a person would type. */
const num = (v: number) => formatPoints(v).replace(/\.?0+$/, '');
const pct = (v: number) => `${num(v)}%`;

/** 方法参数 text of a method, in the form parseMethod reads back. */
export function methodParams(m: PlanMethod | undefined): string {
  switch (m?.kind) {
    case 'completion':
      return [m.capPercent !== undefined ? `封顶${pct(m.capPercent)}` : '', m.lowerIsBetter ? '越低越好' : ''].filter(Boolean).join('；');
    case 'ranking':
      if (m.scale === 'linear') return `线性；末名${pct(m.lastPercent ?? 0)}`;
      return [...m.bands.map((b, i) => `第${(m.bands[i - 1]?.upToRank ?? 0) + 1}-${b.upToRank}名${pct(b.percent)}`), `其余${pct(m.otherwisePercent)}`].join('；');
    case 'deduction':
      return `每次扣${num(m.perOccurrence)}分${m.floor !== undefined ? `；保底${num(m.floor)}分` : ''}`;
    case 'qualitative':
      return m.percents ? QUALITATIVE_LEVELS.filter((l) => m.percents![l] !== undefined).map((l) => `${QUALITATIVE_NAMES[l]}${pct(m.percents![l]!)}`).join('；') : '';
    default:
      return '';
  }
}

class CellError extends Error {
  constructor(
    readonly column: ColumnKey,
    message: string,
  ) {
    super(message);
  }
}

function amount(text: string, column: ColumnKey): number {
  try {
    return parsePoints(text);
  } catch {
    throw new CellError(column, t(`「${text}」不是最多两位小数的数值`, `“${text}” is not a number with at most two decimals`));
  }
}

/** Reads 评分方法 and 方法参数; undefined when no method is given. Throws CellError. */
export function parseMethod(kindText: string, paramsText: string): PlanMethod | undefined {
  const name = kindText.trim();
  if (!name) return undefined;
  const kind = METHOD_WORDS.find(([w]) => name.includes(w))?.[1];
  if (!kind) throw new CellError('method', t(`未知的评分方法「${name}」，应为${Object.values(PLAN_METHOD_NAMES).join('、')}之一`, `Unknown scoring method “${name}”; use one of ${Object.values(PLAN_METHOD_NAMES).join(', ')}`));
  const parts = paramsText.split(/[;；,，\n]/).map((s) => s.trim()).filter(Boolean);
  const bad = (p: string, ...examples: string[]): never => {
    throw new CellError('params', t(`无法识别「${p}」，应如「${examples.join('」或「')}」`, `Cannot read “${p}”; write it like “${examples.join('” or “')}”`));
  };
  switch (kind) {
    case 'completion': {
      const m: PlanMethod = { kind };
      for (const p of parts) {
        const cap = /^封顶\s*([\d.]+)\s*%$/.exec(p);
        if (cap) m.capPercent = amount(cap[1]!, 'params');
        else if (/越低越好|逆向/.test(p)) m.lowerIsBetter = true;
        else bad(p, '封顶100%；越低越好');
      }
      return m;
    }
    case 'ranking': {
      if (parts.some((p) => p.startsWith('线性'))) {
        const last = parts.map((p) => /^末名\s*([\d.]+)\s*%$/.exec(p)).find(Boolean);
        return { kind, scale: 'linear', ...(last ? { lastPercent: amount(last[1]!, 'params') } : {}) };
      }
      const bands: RankBand[] = [];
      let otherwise: number | undefined;
      for (const p of parts) {
        const band = /^(?:第|前)?\s*(\d+)(?:\s*[-~至到]\s*(\d+))?\s*名\s*([\d.]+)\s*%$/.exec(p);
        const rest = /^其余\s*([\d.]+)\s*%$/.exec(p);
        if (band) {
          const from = band[2] ? Number(band[1]) : p.startsWith('前') ? 1 : Number(band[1]);
          const upTo = Number(band[2] ?? band[1]);
          const expected = (bands.at(-1)?.upToRank ?? 0) + 1;
          if (from !== expected) throw new CellError('params', t(`「${p}」应从第 ${expected} 名开始，接续上一档`, `“${p}” should start at rank ${expected}, after the band before`));
          bands.push({ upToRank: upTo, percent: amount(band[3]!, 'params') });
        } else if (rest) otherwise = amount(rest[1]!, 'params');
        else bad(p, '第1-3名100%；第4-6名80%；其余0%', '线性；末名0%');
      }
      if (!bands.length) throw new CellError('params', t('排名法须写明名次档，如「第1-3名100%；其余0%」', 'Ranking needs its rank bands, like “第1-3名100%；其余0%”'));
      return { kind, scale: 'bands', bands, otherwisePercent: otherwise ?? 0 };
    }
    case 'deduction': {
      let per: number | undefined;
      let floor: number | undefined;
      for (const p of parts) {
        const each = /^每(?:次|项|件|起|个)\s*扣\s*([\d.]+)\s*分?$/.exec(p);
        const min = /^保底\s*([\d.]+)\s*分?$/.exec(p);
        if (each) per = amount(each[1]!, 'params');
        else if (min) floor = amount(min[1]!, 'params');
        else bad(p, '每次扣0.5分；保底0分');
      }
      if (per === undefined) throw new CellError('params', t('扣分法须写明每次扣分，如「每次扣0.5分」', 'Deduction needs the points per occurrence, like “每次扣0.5分”'));
      return { kind, perOccurrence: per, ...(floor !== undefined ? { floor } : {}) };
    }
    case 'qualitative': {
      if (!parts.length) return { kind };
      const percents: Partial<Record<QualitativeLevel, number>> = {};
      for (const p of parts) {
        const m = /^([优良中差])\s*([\d.]+)\s*%$/.exec(p);
        if (!m) bad(p, '优100%；良85%；中70%；差50%');
        const level = QUALITATIVE_LEVELS.find((l) => QUALITATIVE_NAMES[l] === m![1])!;
        percents[level] = amount(m![2]!, 'params');
      }
      return { kind, percents };
    }
    default:
      return { kind };
  }
}

/** Units a sheet may name in 考评单位: by name, short name or id. */
export interface AssessorOption {
  unitId: string;
  name: string;
  shortName?: string;
}

export interface RowsResult {
  tree: PlanNode[];
  errors: RowError[];
  /** Sheet row of each node, by node path (`tree.0.children.1`). */
  rowOf: Map<string, number>;
}

type RowNode = PlanNode & { row?: number };

/** `职能工作（60分）` → name 职能工作 and points 60.00 (merged 一级 cells often carry the points). */
function nameWithPoints(text: string): { name: string; points?: number } {
  const m = /^(.*?)\s*[（(]\s*([\d.]+)\s*分?\s*[)）]$/.exec(text);
  if (!m) return { name: text };
  try {
    return { name: m[1]!.trim(), points: parsePoints(m[2]!) };
  } catch {
    return { name: text };
  }
}

/** The tree from sheet rows (row 1 first). Every bad cell is reported; the tree is only usable without errors. */
export function rowsToTree(rows: readonly (readonly string[])[], assessors: readonly AssessorOption[]): RowsResult {
  const errors: RowError[] = [];
  const rowOf = new Map<string, number>();
  const headerAt = rows.findIndex((r) => r.some((c) => c?.trim() === COLUMNS.level1));
  if (headerAt < 0) return { tree: [], rowOf, errors: [{ row: 1, column: COLUMNS.level1, message: t('找不到表头行（应有「一级指标」「二级指标」「分值」等列）', 'No header row (with columns 一级指标, 二级指标, 分值 and so on)') }] };
  const header = rows[headerAt]!.map((c) => c?.trim() ?? '');
  const col = Object.fromEntries(Object.entries(COLUMNS).map(([k, name]) => [k, header.indexOf(name)])) as Record<ColumnKey, number>;
  for (const k of ['level2', 'points'] as const) {
    if (col[k] < 0) errors.push({ row: headerAt + 1, column: COLUMNS[k], message: t(`表头缺少「${COLUMNS[k]}」列`, `The header has no “${COLUMNS[k]}” column`) });
  }
  if (errors.length) return { tree: [], rowOf, errors };
  const byName = new Map<string, string>();
  for (const u of assessors) for (const n of [u.unitId, u.name, u.shortName]) if (n) byName.set(n, u.unitId);

  type Open = { node: PlanNode; common?: boolean; implicit: boolean };
  const tree: PlanNode[] = [];
  const open: (Open | undefined)[] = [];
  const implicit: PlanNode[] = [];
  for (let i = headerAt + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    const cell = (k: ColumnKey) => (col[k] < 0 ? '' : String(cells[col[k]] ?? '').trim());
    if (cells.every((c) => !String(c ?? '').trim())) continue;
    const row = i + 1;
    const fail = (column: ColumnKey, message: string) => errors.push({ row, column: COLUMNS[column], message });
    try {
      const names = LEVELS.map((l) => cell(l));
      const depth = names.reduce((d, n, k) => (n ? k + 1 : d), 0);
      if (!depth) throw new CellError('level1', t('请填写指标名称', 'Name the indicator'));
      // Shallower names on the row (merged cells repeated) must match, or open a new parent.
      for (let k = 0; k < depth - 1; k++) {
        if (!names[k]) {
          if (!open[k]) throw new CellError(LEVELS[k]!, t(`${COLUMNS[LEVELS[k]!]}为空，该行没有上级指标`, `${COLUMNS[LEVELS[k]!]} is empty: the row has no parent indicator`));
          continue;
        }
        const { name, points } = nameWithPoints(names[k]!);
        if (open[k]?.node.name === name) continue;
        if (k > 0 && !open[k - 1]) throw new CellError(LEVELS[k - 1]!, t('该行没有上级指标', 'The row has no parent indicator'));
        const parent: Open = { node: { id: '', name, points: points ?? 0, children: [] }, implicit: points === undefined };
        if (parent.implicit) implicit.push(parent.node);
        (k === 0 ? tree : open[k - 1]!.node.children!).push(parent.node);
        open[k] = parent;
        open.length = k + 1;
        (parent.node as RowNode).row = row;
      }
      const pointsText = cell('points');
      if (!pointsText) throw new CellError('points', t('请填写分值', 'Give the points'));
      const commonText = cell('common');
      if (commonText && commonText !== '共性' && commonText !== '个性') throw new CellError('common', t('应为「共性」或「个性」', 'Write 共性 or 个性'));
      const refinableText = cell('refinable');
      if (refinableText && refinableText !== '是' && refinableText !== '否') throw new CellError('refinable', t('应为「是」或「否」（空即否）', 'Write 是 or 否 (empty: 否)'));
      const assessorText = cell('assessor');
      const assessorUnitId = assessorText ? byName.get(assessorText) : undefined;
      if (assessorText && !assessorUnitId) throw new CellError('assessor', t(`找不到考评单位「${assessorText}」`, `No assessor unit “${assessorText}”`));
      const node: PlanNode = {
        id: '',
        name: nameWithPoints(names[depth - 1]!).name,
        points: amount(pointsText, 'points'),
        ...(assessorUnitId ? { assessorUnitId } : {}),
        ...(cell('criteria') ? { criteria: cell('criteria') } : {}),
        ...(refinableText === '是' ? { refinable: true } : {}),
      };
      const method = parseMethod(cell('method'), cell('params'));
      if (method) node.method = method;
      const inherited = open.slice(0, depth - 1).reverse().find((o) => o?.common !== undefined)?.common;
      const common = commonText ? commonText === '共性' : inherited;
      if (common !== undefined) node.common = common;
      const siblings = depth === 1 ? tree : open[depth - 2]!.node.children!;
      siblings.push({ ...node, children: [] });
      open[depth - 1] = { node: siblings.at(-1)!, common, implicit: false };
      open.length = depth;
      (siblings.at(-1) as RowNode).row = row;
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      fail(e.column, e.message);
    }
  }
  // A parent named only inside its children's rows is worth what they add up to.
  const total = (n: PlanNode): number => (n.children?.length ? n.children.reduce((s, c) => s + total(c), 0) : n.points);
  for (const n of implicit) n.points = total(n);
  numberTree(tree);
  const firstRow = (n: RowNode): number => n.row ?? (n.children?.length ? firstRow(n.children[0]!) : headerAt + 1);
  for (const { node, path } of walk(tree)) {
    rowOf.set(path, firstRow(node));
    delete (node as RowNode).row;
    if (!node.children?.length) delete node.children;
  }
  return { tree, errors, rowOf };
}

/** Codes by position: 1, 1.1, 1.1.1. */
export function numberTree(tree: PlanNode[], prefix = ''): void {
  tree.forEach((n, i) => {
    n.id = `${prefix}${i + 1}`;
    numberTree(n.children ?? [], `${n.id}.`);
  });
}

const FIELD_COLUMNS: Record<string, ColumnKey> = { points: 'points', method: 'params', assessorUnitId: 'assessor', common: 'common', criteria: 'criteria', refinable: 'refinable', name: 'level1', id: 'level1' };

/** Plan problems under `tree.` turned into row errors: the node's row and the column of the field. */
export function problemsToRows(problems: readonly FieldProblem[], rowOf: ReadonlyMap<string, number>, tree: readonly PlanNode[]): RowError[] {
  const depthOf = new Map(walk(tree).map((w) => [w.path, w.depth]));
  return problems.map((p) => {
    const m = /^(tree(?:\.\d+(?:\.children\.\d+)*)?)(?:\.(\w+))?/.exec(p.path)!;
    const nodePath = m[1]!;
    let column = FIELD_COLUMNS[m[2] ?? 'name'] ?? 'level1';
    if (m[2] === 'method' && p.path.endsWith('.kind')) column = 'method';
    if (column === 'level1') column = LEVELS[(depthOf.get(nodePath) ?? 1) - 1] ?? 'level1';
    return { row: rowOf.get(nodePath) ?? 0, column: COLUMNS[column], message: p.message };
  });
}

/** Rows to the tree and every problem as a row error: nothing is imported while `errors` is not empty. */
export function importRows(rows: readonly (readonly string[])[], plan: CategoryPlan, ctx: PlanContext, assessors: readonly AssessorOption[]) {
  const { tree, errors, rowOf } = rowsToTree(rows, assessors);
  if (errors.length) return { plan, errors };
  const next = normalisePlan({ ...plan, tree });
  const bad = checkPlan(next, ctx).filter((p) => p.path.startsWith('tree'));
  return { plan: next, errors: problemsToRows(bad, rowOf, next.tree) };
}

/** The tree as sheet rows, header first; `unitName` shows an assessor by name. */
export function treeToRows(tree: readonly PlanNode[], unitName: (unitId: string) => string, withLevel3 = walk(tree).some((w) => w.depth > 2)): string[][] {
  const columns: ColumnKey[] = withLevel3 ? ['level1', 'level2', 'level3', ...TEMPLATE_COLUMNS.slice(2)] : TEMPLATE_COLUMNS;
  const rows: string[][] = [columns.map((c) => COLUMNS[c])];
  for (const { node, depth } of walk(tree)) {
    const leaf = !node.children?.length;
    const values: Record<ColumnKey, string> = {
      level1: depth === 1 ? node.name : '',
      level2: depth === 2 ? node.name : '',
      level3: depth === 3 ? node.name : '',
      points: num(node.points),
      method: leaf && node.method ? PLAN_METHOD_NAMES[node.method.kind] : '',
      params: leaf ? methodParams(node.method) : '',
      assessor: leaf && node.assessorUnitId ? unitName(node.assessorUnitId) : '',
      common: leaf && node.common !== undefined ? (node.common ? '共性' : '个性') : '',
      criteria: node.criteria ?? '',
      refinable: leaf && node.refinable ? '是' : '',
    };
    rows.push(columns.map((c) => values[c]));
  }
  return rows;
}

/** A small filled-in example for the downloadable template. */
export function templateRows(): string[][] {
  return [
    TEMPLATE_COLUMNS.map((c) => COLUMNS[c]),
    ['职能工作', '', '60', '', '', '', '', '', ''],
    ['', '市委市政府重点工作', '30', '目标完成率法', '封顶100%', '玉林市人民政府办公室', '个性', '按年度目标完成率计分', '是'],
    ['', '部门职能业务指标', '25', '直接评分法', '', '玉林市人民政府办公室', '个性', '由考评单位直接评分', '是'],
    ['', '自治区对口部门考评排名', '5', '排名法', '第1-3名100%；第4-6名80%；第7-9名60%；其余0%', '玉林市人民政府办公室', '个性', '按自治区对口部门考评排名计分', ''],
    ['共性指标', '', '25', '', '', '', '共性', '', ''],
    ['', '督查督办落实', '25', '扣分法', '每次扣0.5分；保底0分', '玉林市人民政府办公室', '共性', '每逾期一项扣 0.5 分，扣完为止', ''],
    ['满意度评价', '', '15', '', '', '', '共性', '', ''],
    ['', '社会公众评价', '15', '满意度评价', '', '广西壮族自治区统计局社情民意调查中心', '共性', '分值 × 满意率', ''],
  ];
}
