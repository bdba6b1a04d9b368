// Formula injection in the portal's .xlsx exports: a text a user typed that starts like a formula
// (= + - @, tab, line break) never reaches a cell as something a spreadsheet would evaluate,
// in every export the portal offers; and the sheet still reads back to the same texts on import.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { UnitRowSource } from '@shared/domain/unit-rows.ts';
import { addSafeRow, cellText, readFirstSheet, safeCellText, unquoteCellText } from '@/utils/xlsx';
import { errorsWorkbook, treeWorkbook } from '@/views/cycle/plan/plan-xlsx';
import { draftOf, rulesOf } from '@/views/simulate/rules-draft';
import { readSampleTable } from '@/views/simulate/sample-table';
import { simulate } from '@/views/simulate/simulation';
import { resultBlob, templateBlob } from '@/views/simulate/xlsx-io';
import { unitErrorsWorkbook, unitsWorkbook } from '@/views/unit/unit-xlsx';
import { passwordsWorkbook, userErrorsWorkbook, usersWorkbook } from '@/views/user/user-xlsx';
import { accounts, units } from './users-fixtures';

/** What attackers put in a text field: each would run as a formula if a spreadsheet evaluated it. */
const FORMULAS = ["=cmd|' /C calc'!A0", '+SUM(1)', '-2+3', '@SUM(1)', '=HYPERLINK("http://evil.example","点击")', '\t=1+1', '\r=1+1', '=1+1'];

/** A cell a spreadsheet would evaluate, or turn into a formula when edited. */
function dangerous(cell: ExcelJS.Cell): boolean {
  if (cell.type === ExcelJS.ValueType.Formula) return true;
  const v = cell.value;
  const text = typeof v === 'string' ? v : v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : undefined;
  return text !== undefined && /^[=+\-@\t\r\n]/.test(text) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text);
}

/** Every cell of every sheet of an exported file that a spreadsheet would run as a formula. */
async function formulaCells(blob: Blob): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await blob.arrayBuffer());
  const found: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => dangerous(cell) && found.push(`${sheet.name}!${cell.address}: ${String(cell.value)}`))));
  return found;
}

/** How many cells of an exported file hold one of FORMULAS (made safe): proves the test put them there. */
async function cellsHolding(blob: Blob): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await blob.arrayBuffer());
  let n = 0;
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void (FORMULAS.some((f) => cellText(cell.value).includes(f.trim())) && n++))));
  return n;
}

describe('safeCellText', () => {
  it.each(FORMULAS)('puts an apostrophe before %j', (f) => {
    expect(safeCellText(f)).toBe(`'${f}`);
  });

  it.each(['-2', '+3', '-0.5', '85.50', '1e3', '玉林市教育局', '', "'quoted", 'a=b', '2026-03-01'])('leaves %j as it is', (s) => {
    expect(safeCellText(s)).toBe(s);
  });

  it.each([...FORMULAS, '-2', '玉林市', "'not ours"])('reads %j back exactly (unquoteCellText ∘ safeCellText = identity)', (s) => {
    expect(unquoteCellText(safeCellText(s))).toBe(s);
  });

  it('keeps an apostrophe a user typed before ordinary text', () => {
    expect(unquoteCellText("'玉林")).toBe("'玉林");
  });
});

