// Progress reports in the cycle's work partition (model/progress-report.ts, keys.progress*). A unit's
// period is one Query (its report first, then one item per goal); the report sits in the bureau's queue
// by period (gsi3), an approved item in its assessor unit's list (gsi2). Every write is one commit with
// its version checks; the leader's approval of more goals than one transaction holds is staged as
// data/goal-moves.ts does it (lock the report, write the items in chunks, unlock with the notices).
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { PROGRESS_STAGES } from '../domain/progress-reports.ts';
import {
  evidenceUploadRecord,
  progressItemRecord,
  progressReportRecord,
  progressSchedule,
  type EvidenceUploadRecord,
  type ProgressItemRecord,
  type ProgressReportRecord,
  type ProgressSchedule,
  type ReportMoving,
} from '../model/progress-report.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { atStage, putIf } from './goals.ts';
import { keys } from './keys.ts';
import { queryAll, queryPage } from './query.ts';

export const scheduleEntity = entity('progressSchedule', progressSchedule, (s) => keys.progressSchedule(s.regionId, s.cycleId));
export const reportEntity = entity('progressReport', progressReportRecord, (r) => keys.progressReport(r.regionId, r.cycleId, r.unitId, r.period));
export const itemEntity = entity('progressItem', progressItemRecord, (i) => keys.progressItem(i.regionId, i.cycleId, i.unitId, i.period, i.indicatorId));
export const uploadEntity = entity('evidenceUpload', evidenceUploadRecord, (u) => keys.evidenceUpload(u.regionId, u.cycleId, u.unitId, u.fileId));

/** A report with its place in the bureau's queue (by period and status). */
export const reportItem = (r: ProgressReportRecord) => reportEntity.item(r, keys.progressQueue(r.regionId, r.cycleId, r.period, r.status, r.unitId));
/** An item; once approved, in its assessor unit's list. */
export const progressItem = (i: ProgressItemRecord) =>
  itemEntity.item(i, i.status === 'approved' && i.assessorUnitId ? keys.progressAssessor(i.regionId, i.cycleId, i.assessorUnitId, i.period, i.unitId, i.indicatorId) : {});

const stale = () => t('进度报告已被他人修改，或周期已不在过程管理阶段，请刷新后重试', 'Someone else changed this report, or the cycle has left the execution stage; please refresh and try again');

async function getItem(key: { pk: string; sk: string }) {
  return (await documentClient().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
}

export async function getSchedule(regionId: string, cycleId: string): Promise<ProgressSchedule | undefined> {
  const item = await getItem(keys.progressSchedule(regionId, cycleId));
  return item ? scheduleEntity.parse(item) : undefined;
}

export async function storeSchedule(actor: Actor, before: ProgressSchedule | undefined, after: ProgressSchedule, at: string): Promise<void> {
  await commit(actor, { action: 'progress.schedule', target: `progress-schedule:${after.regionId}/${after.cycleId}`, before, after }, [putIf(scheduleEntity.item(after), before?.version)], at, stale());
}

/** A unit's items whose period begins with `periodPrefix` (a period, or a year `2026-`): one Query. */
async function readUnit(regionId: string, cycleId: string, unitId: string, prefix: string) {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': prefix },
    ConsistentRead: true,
  });
  return { reports: items.filter(reportEntity.is).map(reportEntity.parse), items: items.filter(itemEntity.is).map(itemEntity.parse) };
}

/** A unit's report of one period and its items. */
export async function readUnitPeriod(regionId: string, cycleId: string, unitId: string, period: string): Promise<{ report?: ProgressReportRecord; items: ProgressItemRecord[] }> {
  const { reports, items } = await readUnit(regionId, cycleId, unitId, keys.progressPeriodPrefix(unitId, period));
  return { ...(reports[0] ? { report: reports[0] } : {}), items };
}

/** A unit's reports and items of a year (`2026`): the periods list and each goal's last value. */
export const readUnitYear = (regionId: string, cycleId: string, unitId: string, year: string) => readUnit(regionId, cycleId, unitId, keys.progressPrefix(unitId, `${year}-`));

/** The bureau's list: the units' reports of a period (optionally of one status), a page at a time. */
export async function listReports(regionId: string, cycleId: string, period: string, status: string | undefined, limit: number, cursor?: string) {
  const page = await queryPage(
    {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk AND begins_with(gsi3sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.progressQueue(regionId, cycleId, period, '', '').gsi3pk, ':sk': status ? `${period}#${status}#` : `${period}#` },
    },
    limit,
    cursor,
  );
  return { items: page.items.map(reportEntity.parse), nextCursor: page.nextCursor };
}

