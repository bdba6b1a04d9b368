// Annual cycles: list, create (which starts the cycle's workflow), view, and advance a stage.
import { now, nowIso } from '../../config/clock.ts';
import { advanceStage, createCycle, getCycle, listCycles, removeCycle, revertAdvance } from '../../data/cycles.ts';
import { completeStageWait, startCycleRun, type AdvanceOutput } from '../../data/workflow.ts';
import { ConflictError, NotFoundError, UnavailableError, ValidationError } from '../../domain/errors.ts';
import { STAGE_COUNT, STAGE_NAMES, checkStageDates, stageNumber } from '../../domain/stages.ts';
import { apiHandler } from '../../http/chain.ts';
import { logger } from '../../observability/logger.ts';
import { businessEvent } from '../../observability/metrics.ts';
import { t } from '../../contracts/lang.ts';
import { cycleView } from './cycle-view.ts';
import { confirmOutstanding } from './advance-check.ts';
import { dutyOps } from './duties.ts';
import { withDutyCounts } from './timeline-duties.ts';

async function loadCycle(regionId: string, cycleId: string) {
  const cycle = await getCycle(regionId, cycleId);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  return cycle;
}

export const handler = apiHandler('cycles', {
  ...dutyOps,
  listCycles: async ({ params }) => ({ items: (await listCycles(params.regionId)).map((c) => cycleView(c)) }),

  // With stage duties counted, as the public timeline shows them (three requests more: categories, goal queue, duty records).
  getCycle: async ({ params }) => {
    const cycle = await loadCycle(params.regionId, params.cycleId);
    return withDutyCounts(cycle, cycleView(cycle));
  },

  createCycle: async ({ caller, params, body: input }) => {
    const problems = checkStageDates(input.stages).map((p) => ({ path: `body.${p.path}`, message: p.message }));
    if (problems.length) throw new ValidationError(t('阶段日期有误', 'Stage dates are wrong'), problems);
    const at = nowIso();
    const cycle = await createCycle(caller, params.regionId, input, at);
    try {
      await startCycleRun({ regionId: cycle.regionId, cycleId: cycle.cycleId, stage: stageNumber('plan') }, now());
    } catch (e) {
      // Without its workflow the cycle could never advance: take it back and say so.
      logger.error('start execution failed', { error: e });
      await removeCycle(caller, cycle, nowIso());
      throw new UnavailableError(t('流程引擎暂不可用，考评周期未创建，请稍后重试', 'The workflow engine is unavailable; the cycle was not created. Please try again later'));
    }
    return cycleView(cycle);
  },

  advanceStage: async ({ caller, params, body }) => {
    const { stage, version } = body;
    const cycle = await loadCycle(params.regionId, params.cycleId);
    if (cycle.status === 'closed') throw new ConflictError(t('该考评周期已结束', 'This cycle has closed'));
    if (cycle.currentStage !== stage || cycle.version !== version) {
      throw new ConflictError(t(`当前阶段已变为「${STAGE_NAMES[cycle.stages[cycle.currentStage - 1]!.code]}」，请刷新后重试`, 'The current stage has changed; please refresh and try again'));
    }
    await confirmOutstanding(cycle, body.outstanding);
    const token = cycle.stages[stage - 1]?.taskToken;
    if (!token) throw new ConflictError(t('流程尚未进入等待推进状态，请稍后重试', 'The workflow is not yet waiting for this stage; please try again shortly'));
    const advanced = await advanceStage(caller, cycle, token, nowIso());
    const output: AdvanceOutput = stage === STAGE_COUNT ? { closed: true } : { closed: false, nextStage: stage + 1 };
    try {
      await completeStageWait(token, output);
    } catch (e) {
      logger.error('send task success failed', { error: e });
      await revertAdvance(caller, cycle, token, nowIso());
      throw new UnavailableError(t('流程引擎暂不可用，阶段未推进，请稍后重试', 'The workflow engine is unavailable; the stage was not advanced. Please try again later'));
    }
    businessEvent('StageAdvanced');
    return cycleView(advanced);
  },
});
