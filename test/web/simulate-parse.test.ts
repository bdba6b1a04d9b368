import { describe, expect, it } from 'vitest';
import { defaultGradingRules } from '@shared/domain/scoring/index.ts';
import { parseTsv } from '@/utils/tsv';
import { draftOf, rulesOf } from '@/views/simulate/rules-draft';
import { sampleRows } from '@/views/simulate/samples';
import { readSampleTable } from '@/views/simulate/sample-table';
import { simulate } from '@/views/simulate/simulation';
import { useSimulation } from '@/views/simulate/useSimulation';

/** Ten passing units, 95.00 down to 86.00, as Excel copies them (CRLF, trailing line break). */
const tenUnits = (header: boolean) =>
  (header ? '单位名称\t总分\t共性指标得分\r\n' : '') +
  Array.from({ length: 10 }, (_, i) => `单位${String(i + 1).padStart(2, '0')}\t${95 - i}.00\t${30 - i}.5\r\n`).join('');

describe('simulate: TSV parsing', () => {
  it('splits cells and rows as Excel writes them, quoted cells included', () => {
    // Act
    const rows = parseTsv('a\t"b\tc"\r\n"say ""hi"""\t"two\nlines"\n\n');

    // Assess
    expect(rows).toEqual([['a', 'b\tc'], ['say "hi"', 'two\nlines'], ['']]);
  });

  it('reads a table with a Chinese header row, in any column order', () => {
    // Act
    const read = readSampleTable(parseTsv('总分（分）\t单位\t严重扣分\n85.5\t市教育局\t1\n'));

    // Assess
    expect(read.problems).toEqual([]);
    expect(read.hasHeader).toBe(true);
    expect(read.units).toEqual([{ name: '市教育局', total: 8550, commonScore: 0, severeDeductions: 1 }]);
  });

  it('reads a table without a header in the template column order', () => {
    // Act
    const read = readSampleTable(parseTsv('容县\t88.76\t27.50\t无\t0\n福绵区\t７９．８０\t25.1\t发生较大安全生产责任事故\t\n'));

    // Assess
    expect(read.hasHeader).toBe(false);
    expect(read.units.map((u) => [u.name, u.total, u.commonScore, u.veto])).toEqual([
      ['容县', 8876, 2750, undefined],
      ['福绵区', 7980, 2510, '发生较大安全生产责任事故'],
    ]);
  });

  it('refuses a decimal comma instead of guessing what it means', () => {
    // Act
    const read = readSampleTable(parseTsv('单位名称\t总分\n市水利局\t82,45\n'));

    // Assess
    expect(read.problems).toEqual([{ row: 2, column: 'total', message: '小数点请用“.”，不要用逗号（如 85.50）' }]);
  });

  it('reads an Art 23 adjustment and requires the document number once approved', () => {
    // Prepare
    const head = '单位名称\t总分\t调整对象\t调整方向\t调整理由\t批准文号\t已批准\n';

    // Act
    const good = readSampleTable(parseTsv(`${head}市公安局\t90\t等次\t提高\t重大专项成绩突出\t玉绩办〔2026〕3号\t是\n`));
    const bad = readSampleTable(parseTsv(`${head}市公安局\t90\t等次\t提高\t重大专项成绩突出\t\t是\n`));

    // Assess
    expect(good.units[0]!.adjustment).toEqual({
      target: 'grade',
      direction: 'raise',
      steps: 1,
      reason: '重大专项成绩突出',
      approved: true,
      documentNumber: '玉绩办〔2026〕3号',
    });
    expect(bad.problems).toEqual([{ row: 2, column: 'adjustDocument', message: '已批准的调整必须填写批准文号' }]);
  });
});

