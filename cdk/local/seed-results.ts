// Demo preliminary results of 玉林市 2025 (汇总反馈 and 等次评定, Art 21–22): computed from whatever the
// scores and claims parts seeded, read back from the table with the same Queries as the computation
// (so they always agree with them), by the same rules (domain/results.ts: the engine's totals and
// grading). One veto (一票否决) is approved against 兴业县, so it is graded 不合格 with the reason; every
// category is published to its units on the day 汇总反馈 opened, with its review window. 复核 and Art 23
// decisions come later.
import { loadWorkingCalendar } from '../../functions/data/calendar.ts';
import { getCategorySet } from '../../functions/data/categories.ts';
import { listClaimQueue } from '../../functions/data/claims.ts';
import { getCycle } from '../../functions/data/cycles.ts';
import { getCurrentPlan } from '../../functions/data/plans.ts';
import { publicationEntity, resultItem, resultRunEntity, vetoItem } from '../../functions/data/results.ts';
import { keys } from '../../functions/data/keys.ts';
import { listCycleScores } from '../../functions/data/scores.ts';
import { computeCategory } from '../../functions/domain/results.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import type { ResultRecord, VetoRecord } from '../../functions/model/result.ts';
import { YULIN } from './demo-data.ts';

const CYCLE = '2025';
const VETOED = 'yl-xingye';
const BY = 'yl_staff';
const LEADER = 'yl_leader';

/** Items by unit (Map.groupBy needs Node 21; the stack runs on Node 20+). */
function groupBy<T extends { unitId: string }>(items: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const list = m.get(i.unitId);
    if (list) list.push(i);
    else m.set(i.unitId, [i]);
  }
  return m;
}

/** The items of the part: a finished run, every unit's result, the veto, and each category's publication. */
export async function demoResultItems(): Promise<Record<string, unknown>[]> {
  const [cycle, set, scores, claims] = await Promise.all([getCycle(YULIN, CYCLE), getCategorySet(YULIN, CYCLE), listCycleScores(YULIN, CYCLE), listClaimQueue(YULIN, CYCLE, 'approved')]);
  if (!cycle || !set) return [];
  // The day 汇总反馈 opened, 09:00 Beijing: computed then, published at 10:00.
  const day = cycle.stages[stageNumber('preliminary_review') - 1]!.opensOn;
  const computedAt = `${day}T01:00:00.000Z`;
  const publishedAt = `${day}T02:00:00.000Z`;
  const runId = '00000000-0000-4000-8025-000000000700';

  const vetoes: VetoRecord[] = [];
  const items: Record<string, unknown>[] = [];
  const calendar = await loadWorkingCalendar(YULIN);
  let units = 0;
  for (const c of set.categories) {
    const plan = await getCurrentPlan(YULIN, CYCLE, c.categoryId);
    if (!plan) continue;
    const veto = c.units.some((u) => u.unitId === VETOED) ? plan.plan.vetoes[0] : undefined;
    if (veto) {
      vetoes.push({
        regionId: YULIN,
        cycleId: CYCLE,
        unitId: VETOED,
        id: '00000000-0000-4000-8025-000000000701',
        unitName: c.units.find((u) => u.unitId === VETOED)!.name,
        categoryId: c.categoryId,
        vetoId: veto.id,
        name: veto.name,
        facts: '2025年9月辖区内一企业发生较大生产安全责任事故（3人死亡），经应急管理部门调查认定属地监管责任落实不到位。',
        status: 'approved',
        proposedAt: `${day}T00:10:00.000Z`,
        proposedBy: BY,
        decision: { by: LEADER, at: `${day}T00:40:00.000Z`, reason: '经核实，事故调查报告认定事实清楚，依方案一票否决。' },
        version: 2,
      });
    }
    const contents = computeCategory({
      categoryId: c.categoryId,
      categoryName: c.name,
      plan: plan.plan,
      planVersion: plan.version,
      units: c.units.map((u) => ({ unitId: u.unitId, name: u.name })),
      scoresByUnit: groupBy(scores),
      claimsByUnit: groupBy(claims),
      vetoesByUnit: new Map(vetoes.filter((v) => v.categoryId === c.categoryId).map((v) => [v.unitId, [`${v.name}：${v.facts}`]])),
    });
    for (const [unitId, content] of contents) {
      const result: ResultRecord = { ...content, regionId: YULIN, cycleId: CYCLE, unitId, runId, computedAt, version: 1 };
      items.push(resultItem(result));
    }
    units += c.units.length;
    const reviewDays = plan.plan.reviewWindowDays;
    items.push(publicationEntity.item({ regionId: YULIN, cycleId: CYCLE, categoryId: c.categoryId, publishedAt, publishedBy: BY, reviewUntil: calendar.deadline(day, reviewDays).date, reviewDays, version: 1 }));
  }
  items.push(...vetoes.map(vetoItem));
  items.push(
    { ...keys.resultRunHead(YULIN, CYCLE), entity: 'resultRunHead', runId, startedAt: computedAt },
    resultRunEntity.item({ regionId: YULIN, cycleId: CYCLE, id: runId, startedAt: computedAt, startedBy: BY, status: 'done', categoriesTotal: set.categories.length, categoriesDone: set.categories.length, unitsTotal: units, unitsDone: units, changed: units, finishedAt: computedAt }),
  );
  return items;
}
