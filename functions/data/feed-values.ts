// A fed value on the unit's progress item (model/progress-report.ts `fed`; items and reports are
// functions/data/progress-reports.ts's). Each row is one transaction with its own audit entry: the
// item (created when the unit has not started it, else updated in place, version-checked, so an
// approved item's index entry stays), the period report (created with the first item, like the unit's
// own first save; else its counts, never while an approval is being staged), the system's last use
// (only while its key is active: a revocation holds from the next row on), the cycle still at a
// progress stage.
import { t } from '../contracts/lang.ts';
import { countItems, PROGRESS_STAGES } from '../domain/progress-reports.ts';
import { dueDateOf } from '../domain/progress-periods.ts';
import type { FeedSystemRecord } from '../model/feed-system.ts';
import type { ProgressItemRecord, ProgressReportRecord } from '../model/progress-report.ts';
import { commit, update, type Actor, type TransactItem } from './commit.ts';
import { atStage, putIf } from './goals.ts';
import { keys } from './keys.ts';
import { progressItem, reportItem } from './progress-reports.ts';

export interface FedWrite {
  system: FeedSystemRecord;
  actor: Actor;
  before?: ProgressItemRecord;
  after: ProgressItemRecord;
  /** The period report as read (undefined: created with this item). */
  report?: ProgressReportRecord;
  /** The schedule's due day, for a report created here. */
  dueDay: number;
  note?: string;
  at: string;
}

const CHANGED = () => t('该进度条目已被他人修改、正在审核或密钥已吊销，请重新报送此行', 'The progress item changed meanwhile, its report is being approved, or the key was revoked; send this row again');

function itemWrite(before: ProgressItemRecord | undefined, after: ProgressItemRecord): TransactItem {
  if (!before) return putIf(progressItem(after), undefined);
  return update(
    keys.progressItem(after.regionId, after.cycleId, after.unitId, after.period, after.indicatorId),
    'SET #value = :value, fed = :fed, nothingToReport = :no, version = :next, updatedAt = :at, updatedBy = :by REMOVE nothingReason',
    { ':value': after.value, ':fed': after.fed, ':no': false, ':next': after.version, ':at': after.updatedAt, ':by': after.updatedBy, ':v': before.version },
    'version = :v',
    { '#value': 'value' },
  );
}

function reportWrite(w: FedWrite): TransactItem | undefined {
  const is = countItems([w.after]);
  const was = w.before ? countItems([w.before]) : { filled: 0, nothingToReport: 0 };
  const { after, at } = w;
  if (!w.report) {
    const created: ProgressReportRecord = { regionId: after.regionId, cycleId: after.cycleId, unitId: after.unitId, period: after.period, categoryId: after.categoryId, status: 'draft', dueDate: dueDateOf(after.period, w.dueDay), late: false, counts: is, version: 1, updatedAt: at, updatedBy: w.actor.username };
    return putIf(reportItem(created), undefined);
  }
  if (is.filled === was.filled && is.nothingToReport === was.nothingToReport) return undefined;
  // Counts only, by ADD: the unit's own saves move the report the same way (data/progress-reports.ts reportOnSave).
  return update(
    keys.progressReport(after.regionId, after.cycleId, after.unitId, after.period),
    'ADD counts.filled :f, counts.nothingToReport :n',
    { ':f': is.filled - was.filled, ':n': is.nothingToReport - was.nothingToReport },
    'attribute_exists(pk) AND attribute_not_exists(moving)',
  );
}

/** Stores one fed value. */
export async function storeFedValue(w: FedWrite): Promise<void> {
  const { system, after, at } = w;
  const report = reportWrite(w);
  await commit(
    w.actor,
    {
      action: 'progress.feed',
      target: `progress:${after.regionId}/${after.cycleId}/${after.unitId}/${after.period}/${after.indicatorId}`,
      before: w.before ? { value: w.before.value, fed: w.before.fed, nothingToReport: w.before.nothingToReport, version: w.before.version } : undefined,
      after: { value: after.value, fed: after.fed, version: after.version, ...(w.note ? { note: w.note } : {}) },
    },
    [
      atStage(after.regionId, after.cycleId, PROGRESS_STAGES),
      itemWrite(w.before, after),
      ...(report ? [report] : []),
      update(keys.feedSystem(system.systemId), 'SET lastUsedAt = :at ADD fedCount :one', { ':at': at, ':one': 1, ':active': 'active' }, '#status = :active', { '#status': 'status' }),
    ],
    at,
    CHANGED(),
  );
}
