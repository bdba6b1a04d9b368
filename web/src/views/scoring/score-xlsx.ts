// The scoring sheets as the portal writes them (the API reads the same layout: domain/score-rows.ts):
// an indicator's inputs, a row per unit with the self-assessed value for reference; and the third
// party's survey sheet, a column per satisfaction indicator. Cells are written as text (rowsWorkbook).
import { inputCell, SCORE_SHEET_HEADER, SURVEY_FIXED, surveyHeader } from '@shared/domain/score-rows.ts';
import { SCORE_FIELD } from '@shared/domain/assessor-scores.ts';
import type { IndicatorSummary, WorkRow } from '@/api/scores';
import { rowsWorkbook } from '@/utils/xlsx';

/** An indicator's rows: 单位编号, 单位名称, 考评类别, 自评值, 评分输入 (as entered), 更正理由 (empty). */
export function scoreSheet(rows: readonly WorkRow[]): Promise<Blob> {
  const body = rows.map((r) => {
    const value = r.score?.inputs[SCORE_FIELD[r.methodKind]];
    return [r.unitId, r.unitName, r.categoryName, r.reported ?? '', inputCell(r.methodKind, value), ''];
  });
  return rowsWorkbook([SCORE_SHEET_HEADER, ...body], '评分输入', [14, 28, 16, 12, 14, 30]);
}

/** The survey sheet: a row per unit, the rates entered so far (%), no personal data. */
export function surveySheet(indicators: readonly IndicatorSummary[], rows: readonly WorkRow[]): Promise<Blob> {
  const leaves = indicators.filter((i) => i.methodKind === 'satisfaction').map((i) => ({ id: i.indicatorId, name: i.name }));
  const units = [...new Map(rows.map((r) => [r.unitId, r.unitName])).entries()];
  const body = units.map(([unitId, name]) => [
    unitId,
    name,
    ...leaves.map((l) => {
      const r = rows.find((x) => x.unitId === unitId && x.indicatorId === l.id);
      return r ? inputCell('satisfaction', r.score?.inputs.rate) : '';
    }),
  ]);
  return rowsWorkbook([[SURVEY_FIXED.unitId, SURVEY_FIXED.unit, ...leaves.map(surveyHeader)], ...body], '满意度调查结果', [14, 28]);
}
