// A unit's annual report (Art 24) built from its CONFIRMED result: the confirmation snapshot gives the
// total, grade and rank as the leader confirmed them; the unit's result row gives the breakdown,
// vetoes and Art 23 decisions; its score rows give each leaf's score, the points lost and why (the
// engine's lines and the assessor's corrections); its approved claims the bonus and deduction items;
// the category's score rows its average per 一级指标. Pure: data/reports.ts reads, this composes.
import type { ReportGroupView, UnitReportView } from '../contracts/reports.ts';
import { t } from '../contracts/lang.ts';
import type { ClaimRecord } from '../model/claim.ts';
import type { ConfirmationRecord } from '../model/grade-decision.ts';
import type { CategoryPlan } from '../model/plan.ts';
import type { ResultRecord } from '../model/result.ts';
import type { ScoreRecord } from '../model/score.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import { PLAN_METHOD_NAMES } from './plan-rows.ts';
import type { Problem } from './problems.ts';
import { groupLeaves, leafScore, scoresByUnit } from './report-leaves.ts';
import { bandsOf, gradeCounts, roundedMean, statsOf } from './report-stats.ts';
import { GRADES } from './scoring/grading-rules.ts';

export interface UnitReportInputs {
  region: { regionId: string; name: string; bureauName: string };
  cycle: { cycleId: string; year: number };
  unitId: string;
  snapshot: ConfirmationRecord;
  result: ResultRecord;
  plan: CategoryPlan;
  /** The category's score rows (the unit's among them). */
  categoryScores: readonly ScoreRecord[];
  claims: readonly ClaimRecord[];
  /** The problems found (domain/problems.ts), as they are. */
  problems: readonly Problem[];
  /** Unit names by id (assessor units). */
  unitNames: ReadonlyMap<string, string>;
}

export const notInSnapshot = () => new NotFoundError(t('该单位不在已确认的考评结果中', 'This unit is not in the confirmed results'));
export const correctionPending = () =>
  new ConflictError(t('该类别的考评结果正在更正，新版本确认后方可查看年度报告', 'A correction of this category’s results is under way; the report is available once the new version is confirmed'));

const correctionText = (c: ScoreRecord['corrections'][number]) => `${c.field}：${c.from} → ${c.to}（${c.reason}）`;

export function buildUnitReport(i: UnitReportInputs): UnitReportView {
  const confirmed = i.snapshot.units.find((u) => u.unitId === i.unitId);
  if (!confirmed) throw notInSnapshot();
  // The report states the confirmed version: a result recomputed since (a correction reopened) is not it.
  if (i.result.version !== confirmed.resultVersion || !i.result.breakdown) throw correctionPending();
  const unitIds = new Set(i.snapshot.units.map((u) => u.unitId));
  const byUnit = scoresByUnit(i.categoryScores.filter((s) => unitIds.has(s.unitId)));
  const own = byUnit.get(i.unitId) ?? new Map<string, ScoreRecord>();

  const groups: ReportGroupView[] = groupLeaves(i.plan).map(({ node, leaves }) => {
    const rows = leaves.map(({ leaf, path }) => {
      const row = own.get(leaf.id);
      const score = leafScore(leaf, row);
      return {
        id: leaf.id,
        path,
        name: leaf.name,
        points: leaf.points,
        score,
        lost: leaf.points - score,
        method: leaf.method ? PLAN_METHOD_NAMES[leaf.method.kind] : '',
        criteria: leaf.criteria ?? '',
        assessorUnitName: i.unitNames.get(leaf.assessorUnitId ?? '') ?? '',
        explanation: row ? row.explanation : [t('无评分记录，按 0 分计', 'No score recorded: counted as 0')],
        comments: (row?.corrections ?? []).map(correctionText),
      };
    });
    const points = rows.reduce((s, r) => s + r.points, 0);
    const score = rows.reduce((s, r) => s + r.score, 0);
    const sums = [...unitIds].map((u) => leaves.reduce((s, { leaf }) => s + leafScore(leaf, byUnit.get(u)?.get(leaf.id)), 0));
    return { id: node.id, name: node.name, points, score, lost: points - score, categoryAverage: roundedMean(sums.reduce((s, v) => s + v, 0), sums.length), leaves: rows };
  });

  const b = i.result.breakdown;
  const claims = i.claims
    .filter((c) => c.status === 'approved')
    .sort((x, y) => (x.kind === y.kind ? (x.decision?.at ?? '').localeCompare(y.decision?.at ?? '') : x.kind === 'bonus' ? -1 : 1))
    .map((c) => ({ kind: c.kind, name: c.name, occurrences: c.occurrences, amount: c.amount, severe: c.severe, description: c.description, decidedAt: c.decision?.at ?? '', reason: c.decision?.reason ?? '' }));
  const points = groups.reduce((s, g) => s + g.points, 0);
  const scored = groups.reduce((s, g) => s + g.score, 0);
  return {
    regionId: i.region.regionId,
    regionName: i.region.name,
    bureauName: i.region.bureauName,
    cycleId: i.cycle.cycleId,
    year: i.cycle.year,
    unitId: i.unitId,
    unitName: confirmed.unitName,
    categoryId: i.snapshot.categoryId,
    categoryName: i.snapshot.categoryName,
    planVersion: i.result.planVersion,
    confirmedVersion: i.snapshot.version,
    confirmedAt: i.snapshot.confirmedAt,
    total: confirmed.total,
    grade: confirmed.grade,
    gradeName: confirmed.gradeName,
    rankInGrade: confirmed.rankInGrade,
    position: confirmed.position,
    unitsInCategory: i.snapshot.units.length,
    breakdown: { goalSum: b.goalSum, bonusRaw: b.bonusRaw, bonus: b.bonus, deductionRaw: b.deductionRaw, deduction: b.deduction, satisfaction: b.satisfaction, lines: b.lines },
    points,
    lost: points - scored,
    groups,
    claims,
    vetoes: i.result.vetoes,
    gradeDecisions: (i.result.gradeDecisions ?? []).map(({ id: _id, ...d }) => d),
    gradePlace: i.result.place?.explanation ?? [],
    comparison: { stats: statsOf(i.snapshot.units.map((u) => u.total)), bands: bandsOf(i.snapshot.units), counts: gradeCounts(GRADES, i.snapshot.units) },
    problems: i.problems.map((p) => ({ id: p.id, kind: p.kind, title: p.title, detail: p.detail, ...(p.lost === undefined ? {} : { lost: p.lost }), ...(p.points === undefined ? {} : { points: p.points }), key: p.key, ...(p.keyReason ? { keyReason: p.keyReason } : {}) })),
  };
}
