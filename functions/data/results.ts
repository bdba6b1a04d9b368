// Preliminary results, vetoes, runs and publications as stored (model/result.ts; rules in
// domain/results.ts). Everything lives under RESULT# in the cycle's work partition, so the bureau's
// page and the computation read the cycle's results with one Query; a complete result also sits in its
// category's ranking (gsi2 RANK#r#c#category), a veto in the bureau's queue (gsi3 QUEUE#r#c#RESULT).
// Every write is a commit: results in chunks (version-checked, so a concurrent run is refused, not
// lost), the run's progress moved in the same transaction as its category's last chunk.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import {
  resultPublicationRecord,
  resultRecord,
  resultRunRecord,
  vetoRecord,
  type ResultPublicationRecord,
  type ResultRecord,
  type ResultRunRecord,
  type VetoRecord,
} from '../model/result.ts';
import type { StageCode } from '../domain/stages.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { atStage, putIf } from './goals.ts';
import { keys } from './keys.ts';
import { noticeItem } from './notifications.ts';
import { queryAll } from './query.ts';

import { assertNotFrozen } from './confirmations.ts';

/** The freeze check of confirmed categories (Art 22), for every slice that writes what changes a result. */
export { assertNotFrozen, notFrozen } from './confirmations.ts';

export const resultEntity = entity('result', resultRecord, (r) => keys.result(r.regionId, r.cycleId, r.unitId));
export const vetoEntity = entity('veto', vetoRecord, (v) => keys.veto(v.regionId, v.cycleId, v.unitId, v.id));
export const resultRunEntity = entity('resultRun', resultRunRecord, (r) => keys.resultRun(r.regionId, r.cycleId, r.startedAt, r.id));
export const publicationEntity = entity('resultPublication', resultPublicationRecord, (p) => keys.resultPublication(p.regionId, p.cycleId, p.categoryId));

/** A result, in its category's ranking when it has a total. */
export const resultItem = (r: ResultRecord) => resultEntity.item(r, r.total === null ? {} : keys.ranking(r.regionId, r.cycleId, r.categoryId, r.total, r.unitId));
export const vetoItem = (v: VetoRecord) => vetoEntity.item(v, keys.queue(v.regionId, v.cycleId, 'RESULT', v.status, v.decision?.at ?? v.proposedAt, v.unitId));

export interface CycleResults {
  results: ResultRecord[];
  vetoes: VetoRecord[];
  publications: ResultPublicationRecord[];
}

/** Every result, veto and publication of the cycle: one Query (runs skipped by entity). */
export async function readCycleResults(regionId: string, cycleId: string): Promise<CycleResults> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('RESULT') },
    ConsistentRead: true,
  });
  return {
    results: items.filter(resultEntity.is).map(resultEntity.parse),
    vetoes: items.filter(vetoEntity.is).map(vetoEntity.parse),
    publications: items.filter(publicationEntity.is).map(publicationEntity.parse),
  };
}

/** A unit's result and vetoes: one Query of RESULT#u#. */
export async function readUnitResult(regionId: string, cycleId: string, unitId: string): Promise<{ result?: ResultRecord; vetoes: VetoRecord[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('RESULT', unitId) },
    ConsistentRead: true,
  });
  return { result: items.filter(resultEntity.is).map(resultEntity.parse)[0], vetoes: items.filter(vetoEntity.is).map(vetoEntity.parse) };
}

export async function getPublication(regionId: string, cycleId: string, categoryId: string): Promise<ResultPublicationRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.resultPublication(regionId, cycleId, categoryId), ConsistentRead: true }));
  return res.Item ? publicationEntity.parse(res.Item) : undefined;
}

/** The newest run of the cycle: one Query, descending, Limit 1. */
export async function latestRun(regionId: string, cycleId: string): Promise<ResultRunRecord | undefined> {
  const res = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.resultRunPrefix },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = res.Items?.[0];
  return item ? resultRunEntity.parse(item) : undefined;
}

