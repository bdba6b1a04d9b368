// Art 23 decisions and the leader's confirmation as pure rules. The engine (scoring/grading.ts) is the
// one place a decision moves a grade or rank; these rules decide what may be proposed and confirmed:
// a raise never reaches a vetoed unit (SPEC Decisions: it may lift a 不合格 from the score, never one
// from a veto), a grade moves no further than 一等 or 不合格, and a category is confirmed only when every
// unit is complete, graded and carries every decision approved so far (nothing pending).
import type { GradeAdjustment } from './scoring/adjustments.ts';
import { GRADES, type Grade } from './scoring/grading-rules.ts';
import type { StageCode } from './stages.ts';
import type { ConfirmedUnit } from '../model/grade-decision.ts';
import type { ResultRecord } from '../model/result.ts';

/** 文号: issuer (Chinese or Latin letters), year in 〔〕 (or [ ], （ ）), a number and 号 — 玉绩办〔2026〕3号. */
export const DOCUMENT_NUMBER = /^[\u4e00-\u9fa5A-Za-z]{1,20}[〔[［（(](?:19|20)\d{2}[〕\]］）)]\s?\d{1,5}\s?号$/;

/** Art 23 decisions are proposed, decided and confirmed in 等次评定 (Art 22–23). */
export const DECISION_STAGES: readonly StageCode[] = ['grading'];

export interface DecisionProposal {
  target: 'grade' | 'rank';
  direction: 'raise' | 'lower';
  steps: number;
}

export interface UnitStanding {
  vetoes: readonly string[];
  /** The unit's grade now, or null while its category is not graded. */
  grade: Grade | null;
}

/** Why a proposal cannot be made for the unit (Chinese and English), or undefined when it can. */
export function proposalRefusal(p: DecisionProposal, unit: UnitStanding): { zh: string; en: string } | undefined {
  if (p.direction === 'raise' && unit.vetoes.length) {
    return { zh: '该单位被一票否决，一票否决的结果不得提高（第二十三条不适用）', en: 'The unit is vetoed: a veto is never lifted, so no raise applies' };
  }
  if (p.target === 'grade' && unit.grade) {
    const at = GRADES.indexOf(unit.grade);
    const room = p.direction === 'raise' ? at : GRADES.length - 1 - at;
    if (p.steps > room) {
      return room === 0
        ? { zh: `该单位已是${p.direction === 'raise' ? '一等' : '不合格'}，不能再${p.direction === 'raise' ? '提高' : '降低'}等次`, en: `The unit is ${p.direction === 'raise' ? 'first grade' : 'failed'} already` }
        : { zh: `该单位的等次最多只能${p.direction === 'raise' ? '提高' : '降低'} ${room} 等`, en: `The grade can move at most ${room} step(s)` };
    }
  }
  return undefined;
}

export interface DecisionLike extends DecisionProposal {
  id: string;
  reason: string;
  status: 'proposed' | 'approved' | 'rejected';
  decision?: { documentNumber?: string; at: string };
}

/** The engine's input: a unit's approved decisions, in a fixed order (the engine's result never depends on it). */
export function adjustmentsOf(decisions: readonly DecisionLike[]): GradeAdjustment[] {
  return approvedOf(decisions).map((d) => ({ target: d.target, direction: d.direction, steps: d.steps, reason: d.reason, documentNumber: d.decision!.documentNumber!, approved: true }));
}

/** The approved decisions as a result carries them, apart from its score. */
export function appliedOf(decisions: readonly DecisionLike[]) {
  return approvedOf(decisions).map((d) => ({ id: d.id, target: d.target, direction: d.direction, steps: d.steps, reason: d.reason, documentNumber: d.decision!.documentNumber!, approvedAt: d.decision!.at }));
}

const approvedOf = (decisions: readonly DecisionLike[]) =>
  decisions.filter((d) => d.status === 'approved' && d.decision?.documentNumber).sort((a, b) => a.decision!.at.localeCompare(b.decision!.at) || (a.id < b.id ? -1 : 1));

export interface ConfirmUnit {
  unitId: string;
  name: string;
  result?: { complete: boolean; place: unknown | null; gradeDecisions?: readonly { id: string }[] };
  decisions: readonly DecisionLike[];
}

/** Why a category cannot be confirmed yet: one line per unit at fault (empty: it may be confirmed). */
export function confirmProblems(units: readonly ConfirmUnit[]): { unitId: string; zh: string; en: string }[] {
  const out: { unitId: string; zh: string; en: string }[] = [];
  for (const u of units) {
    const r = u.result;
    if (!r) out.push({ unitId: u.unitId, zh: `${u.name}：尚未计算结果`, en: `${u.name}: no result computed` });
    else if (!r.complete) out.push({ unitId: u.unitId, zh: `${u.name}：结果不完整（评分未齐）`, en: `${u.name}: result incomplete` });
    else if (!r.place) out.push({ unitId: u.unitId, zh: `${u.name}：尚未评定等次`, en: `${u.name}: not graded` });
    else if (u.decisions.some((d) => d.status === 'proposed')) out.push({ unitId: u.unitId, zh: `${u.name}：有待审批的第二十三条调整`, en: `${u.name}: an Art 23 decision awaits approval` });
    else {
      const applied = new Set((r.gradeDecisions ?? []).map((d) => d.id));
      if (approvedOf(u.decisions).some((d) => !applied.has(d.id))) out.push({ unitId: u.unitId, zh: `${u.name}：已批准的第二十三条调整尚未计入结果，请重新计算`, en: `${u.name}: an approved Art 23 decision is not in the result yet; compute again` });
    }
  }
  return out;
}

/** A category is frozen while its results stand confirmed (a reopen proposal waiting changes nothing). */
export const isFrozen = (state: { status: 'confirmed' | 'reopened' } | undefined): boolean => state?.status === 'confirmed';

/** What a confirmation keeps of the category's graded results: compact rows in grading order, and the count per grade. */
export function confirmedUnitsOf(results: readonly ResultRecord[]): { units: ConfirmedUnit[]; counts: Record<Grade, number> } {
  const sorted = [...results].sort((a, b) => a.place!.order - b.place!.order);
  const counts: Record<Grade, number> = { first: 0, second: 0, third: 0, fail: 0 };
  for (const r of sorted) counts[r.place!.grade] += 1;
  const units = sorted.map((r) => ({
    unitId: r.unitId,
    unitName: r.unitName,
    total: r.total!,
    grade: r.place!.grade,
    gradeName: r.place!.gradeName,
    rankInGrade: r.place!.rankInGrade,
    position: r.place!.position,
    order: r.place!.order,
    tied: r.place!.tied,
    vetoed: r.vetoes.length > 0,
    resultVersion: r.version,
    gradeDecisions: (r.gradeDecisions ?? []).map((d) => ({ target: d.target, direction: d.direction, steps: d.steps, documentNumber: d.documentNumber })),
  }));
  return { units, counts };
}
