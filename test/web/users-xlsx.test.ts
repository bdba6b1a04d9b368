import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseUserRows } from '@shared/domain/user-rows.ts';
import { ApiError } from '@/api/http';
import { rowErrorsOf } from '@/composables/useSheetImport';
import { problemIndex } from '@/utils/sheet-rows';
import { cellText, readFirstSheet } from '@/utils/xlsx';
import { passwordRows, passwordsWorkbook, userErrorRows, userErrorsWorkbook, usersWorkbook, userTemplateWorkbook } from '@/views/user/user-xlsx';
import { accounts, bureauStaff, units } from './users-fixtures';

const header = ['用户名', '姓名', '角色', '所属单位'];

async function sheetOf(blob: Blob, name: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await blob.arrayBuffer());
  const sheet = wb.getWorksheet(name)!;
  return [...Array(sheet.rowCount).keys()].map((i) => (sheet.getRow(i + 1).values as ExcelJS.CellValue[]).slice(1).map(cellText));
}

describe('accounts: xlsx', () => {
  it('gives a template whose example rows read as the import expects', async () => {
    // Act
    const rows = await readFirstSheet(await (await userTemplateWorkbook()).arrayBuffer());
    const res = parseUserRows(rows, [...units, { unitId: 'mm', name: '某某区', type: 'county' }, { unitId: 'ss', name: '某某市统计局', type: 'department', assessor: true }], new Set(), bureauStaff);

    // Assess
    expect(rows[0]).toEqual(header);
    expect(res.errors).toEqual([]);
    expect(res.users.map((u) => `${u.username}/${u.role}/${u.unitId}`)).toEqual(['zhangsan/unit_staff/mm', 'lisi/assessor_staff/ss']);
  });

  it('exports the listed accounts with unit names and 状态, in a sheet that imports again', async () => {
    // Prepare
    const listed = accounts.filter((a) => a.role === 'unit_staff');

    // Act
    const rows = await readFirstSheet(await (await usersWorkbook(listed, units)).arrayBuffer());

    // Assess
    expect(rows).toEqual([
      [...header, '状态'],
      ['jyj_staff', '韦海燕', '责任单位填报员', '市教育局', '已停用'],
      ['yuzhou_staff', '张晓燕', '责任单位填报员', '玉州区', '在用'],
    ]);
    const again = parseUserRows(rows, units, new Set(), bureauStaff);
    expect(again.errors).toEqual([]);
    expect(again.users.map((u) => u.unitId)).toEqual(['jyj', 'yz']);
  });

  it('writes 错误数据 as the bad rows with their reasons, sheet-wide problems first', async () => {
    // Prepare
    const rows = [header, ['ok_user', '甲', '责任单位填报员', '玉州区'], ['Bad User', '', '管理员', '玉州区'], ['ok_user', '丙', '考评单位工作人员', '玉州区']];
    const { entries, errors } = parseUserRows(rows, units, new Set(), bureauStaff);

    // Act
    const sheet = await sheetOf(await userErrorsWorkbook(entries, errors), '错误数据');

    // Assess
    expect(sheet[0]).toEqual([...header, '原行号', '错误原因']);
    expect(sheet.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['Bad User', '', '管理员', '玉州区', '3'],
      ['ok_user', '丙', '考评单位工作人员', '玉州区', '4'],
    ]);
    expect(sheet[1]![5]).toMatch(/^用户名：「Bad User」不符合规则.*；姓名：请填写姓名；角色：未知的角色「管理员」/);
    expect(sheet[2]![5]).toBe('用户名：与第 2 行重复；所属单位：「玉州区」不是考评单位');
    expect(userErrorRows([], [{ row: 1, column: '用户名', message: '找不到表头行' }])).toEqual([[...header, '原行号', '错误原因'], ['', '', '', '', '1', '用户名：找不到表头行']]);
  });

  it('writes the temporary passwords with each person’s name, as text', async () => {
    // Prepare
    const passwords = [{ username: 'import_a', password: '0123456789Ab' }, { username: 'import_b', password: 'x#Y7-2kQ9z!m' }];
    const people = [{ username: 'import_b', name: '乙' }, { username: 'import_a', name: '甲' }];

    // Act
    const sheet = await sheetOf(await passwordsWorkbook(passwords, people), '初始密码');

    // Assess
    expect(sheet).toEqual([
      ['用户名', '姓名', '初始密码'],
      ['import_a', '甲', '0123456789Ab'],
      ['import_b', '乙', 'x#Y7-2kQ9z!m'],
    ]);
    expect(passwordRows([{ username: 'nobody', password: 'p' }], [])).toEqual([['用户名', '姓名', '初始密码'], ['nobody', '', 'p']]);
  });

  it('takes the row report out of a refused import', () => {
    // Prepare
    const e = new ApiError(400, 'VALIDATION', '表格有 1 处错误，未开设任何账号', [
      { path: 'body.rows.3', message: '第 4 行「用户名」：已被使用', row: 4, column: '用户名', reason: '用户名「a」已被使用' } as never,
      { path: 'body.rows', message: '表格为空' },
    ]);

    // Act & Assess
    expect(rowErrorsOf(e)).toEqual([{ row: 4, column: '用户名', message: '用户名「a」已被使用' }]);
    expect(problemIndex(rowErrorsOf(e)).get('4|用户名')).toEqual(['用户名「a」已被使用']);
  });
});
