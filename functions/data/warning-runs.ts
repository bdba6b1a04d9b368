// Recolour runs as stored (model/warning-run.ts; keys.warningRun in the cycle's work partition).
// Every write is a commit: a run is recorded with the plan approval that causes it (approveProposal
// takes the item) or with the failed run it restarts (that run marked restarted in the same
// transaction, so two restarts of one run never both succeed); its progress moves after each batch
// of units, only while it runs, so a run that was ended never moves again.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { warningRunRecord, type WarningRunRecord } from '../model/warning-run.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';

export const warningRunEntity = entity('warningRun', warningRunRecord, (r) => keys.warningRun(r.regionId, r.cycleId, r.id));

const target = (r: Pick<WarningRunRecord, 'regionId' | 'cycleId' | 'id'>) => `warning-run:${r.regionId}/${r.cycleId}/${r.id}`;

/** The item recording a new run (written in its cause's transaction: the approval, or a restart). */
export const newRunItem = (run: WarningRunRecord): TransactItem => ({ Put: { TableName: tableName(), Item: warningRunEntity.item(run), ConditionExpression: 'attribute_not_exists(pk)' } });

/** How many runs the portal reads: the newest of each category is among them while fewer categories change at once. */
export const RUNS_READ = 20;

/** The cycle's newest runs, newest first: one Query, descending. */
export async function listWarningRuns(regionId: string, cycleId: string, limit = RUNS_READ): Promise<WarningRunRecord[]> {
  const res = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.warningRunPrefix },
      ScanIndexForward: false,
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return (res.Items ?? []).map(warningRunEntity.parse);
}

export async function getWarningRun(regionId: string, cycleId: string, runId: string): Promise<WarningRunRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.warningRun(regionId, cycleId, runId), ConsistentRead: true }));
  return res.Item ? warningRunEntity.parse(res.Item) : undefined;
}

/** Records `run`, restarting `failed` (which must still be as read: not restarted, same status). */
export async function restartWarningRun(actor: Actor, failed: WarningRunRecord, run: WarningRunRecord): Promise<void> {
  const mark: TransactItem = {
    Update: {
      TableName: tableName(),
      Key: keys.warningRun(failed.regionId, failed.cycleId, failed.id),
      ConditionExpression: 'attribute_not_exists(restartedBy) AND #status = :status AND updatedAt = :updated',
      UpdateExpression: 'SET restartedBy = :by',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': failed.status, ':updated': failed.updatedAt, ':by': run.id },
    },
  };
  await commit(actor, { action: 'warning.run.restart', target: target(run), before: { runId: failed.id, status: failed.status, error: failed.error }, after: run }, [mark, newRunItem(run)], run.startedAt, t('这次重新计算已由他人重启，请刷新后查看进度', 'Someone else has already restarted this recolour; please refresh and watch its progress'));
}

/** Sets the run's unit count as its work begins (the units with approved goals then). */
export async function beginWarningRun(actor: Actor, run: WarningRunRecord, unitsTotal: number, at: string): Promise<void> {
  await commit(actor, { action: 'warning.run.begin', target: target(run), after: { unitsTotal } }, [runUpdate(run, 'SET unitsTotal = :n, updatedAt = :at', { ':n': unitsTotal, ':at': at })], at);
}

/** The run's progress moved by one batch of units. */
export async function moveWarningRun(actor: Actor, run: WarningRunRecord, units: number, changed: number, at: string): Promise<void> {
  await commit(actor, { action: 'warning.run.progress', target: target(run), after: { units, changed } }, [runUpdate(run, 'SET unitsDone = unitsDone + :u, changed = changed + :c, updatedAt = :at', { ':u': units, ':c': changed, ':at': at })], at);
}

/** Ends a run done, or failed with the reason (what its finished units wrote stays: each unit's refresh is whole). */
export async function finishWarningRun(actor: Actor, run: WarningRunRecord, status: 'done' | 'failed', at: string, error?: string): Promise<void> {
  const values = { ':status': status, ':at': at, ...(error ? { ':error': error.slice(0, 500) } : {}) };
  await commit(actor, { action: `warning.run.${status === 'done' ? 'finish' : 'fail'}`, target: target(run), after: { status, error } }, [runUpdate(run, `SET #status = :status, finishedAt = :at, updatedAt = :at${error ? ', #error = :error' : ''}`, values, error ? { '#error': 'error' } : {})], at);
}

/** An update of a running run (refused once it has ended). */
function runUpdate(run: WarningRunRecord, expression: string, values: Record<string, unknown>, names: Record<string, string> = {}): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.warningRun(run.regionId, run.cycleId, run.id),
      ConditionExpression: '#status = :running',
      UpdateExpression: expression,
      ExpressionAttributeNames: { '#status': 'status', ...names },
      ExpressionAttributeValues: { ':running': 'running', ...values },
    },
  };
}
