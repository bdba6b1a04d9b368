// Preliminary results (Art 21–22) in the portal: the bureau starts the computation (a run recorded,
// the function started without waiting) and polls it, reads the categories' tables and publishes a
// category to its units with the review window; a unit reads its own result once published. Spread
// into the 'results' handler. Rules: domain/results.ts; storage: data/results.ts.
import { now, nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { preliminaryResultRoutes, type PublicationView, type ResultView, type ResultsView } from '../../contracts/results.ts';
import { loadWorkingCalendar } from '../../data/calendar.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle, type Cycle } from '../../data/cycles.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { startComputation } from '../../data/result-runner.ts';
import { assertNotFrozen, getPublication, latestRun, readCycleResults, readUnitResult, startRun, storePublication } from '../../data/results.ts';
import { beijingDate } from '../../domain/dates.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { mayStartRun, RESULT_STAGES, tableOrder } from '../../domain/results.ts';
import { BUREAU_ROLES } from '../../domain/roles.ts';
import { isAtStage } from '../../domain/stages.ts';
import type { ResultPublicationRecord, ResultRecord } from '../../model/result.ts';
import { ops } from '../../http/chain.ts';
import { newRun } from '../workflow/compute-results.ts';

const atResultStage = (cycle: Cycle) => RESULT_STAGES.some((s) => isAtStage(cycle, s));
const notOpen = () => new ConflictError(t('周期不在「汇总反馈」或「等次评定」阶段，不能计算或公布初步结果', 'The cycle is not in preliminary review or grading: results cannot be computed or published'));

async function cycleOf(regionId: string, cycleId: string): Promise<Cycle> {
  const cycle = await getCycle(regionId, cycleId);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  return cycle;
}

const resultViewOf = ({ regionId: _r, cycleId: _c, ...r }: ResultRecord): ResultView => r;
const publicationViewOf = ({ regionId: _r, cycleId: _c, ...p }: ResultPublicationRecord): PublicationView => p;

export const preliminaryResultOps = ops(preliminaryResultRoutes, {
  startResultRun: async ({ caller, params: { regionId, cycleId }, body }) => {
    const [cycle, last] = await Promise.all([cycleOf(regionId, cycleId), latestRun(regionId, cycleId)]);
    if (!atResultStage(cycle)) throw notOpen();
    if (!mayStartRun(last, now())) throw new ConflictError(t('上一次计算尚未结束，请稍候查看进度', 'The previous computation is still running; please watch its progress'));
    if ((last?.id ?? null) !== body.seenRunId) throw new ConflictError(t('他人刚开始了一次计算，请刷新后查看进度', 'Someone else has just started a computation; please refresh and watch its progress'));
    const run = await newRun(regionId, cycleId, caller.username);
    await startRun(caller, run, body.seenRunId);
    await startComputation({ regionId, cycleId, run, by: caller.username });
    const { regionId: _r, ...view } = run;
    return view;
  },

  getLatestResultRun: async ({ params: { regionId, cycleId } }) => {
    await cycleOf(regionId, cycleId);
    const run = await latestRun(regionId, cycleId);
    return { run: run ? (({ regionId: _r, ...v }) => v)(run) : null };
  },

  listResults: async ({ params: { regionId, cycleId }, query }): Promise<ResultsView> => {
    const [cycle, set, stored] = await Promise.all([cycleOf(regionId, cycleId), getCategorySet(regionId, cycleId), readCycleResults(regionId, cycleId)]);
    const categories = set?.categories ?? [];
    const published = new Map(stored.publications.map((p) => [p.categoryId, p]));
    const standing = categories.map((c) => {
      const own = stored.results.filter((r) => r.categoryId === c.categoryId);
      const pub = published.get(c.categoryId);
      return {
        categoryId: c.categoryId,
        name: c.name,
        units: c.units.length,
        computed: own.length,
        complete: own.filter((r) => r.complete).length,
        graded: own.length === c.units.length && own.every((r) => r.place !== null),
        publication: pub ? publicationViewOf(pub) : null,
      };
    });
    const categoryId = query.categoryId ?? categories[0]?.categoryId ?? null;
    if (query.categoryId && !categories.some((c) => c.categoryId === query.categoryId)) throw new NotFoundError(t('本周期没有该考评类别', 'This cycle has no such category'));
    const rows = stored.results.filter((r) => r.categoryId === categoryId).sort(tableOrder);
    const start = (query.page - 1) * query.limit;
    return { stage: cycle.currentStage, open: atResultStage(cycle), categories: standing, categoryId, items: rows.slice(start, start + query.limit).map(resultViewOf), total: rows.length };
  },

  getUnitResult: async ({ caller, params: { regionId, cycleId, unitId } }) => {
    await cycleOf(regionId, cycleId);
    const { result } = await readUnitResult(regionId, cycleId, unitId);
    const publication = result ? await getPublication(regionId, cycleId, result.categoryId) : undefined;
    // A unit sees its result only once its category is published; the bureau always.
    const sees = BUREAU_ROLES.includes(caller.role) || publication !== undefined;
    return { unitId, result: result && sees ? resultViewOf(result) : null, publication: publication && sees ? publicationViewOf(publication) : null };
  },

  publishResults: async ({ caller, params: { regionId, cycleId, categoryId }, body }) => {
    const [cycle, set, before, stored, plan] = await Promise.all([
      cycleOf(regionId, cycleId),
      getCategorySet(regionId, cycleId),
      getPublication(regionId, cycleId, categoryId),
      readCycleResults(regionId, cycleId),
      getCurrentPlan(regionId, cycleId, categoryId),
    ]);
    if (!atResultStage(cycle)) throw notOpen();
    const category = set?.categories.find((c) => c.categoryId === categoryId);
    if (!category || !plan) throw new NotFoundError(t('本周期没有该考评类别或其方案', 'This cycle has no such category or plan'));
    if ((before?.version ?? 0) !== body.version) throw new ConflictError(t('公布情况已被他人修改，请刷新后重试', 'Someone else changed the publication; please refresh and try again'));
    const own = stored.results.filter((r) => r.categoryId === categoryId);
    const missing = category.units.filter((u) => !own.some((r) => r.unitId === u.unitId && r.complete));
    if (missing.length) {
      const names = missing.slice(0, 10).map((u) => u.name).join('、');
      throw new ConflictError(t(`「${category.name}」还有 ${missing.length} 个单位的结果不完整或未计算（${names}${missing.length > 10 ? ' 等' : ''}），请补齐评分并重新计算后再公布`, `${missing.length} units of “${category.name}” have no complete result yet (${names}); complete the scores and compute again before publishing`));
    }
    // A confirmed category is frozen: publishing again would open a new 复核 window on it.
    const guards = await assertNotFrozen(regionId, cycleId, category.units.map((u) => u.unitId));
    const at = nowIso();
    const calendar = await loadWorkingCalendar(regionId);
    const reviewDays = plan.plan.reviewWindowDays;
    // Art 21: N working days from publication, the day of publication not counted; ends 24:00 Beijing.
    const reviewUntil = calendar.deadline(beijingDate(Date.parse(at)), reviewDays).date;
    const after: ResultPublicationRecord = { regionId, cycleId, categoryId, publishedAt: at, publishedBy: caller.username, reviewUntil, reviewDays, version: (before?.version ?? 0) + 1 };
    await storePublication(caller, before, after, category.units.map((u) => u.unitId), RESULT_STAGES, guards);
    return publicationViewOf(after);
  },
});