const runKey = (r: ResultRunRecord) => keys.resultRun(r.regionId, r.cycleId, r.startedAt, r.id);
const runTarget = (r: ResultRunRecord) => `results:${r.regionId}/${r.cycleId}/${r.id}`;

/**
 * Records a new run, if the run started last is still `seenRunId` (null: none yet): the head item
 * (keys.resultRunHead) moves to the new run in the same transaction, so two starts that saw the same
 * run never both succeed — the second is refused (409), however close together they come.
 */
export async function startRun(actor: Actor, run: ResultRunRecord, seenRunId: string | null): Promise<void> {
  const head: TransactItem = {
    Put: {
      TableName: tableName(),
      Item: { ...keys.resultRunHead(run.regionId, run.cycleId), entity: 'resultRunHead', runId: run.id, startedAt: run.startedAt },
      // No head yet and a run seen: runs recorded before heads were kept (the demo seed writes one too).
      ...(seenRunId === null ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'attribute_not_exists(pk) OR runId = :seen', ExpressionAttributeValues: { ':seen': seenRunId } }),
    },
  };
  await commit(
    actor,
    { action: 'result.run.start', target: runTarget(run), after: run },
    [putIf(resultRunEntity.item(run), undefined), head],
    run.startedAt,
    t('他人刚开始了一次计算，请刷新后查看进度', 'Someone else has just started a computation; please refresh and watch its progress'),
  );
}

/** The run's counters moved by one category's work. */
function runProgress(run: ResultRunRecord, units: number, changed: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: runKey(run),
      ConditionExpression: '#status = :running',
      UpdateExpression: 'SET categoriesDone = categoriesDone + :one, unitsDone = unitsDone + :units, changed = changed + :changed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':running': 'running', ':one': 1, ':units': units, ':changed': changed },
    },
  };
}

/** Items per transaction: commit adds two of the audit's, the run's progress is one more. */
export const RESULTS_PER_COMMIT = 90;

/**
 * One category's changed results, in chunks of RESULTS_PER_COMMIT, each a commit (version-checked
 * against the version read); the last carries the run's progress, so the portal's counters never run
 * ahead of what is stored. A category with nothing changed still commits its progress.
 */
export async function writeCategoryResults(actor: Actor, run: ResultRunRecord, categoryId: string, units: number, changes: readonly { before?: ResultRecord; after: ResultRecord }[], at: string, guards: TransactItem[] = []): Promise<void> {
  const conflict = t('成绩已被其他计算或操作修改，请重新计算', 'The results were changed by another run or action; please compute again');
  const chunks: (typeof changes)[] = [];
  for (let i = 0; i < changes.length; i += RESULTS_PER_COMMIT) chunks.push(changes.slice(i, i + RESULTS_PER_COMMIT));
  if (!chunks.length) chunks.push([]);
  for (const [i, chunk] of chunks.entries()) {
    const last = i === chunks.length - 1;
    const items = [...chunk.map((c) => putIf(resultItem(c.after), c.before?.version)), ...guards];
    await commit(
      actor,
      {
        action: 'result.compute',
        target: `results:${run.regionId}/${run.cycleId}/${categoryId}`,
        after: { runId: run.id, chunk: i + 1, of: chunks.length, units: chunk.map((c) => ({ unitId: c.after.unitId, version: c.after.version, total: c.after.total, grade: c.after.place?.grade ?? null })) },
      },
      last ? [...items, runProgress(run, units, changes.length)] : items,
      at,
      conflict,
    );
  }
}