/** Whether any unit has a report in the cycle (the schedule's frequency is fixed from then on): one Query, Limit 1. */
export async function hasReports(regionId: string, cycleId: string): Promise<boolean> {
  const page = await queryPage({ IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': keys.progressQueue(regionId, cycleId, '', '', '').gsi3pk } }, 1);
  return page.items.length > 0;
}

/** Every unit's report of a period (the daily job's deadlines): one Query, all pages. */
export async function listAllReports(regionId: string, cycleId: string, period: string): Promise<ProgressReportRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk AND begins_with(gsi3sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.progressQueue(regionId, cycleId, period, '', '').gsi3pk, ':sk': `${period}#` },
  });
  return items.map(reportEntity.parse);
}

/** An assessor unit's list: the approved items of its goals in a period, a page at a time. */
export async function listAssessorItems(regionId: string, cycleId: string, assessorUnitId: string, period: string, limit: number, cursor?: string) {
  const page = await queryPage(
    {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.progressAssessorPartition(regionId, cycleId, assessorUnitId), ':sk': `${period}#` },
    },
    limit,
    cursor,
  );
  return { items: page.items.map(itemEntity.parse), nextCursor: page.nextCursor };
}

export async function getUpload(regionId: string, cycleId: string, unitId: string, fileId: string): Promise<EvidenceUploadRecord | undefined> {
  const item = await getItem(keys.evidenceUpload(regionId, cycleId, unitId, fileId));
  return item ? uploadEntity.parse(item) : undefined;
}

/** Records a signed upload (audited): the item that references the file later confirms and removes it. */
export async function storeUpload(actor: Actor, upload: EvidenceUploadRecord, at: string): Promise<void> {
  const { regionId, cycleId, unitId, indicatorId, period } = upload;
  await commit(
    actor,
    { action: 'progress.evidence.sign', target: `progress:${regionId}/${cycleId}/${unitId}/${period}/${indicatorId}`, after: { fileId: upload.fileId, name: upload.name, contentType: upload.contentType, size: upload.size, sha256: upload.sha256 } },
    [atStage(regionId, cycleId, PROGRESS_STAGES), { Put: { TableName: tableName(), Item: uploadEntity.item(upload), ConditionExpression: 'attribute_not_exists(pk)' } }],
    at,
    stale(),
  );
}

/** The report's part of an item save: new (a Put), or its version bumped and counts moved while it is with the unit. */
function reportOnSave(before: ProgressReportRecord | undefined, created: ProgressReportRecord, delta: { filled: number; nothingToReport: number }, by: string, at: string): TransactItem {
  if (!before) return putIf(reportItem(created), undefined);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.progressReport(before.regionId, before.cycleId, before.unitId, before.period),
      UpdateExpression: 'SET updatedAt = :at, updatedBy = :by ADD version :one, counts.filled :f, counts.nothingToReport :n',
      ConditionExpression: '#status IN (:draft, :returned) AND attribute_not_exists(moving)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':at': at, ':by': by, ':one': 1, ':f': delta.filled, ':n': delta.nothingToReport, ':draft': 'draft', ':returned': 'returned' },
    },
  };
}

/** Saves one goal's entry of a period (the report created with the first), removing the uploads it now references. */
export async function storeEntry(
  actor: Actor,
  entry: { before?: ProgressItemRecord; after: ProgressItemRecord },
  report: { before?: ProgressReportRecord; created: ProgressReportRecord; delta: { filled: number; nothingToReport: number } },
  usedUploads: readonly EvidenceUploadRecord[],
  at: string,
): Promise<void> {
  const { regionId, cycleId, unitId, period, indicatorId } = entry.after;
  await commit(
    actor,
    { action: 'progress.save', target: `progress:${regionId}/${cycleId}/${unitId}/${period}/${indicatorId}`, before: entry.before, after: entry.after },
    [
      atStage(regionId, cycleId, PROGRESS_STAGES),
      putIf(progressItem(entry.after), entry.before?.version),
      reportOnSave(report.before, report.created, report.delta, actor.username, at),
      ...usedUploads.map((u): TransactItem => ({ Delete: { TableName: tableName(), Key: keys.evidenceUpload(u.regionId, u.cycleId, u.unitId, u.fileId), ConditionExpression: 'attribute_exists(pk)' } })),
    ],
    at,
    stale(),
  );
}

/** Items of one transaction beside the goals' items: stage check, report and the audit's two (notices added per move). */
const OTHER_ITEMS = 4;
const ITEMS_PER_CHUNK = 98;

export interface ReportMove {
  action: string;
  report: { before: ProgressReportRecord; after: ProgressReportRecord };
  /** Each goal's item as it will be (status, late). */
  items: { before: ProgressItemRecord; after: ProgressItemRecord }[];
  notices: Record<string, unknown>[];
  at: string;
  detail?: unknown;
}

