// The columns of a sample table (模拟数据): the template's headers, the names recognised in a pasted
// or uploaded header row, and the column order assumed when there is no header row.

export const COLUMN_KEYS = [
  'name',
  'total',
  'commonScore',
  'veto',
  'severeDeductions',
  'adjustTarget',
  'adjustDirection',
  'adjustSteps',
  'adjustReason',
  'adjustDocument',
  'adjustApproved',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** Template headers (Chinese, as in the work plan's Excel sheets). */
export const COLUMN_HEADERS: Record<ColumnKey, string> = {
  name: '单位名称',
  total: '总分',
  commonScore: '共性指标得分',
  veto: '一票否决原因',
  severeDeductions: '严重扣分次数',
  adjustTarget: '调整对象',
  adjustDirection: '调整方向',
  adjustSteps: '调整幅度',
  adjustReason: '调整理由',
  adjustDocument: '批准文号',
  adjustApproved: '已批准',
};

/** Other header texts users write for the same column (compared after normalising, see headerKey). */
const ALIASES: Record<ColumnKey, string[]> = {
  name: ['单位', '名称', '责任单位', '单位名', 'unit', 'unitname', 'name'],
  total: ['总得分', '得分', '综合得分', '考评得分', 'total', 'score', 'totalscore'],
  commonScore: ['共性指标', '共性得分', '共性指标分', 'common', 'commonscore'],
  veto: ['一票否决', '否决原因', '一票否决事由', 'veto', 'vetoreason'],
  severeDeductions: ['严重扣分', '严重扣分项数', '严重扣分数', '情节严重扣分', 'severe', 'severedeductions'],
  adjustTarget: ['调整类型', '调整项目', 'adjust', 'adjusttarget', 'adjustment'],
  adjustDirection: ['方向', 'direction'],
  adjustSteps: ['幅度', '调整等级数', 'steps'],
  adjustReason: ['理由', '调整原因', 'reason'],
  adjustDocument: ['文号', '批准文件号', 'document', 'documentno', 'documentnumber'],
  adjustApproved: ['是否批准', '批准', '已报批', 'approved'],
};

/** Full-width to half-width, no spaces or trailing unit in brackets, lower case: "总分（分）" → "总分". */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\((分|%|次|个)\)$/, '')
    .replace(/[*＊.:：]/g, '')
    .toLowerCase();
}

const LOOKUP = new Map<string, ColumnKey>(
  COLUMN_KEYS.flatMap((key) => [COLUMN_HEADERS[key], ...ALIASES[key]].map((h) => [normaliseHeader(h), key] as const)),
);

/** The column a header cell names, or undefined. */
export const headerKey = (cell: string): ColumnKey | undefined => LOOKUP.get(normaliseHeader(cell));

/** A row is a header when one of its cells names the unit or the total column. */
export function isHeaderRow(cells: readonly string[]): boolean {
  return cells.some((c) => {
    const key = headerKey(c);
    return key === 'name' || key === 'total';
  });
}
