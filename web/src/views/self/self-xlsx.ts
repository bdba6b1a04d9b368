// A unit's self-assessment as a workbook (自评表): one row per goal — indicator, method, target, the
// unit's input, its own score as the engine previewed it (two decimals from hundredths, never a float),
// the narrative and the evidence file names — for the unit's records and the bureau's files.
import { formatPoints, METHOD_NAMES, QUALITATIVE_NAMES, type QualitativeLevel } from '@shared/domain/scoring/index.ts';
import type { SelfGoalView, UnitSelfView } from '@/api/self-assessment';
import { rowsWorkbook } from '@/utils/xlsx';

export const SELF_HEADER = ['指标编号', '上级指标', '指标名称', '分值', '评分方法', '考评单位', '目标值', '计量单位', '自评完成值/等级/次数', '自评分（预估）', '完成情况说明', '佐证材料'] as const;
const WIDTHS = [10, 18, 28, 8, 14, 18, 10, 12, 20, 14, 50, 30];

/** The unit's input for a goal as a cell: the value, the level's name, the occurrences or the own score. */
export function inputText(g: SelfGoalView): string {
  const i = g.item;
  if (!i) return '';
  if (i.achieved !== undefined) return String(i.achieved);
  if (i.occurrences !== undefined) return `${i.occurrences} 次`;
  if (i.level !== undefined) return QUALITATIVE_NAMES[i.level as QualitativeLevel];
  if (i.methodKind === 'direct' && i.selfScore !== undefined) return formatPoints(i.selfScore);
  return '';
}

export function selfRows(view: UnitSelfView): string[][] {
  return [
    [...SELF_HEADER],
    ...view.goals.map((g) => [
      g.indicatorId,
      g.parents.join(' / '),
      g.name,
      formatPoints(g.points),
      g.method && g.method.kind !== 'satisfaction' ? METHOD_NAMES[g.method.kind] : '',
      g.assessorUnitName ?? g.assessorUnitId,
      g.target === undefined ? '' : String(g.target),
      g.unitOfMeasure ?? '',
      inputText(g),
      g.item?.selfScore === undefined ? '' : formatPoints(g.item.selfScore),
      g.item?.narrative ?? '',
      (g.item?.evidence ?? []).map((f) => f.name).join('；'),
    ]),
  ];
}

export const selfWorkbook = (view: UnitSelfView): Promise<Blob> => rowsWorkbook(selfRows(view), '单位自评', WIDTHS);