/** Ends a run as done or failed (a failed run keeps what its finished categories wrote). */
export async function finishRun(actor: Actor, run: ResultRunRecord, status: 'done' | 'failed', at: string, error?: string): Promise<void> {
  const item: TransactItem = {
    Update: {
      TableName: tableName(),
      Key: runKey(run),
      ConditionExpression: '#status = :running',
      UpdateExpression: `SET #status = :status, finishedAt = :at${error ? ', #error = :error' : ''}`,
      ExpressionAttributeNames: { '#status': 'status', ...(error ? { '#error': 'error' } : {}) },
      ExpressionAttributeValues: { ':running': 'running', ':status': status, ':at': at, ...(error ? { ':error': error.slice(0, 500) } : {}) },
    },
  };
  await commit(actor, { action: `result.run.${status === 'done' ? 'finish' : 'fail'}`, target: runTarget(run), after: { status, error } }, [item], at);
}

/** Publishes a category's results to its units, with a notice to each unit; only while the cycle is at `stages`. */
/** `guards`: conditions the publication holds to (a confirmed category is frozen: data/confirmations.ts). */
export async function storePublication(actor: Actor, before: ResultPublicationRecord | undefined, after: ResultPublicationRecord, unitIds: readonly string[], stages: readonly StageCode[], guards: readonly TransactItem[] = []): Promise<void> {
  const notices = unitIds.map((unitId) =>
    noticeItem({
      regionId: after.regionId,
      unitId,
      at: after.publishedAt,
      kind: 'result.publish',
      title: t('初步考评结果已公布', 'Preliminary results published'),
      body: t(`本单位 ${after.cycleId} 年度初步考评结果已公布，如有异议请于 ${after.reviewUntil} 24:00 前申请复核。`, `Your unit's preliminary ${after.cycleId} results are published; a review may be requested until ${after.reviewUntil} 24:00.`),
      link: `/my-result/${after.cycleId}`,
    }),
  );
  // A notice per unit: a category larger than one transaction gets its notices in further commits.
  const head = notices.slice(0, 80);
  await commit(
    actor,
    { action: 'result.publish', target: `results:${after.regionId}/${after.cycleId}/${after.categoryId}`, before, after },
    [atStage(after.regionId, after.cycleId, stages), ...guards, putIf(publicationEntity.item(after), before?.version), ...head.map((Item) => ({ Put: { TableName: tableName(), Item } }))],
    after.publishedAt,
  );
  for (let i = 80; i < notices.length; i += 95) {
    await commit(actor, { action: 'result.publish.notice', target: `results:${after.regionId}/${after.cycleId}/${after.categoryId}`, after: { count: notices.slice(i, i + 95).length } }, notices.slice(i, i + 95).map((Item) => ({ Put: { TableName: tableName(), Item } })), after.publishedAt);
  }
}

export async function getVeto(regionId: string, cycleId: string, unitId: string, id: string): Promise<VetoRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.veto(regionId, cycleId, unitId, id), ConsistentRead: true }));
  return res.Item ? vetoEntity.parse(res.Item) : undefined;
}

/** The bureau's vetoes of the cycle: one Query of gsi3. */
export async function listVetoes(regionId: string, cycleId: string): Promise<VetoRecord[]> {
  const items = await queryAll({ IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': keys.queuePartition(regionId, cycleId, 'RESULT') } });
  return items.map(vetoEntity.parse);
}

/** Proposes or decides a veto (version-checked), only while the cycle is at `stages`. */
export async function storeVeto(actor: Actor, before: VetoRecord | undefined, after: VetoRecord, at: string, stages: readonly StageCode[]): Promise<void> {
  const guards = await assertNotFrozen(after.regionId, after.cycleId, [after.unitId]);
  await commit(
    actor,
    { action: before ? `veto.${after.status === 'approved' ? 'approve' : 'reject'}` : 'veto.propose', target: `veto:${after.regionId}/${after.cycleId}/${after.unitId}/${after.id}`, before, after },
    [atStage(after.regionId, after.cycleId, stages), putIf(vetoItem(after), before?.version), ...guards],
    at,
    t('该一票否决事项已被他人修改，或周期已不在可处理的阶段，请刷新后重试', 'Someone else changed this veto, or the cycle is not at a stage that allows it; please refresh and try again'),
  );
}
