// The region report as .xlsx (Art 24): one sheet per table of the page — units by grade, score
// statistics with last year's, the indicators most often missed. Figures are numbers (points to two
// decimals), names go through the safe-cell writer (utils/xlsx.ts).
import type { Workbook } from 'exceljs';
import type { RegionReportView } from '@/api/reports';
import { addSafeRow, newWorkbook } from '@/utils/xlsx';

type T = (key: string, params?: Record<string, unknown>) => string;
const n = (hundredths: number) => hundredths / 100;

function sheet(workbook: Workbook, name: string, header: string[], widths: number[]) {
  const ws = workbook.addWorksheet(name);
  addSafeRow(ws, header).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = widths[i] ?? 14));
  return ws;
}

export async function regionReportWorkbook(r: RegionReportView, t: T): Promise<Workbook> {
  const wb = await newWorkbook();
  const confirmed = r.categories.flatMap((c) => (c.status === 'confirmed' ? [c] : []));
  const grades = sheet(wb, t('report.xlsx.grades'), [t('report.col.category'), t('report.col.grade'), t('report.col.rankInGrade'), t('report.col.unit'), t('report.col.total'), t('report.col.note')], [20, 10, 10, 28, 10, 20]);
  for (const c of confirmed)
    for (const g of c.grades)
      for (const u of g.units) addSafeRow(grades, [c.name, g.gradeName, u.rankInGrade, u.unitName, n(u.total), [u.vetoed ? t('report.vetoed') : '', u.decided ? t('report.art23') : ''].filter(Boolean).join('；')]);
  const stats = sheet(
    wb,
    t('report.xlsx.stats'),
    [t('report.col.category'), t('report.col.units'), t('report.col.mean'), t('report.col.median'), t('report.col.max'), t('report.col.min'), ...['first', 'second', 'third', 'fail'].map((g) => t(`report.grade.${g}`)), t('report.col.previousMean', { year: r.previousYear }), t('report.col.previous')],
    [20, 8, 10, 10, 10, 10, 8, 8, 8, 8, 16, 20],
  );
  for (const c of r.categories) {
    if (c.status !== 'confirmed') {
      addSafeRow(stats, [c.name, c.units, t('report.unconfirmed')]);
      continue;
    }
    const prev = c.previous.status === 'confirmed' ? n(c.previous.stats.mean) : '';
    addSafeRow(stats, [c.name, c.stats.count, n(c.stats.mean), n(c.stats.median), n(c.stats.max), n(c.stats.min), c.counts.first ?? 0, c.counts.second ?? 0, c.counts.third ?? 0, c.counts.fail ?? 0, prev, t(`report.previous.${c.previous.status}`, { year: r.previousYear })]);
  }
  const missed = sheet(wb, t('report.xlsx.missed'), [t('report.col.category'), t('report.col.no'), t('report.col.code'), t('report.col.indicator'), t('report.col.level1'), t('report.col.points'), t('report.col.lostSum'), t('report.col.lostAverage'), t('report.col.unitsLosing')], [20, 6, 8, 28, 16, 8, 10, 10, 12]);
  for (const c of confirmed) c.missed.forEach((m, i) => addSafeRow(missed, [c.name, i + 1, m.indicatorId, m.name, m.groupName, n(m.points), n(m.lostSum), n(m.lostAverage), `${m.unitsLosing}/${m.units}`]));
  return wb;
}
