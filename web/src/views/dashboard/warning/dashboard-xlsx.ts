// The bureau's dashboard as an .xlsx: one sheet per table of the page (categories, units, the
// monthly trend, the units with most red, late and missed reports, the year before's trend), every
// cell written safe.
import type { DashboardView } from '@/api/early-warning';
import { addSafeRow, newWorkbook, workbookBlob } from '@/utils/xlsx';

type Row = readonly (string | number)[];
const COUNTS = ['正常', '黄色预警', '红色预警', '漏报期数', '迟报期数'] as const;
const countsOf = (c: { green: number; yellow: number; red: number; missing: number; late: number }) => [c.green, c.yellow, c.red, c.missing, c.late];

export function dashboardSheets(view: DashboardView, categoryName: (id: string) => string): { name: string; rows: Row[] }[] {
  const unitRows = (list: DashboardView['units']) => list.map((u) => [u.name, categoryName(u.categoryId), ...countsOf(u)]);
  return [
    { name: '各类别', rows: [['类别', ...COUNTS], ...view.categories.map((c) => [c.name, ...countsOf(c)]), ['合计', ...countsOf(view.totals)]] },
    { name: '各单位', rows: [['单位', '类别', ...COUNTS], ...unitRows(view.units)] },
    { name: '月度趋势', rows: [['月份', ...COUNTS], ...view.months.map((m) => [m.month, ...countsOf(m)])] },
    { name: '红色预警最多的单位', rows: [['单位', '类别', ...COUNTS], ...unitRows(view.mostRed)] },
    { name: '迟报漏报', rows: [['单位', '类别', ...COUNTS], ...unitRows(view.lateUnits)] },
    ...(view.lastYear ? [{ name: `${view.lastYear.cycleId}年月度趋势`, rows: [['月份', ...COUNTS], ...view.lastYear.months.map((m) => [m.month, ...countsOf(m)])] }] : []),
  ];
}

export async function dashboardWorkbook(view: DashboardView, categoryName: (id: string) => string): Promise<Blob> {
  const workbook = await newWorkbook();
  for (const { name, rows } of dashboardSheets(view, categoryName)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((r) => addSafeRow(sheet, r));
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((c, i) => (c.width = i === 0 ? 24 : 12));
  }
  return workbookBlob(workbook);
}
