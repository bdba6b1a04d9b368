// Demo Art 23 decision and confirmations of 玉林市 2025 (等次评定, Art 22–23), after 'results' (and
// 复核, which must be decided before a confirmation): one approved raise of a grade with its 文号 — the
// best 二等 unit of a category without 玉州区 or the vetoed 兴业县, so the demo's other stories keep
// their results — then every category recomputed by the same rules as the computation
// (domain/results.ts, read back with its Queries, so a run over the seeded table changes nothing) and
// confirmed by the leader as version 1, so reports and the public notice (issue 14) read confirmed data.
import { getCategorySet } from '../../functions/data/categories.ts';
import { listClaimQueue } from '../../functions/data/claims.ts';
import { confirmationEntity, freezeEntity } from '../../functions/data/confirmations.ts';
import { getCycle } from '../../functions/data/cycles.ts';
import { gradeDecisionItem } from '../../functions/data/grade-decisions.ts';
import { getCurrentPlan } from '../../functions/data/plans.ts';
import { readCycleResults, resultItem } from '../../functions/data/results.ts';
import { listCycleScores } from '../../functions/data/scores.ts';
import { confirmedUnitsOf } from '../../functions/domain/confirmation.ts';
import { computeCategory, sameContent } from '../../functions/domain/results.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import type { ConfirmationRecord, GradeDecisionRecord } from '../../functions/model/grade-decision.ts';
import type { ResultRecord } from '../../functions/model/result.ts';
import { YULIN } from './demo-data.ts';

const CYCLE = '2025';
const KEEP = ['yl-yuzhou', 'yl-xingye'];
export const DEMO_DOCUMENT_NUMBER = '玉绩办〔2026〕5号';

function groupBy<T extends { unitId: string }>(items: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) m.set(i.unitId, [...(m.get(i.unitId) ?? []), i]);
  return m;
}

/** The items of the part: the decision, the results it changed (next version), each category's freeze and snapshot. */
export async function demoGradeDecisionItems(): Promise<Record<string, unknown>[]> {
  const [cycle, set, scores, claims, stored] = await Promise.all([getCycle(YULIN, CYCLE), getCategorySet(YULIN, CYCLE), listCycleScores(YULIN, CYCLE), listClaimQueue(YULIN, CYCLE, 'approved'), readCycleResults(YULIN, CYCLE)]);
  if (!cycle || !set) return [];
  // 等次评定's first day, Beijing morning: proposed 09:00, approved 10:00, confirmed 15:00.
  const day = cycle.stages[stageNumber('grading') - 1]!.opensOn;
  const at = (hhmm: string) => `${day}T${hhmm}:00.000Z`;
  const before = new Map(stored.results.map((r) => [r.unitId, r]));
  const vetoesByUnit = new Map<string, string[]>();
  for (const v of stored.vetoes) if (v.status === 'approved') vetoesByUnit.set(v.unitId, [...(vetoesByUnit.get(v.unitId) ?? []), `${v.name}：${v.facts}`]);

  // The raised unit: the best 二等 of the first category that has one and none of KEEP.
  let decision: GradeDecisionRecord | undefined;
  for (const c of set.categories) {
    if (decision || c.units.some((u) => KEEP.includes(u.unitId))) continue;
    const second = stored.results.filter((r) => r.categoryId === c.categoryId && r.place?.grade === 'second' && !r.vetoes.length).sort((a, b) => a.place!.order - b.place!.order)[0];
    if (!second) continue;
    decision = {
      regionId: YULIN,
      cycleId: CYCLE,
      unitId: second.unitId,
      id: '00000000-0000-4000-8025-000000000801',
      unitName: second.unitName,
      categoryId: c.categoryId,
      target: 'grade',
      direction: 'raise',
      steps: 1,
      reason: '该单位牵头承担全市营商环境优化重点改革任务，获自治区通报表扬，综合考评组研究提请提高一个等次。',
      status: 'approved',
      proposedAt: at('01:00'),
      proposedBy: 'yl_staff',
      decision: { by: 'yl_leader', at: at('02:00'), documentNumber: DEMO_DOCUMENT_NUMBER },
      version: 2,
    };
  }

  const items: Record<string, unknown>[] = decision ? [gradeDecisionItem(decision)] : [];
  const confirmedAt = at('07:00');
  for (const c of set.categories) {
    const plan = await getCurrentPlan(YULIN, CYCLE, c.categoryId);
    if (!plan) continue;
    const contents = computeCategory({
      categoryId: c.categoryId,
      categoryName: c.name,
      plan: plan.plan,
      planVersion: plan.version,
      units: c.units.map((u) => ({ unitId: u.unitId, name: u.name })),
      scoresByUnit: groupBy(scores),
      claimsByUnit: groupBy(claims),
      vetoesByUnit,
      decisionsByUnit: decision ? new Map([[decision.unitId, [decision]]]) : new Map(),
    });
    const results: ResultRecord[] = [];
    for (const [unitId, content] of contents) {
      const prior = before.get(unitId);
      if (prior && sameContent(prior, content)) {
        results.push(prior);
        continue;
      }
      const next: ResultRecord = { ...content, regionId: YULIN, cycleId: CYCLE, unitId, runId: prior?.runId ?? '00000000-0000-4000-8025-000000000700', computedAt: at('03:00'), version: (prior?.version ?? 0) + 1 };
      items.push(resultItem(next));
      results.push(next);
    }
    // Only a category whose every unit is graded is confirmed.
    if (!results.length || results.some((r) => !r.place)) continue;
    const snapshot: ConfirmationRecord = { regionId: YULIN, cycleId: CYCLE, categoryId: c.categoryId, categoryName: c.name, version: 1, confirmedAt, confirmedBy: 'yl_leader', ...confirmedUnitsOf(results) };
    items.push(confirmationEntity.item(snapshot));
    items.push(freezeEntity.item({ regionId: YULIN, cycleId: CYCLE, categoryId: c.categoryId, status: 'confirmed', confirmedVersion: 1, confirmedAt, confirmedBy: 'yl_leader', version: 1 }));
  }
  return items;
}
