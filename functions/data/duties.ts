// Stage duties as stored and read (rules in domain/duties.ts). Delivery is read from the work with
// one Query per source (goal sets: the bureau's queue on gsi3); each unit's duty record of a stage
// (keys.duty) holds its extension and the deadlines it missed and was reminded of. Escalation and
// reminders write one record per unit, conditioned on the deadline not being recorded yet and on the
// work still being undelivered, so two runners (workflow and daily job) or a last-second submission
// never record a unit twice or wrongly.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { getCategorySet } from './categories.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { listGoalSets } from './goals.ts';
import { listSelfSets } from './self-assessments.ts';
import { listTallies } from './scores.ts';
import { keys } from './keys.ts';
import { getCurrentPlan } from './plans.ts';
import { queryAll } from './query.ts';
import { readUnits } from './units.ts';
import { assignees, dutiesOf, unitDuties, type DutyKind, type DutySource, type UnitDuties, type WorkRecord } from '../domain/duties.ts';
import { leaves } from '../domain/plan.ts';
import type { StageCode } from '../domain/stages.ts';
import { dutyRecord, type DutyRecord } from '../model/duty.ts';

export const dutyEntity = entity('duty', dutyRecord, (d) => keys.duty(d.regionId, d.cycleId, d.unitId, d.stage));

/** Each source: how its records of a cycle are listed (one Query), and the key of a unit's record. */
const SOURCES: Record<DutySource, { list: (regionId: string, cycleId: string) => Promise<WorkRecord[]>; key: (regionId: string, cycleId: string, unitId: string) => Record<string, string> }> = {
  goalSets: { list: listGoalSets, key: keys.goalSet },
  selfSets: { list: listSelfSets, key: keys.selfAssessmentSet },
  scoreTallies: { list: listTallies, key: keys.scoreTally },
};

/** Every duty record of a cycle (all stages): one Query of the cycle's DUTY# items. */
async function readAllDutyRecords(regionId: string, cycleId: string, consistent: boolean): Promise<DutyRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('DUTY') },
    ConsistentRead: consistent,
  });
  return items.map(dutyEntity.parse);
}

const byUnit = (records: readonly DutyRecord[], stage: StageCode) => new Map(records.filter((d) => d.stage === stage).map((d) => [d.unitId, d]));

/** The duty records of one stage of a cycle, by unit (the same one Query). */
export async function readDutyRecords(regionId: string, cycleId: string, stage: StageCode, consistent = false): Promise<Map<string, DutyRecord>> {
  return byUnit(await readAllDutyRecords(regionId, cycleId, consistent), stage);
}

export async function readDutyRecord(regionId: string, cycleId: string, unitId: string, stage: StageCode): Promise<DutyRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.duty(regionId, cycleId, unitId, stage), ConsistentRead: true }));
  return res.Item ? dutyEntity.parse(res.Item) : undefined;
}

/**
 * Who owes duties: read once (the categories, one GetItem; the plans in force and the unit names
 * only when a duty asks for assessor units), then answered per list of duties.
 */
async function assigneeReader(regionId: string, cycleId: string, duties: readonly DutyKind[]) {
  const categories = await getCategorySet(regionId, cycleId);
  const categoryUnits = (categories?.categories ?? []).flatMap((c) => c.units.map((u) => ({ unitId: u.unitId, name: u.name })));
  let assessorIds = new Set<string>();
  let names = new Map<string, string>();
  if (duties.some((d) => d.who === 'assessor')) {
    const [plans, { units }] = await Promise.all([Promise.all((categories?.categories ?? []).map((c) => getCurrentPlan(regionId, cycleId, c.categoryId))), readUnits(regionId)]);
    assessorIds = new Set(plans.flatMap((p) => (p ? leaves(p.plan.tree).map((l) => l.node.assessorUnitId ?? '') : [])).filter(Boolean));
    names = new Map(units.map((u) => [u.unitId, u.name]));
  }
  // A stage mixing unit and assessor duties owes both lists; each unit once.
  return (of: readonly DutyKind[]) => {
    const lists = [...new Set(of.map((d) => d.who))].flatMap((who) => assignees(who, categoryUnits, assessorIds, names));
    return [...new Map(lists.map((u) => [u.unitId, u])).values()];
  };
}

/** Who owes these duties (the cycle's category units, or the assessor units the plans name). */
export const readAssignees = async (regionId: string, cycleId: string, duties: readonly DutyKind[]) => (await assigneeReader(regionId, cycleId, duties))(duties);

/**
 * Every unit's standing in the duties of each stage given, read together: the categories, one Query
 * per source and one Query of the duty records, however many stages (the public timeline asks for two).
 */
export async function loadDuties(regionId: string, cycleId: string, stages: readonly { code: StageCode; deadline: string }[], consistent = false): Promise<Map<StageCode, UnitDuties[]>> {
  const withDuties = stages.filter((s) => dutiesOf(s.code).length);
  if (!withDuties.length) return new Map();
  const all = withDuties.flatMap((s) => dutiesOf(s.code));
  const sources = [...new Set(all.map((d) => d.source))];
  const [owing, lists, records] = await Promise.all([
    assigneeReader(regionId, cycleId, all),
    Promise.all(sources.map((s) => SOURCES[s].list(regionId, cycleId))),
    readAllDutyRecords(regionId, cycleId, consistent),
  ]);
  const work = new Map(sources.map((s, i) => [s, new Map(lists[i]!.map((r) => [r.unitId, r]))]));
  return new Map(withDuties.map((s) => [s.code, unitDuties(dutiesOf(s.code), owing(dutiesOf(s.code)), work, byUnit(records, s.code), s.deadline)]));
}

