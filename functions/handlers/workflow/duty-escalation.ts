// Stage duties at their deadlines, per unit: the escalation records each unit that missed its
// deadline (the stage's, or its extension's) with a notice to its leader; the reminder reaches each
// unit that has not delivered three working days before. Both once per unit and deadline: a second
// run finds the records and writes nothing. Used by escalateStage (workflow timeout and daily job)
// and by the daily job, which also watches extensions.
import { beijingDate } from '../../domain/dates.ts';
import { bureauMissedNotice, unitMissedNotice, unitReminderNotice } from '../../domain/duty-notices.ts';
import { dutiesOf, missedDeadline, reminderDue, type UnitDuties } from '../../domain/duties.ts';
import { ConflictError } from '../../domain/errors.ts';
import type { WorkingCalendar } from '../../domain/working-days.ts';
import { now, nowIso } from '../../config/clock.ts';
import type { Actor } from '../../data/commit.ts';
import type { Cycle, StageItem } from '../../data/cycles.ts';
import { loadStageDuties, storeMarks } from '../../data/duties.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getRegion } from '../../data/regions.ts';

/** Tries after another writer (the other runner, a last-second submission) changed what was read. */
const TRIES = 4;

const unitLink = (cycle: Cycle) => `/cycles/${cycle.cycleId}/goals`;

async function marking(
  cycle: Cycle,
  stage: StageItem,
  actor: Actor,
  mark: 'missed' | 'reminded',
  due: (row: UnitDuties) => string | undefined,
  bureauNotice: boolean,
): Promise<{ recorded: UnitDuties[]; rows: UnitDuties[] }> {
  const recorded: UnitDuties[] = [];
  const duties = dutiesOf(stage.code);
  for (let tries = 1; ; tries++) {
    const rows = await loadStageDuties(cycle.regionId, cycle.cycleId, stage.code, stage.deadline, true);
    const todo = rows.flatMap((row) => {
      const deadline = due(row);
      return deadline ? [{ row, deadline }] : [];
    });
    if (!todo.length) return { recorded, rows };
    const at = nowIso();
    const bureauUnitId = bureauNotice ? (await getRegion(cycle.regionId))?.bureauUnitId : undefined;
    const names = new Map(todo.map(({ row }) => [row.unitId, row.unitName]));
    const units = todo.map(({ row, deadline }) => {
      const what = duties.filter((d) => row.lines.some((l) => l.dutyId === d.id && !l.delivered)).map((d) => d.what());
      const ref = { cycleName: cycle.name, stage: stage.code, deadline, unitName: row.unitName, extended: row.extension !== undefined, what };
      const text = mark === 'missed' ? unitMissedNotice(ref) : unitReminderNotice(ref);
      return { unitId: row.unitId, deadline, notice: noticeItem({ regionId: cycle.regionId, unitId: row.unitId, at, link: unitLink(cycle), ...text }) };
    });
    try {
      await storeMarks(
        actor,
        cycle.regionId,
        cycle.cycleId,
        stage.code,
        mark,
        units,
        (batch) =>
          bureauUnitId
            ? [noticeItem({ regionId: cycle.regionId, unitId: bureauUnitId, at, link: `/cycles/${cycle.cycleId}`, ...bureauMissedNotice({ cycleName: cycle.name, stage: stage.code, units: batch.map((u) => names.get(u.unitId)!) }) })]
            : [],
        at,
      );
      recorded.push(...todo.map((x) => x.row));
      return { recorded, rows };
    } catch (e) {
      // A unit delivered, or the other runner recorded it, since the read: read again and mark what is still due.
      if (!(e instanceof ConflictError) || tries === TRIES) throw e;
    }
  }
}

/**
 * Records every unit whose deadline has passed undelivered and was not recorded yet, each with a
 * notice to its leader; `bureauNotice` adds one notice naming them to the bureau (the stage's own
 * escalation names them in its notice instead). Answers the units recorded now and every unit's standing.
 */
export const escalateUnits = (cycle: Cycle, stage: StageItem, actor: Actor, bureauNotice: boolean) =>
  marking(cycle, stage, actor, 'missed', (row) => missedDeadline(row, now()), bureauNotice);

/** Reminds every unit that has not delivered, three working days before its deadline, once per deadline. */
export const remindUnits = (cycle: Cycle, stage: StageItem, actor: Actor, calendar: WorkingCalendar) =>
  marking(cycle, stage, actor, 'reminded', (row) => reminderDue(row, now(), beijingDate(now()), calendar), false);

/** The units recorded as missing the stage's own deadline, now or by an earlier run (the stage escalation's notice names them). */
export function missedStageDeadline(result: { recorded: UnitDuties[]; rows: UnitDuties[] }, stage: StageItem): string[] {
  const now = new Set(result.recorded.filter((r) => r.deadline === stage.deadline).map((r) => r.unitId));
  return result.rows.filter((r) => now.has(r.unitId) || (!r.delivered && r.missedDeadline === stage.deadline)).map((r) => r.unitName);
}
