// Assessor scores and their tallies as stored (model/score.ts; rules in domain/assessor-scores.ts). A
// score lives in the cycle's work partition and in its assessor unit's worklist (gsi2, shared with the
// goals it assesses); each assessor unit's tally (counters per indicator, its submission) in the bureau's
// queue (gsi3). Every save is one commit: the scores it writes (version-checked, so a concurrent edit is
// refused, not lost), the tally's counters moved in the same transaction, the stage check and any notice.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { scoreRecord, scoreTallyRecord, type ScoreCounts, type ScoreRecord, type ScoreTallyRecord } from '../model/score.ts';
import type { GoalRecord } from '../model/goal.ts';
import { batchGet } from './assessor-goals.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { atStage, goalEntity, putIf } from './goals.ts';
import { assertNotFrozen } from './confirmations.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export const scoreEntity = entity('score', scoreRecord, (s) => keys.score(s.regionId, s.cycleId, s.unitId, s.indicatorId));
export const scoreTallyEntity = entity('scoreTally', scoreTallyRecord, (s) => keys.scoreTally(s.regionId, s.cycleId, s.unitId));

/** A score with its place in its assessor unit's worklist. */
export const scoreItem = (s: ScoreRecord) => scoreEntity.item(s, keys.assessorWork(s.regionId, s.cycleId, s.assessorUnitId, s.status, s.unitId, s.indicatorId));
/** A tally with its place in the bureau's queue: `since` is when it entered its status. */
export const scoreTallyItem = (s: ScoreTallyRecord, since: string) => scoreTallyEntity.item(s, keys.queue(s.regionId, s.cycleId, 'SCORE', s.status, since, s.unitId));

/** An assessor unit's worklist: the goals it assesses and its scores, one Query of gsi2 (eventually consistent). */
export async function listAssessorWork(regionId: string, cycleId: string, assessorUnitId: string): Promise<{ goals: GoalRecord[]; scores: ScoreRecord[] }> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.assessorWorkPartition(regionId, cycleId, assessorUnitId) },
  });
  return { goals: items.filter(goalEntity.is).map(goalEntity.parse), scores: items.filter(scoreEntity.is).map(scoreEntity.parse) };
}

export const pairKey = (unitId: string, indicatorId: string) => `${unitId}|${indicatorId}`;

/** Scores by `unit|indicator`, read consistently by key (100 a BatchGetItem). */
export async function readScores(regionId: string, cycleId: string, pairs: readonly { unitId: string; indicatorId: string }[]): Promise<Map<string, ScoreRecord>> {
  const items = await batchGet(pairs.map((p) => keys.score(regionId, cycleId, p.unitId, p.indicatorId)));
  return new Map(items.map(scoreEntity.parse).map((s) => [pairKey(s.unitId, s.indicatorId), s]));
}

/** Every score of the cycle (the results' read): one Query of the SCORE# items, tallies left out. */
export async function listCycleScores(regionId: string, cycleId: string): Promise<ScoreRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('SCORE') },
  });
  return items.filter(scoreEntity.is).map(scoreEntity.parse);
}

export async function getTally(regionId: string, cycleId: string, assessorUnitId: string): Promise<ScoreTallyRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.scoreTally(regionId, cycleId, assessorUnitId), ConsistentRead: true }));
  return res.Item ? scoreTallyEntity.parse(res.Item) : undefined;
}

/** Every assessor unit's tally of the cycle: one Query of the bureau's queue. */
export async function listTallies(regionId: string, cycleId: string): Promise<ScoreTallyRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.queuePartition(regionId, cycleId, 'SCORE') },
  });
  return items.map(scoreTallyEntity.parse);
}

/** How a write moves a tally: counters added per indicator, and the status it ends in. */
export interface TallyMove {
  delta: ReadonlyMap<string, { scored: number; submitted: number }>;
  /** Set when the write submits the indicator(s): the time of the submission. */
  submittedAt?: string;
  /** Every indicator of the assessor unit is submitted after this write: its stage duty is delivered. */
  allSubmitted?: boolean;
}

/**
 * The tally's part of a write. A new tally is put (only if none is there); an existing one has each
 * indicator's counters moved in place (SET a = a + n, so two writers of one assessor unit never lose a
 * count), an indicator it has not seen yet set once.
 */
