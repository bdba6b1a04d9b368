// Preliminary results and grading as pure rules (Art 21–22): per unit, its plan's leaves read from the
// assessor scores (the third party's survey rates for satisfaction leaves) and its approved bonus and
// deduction items give the engine's UnitScoreInput; a unit with a leaf not scored and submitted is
// incomplete with what is missing, never a silent 0. A category is graded only when every unit is
// complete (quotas and ranks depend on all of them). Every number comes from domain/scoring.
import type { ClaimRecord } from '../model/claim.ts';
import type { CategoryPlan, PlanNode } from '../model/plan.ts';
import type { GradePlace, MissingScore, ResultContent } from '../model/result.ts';
import type { ScoreRecord } from '../model/score.ts';
import { scoreItems } from './claims.ts';
import { adjustmentsOf, appliedOf, type DecisionLike } from './confirmation.ts';
import { leaves, totalRulesOf } from './plan.ts';
import type { StageCode } from './stages.ts';
import { computeTotal, type UnitScoreInput } from './scoring/total.ts';
import { gradeCategory } from './scoring/grading.ts';
import { formatPoints } from './scoring/points.ts';

export interface CategoryUnit {
  unitId: string;
  name: string;
}

export interface CategoryInputs {
  categoryId: string;
  categoryName: string;
  plan: CategoryPlan;
  planVersion: number;
  units: readonly CategoryUnit[];
  /** The cycle's scores and claims may be passed whole: each unit takes its own. */
  scoresByUnit: ReadonlyMap<string, readonly ScoreRecord[]>;
  claimsByUnit: ReadonlyMap<string, readonly ClaimRecord[]>;
  /** Approved vetoes per unit, as “name：facts”. */
  vetoesByUnit: ReadonlyMap<string, readonly string[]>;
  /** Art 23 decisions per unit (any status: the approved ones count; domain/confirmation.ts). */
  decisionsByUnit?: ReadonlyMap<string, readonly DecisionLike[]>;
}

/** The leaves a unit's total is made of: every leaf with a scoring method. */
export const scoredLeaves = (plan: Pick<CategoryPlan, 'tree'>): PlanNode[] => leaves(plan.tree).map((w) => w.node).filter((n) => n.method);

/** Why a leaf's score cannot be counted yet, or undefined when it can. */
export function missingReason(leaf: PlanNode, score: ScoreRecord | undefined): string | undefined {
  if (!leaf.assessorUnitId) return '方案未指定考评单位，无人评分';
  if (!score) return leaf.method?.kind === 'satisfaction' ? '第三方尚未录入满意率' : '考评单位尚未评分';
  if (score.status !== 'submitted') return '评分尚未报送';
  if (score.points !== leaf.points) return `评分依据的分值 ${formatPoints(score.points)} 分与现行方案 ${formatPoints(leaf.points)} 分不同，须重新评分`;
  if (leaf.method?.kind === 'satisfaction') return score.inputs.rate === undefined ? '满意率缺失' : undefined;
  if (score.score === null) return '得分尚不能计算（排名待本类别全部单位数值齐全）';
  return undefined;
}

/** A unit's engine input from its scores and claims, or what is missing. */
export function unitScoreInput(plan: CategoryPlan, scores: readonly ScoreRecord[], claims: readonly ClaimRecord[]): { input: UnitScoreInput; missing: MissingScore[] } {
  const byLeaf = new Map(scores.map((s) => [s.indicatorId, s]));
  const missing: MissingScore[] = [];
  const input: UnitScoreInput = { goals: [], satisfaction: {}, ...scoreItems(claims) };
  for (const leaf of scoredLeaves(plan)) {
    const score = byLeaf.get(leaf.id);
    const reason = missingReason(leaf, score);
    if (reason) {
      missing.push({ indicatorId: leaf.id, name: leaf.name, reason });
      continue;
    }
    if (leaf.method!.kind === 'satisfaction') input.satisfaction[leaf.id] = score!.inputs.rate!;
    else input.goals.push({ goalId: leaf.id, points: leaf.points, score: score!.score!, ...(leaf.common ? { common: true } : {}) });
  }
  return { input, missing };
}

