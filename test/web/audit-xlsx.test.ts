// The audit export: one row per entry in Beijing time, and no cell a spreadsheet could take for a
// formula, whatever a user typed into the names, targets and values the log keeps.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/api/types';
import { auditRows, auditWorkbook, sheetSafe } from '@/views/audit/audit-xlsx';

const labels = {
  sheet: '操作日志',
  header: ['时间', '操作人', '角色', '单位', '操作', '对象', '变更前', '变更后', '记录编号', '链', '序号', '哈希'],
  role: (e: AuditEntry) => `R:${e.role}`,
  action: (e: AuditEntry) => e.action,
};
const entry = (over: Partial<AuditEntry>): AuditEntry => ({ id: 'e1', regionId: '450900', at: '2026-11-30T17:00:05.000Z', actor: 'yl_staff', role: 'bureau_staff', action: 'unit.rename', target: 'unit:450900/u1', ...over });
const hostile = ['=cmd|\' /C calc\'!A0', '+SUM(1,2)', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];

describe('audit export', () => {
  it('writes the time in Beijing, to the second, and the chain fields', () => {
    const [header, row] = auditRows([entry({ chain: '2026-12-01#3', seq: 7, hash: 'ab', unitId: 'yl-jxb', after: { name: '新' } })], labels);
    expect(header).toEqual(labels.header);
    expect(row).toEqual(['2026-12-01 01:00:05', 'yl_staff', 'R:bureau_staff', 'yl-jxb', 'unit.rename', 'unit:450900/u1', '', '{"name":"新"}', 'e1', '2026-12-01#3', '7', 'ab']);
  });

  it.each(hostile)('puts an apostrophe before %j wherever it appears', (text) => {
    const rows = auditRows([entry({ actor: text, target: text, action: text, unitId: text })], { ...labels, role: () => text });
    for (const cell of rows[1]!.slice(1, 6)) expect(cell).toBe(`'${text}`);
    expect(sheetSafe('plain')).toBe('plain');
  });

  it('gives a workbook in which no cell starts a formula or is one', async () => {
    const blob = await auditWorkbook(hostile.map((text, i) => entry({ id: `e${i}`, target: text, before: text, after: -1 })), labels);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await blob.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(hostile.length + 1);
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(typeof cell.value).toBe('string');
        expect(/^[=+\-@\t\r]/.test(cell.value as string), String(cell.value)).toBe(false);
      }),
    );
  });
});