describe('every export writes user text safely', () => {
  const bad = (i: number) => FORMULAS[i % FORMULAS.length]!;

  it('addSafeRow: a formula-like text is text, numbers stay numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('s');
    addSafeRow(sheet, [...FORMULAS, -2, 3.5, null]);
    const blob = new Blob([await wb.xlsx.writeBuffer()]);
    expect(await formulaCells(blob)).toEqual([]);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(await blob.arrayBuffer());
    const row = read.worksheets[0]!.getRow(1);
    // The file format keeps a carriage return as a line feed; otherwise every text comes back as written.
    expect(FORMULAS.map((_, i) => cellText(row.getCell(i + 1).value))).toEqual(FORMULAS.map((f) => f.replace(/\r/g, '\n')));
    expect(row.getCell(FORMULAS.length + 1).value).toBe(-2);
  });

  it('units: the list and the error sheet', async () => {
    const listed: UnitRowSource[] = FORMULAS.map((f, i) => ({ name: f, shortName: bad(i + 1), type: 'department', category: bad(i + 2), assessor: true, assessorField: bad(i + 3), status: 'active', names: [{ name: f, from: '' }] }));
    const list = await unitsWorkbook(listed);
    expect(await cellsHolding(list)).toBeGreaterThanOrEqual(FORMULAS.length * 4);
    expect(await formulaCells(list)).toEqual([]);
    // Read back (as an import would): the same texts, not the apostrophes.
    const rows = await readFirstSheet(await list.arrayBuffer());
    expect(rows.slice(1).map((r) => r[0])).toEqual(FORMULAS.map((f) => f.trim()));

    const entries = FORMULAS.map((f, i) => ({ row: i + 2, cells: { name: f, shortName: bad(i + 1), type: '部门', category: '', assessor: '否', assessorField: '' } }));
    const errors = entries.map((e) => ({ row: e.row, column: '单位名称', message: bad(e.row) }));
    const errorSheet = await unitErrorsWorkbook(entries, errors);
    expect(await cellsHolding(errorSheet)).toBeGreaterThan(0);
    expect(await formulaCells(errorSheet)).toEqual([]);
  });

  it('accounts: the list, the error sheet and the passwords', async () => {
    const people = accounts.map((a, i) => ({ ...a, name: bad(i) }));
    const list = await usersWorkbook(people, units);
    expect(await cellsHolding(list)).toBeGreaterThanOrEqual(people.length);
    expect(await formulaCells(list)).toEqual([]);

    const entries = FORMULAS.map((f, i) => ({ row: i + 2, cells: { username: f, name: bad(i + 1), role: bad(i + 2), unit: bad(i + 3) } }));
    const errorSheet = await userErrorsWorkbook(entries, entries.map((e) => ({ row: e.row, column: '姓名', message: bad(e.row) })));
    expect(await cellsHolding(errorSheet)).toBeGreaterThan(0);
    expect(await formulaCells(errorSheet)).toEqual([]);

    const passwords = await passwordsWorkbook(
      people.map((p) => ({ username: p.username, password: '=1+1' })),
      people,
    );
    expect(await formulaCells(passwords)).toEqual([]);
  });

  it('plan: the indicator sheet and its error sheet', async () => {
    const tree = [{ id: '1', name: FORMULAS[0]!, points: 10_000, children: [{ id: '1.1', name: FORMULAS[1]!, points: 10_000, criteria: FORMULAS[3]!, method: { kind: 'direct' as const } }] }];
    const sheet = await treeWorkbook(tree, () => FORMULAS[2]!, '指标体系');
    expect(await cellsHolding(sheet)).toBeGreaterThanOrEqual(3);
    expect(await formulaCells(sheet)).toEqual([]);
    const errorSheet = await errorsWorkbook(FORMULAS.map((f, i) => ({ row: i + 2, column: f, message: bad(i + 1) })), ['行', '列', '原因'], '错误');
    expect(await formulaCells(errorSheet)).toEqual([]);
  });

  it('simulation: the template with a category’s unit names, and the result', async () => {
    const template = await templateBlob(FORMULAS);
    expect(await cellsHolding(template)).toBeGreaterThanOrEqual(FORMULAS.length);
    expect(await formulaCells(template)).toEqual([]);

    const rules = rulesOf(draftOf()).rules!;
    const sample = readSampleTable([['=cmd|\' /C calc\'!A0', '90'], ['@SUM(1)', '59.99'], ['+SUM(1)', '75']]);
    const result = simulate(rules, sample.units);
    const blob = await resultBlob(result, rules);
    expect(await cellsHolding(blob)).toBeGreaterThanOrEqual(3);
    expect(await formulaCells(blob)).toEqual([]);
  });
});
