// The scoring sheets as the portal writes them (.xlsx through exceljs) read back as the API reads an
// import: an indicator's export gives back every unit's input exactly (levels by name, direct scores and
// rates as hundredths), blank rows left as they are; the survey export has a column per satisfaction
// indicator and reads back to the rates entered.
import { describe, expect, it } from 'vitest';
import { readScoreRows, readSurveyRows } from '@shared/domain/score-rows.ts';
import type { IndicatorSummary, ScoreView, WorkRow } from '@/api/scores';
import { readFirstSheet } from '@/utils/xlsx';
import { scoreSheet, surveySheet } from '@/views/scoring/score-xlsx';

const read = async (blob: Blob) => readFirstSheet(await blob.arrayBuffer());
const score = (inputs: ScoreView['inputs'], methodKind: ScoreView['methodKind']): ScoreView => ({
  unitId: '', indicatorId: '', categoryId: 'c1', assessorUnitId: 'a', points: 1000, common: false, methodKind, inputs, corrections: [], score: 0, explanation: [], status: 'draft', version: 1, updatedAt: '', updatedBy: '',
});
const row = (unitId: string, methodKind: WorkRow['methodKind'], indicatorId: string, inputs?: ScoreView['inputs'], extra: Partial<WorkRow> = {}): WorkRow => ({
  unitId, unitName: `单位${unitId}`, categoryId: 'c1', categoryName: '县（市、区）', indicatorId, indicatorName: `指标${indicatorId}`, methodKind, points: 1000, state: inputs ? 'scored' : 'toScore', ...(inputs ? { score: score(inputs, methodKind) } : {}), ...extra,
});
const summary = (indicatorId: string, name: string): IndicatorSummary => ({ indicatorId, name, methodKind: 'satisfaction', points: [1500], total: 2, toScore: 0, scored: 2, submitted: 0 });

describe('scoring sheets', () => {
  it('give back an indicator’s inputs as the API reads them, by method', async () => {
    const units = new Set(['u1', 'u2', 'u3']);
    const levels = await read(await scoreSheet([row('u1', 'qualitative', '2.1', { level: 'good' }, { reported: '优' }), row('u2', 'qualitative', '2.1', { level: 'poor' }), row('u3', 'qualitative', '2.1')]));
    expect(levels[1]).toEqual(['u1', '单位u1', '县（市、区）', '优', '良', '']);
    expect(readScoreRows(levels, 'qualitative', units)).toEqual({ rows: [{ row: 2, unitId: 'u1', value: 'good' }, { row: 3, unitId: 'u2', value: 'poor' }], errors: [] });
    const direct = await read(await scoreSheet([row('u1', 'direct', '1.2', { score: 2405 }), row('u2', 'direct', '1.2', { score: 7 })]));
    expect(readScoreRows(direct, 'direct', units).rows.map((r) => r.value)).toEqual([2405, 7]);
    const measures = await read(await scoreSheet([row('u1', 'completion', '1.1', { target: '90', actual: '0.452' })]));
    expect(readScoreRows(measures, 'completion', units).rows[0]!.value).toBe('0.452');
  });
  it('write the survey sheet with a column per satisfaction indicator, read back to the same rates', async () => {
    const rows = [row('u1', 'satisfaction', '3.1', { rate: 8750 }), row('u1', 'satisfaction', '3.2', { rate: 9005 }), row('u2', 'satisfaction', '3.1', { rate: 10000 })];
    const sheet = await read(await surveySheet([summary('3.1', '社会公众评价'), summary('3.2', '服务对象评价')], rows));
    expect(sheet[0]).toEqual(['单位编号', '单位名称', '3.1 社会公众评价（%）', '3.2 服务对象评价（%）']);
    const back = readSurveyRows(sheet, [{ id: '3.1', name: '社会公众评价' }, { id: '3.2', name: '服务对象评价' }], new Set(['u1', 'u2']));
    expect(back).toEqual({ rows: [{ row: 2, unitId: 'u1', rates: [{ indicatorId: '3.1', rate: 8750 }, { indicatorId: '3.2', rate: 9005 }] }, { row: 3, unitId: 'u2', rates: [{ indicatorId: '3.1', rate: 10000 }] }], errors: [] });
  });
});
