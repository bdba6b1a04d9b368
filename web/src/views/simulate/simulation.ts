// Running the engine on a clean sample, and the result as flat rows for the table and the export.
import { formatPoints, gradeCategory, type GradedUnit, type GradingResult, type GradingRules } from '@shared/domain/scoring/index.ts';
import { toGradingUnit, type SampleUnit } from './sample-table';

export function simulate(rules: GradingRules, units: readonly SampleUnit[]): GradingResult {
  return gradeCategory(rules, units.map(toGradingUnit));
}

export interface ResultRow {
  order: number;
  position: number;
  name: string;
  total: string;
  commonScore: string;
  grade: GradedUnit['grade'];
  gradeName: string;
  rankInGrade: number;
  tied: boolean;
  /** The grade moved after allocation (severe deduction or Art 23). */
  changed: boolean;
  explanation: string[];
}

export function resultRows(result: GradingResult): ResultRow[] {
  return result.units.map((u) => ({
    order: u.order,
    position: u.position,
    name: u.unitId,
    total: formatPoints(u.total),
    commonScore: formatPoints(u.commonScore),
    grade: u.grade,
    gradeName: u.gradeName,
    rankInGrade: u.rankInGrade,
    tied: u.tied,
    changed: u.grade !== u.allocatedGrade,
    explanation: u.explanation,
  }));
}

const TIES = { shareRank: '总分相同并列，按共性指标得分排列先后', commonScoreThenShare: '总分相同按共性指标得分区分名次，仍相同才并列' };
const QUOTA_TIE = { higher: '并列跨越名额界线时均评为较高等次', lower: '并列跨越名额界线时均评为较低等次' };
const SEVERE = { once: '有情节严重扣分的降低一个等次', perDeduction: '每项情节严重扣分降低一个等次' };

/** The rules in words, for the exported sheet and the printout. */
export function rulesLines(rules: GradingRules): string[] {
  const a = rules.allocation;
  return [
    `不合格线：${formatPoints(rules.failLine)} 分（恰为该分数合格），一票否决的评为不合格`,
    a.mode === 'proportion'
      ? `按比例：合格单位的 ${formatPoints(a.firstPercent)}% 为一等、${formatPoints(a.secondPercent)}% 为二等（向下取整），其余为三等`
      : `按分数线：${formatPoints(a.firstFrom)} 分及以上为一等，${formatPoints(a.secondFrom)} 分及以上为二等，其余合格单位为三等`,
    TIES[rules.ties],
    QUOTA_TIE[rules.quotaTie],
    `${SEVERE[rules.severeLowering]}，名额分配后进行，所空名额不递补`,
  ];
}
