// The 'feed' handler group: other systems feeding indicator values with their key (contracts/feed.ts).
// The chain has authenticated the key and checked its region and cycle (http/feed-auth.ts). Here: the
// rows outside the key's grant refuse the whole call (403, audited); then each row is checked against
// the cycle (the unit in a category, an approved goal for the indicator, a period of the schedule)
// and stored in its own transaction, and the answer reports every row.
import { now, nowIso } from '../../config/clock.ts';
import type { FeedResult } from '../../contracts/feed.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle } from '../../data/cycles.ts';
import { storeFedValue } from '../../data/feed-values.ts';
import { readUnitGoals } from '../../data/goals.ts';
import { getSchedule, readUnitPeriod } from '../../data/progress-reports.ts';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { fedOf, outsideGrant, repeatedRows, sameFed, withFed } from '../../domain/feed.ts';
import { defaultSchedule, periodProblem } from '../../domain/progress-periods.ts';
import { PROGRESS_STAGES } from '../../domain/progress-reports.ts';
import { isAtStage } from '../../domain/stages.ts';
import { apiHandler } from '../../http/chain.ts';
import { auditFeedRefusal, feedActor } from '../../http/feed-auth.ts';
import type { GoalRecord } from '../../model/goal.ts';
import { resultsConsumerOps } from './results-use.ts';

type Row = FeedResult['rows'][number];

export const handler = apiHandler('feed', {
  ...resultsConsumerOps,
  feedValues: async ({ system, params, body }) => {
    const rows = body.values;
    const [cycle, categories, stored] = await Promise.all([getCycle(params.regionId, params.cycleId), getCategorySet(params.regionId, params.cycleId), getSchedule(params.regionId, params.cycleId)]);
    // Each unit's category of the cycle: a grant names an indicator of one category's plan.
    const categoryOf = new Map((categories?.categories ?? []).flatMap((c) => c.units.map((u) => [u.unitId, c.categoryId] as const)));
    const outside = outsideGrant(system, rows, (unitId) => categoryOf.get(unitId));
    if (outside.length) {
      await auditFeedRefusal(system, `feed:${params.regionId}/${params.cycleId}`, { reason: 'grant', rows: outside.map((i) => ({ row: i, unitId: rows[i]!.unitId, indicatorId: rows[i]!.indicatorId })) });
      throw new ForbiddenError(t(`第 ${outside.map((i) => i + 1).join('、')} 行的指标或单位不在该密钥的授权范围内，本次未保存任何数据`, `Rows ${outside.map((i) => i + 1).join(', ')} name an indicator or unit this key is not granted; nothing was stored`));
    }
    const repeated = repeatedRows(rows);
    if (repeated.length) throw new ValidationError(t('同一单位、指标和期间重复报送', 'A unit, indicator and period appear twice'), repeated.map((i) => ({ path: `body.values.${i}`, message: t('与前面某行重复', 'Repeats an earlier row') })));

    const schedule = stored ?? defaultSchedule();
    if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
    if (!PROGRESS_STAGES.some((s) => isAtStage(cycle, s))) throw new DomainError(409, 'CONFLICT', t('周期不在「过程管理」或「自评」阶段，不能报送数据', 'The cycle is neither in execution nor in self-assessment: no values are taken'));
    const actor = feedActor(system);

    // One Query per unit for its goals, one per unit and period for its items: read as the rows come.
    const goals = new Map<string, Promise<Map<string, GoalRecord>>>();
    const goalsOf = (unitId: string) => {
      if (!goals.has(unitId)) goals.set(unitId, readUnitGoals(params.regionId, params.cycleId, unitId).then(({ goals: g }) => new Map(g.map((x) => [x.indicatorId, x]))));
      return goals.get(unitId)!;
    };

    const results: Row[] = [];
    // In order, one at a time: each row's transaction moves the system's record too.
    for (const [i, r] of rows.entries()) {
      const key = { row: i, unitId: r.unitId, indicatorId: r.indicatorId, period: r.period };
      const refused = (code: string, message: string): Row => ({ ...key, outcome: 'refused', code, message });
      if (!categoryOf.has(r.unitId)) {
        results.push(refused('UNKNOWN_UNIT', t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle')));
        continue;
      }
      const problem = periodProblem(r.period, Number(params.cycleId), schedule, now());
      if (problem) {
        results.push(refused('PERIOD', problem));
        continue;
      }
      const goal = (await goalsOf(r.unitId)).get(r.indicatorId);
      if (!goal || goal.status !== 'approved') {
        results.push(refused('NO_APPROVED_GOAL', t('该单位此指标尚无已审定的目标', 'This unit has no approved goal for this indicator')));
        continue;
      }
      const { report, items } = await readUnitPeriod(params.regionId, params.cycleId, r.unitId, r.period);
      const before = items.find((x) => x.indicatorId === r.indicatorId);
      if (sameFed(before, r.value)) {
        results.push({ ...key, outcome: 'unchanged', version: before!.version });
        continue;
      }
      const at = nowIso();
      const base = { regionId: params.regionId, cycleId: params.cycleId, unitId: r.unitId, period: r.period, indicatorId: r.indicatorId, categoryId: goal.categoryId, assessorUnitId: goal.assessorUnitId, status: report?.status ?? 'draft' } as const;
      const after = withFed(before, base, fedOf(system, r.value, at), actor.username);
      try {
        await storeFedValue({ system, actor, before, after, report, dueDay: schedule.dueDay, note: r.note, at });
        results.push({ ...key, outcome: 'stored', version: after.version });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        results.push(refused(e.code, e.message));
      }
    }
    const count = (o: Row['outcome']) => results.filter((x) => x.outcome === o).length;
    return { systemId: system.systemId, stored: count('stored'), unchanged: count('unchanged'), refused: count('refused'), rows: results };
  },
});
