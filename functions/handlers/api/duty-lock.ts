// The late-submission lock of stage duties: once a unit's deadline (the stage's, or the extension the
// bureau granted it) has passed, the unit can no longer deliver the stage's work. Checked here at the
// submission's own time, and again inside its transaction: the unit must not have been recorded as
// missing that deadline, so a submission racing the escalation cannot slip past it.
import { t } from '../../contracts/lang.ts';
import type { TransactItem } from '../../data/commit.ts';
import type { Cycle } from '../../data/cycles.ts';
import { notMissedCheck, readDutyRecord } from '../../data/duties.ts';
import { hasDuties, mayDeliver, unitDeadline } from '../../domain/duties.ts';
import { DomainError } from '../../domain/errors.ts';
import { STAGE_NAMES, stageAt } from '../../domain/stages.ts';

export async function submissionGuards(cycle: Cycle, unitId: string, at: number): Promise<TransactItem[]> {
  const code = stageAt(cycle.currentStage);
  if (!hasDuties(code)) return [];
  const stage = cycle.stages[cycle.currentStage - 1]!;
  const record = await readDutyRecord(cycle.regionId, cycle.cycleId, unitId, code);
  const deadline = unitDeadline(stage.deadline, record?.extension);
  if (!mayDeliver(at, stage.deadline, record?.extension)) {
    throw new DomainError(
      409,
      'DEADLINE_PASSED',
      t(
        `「${STAGE_NAMES[code]}」的截止日期 ${deadline} 已过，不能再报送。如确有原因，请联系绩效办办理延期`,
        `The deadline of this stage (${deadline}) has passed: submission is closed. Ask the bureau for an extension`,
      ),
    );
  }
  return [notMissedCheck(cycle.regionId, cycle.cycleId, unitId, code, deadline)];
}