/** Every unit's standing in one stage's duties. */
export async function loadStageDuties(regionId: string, cycleId: string, stage: StageCode, stageDeadline: string, consistent = false): Promise<UnitDuties[]> {
  return (await loadDuties(regionId, cycleId, [{ code: stage, deadline: stageDeadline }], consistent)).get(stage) ?? [];
}

/** In a transaction: the unit's work for `duty` is still undelivered (no record, or a status that does not count). */
export function undeliveredCheck(duty: DutyKind, regionId: string, cycleId: string, unitId: string): TransactItem {
  const values = Object.fromEntries(duty.delivered.map((s, i) => [`:d${i}`, s]));
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: SOURCES[duty.source].key(regionId, cycleId, unitId),
      ConditionExpression: `attribute_not_exists(pk) OR NOT (#status IN (${Object.keys(values).join(', ')}))`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    },
  };
}

/** In a transaction: the unit has not been recorded as missing `deadline` (the late-submission lock's re-check). */
export function notMissedCheck(regionId: string, cycleId: string, unitId: string, stage: StageCode, deadline: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.duty(regionId, cycleId, unitId, stage),
      ConditionExpression: 'attribute_not_exists(missedDeadline) OR missedDeadline <> :d',
      ExpressionAttributeValues: { ':d': deadline },
    },
  };
}

/** What a mark records: missed (the unit and its leader told), reminded, or the bureau told (a second step after missed). */
export type DutyMark = 'missed' | 'reminded' | 'bureau';
const MARK_FIELDS: Record<DutyMark, [string, string]> = { missed: ['missedDeadline', 'missedAt'], reminded: ['remindedFor', 'remindedAt'], bureau: ['bureauToldFor', 'bureauToldAt'] };
const MARK_ACTIONS: Record<DutyMark, string> = { missed: 'duty.missed', reminded: 'duty.remind', bureau: 'duty.escalate' };

/** Mark a unit's duty record (created if absent) once for `deadline`. */
function markOnce(regionId: string, cycleId: string, unitId: string, stage: StageCode, mark: DutyMark, deadline: string, at: string): TransactItem {
  const [dateField, atField] = MARK_FIELDS[mark];
  return {
    Update: {
      TableName: tableName(),
      Key: keys.duty(regionId, cycleId, unitId, stage),
      UpdateExpression: `SET #entity = :entity, regionId = :r, cycleId = :c, unitId = :u, stage = :s, ${dateField} = :d, ${atField} = :at ADD version :one`,
      ConditionExpression: `attribute_not_exists(${dateField}) OR ${dateField} <> :d`,
      ExpressionAttributeNames: { '#entity': 'entity' },
      ExpressionAttributeValues: { ':entity': dutyEntity.name, ':r': regionId, ':c': cycleId, ':u': unitId, ':s': stage, ':d': deadline, ':at': at, ':one': 1 },
    },
  };
}

/** Items of one mark besides the units': a bureau notice, and the audit's two. */
const OTHER_ITEMS = 3;

/**
 * Marks units (missed or reminded) for their deadlines, each with its notice, in transactions of at
 * most 100 items; `extra` (the bureau's notice of the batch) rides in every transaction it is given
 * for. A ConditionalCheckFailed anywhere refuses the whole transaction (ConflictError): the caller
 * reads again and retries what is still due.
 */
export async function storeMarks(
  actor: Actor,
  regionId: string,
  cycleId: string,
  stage: StageCode,
  mark: DutyMark,
  units: readonly { unitId: string; deadline: string; notice?: Record<string, unknown> }[],
  extra: (batch: readonly { unitId: string }[]) => Record<string, unknown>[],
  at: string,
): Promise<void> {
  const duties = dutiesOf(stage);
  const perUnit = 2 + (mark === 'reminded' ? 0 : duties.length);
  const size = Math.max(1, Math.floor((100 - OTHER_ITEMS) / perUnit));
  for (let i = 0; i < units.length; i += size) {
    const batch = units.slice(i, i + size);
    const items: TransactItem[] = batch.flatMap((u) => [
      markOnce(regionId, cycleId, u.unitId, stage, mark, u.deadline, at),
      ...(u.notice ? [{ Put: { TableName: tableName(), Item: u.notice } }] : []),
      ...(mark === 'reminded' ? [] : duties.map((d) => undeliveredCheck(d, regionId, cycleId, u.unitId))),
    ]);
    items.push(...extra(batch).map((Item): TransactItem => ({ Put: { TableName: tableName(), Item } })));
    await commit(actor, { action: MARK_ACTIONS[mark], target: `cycle:${regionId}/${cycleId}`, after: { stage, units: batch.map((u) => ({ unitId: u.unitId, deadline: u.deadline })) } }, items, at);
  }
}

/** The bureau grants (or replaces) a unit's extension: the record version-checked, with the unit's notice, audited. */
export async function storeExtension(actor: Actor, before: DutyRecord | undefined, after: DutyRecord, notice: Record<string, unknown>, at: string): Promise<void> {
  const put: TransactItem = {
    Put: {
      TableName: tableName(),
      Item: dutyEntity.item(after),
      ...(before ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
  await commit(
    actor,
    { action: 'duty.extend', target: `duty:${after.regionId}/${after.cycleId}/${after.unitId}/${after.stage}`, before: before?.extension, after: after.extension },
    [put, { Put: { TableName: tableName(), Item: notice } }],
    at,
  );
}
