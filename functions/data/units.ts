// Storing a region's units: added, renamed, edited, retired and merged as domain/organisation.ts
// decides. Units are never deleted, so a retired unit stays readable and its id is never given out
// again. Each write that changes which names are taken (add, rename, retire, merge) also bumps the
// region's unit-list revision: two writes racing on the same list (e.g. the same new name) cannot
// both pass. An edit of a unit's other fields only needs the unit's own version.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { EDITED_FIELDS, type MergePlan } from '../domain/organisation.ts';
import { ValidationError } from '../domain/errors.ts';
import { unitListRevision, type UnitRecord } from '../model/unit.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';
import { listUnits, unitEntity } from './regions.ts';

export type { UnitRecord } from '../model/unit.ts';

const revisionEntity = entity('unitRevision', unitListRevision, (r) => keys.unitRevision(r.regionId));

const unitTarget = (regionId: string, unitId: string) => `unit:${regionId}/${unitId}`;

/** The region's units with the revision they were read at (read first: a later write makes it stale). */
export async function readUnits(regionId: string): Promise<{ rev: number; units: UnitRecord[] }> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.unitRevision(regionId) }));
  // Revisions bumped before they named their region carry only `rev`: the key says whose it is.
  const rev = res.Item ? revisionEntity.parse({ regionId, ...res.Item }).rev : 0;
  return { rev, units: await listUnits(regionId) };
}

const bumpRevision = (regionId: string, rev: number): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.unitRevision(regionId),
    UpdateExpression: 'SET rev = :next, regionId = :region, #entity = :entity',
    ConditionExpression: rev === 0 ? 'attribute_not_exists(rev)' : 'rev = :rev',
    ExpressionAttributeNames: { '#entity': 'entity' },
    ExpressionAttributeValues: { ':next': rev + 1, ':region': regionId, ':entity': revisionEntity.name, ...(rev === 0 ? {} : { ':rev': rev }) },
  },
});

/** A write that relied on the unit list as read (e.g. a category snapshot) passes only if no unit was added, renamed, retired or merged since. */
export const unitListUnchanged = (regionId: string, rev: number): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.unitRevision(regionId),
    ConditionExpression: rev === 0 ? 'attribute_not_exists(rev)' : 'rev = :rev',
    ...(rev === 0 ? {} : { ExpressionAttributeValues: { ':rev': rev } }),
  },
});

/** A new unit, only if no item has its key. */
const insert = (unit: UnitRecord): TransactItem => ({
  Put: { TableName: tableName(), Item: unitEntity.item(unit), ConditionExpression: 'attribute_not_exists(pk)' },
});

/** Replace a unit, only if it is still at the version read (seeded items may carry no version: 1). */
const replace = (next: UnitRecord, readVersion: number): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: unitEntity.item(next),
    ConditionExpression: readVersion === 1 ? 'attribute_exists(pk) AND (attribute_not_exists(version) OR version = :v)' : 'version = :v',
    ExpressionAttributeValues: { ':v': readVersion },
  },
});

/** Store a new unit; `rev` is the unit-list revision its name was checked against. */
export async function storeNewUnit(actor: Actor, unit: UnitRecord, rev: number, at: string): Promise<void> {
  await commit(actor, { action: 'unit.create', target: unitTarget(unit.regionId, unit.unitId), after: unit }, [insert(unit), bumpRevision(unit.regionId, rev)], at);
}

/** Items of one transaction besides the units: the revision bump and the audit entry. */
const TRANSACTION_ITEMS = 100;

/**
 * Several new units in one transaction (a sheet import): all or none, one audit entry, one revision
 * bump. A write since `rev` fails the revision condition (409) instead of letting a name through twice.
 */
export async function storeImportedUnits(actor: Actor, regionId: string, units: readonly UnitRecord[], rev: number, at: string): Promise<void> {
  if (units.length + 2 > TRANSACTION_ITEMS) {
    throw new ValidationError(t('导入单位过多', 'Too many units to import'), [{ path: 'body.rows', message: t(`每次最多导入 ${TRANSACTION_ITEMS - 2} 个单位`, `At most ${TRANSACTION_ITEMS - 2} units can be imported at a time`) }]);
  }
  await commit(
    actor,
    { action: 'unit.import', target: `units:${regionId}`, after: { count: units.length, units } },
    [...units.map(insert), bumpRevision(regionId, rev)],
    at,
    t('单位列表已被他人修改，请重新导入', 'Someone else changed the unit list; please import again'),
  );
}

/** Store a new name (kept in the unit's history from `from`). */
export async function storeRename(actor: Actor, before: UnitRecord, after: UnitRecord, from: string, rev: number, at: string): Promise<void> {
  await commit(
    actor,
    {
      action: 'unit.rename',
      target: unitTarget(before.regionId, before.unitId),
      before: { name: before.name, shortName: before.shortName, version: before.version },
      after: { name: after.name, shortName: after.shortName, from, version: after.version },
    },
    [replace(after, before.version), bumpRevision(before.regionId, rev)],
    at,
  );
}

/** The edited fields as the audit shows them: null for "none", so a cleared field is visible. */
const editedFields = (u: UnitRecord) => Object.fromEntries(EDITED_FIELDS.map((k) => [k, u[k] ?? null]));

/** Store an edit of a unit's short name, assessor designation and default category. */
export async function storeEdit(actor: Actor, before: UnitRecord, after: UnitRecord, at: string): Promise<void> {
  await commit(
    actor,
    {
      action: 'unit.update',
      target: unitTarget(before.regionId, before.unitId),
      before: { ...editedFields(before), version: before.version },
      after: { ...editedFields(after), version: after.version },
    },
    [replace(after, before.version)],
    at,
    t(`「${before.name}」已被他人修改，请刷新后重试`, `Someone else changed “${before.name}”; please refresh and try again`),
  );
}

/** Store a unit's retirement. */
export async function storeRetirement(actor: Actor, before: UnitRecord, after: UnitRecord, rev: number, at: string): Promise<void> {
  await commit(
    actor,
    {
      action: 'unit.retire',
      target: unitTarget(before.regionId, before.unitId),
      before: { status: before.status, version: before.version },
      after: { status: after.status, retiredOn: after.retiredOn, reason: after.retiredReason, version: after.version },
    },
    [replace(after, before.version), bumpRevision(before.regionId, rev)],
    at,
  );
}

/** Store a merge in one transaction: the sources retired, the target updated or created. */
export async function storeMerge(actor: Actor, plan: MergePlan, rev: number, at: string): Promise<void> {
  const { sources, existing, into, on, reason } = plan;
  await commit(
    actor,
    {
      action: 'unit.merge',
      target: unitTarget(into.regionId, into.unitId),
      before: { sources: sources.map(({ before: u }) => ({ unitId: u.unitId, name: u.name, version: u.version })), into: existing ? { unitId: existing.unitId, version: existing.version } : null },
      after: { into: { unitId: into.unitId, name: into.name, created: !existing }, on, reason },
    },
    [...sources.map((s) => replace(s.after, s.before.version)), existing ? replace(into, existing.version) : insert(into), bumpRevision(into.regionId, rev)],
    at,
  );
}