/** Every unit's result content in the category: totals for the complete ones, grades when all are. */
export function computeCategory(c: CategoryInputs): Map<string, ResultContent> {
  const rules = totalRulesOf(c.plan);
  const out = new Map<string, ResultContent>();
  for (const u of c.units) {
    const { input, missing } = unitScoreInput(c.plan, c.scoresByUnit.get(u.unitId) ?? [], c.claimsByUnit.get(u.unitId) ?? []);
    const breakdown = missing.length ? null : computeTotal(rules, input);
    out.set(u.unitId, {
      unitName: u.name,
      categoryId: c.categoryId,
      categoryName: c.categoryName,
      planVersion: c.planVersion,
      complete: !missing.length,
      missing,
      breakdown,
      total: breakdown?.total ?? null,
      place: null,
      vetoes: [...(c.vetoesByUnit.get(u.unitId) ?? [])].sort(),
    });
  }
  const all = [...out.entries()];
  if (all.length && all.every(([, r]) => r.complete)) {
    const graded = gradeCategory(
      c.plan.grading,
      all.map(([unitId, r]) => ({
        unitId,
        total: r.total!,
        commonScore: r.breakdown!.commonScore,
        severeDeductions: r.breakdown!.severeDeductions,
        ...(r.vetoes.length ? { veto: r.vetoes.join('；') } : {}),
        adjustments: adjustmentsOf(c.decisionsByUnit?.get(unitId) ?? []),
      })),
    );
    for (const g of graded.units) {
      const place: GradePlace = {
        allocatedGrade: g.allocatedGrade,
        grade: g.grade,
        gradeName: g.gradeName,
        rankInGrade: g.rankInGrade,
        position: g.position,
        order: g.order,
        tied: g.tied,
        explanation: g.explanation,
      };
      out.get(g.unitId)!.place = place;
      const applied = appliedOf(c.decisionsByUnit?.get(g.unitId) ?? []);
      if (applied.length) out.get(g.unitId)!.gradeDecisions = applied;
    }
  }
  return out;
}

/** JSON with keys sorted: stored items do not keep key order, and undefined fields are absent. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stable(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const CONTENT_FIELDS = ['unitName', 'categoryId', 'categoryName', 'planVersion', 'complete', 'missing', 'breakdown', 'total', 'place', 'vetoes', 'gradeDecisions'] as const;

/** Whether a stored result already says what a computation decided: then it is not rewritten (idempotent runs). */
export function sameContent(stored: ResultContent | undefined, next: ResultContent): boolean {
  if (!stored) return false;
  const pick = (r: ResultContent) => Object.fromEntries(CONTENT_FIELDS.map((f) => [f, r[f]]));
  return stable(pick(stored)) === stable(pick(next));
}

/** How a category stands: counts for the bureau's page. */
export function categoryStanding(results: readonly Pick<ResultContent, 'complete' | 'place'>[]): { units: number; complete: number; graded: boolean } {
  return { units: results.length, complete: results.filter((r) => r.complete).length, graded: results.length > 0 && results.every((r) => r.place !== null) };
}

/** The stages the computation runs and results are published in: 汇总反馈 (Art 21) and 等次评定 (Art 22). */
export const RESULT_STAGES: readonly StageCode[] = ['preliminary_review', 'grading'];
/** Vetoes are recorded from the assessment on, until grading ends. */
export const VETO_STAGES: readonly StageCode[] = ['assessment', 'preliminary_review', 'grading'];
/** A run still 'running' after Lambda's 15-minute limit has died with its invocation: a new one may start. */
export const RUN_STALE_MS = 15 * 60 * 1000;

/** Whether a new run may start now: none is running, or the running one outlived any invocation. */
export const mayStartRun = (latest: { status: string; startedAt: string } | undefined, now: number): boolean =>
  !latest || latest.status !== 'running' || now - Date.parse(latest.startedAt) > RUN_STALE_MS;

/** The order of the bureau's table: graded units by grading order, then totals best first, then the incomplete by name. */
export function tableOrder(a: Pick<ResultContent, 'place' | 'total' | 'unitName'>, b: Pick<ResultContent, 'place' | 'total' | 'unitName'>): number {
  if (a.place && b.place) return a.place.order - b.place.order;
  if (a.total !== null && b.total !== null) return b.total - a.total || a.unitName.localeCompare(b.unitName, 'zh-CN');
  if (a.total !== null) return -1;
  if (b.total !== null) return 1;
  return a.unitName.localeCompare(b.unitName, 'zh-CN');
}
