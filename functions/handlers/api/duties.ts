// Stage duties for the bureau: who has delivered in a stage and who has not, and an extension for a
// unit (a new date and a reason, audited, notified to the unit's leader). Rules in domain/duties.ts.
import { now, nowIso } from '../../config/clock.ts';
import { dutyRoutes, type StageDutiesView } from '../../contracts/duties.ts';
import { t } from '../../contracts/lang.ts';
import { getCycle, type Cycle } from '../../data/cycles.ts';
import { loadStageDuties, readDutyRecord, storeExtension } from '../../data/duties.ts';
import { noticeItem } from '../../data/notifications.ts';
import { beijingDate } from '../../domain/dates.ts';
import { extensionNotice } from '../../domain/duty-notices.ts';
import { dutiesOf, dutyCounts, extensionProblems, mayDeliver, type UnitDuties } from '../../domain/duties.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { STAGE_NAMES, isAtStage, stageNumber, type StageCode } from '../../domain/stages.ts';
import type { DutyRecord } from '../../model/duty.ts';
import { ops } from '../../http/chain.ts';

async function loadCycle(regionId: string, cycleId: string): Promise<Cycle> {
  const cycle = await getCycle(regionId, cycleId);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  return cycle;
}

const stageOf = (cycle: Cycle, code: StageCode) => cycle.stages[stageNumber(code) - 1]!;

/** The stage's duties as the bureau reads them (every unit, delivered or not). */
export async function stageDuties(cycle: Cycle, code: StageCode): Promise<{ rows: UnitDuties[]; deadline: string }> {
  const stage = stageOf(cycle, code);
  return { rows: await loadStageDuties(cycle.regionId, cycle.cycleId, code, stage.deadline), deadline: stage.deadline };
}

export const dutyOps = ops(dutyRoutes, {
  getStageDuties: async ({ params }): Promise<StageDutiesView> => {
    const cycle = await loadCycle(params.regionId, params.cycleId);
    const { rows, deadline } = await stageDuties(cycle, params.stage);
    return {
      stage: params.stage,
      deadline,
      current: isAtStage(cycle, params.stage),
      duties: dutiesOf(params.stage).map((d) => ({ id: d.id, who: d.who, what: d.what() })),
      items: rows,
      counts: dutyCounts(rows),
    };
  },

  getUnitDuties: async ({ params }) => {
    const cycle = await loadCycle(params.regionId, params.cycleId);
    const { rows } = await stageDuties(cycle, params.stage);
    const row = rows.find((r) => r.unitId === params.unitId);
    if (!row) throw new NotFoundError(t('该单位在本阶段没有需完成的任务', 'This unit owes nothing in this stage'));
    const current = isAtStage(cycle, params.stage);
    const open = current && mayDeliver(now(), row.deadline, undefined);
    return { ...row, stage: params.stage, current, open, duties: dutiesOf(params.stage).map((d) => ({ id: d.id, what: d.what() })) };
  },

  grantExtension: async ({ caller, params, body }) => {
    const cycle = await loadCycle(params.regionId, params.cycleId);
    if (!dutiesOf(params.stage).length) throw new NotFoundError(t(`「${STAGE_NAMES[params.stage]}」阶段没有需各单位完成的任务`, 'This stage asks nothing of the units'));
    if (!isAtStage(cycle, params.stage)) throw new ConflictError(t(`只能为当前阶段办理延期，周期已不在「${STAGE_NAMES[params.stage]}」阶段`, 'Extensions are granted for the current stage only; the cycle is no longer at this stage'));
    const { rows, deadline } = await stageDuties(cycle, params.stage);
    const row = rows.find((r) => r.unitId === params.unitId);
    if (!row) throw new NotFoundError(t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle'));
    if (row.delivered) throw new ConflictError(t(`${row.unitName}已完成本阶段任务，无需延期`, `${row.unitName} has delivered; no extension is needed`));
    const today = beijingDate(now());
    const problems = extensionProblems(body.until, today, deadline);
    if (problems.length) throw new ValidationError(t('延期有误', 'The extension has problems'), problems);
    const before = await readDutyRecord(cycle.regionId, cycle.cycleId, params.unitId, params.stage);
    if ((before?.version ?? 0) !== body.version) throw new ConflictError(t('该单位的延期已被他人修改，请刷新后重试', 'Someone else changed this unit’s extension; please refresh and try again'));
    const at = nowIso();
    const after: DutyRecord = {
      ...(before ?? { regionId: cycle.regionId, cycleId: cycle.cycleId, unitId: params.unitId, stage: params.stage }),
      extension: { until: body.until, reason: body.reason, grantedAt: at, grantedBy: caller.username },
      version: (before?.version ?? 0) + 1,
    };
    const notice = noticeItem({
      regionId: cycle.regionId,
      unitId: params.unitId,
      at,
      link: `/cycles/${cycle.cycleId}/goals`,
      ...extensionNotice({ cycleName: cycle.name, stage: params.stage, deadline: body.until, unitName: row.unitName, reason: body.reason }),
    });
    await storeExtension(caller, before, after, notice, at);
    return { ...row, deadline: body.until, extension: after.extension, version: after.version };
  },
});