function tallyWrite(regionId: string, cycleId: string, assessorUnitId: string, before: ScoreTallyRecord | undefined, move: TallyMove, at: string): TransactItem {
  const status = move.allSubmitted ? 'submitted' : (before?.status ?? 'open');
  const counts = (i: string, d: { scored: number; submitted: number }): ScoreCounts => ({
    scored: (before?.indicators[i]?.scored ?? 0) + d.scored,
    submitted: (before?.indicators[i]?.submitted ?? 0) + d.submitted,
    ...(move.submittedAt && d.submitted ? { submittedAt: move.submittedAt } : before?.indicators[i]?.submittedAt ? { submittedAt: before.indicators[i]!.submittedAt } : {}),
  });
  if (!before) {
    const record: ScoreTallyRecord = {
      regionId,
      cycleId,
      unitId: assessorUnitId,
      status,
      indicators: Object.fromEntries([...move.delta].map(([i, d]) => [i, counts(i, d)])),
      ...(status === 'submitted' ? { submittedAt: move.submittedAt ?? at } : {}),
      version: 1,
      updatedAt: at,
    };
    return putIf(scoreTallyItem(record, at), undefined);
  }
  const sets = ['updatedAt = :at', 'version = version + :one'];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':at': at, ':one': 1 };
  const conditions: string[] = ['attribute_exists(pk)'];
  [...move.delta].forEach(([i, d], n) => {
    names[`#i${n}`] = i;
    if (before.indicators[i]) {
      sets.push(`indicators.#i${n}.scored = indicators.#i${n}.scored + :s${n}`, `indicators.#i${n}.submitted = indicators.#i${n}.submitted + :b${n}`);
      values[`:s${n}`] = d.scored;
      values[`:b${n}`] = d.submitted;
      if (move.submittedAt && d.submitted) {
        sets.push(`indicators.#i${n}.submittedAt = :sub`);
        values[':sub'] = move.submittedAt;
      }
    } else {
      sets.push(`indicators.#i${n} = :c${n}`);
      values[`:c${n}`] = counts(i, d);
      conditions.push(`attribute_not_exists(indicators.#i${n})`);
    }
  });
  if (status !== before.status) {
    const queue = keys.queue(regionId, cycleId, 'SCORE', status, at, assessorUnitId);
    sets.push('#status = :st', 'gsi3sk = :g3', 'submittedAt = :subAll');
    names['#status'] = 'status';
    Object.assign(values, { ':st': status, ':g3': queue.gsi3sk, ':subAll': move.submittedAt ?? at });
  }
  return { Update: { TableName: tableName(), Key: keys.scoreTally(regionId, cycleId, assessorUnitId), UpdateExpression: `SET ${sets.join(', ')}`, ConditionExpression: conditions.join(' AND '), ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}

const stale = () => t('评分已被他人修改、已报送，或周期已不在考核评分阶段，请刷新后重试', 'Someone else changed these scores, they were submitted, or the cycle has left the assessment stage; please refresh and try again');

/** Items of one transaction beside the scores: the stage check, the tally, a notice, the late lock, the audit's two. */
export const MAX_SCORES_PER_WRITE = 100 - 6;

/**
 * Writes scores of one assessor unit (each conditioned on the version read, or on being new, and on
 * being a draft still) with its tally, the stage check, an optional notice and guards, in one commit.
 */
export async function storeScores(
  actor: Actor,
  change: { action: string; target: string; detail?: unknown },
  assessor: { regionId: string; cycleId: string; assessorUnitId: string; tally: ScoreTallyRecord | undefined; move: TallyMove },
  writes: readonly { before?: ScoreRecord; after: ScoreRecord }[],
  at: string,
  extra: { notice?: Record<string, unknown>; guards?: TransactItem[]; stages?: readonly ('assessment' | 'self_assessment')[] } = {},
): Promise<void> {
  const { regionId, cycleId, assessorUnitId } = assessor;
  // A confirmed category's scores stay as confirmed (data/confirmations.ts).
  const frozenGuards = await assertNotFrozen(regionId, cycleId, [...new Set(writes.map((w) => w.after.unitId))]);
  const items: TransactItem[] = [
    ...frozenGuards,
    atStage(regionId, cycleId, extra.stages ?? ['assessment']),
    ...writes.map((w) => scoreWrite(w.before, w.after)),
    tallyWrite(regionId, cycleId, assessorUnitId, assessor.tally, assessor.move, at),
    ...(extra.notice ? [{ Put: { TableName: tableName(), Item: extra.notice } }] : []),
    ...(extra.guards ?? []),
  ];
  const detail = writes.map((w) => ({ unitId: w.after.unitId, indicatorId: w.after.indicatorId, inputs: w.after.inputs, score: w.after.score, status: w.after.status, version: w.after.version }));
  await commit(actor, { action: change.action, target: change.target, before: writes.length === 1 ? writes[0]!.before : undefined, after: { scores: detail, ...(change.detail ? { detail: change.detail } : {}) } }, items, at, stale());
}

/** A score put on the version read (or new), and only while the stored one is a draft. */
function scoreWrite(before: ScoreRecord | undefined, after: ScoreRecord): TransactItem {
  if (!before) return putIf(scoreItem(after), undefined);
  return {
    Put: {
      TableName: tableName(),
      Item: scoreItem(after),
      ConditionExpression: 'version = :v AND #status = :draft',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':v': before.version, ':draft': 'draft' },
    },
  };
}
