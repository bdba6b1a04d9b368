// Advancing a stage with duties still outstanding (SPEC "Stage transitions": the bureau advances with
// confirmation): the bureau must confirm the number of units it saw outstanding; otherwise, or when
// that number is no longer true, the advance is refused with 409 naming them.
import { t } from '../../contracts/lang.ts';
import type { Cycle } from '../../data/cycles.ts';
import { loadStageDuties } from '../../data/duties.ts';
import { hasDuties, outstandingUnits } from '../../domain/duties.ts';
import { DomainError } from '../../domain/errors.ts';
import { STAGE_NAMES, stageAt } from '../../domain/stages.ts';

export async function confirmOutstanding(cycle: Cycle, confirmed: number | undefined): Promise<void> {
  const code = stageAt(cycle.currentStage);
  if (!hasDuties(code)) return;
  const stage = cycle.stages[cycle.currentStage - 1]!;
  const outstanding = outstandingUnits(await loadStageDuties(cycle.regionId, cycle.cycleId, code, stage.deadline));
  if (outstanding.length === 0 || confirmed === outstanding.length) return;
  const names = outstanding.map((u) => u.unitName).join('、');
  throw new DomainError(
    409,
    'OUTSTANDING_DUTIES',
    t(
      `「${STAGE_NAMES[code]}」尚有 ${outstanding.length} 个单位未完成：${names}。请确认后再推进`,
      `${outstanding.length} units have not delivered in this stage: ${names}. Confirm them before advancing`,
    ),
    // One detail per unit, in the error shape every client reads (path and message).
    outstanding.map((u) => ({ path: `outstanding.${u.unitId}`, message: u.unitName })),
  );
}