const reportPutIf = (after: ProgressReportRecord, readVersion: number): TransactItem => ({
  Put: { TableName: tableName(), Item: reportItem(after), ConditionExpression: 'version = :v AND attribute_not_exists(moving)', ExpressionAttributeValues: { ':v': readVersion } },
});

const target = (r: ProgressReportRecord) => `progress:${r.regionId}/${r.cycleId}/${r.unitId}/${r.period}`;

/** Moves the report (submit, approve, return) with every item of the period: one commit when it fits, else staged. */
export async function storeReportMove(actor: Actor, move: ReportMove): Promise<void> {
  const { report, items, notices, at } = move;
  if (items.length + notices.length + OTHER_ITEMS <= 100) {
    await commit(
      actor,
      { action: move.action, target: target(report.after), before: { status: report.before.status, version: report.before.version }, after: { status: report.after.status, late: report.after.late, items: items.length, ...(move.detail ? { detail: move.detail } : {}) } },
      [
        atStage(report.after.regionId, report.after.cycleId, PROGRESS_STAGES),
        reportPutIf(report.after, report.before.version),
        ...items.map((i) => putIf(progressItem(i.after), i.before.version)),
        ...notices.map((n): TransactItem => ({ Put: { TableName: tableName(), Item: n } })),
      ],
      at,
      stale(),
    );
    return;
  }
  const moving: ReportMoving = {
    token: randomUUID(),
    action: move.action,
    at,
    by: actor.username,
    after: report.after,
    items: items.map((i) => ({ indicatorId: i.after.indicatorId, fromVersion: i.before.version })),
    notices,
  };
  await commit(
    actor,
    { action: `${move.action}.begin`, target: target(report.after), before: { status: report.before.status, version: report.before.version }, after: { status: report.after.status, items: items.length } },
    [
      atStage(report.after.regionId, report.after.cycleId, PROGRESS_STAGES),
      {
        Update: {
          TableName: tableName(),
          Key: keys.progressReport(report.before.regionId, report.before.cycleId, report.before.unitId, report.before.period),
          UpdateExpression: 'SET moving = :moving',
          ConditionExpression: 'version = :v AND attribute_not_exists(moving)',
          ExpressionAttributeValues: { ':moving': moving, ':v': report.before.version },
        },
      },
    ],
    at,
    stale(),
  );
  await finishReportMove(actor, { ...report.before, moving });
}

/** Steps 2–3 of a recorded move: the items still at their old version, then the report and the notices. */
export async function finishReportMove(actor: Actor, report: ProgressReportRecord & { moving: ReportMoving }): Promise<void> {
  const { moving, regionId, cycleId, unitId, period } = report;
  const { items } = await readUnitPeriod(regionId, cycleId, unitId, period);
  const byId = new Map(items.map((i) => [i.indicatorId, i]));
  const pending = moving.items.filter((m) => byId.get(m.indicatorId)?.moveToken !== moving.token);
  for (let i = 0; i < pending.length; i += ITEMS_PER_CHUNK) {
    const chunk = pending.slice(i, i + ITEMS_PER_CHUNK);
    await commit(
      actor,
      { action: `${moving.action}.items`, target: target(report), after: { items: chunk.map((m) => m.indicatorId) } },
      chunk.map((m): TransactItem => {
        const before = byId.get(m.indicatorId);
        if (!before) throw new Error(`item ${m.indicatorId} of a recorded report move is gone`);
        const after: ProgressItemRecord = { ...before, status: moving.after.status, late: moving.after.late, moveToken: moving.token, version: m.fromVersion + 1, updatedAt: moving.at, updatedBy: moving.by };
        return { Put: { TableName: tableName(), Item: progressItem(after), ConditionExpression: 'version = :v OR moveToken = :token', ExpressionAttributeValues: { ':v': m.fromVersion, ':token': moving.token } } };
      }),
      moving.at,
      stale(),
    );
  }
  await commit(
    actor,
    { action: moving.action, target: target(report), before: { status: report.status, version: report.version }, after: { status: moving.after.status, late: moving.after.late, items: moving.items.length } },
    [
      { Put: { TableName: tableName(), Item: reportItem(moving.after), ConditionExpression: 'moving.#token = :token', ExpressionAttributeNames: { '#token': 'token' }, ExpressionAttributeValues: { ':token': moving.token } } },
      ...moving.notices.map((n): TransactItem => ({ Put: { TableName: tableName(), Item: n } })),
    ],
    moving.at,
    stale(),
  );
}

/** A unit's period to write on: a staged move cut short is finished first (and read again). */
export async function readSettledPeriod(actor: Actor, regionId: string, cycleId: string, unitId: string, period: string) {
  const read = await readUnitPeriod(regionId, cycleId, unitId, period);
  if (!read.report?.moving) return read;
  await finishReportMove(actor, { ...read.report, moving: read.report.moving });
  return readUnitPeriod(regionId, cycleId, unitId, period);
}
