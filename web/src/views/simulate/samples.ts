// Example tables for trying the page: fictitious scores, not real results. Each has one veto, one
// severe deduction and (the departments) a tie, so every grading rule shows up in the result.
import { COLUMN_HEADERS } from './columns';

export const SAMPLE_KEYS = ['counties', 'departments'] as const;
export type SampleKey = (typeof SAMPLE_KEYS)[number];

const HEADER = [COLUMN_HEADERS.name, COLUMN_HEADERS.total, COLUMN_HEADERS.commonScore, COLUMN_HEADERS.veto, COLUMN_HEADERS.severeDeductions];
const VETO = '发生较大安全生产责任事故';

/** The seven county-level areas of 玉林市. */
const COUNTIES: string[][] = [
  ['玉州区', '92.35', '28.60', '', '0'],
  ['福绵区', '79.80', '25.10', VETO, '0'],
  ['容县', '88.76', '27.50', '', '0'],
  ['陆川县', '86.40', '26.80', '', '1'],
  ['博白县', '85.93', '27.10', '', '0'],
  ['兴业县', '83.05', '25.60', '', '0'],
  ['北流市', '90.12', '27.90', '', '0'],
];

/** Fifteen municipal government departments (市直政府部门). */
const DEPARTMENTS: string[][] = [
  ['市发展和改革委员会', '93.45', '29.10', '', '0'],
  ['市教育局', '91.20', '28.40', '', '0'],
  ['市科学技术局', '88.65', '27.30', '', '0'],
  ['市工业和信息化局', '90.08', '28.00', '', '0'],
  ['市公安局', '92.10', '28.90', '', '0'],
  ['市民政局', '87.30', '27.80', '', '0'],
  ['市司法局', '87.30', '28.20', '', '0'],
  ['市财政局', '89.75', '28.60', '', '0'],
  ['市人力资源和社会保障局', '86.55', '27.00', '', '0'],
  ['市自然资源局', '86.90', '26.40', '', '1'],
  ['市生态环境局', '85.60', '27.20', '', '0'],
  ['市住房和城乡建设局', '83.70', '26.10', VETO, '0'],
  ['市交通运输局', '85.10', '26.90', '', '0'],
  ['市水利局', '82.45', '25.80', '', '0'],
  ['市农业农村局', '86.05', '27.40', '', '0'],
];

/** The sample as a table with a header row, read like any pasted table. */
export function sampleRows(key: SampleKey): string[][] {
  return [HEADER, ...(key === 'counties' ? COUNTIES : DEPARTMENTS)].map((r) => [...r]);
}