describe('simulate: bad rows', () => {
  it('reports each bad cell by row and column and imports nothing', () => {
    // Prepare
    const text = '单位名称\t总分\t共性指标得分\t严重扣分次数\n市教育局\t91.20\t28.40\t0\n\n市财政局\t89.755\t28.6\t\n\t80\tx\t-1\n市教育局\t70\t\t\n';

    // Act
    const read = readSampleTable(parseTsv(text));

    // Assess: row numbers are the pasted lines, the blank line counted.
    expect(read.units).toEqual([]);
    expect(read.problems).toEqual([
      { row: 4, column: 'total', message: '应为最多两位小数的数值，如 85.50' },
      { row: 5, column: 'name', message: '不能为空' },
      { row: 5, column: 'commonScore', message: '应为最多两位小数的数值，如 85.50' },
      { row: 5, column: 'severeDeductions', message: '应为不小于 0 的整数' },
      { row: 6, column: 'name', message: '单位名称与第 2 行重复' },
    ]);
  });

  it('reports an unknown or missing header', () => {
    // Act
    const read = readSampleTable(parseTsv('单位名称\t分数线\n市教育局\t91\n'));

    // Assess
    expect(read.problems).toEqual([
      { row: 1, message: '无法识别的表头“分数线”' },
      { row: 1, column: 'total', message: '缺少“总分”列' },
    ]);
  });

  it('blocks the run: a bad paste keeps the previous sample and gives no new result', () => {
    // Prepare
    const sim = useSimulation();
    sim.loadSample('counties');
    const before = sim.result.value;

    // Act
    const imported = sim.importText(`${tenUnits(true)}单位11\t不知道\t\n`);

    // Assess
    expect(imported).toBe(false);
    expect(sim.problems.value).toEqual([{ row: 12, column: 'total', message: '应为最多两位小数的数值，如 85.50' }]);
    expect(sim.units.value).toHaveLength(7);
    expect(sim.result.value).toBe(before);
  });

  it('refuses text without tabs, e.g. copied from a web page or typed with spaces', () => {
    // Prepare
    const sim = useSimulation();

    // Act
    const imported = sim.importText('市教育局 91.20\n市财政局 89.75\n');

    // Assess
    expect(imported).toBe(false);
    expect(sim.problems.value[0]!.message).toContain('制表符');
  });

  it('gives no result while the rules are invalid, with the error on the field', () => {
    // Prepare
    const sim = useSimulation();
    sim.importText(tenUnits(false));

    // Act
    sim.draft.secondPercent = '80.00';

    // Assess
    expect(sim.rulesCheck.value.errors).toEqual({ secondPercent: '一等与二等比例之和不能超过 100%' });
    expect(sim.result.value).toBeNull();
  });
});

describe('simulate: grading', () => {
  it('grades ten passing units 3 / 5 / 2 with the default rules', () => {
    // Prepare
    const read = readSampleTable(parseTsv(tenUnits(false)));

    // Act
    const result = simulate(defaultGradingRules(), read.units);

    // Assess
    expect(result.quotas).toEqual({ first: 3, second: 5 });
    expect(result.counts).toEqual({ first: 3, second: 5, third: 2, fail: 0 });
    expect(result.units.map((u) => u.unitId).slice(0, 3)).toEqual(['单位01', '单位02', '单位03']);
  });

  it('grades by score lines in threshold mode, without quotas', () => {
    // Prepare
    const draft = { ...draftOf(), mode: 'threshold' as const, firstFrom: '90', secondFrom: '80' };
    const units = readSampleTable(sampleRows('counties')).units;

    // Act
    const result = simulate(rulesOf(draft).rules!, units);

    // Assess: 玉州区 92.35 and 北流市 90.12 reach 90, the other four 80; 陆川县 drops to 三等 (severe deduction).
    expect(result.quotas).toBeNull();
    expect(result.counts).toEqual({ first: 2, second: 3, third: 1, fail: 1 });
  });

  it('prefills the SPEC defaults and turns them back into the same rules', () => {
    // Act
    const draft = draftOf();

    // Assess
    expect(draft).toMatchObject({ failLine: '60.00', mode: 'proportion', firstPercent: '30.00', secondPercent: '50.00' });
    expect(rulesOf(draft).rules).toEqual(defaultGradingRules());
  });

  it('grades the county sample with its veto and severe deduction', () => {
    // Prepare
    const sim = useSimulation();

    // Act
    sim.loadSample('counties');

    // Assess: 6 passed → 1 / 3 / 2, then 陆川县 lowered from 二等 to 三等 without refilling.
    const result = sim.result.value!;
    expect(result.quotas).toEqual({ first: 1, second: 3 });
    expect(result.counts).toEqual({ first: 1, second: 2, third: 3, fail: 1 });
    const grade = (name: string) => result.units.find((u) => u.unitId === name)!.grade;
    expect([grade('玉州区'), grade('陆川县'), grade('福绵区')]).toEqual(['first', 'third', 'fail']);
  });

  it('grades the department sample: its two equal totals ranked by common score by default, sharing a rank under shareRank', () => {
    // Act
    const read = readSampleTable(sampleRows('departments'));
    const result = simulate(defaultGradingRules(), read.units);
    const shared = simulate({ ...defaultGradingRules(), ties: 'shareRank' }, read.units);

    // Assess: 市司法局 and 市民政局 both have 87.30, common scores 28.20 and 27.80.
    const rank = (r: typeof result, id: string) => r.units.find((u) => u.unitId === id)!.rankInGrade;
    expect(result.units.some((u) => u.tied)).toBe(false);
    expect(rank(result, '市民政局')).toBe(rank(result, '市司法局') + 1);
    const tied = shared.units.filter((u) => u.tied);
    expect(tied.map((u) => u.unitId)).toEqual(['市司法局', '市民政局']);
    expect(tied[0]!.rankInGrade).toBe(tied[1]!.rankInGrade);
    expect(result.counts.fail).toBe(1);
  });
});
