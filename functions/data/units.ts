// Writing a region's units: add, rename, edit, retire and merge. Units are never deleted, so a
// retired unit stays readable and its id is never given out again. Each write that changes which
// names are taken (add, rename, retire, merge) also bumps the region's unit-list revision: two writes
// racing on the same list (e.g. the same new name) cannot both pass. An edit of a unit's other
// fields only needs the unit's own version.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beijingDate } from '../domain/dates.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { checkMerge, nameProblem, newUnitId, normaliseName, type Problem, type UnitType } from '../domain/organisation.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { keys } from './keys.ts';
import { listUnits, unitItem, type Unit } from './regions.ts';

/** A unit with the fields older items may lack filled in. */
export type UnitRecord = Unit & Required<Pick<Unit, 'status' | 'names' | 'version'>>;

export function withDefaults(u: Unit): UnitRecord {
  return { ...u, status: u.status ?? 'active', names: u.names ?? [{ name: u.name, from: '' }], version: u.version ?? 1 };
}

const unitTarget = (regionId: string, unitId: string) => `unit:${regionId}/${unitId}`;

/** The region's units with the revision they were read at (read first: a later write makes it stale). */
export async function readUnits(regionId: string): Promise<{ rev: number; units: UnitRecord[] }> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.unitRevision(regionId) }));
  const rev = (res.Item?.rev as number | undefined) ?? 0;
  return { rev, units: (await listUnits(regionId)).map(withDefaults) };
}

const bumpRevision = (regionId: string, rev: number): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.unitRevision(regionId),
    UpdateExpression: 'SET rev = :next',
    ConditionExpression: rev === 0 ? 'attribute_not_exists(rev)' : 'rev = :rev',
    ExpressionAttributeValues: rev === 0 ? { ':next': 1 } : { ':next': rev + 1, ':rev': rev },
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

/** Replace a unit, only if it is still at the version read (seeded items may carry no version: 1). */
const replaceUnit = (next: UnitRecord, readVersion: number): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: unitItem(next),
    ConditionExpression: readVersion === 1 ? 'attribute_exists(pk) AND (attribute_not_exists(version) OR version = :v)' : 'version = :v',
    ExpressionAttributeValues: { ':v': readVersion },
  },
});

function fail(message: string, problems: Problem[]): never {
  const fields = problems.map((p) => ({ path: `body.${p.path}`, message: p.message }));
  throw new ValidationError(message, fields);
}

function find(units: UnitRecord[], unitId: string): UnitRecord {
  const u = units.find((x) => x.unitId === unitId);
  if (!u) throw new NotFoundError('该单位不存在');
  return u;
}

function expectVersion(u: UnitRecord, version: number) {
  if (u.version !== version) throw new ConflictError(`「${u.name}」已被他人修改，请刷新后重试`);
}

function expectActive(u: UnitRecord, units: readonly UnitRecord[] = []) {
  if (u.status !== 'retired') return;
  const into = u.mergedInto ? units.find((x) => x.unitId === u.mergedInto) : undefined;
  const when = u.retiredOn ? `于 ${u.retiredOn} ` : '';
  const what = into ? `并入「${into.name}」` : '撤销';
  throw new ConflictError(`「${u.name}」已${when}${what}，不能再修改`);
}

export interface NewUnit {
  type: Exclude<UnitType, 'bureau'>;
  name: string;
  shortName?: string;
  assessor?: boolean;
  assessorField?: string;
  category?: string;
}

function buildUnit(regionId: string, input: NewUnit, taken: Set<string>, at: string): UnitRecord {
  const name = normaliseName(input.name);
  return {
    regionId,
    unitId: newUnitId(taken),
    type: input.type,
    name,
    ...(input.shortName ? { shortName: input.shortName } : {}),
    ...(input.assessor ? { assessor: true, assessorField: input.assessorField } : {}),
    ...(input.category ? { category: input.category } : {}),
    status: 'active',
    names: [{ name, from: beijingDate(Date.parse(at)) }],
    version: 1,
  };
}

export async function createUnit(actor: Actor, regionId: string, input: NewUnit, at: string): Promise<UnitRecord> {
  const { rev, units } = await readUnits(regionId);
  const clash = nameProblem(units, input.name, 'name');
  if (clash) fail('单位名称有误', [clash]);
  const unit = buildUnit(regionId, input, new Set(units.map((u) => u.unitId)), at);
  await commit(
    actor,
    { action: 'unit.create', target: unitTarget(regionId, unit.unitId), after: unit },
    [{ Put: { TableName: tableName(), Item: unitItem(unit), ConditionExpression: 'attribute_not_exists(pk)' } }, bumpRevision(regionId, rev)],
    at,
  );
  return unit;
}

/** Items of one transaction besides the units: the revision bump and the audit entry. */
const TRANSACTION_ITEMS = 100;

/**
 * Several new units in one transaction (a sheet import): all or none, one audit entry, one revision
 * bump. `read` is the state the caller checked the inputs against; a write since then fails the
 * revision condition (409) instead of letting a name through twice.
 */
export async function createUnits(actor: Actor, regionId: string, inputs: readonly NewUnit[], read: { rev: number; units: UnitRecord[] }, at: string): Promise<UnitRecord[]> {
  if (inputs.length + 2 > TRANSACTION_ITEMS) throw new ValidationError('导入单位过多', [{ path: 'body.rows', message: `每次最多导入 ${TRANSACTION_ITEMS - 2} 个单位` }]);
  const taken = new Set(read.units.map((u) => u.unitId));
  const names = new Set<string>();
  const problems: Problem[] = [];
  const created = inputs.map((input, i) => {
    const clash = nameProblem(read.units, input.name, `units.${i}.name`);
    const name = normaliseName(input.name);
    if (clash) problems.push(clash);
    else if (names.has(name)) problems.push({ path: `units.${i}.name`, message: `名称「${name}」重复` });
    names.add(name);
    const unit = buildUnit(regionId, input, taken, at);
    taken.add(unit.unitId);
    return unit;
  });
  if (problems.length) fail('单位名称有误', problems);
  await commit(
    actor,
    { action: 'unit.import', target: `units:${regionId}`, after: { count: created.length, units: created } },
    [...created.map((u): TransactItem => ({ Put: { TableName: tableName(), Item: unitItem(u), ConditionExpression: 'attribute_not_exists(pk)' } })), bumpRevision(regionId, read.rev)],
    at,
    '单位列表已被他人修改，请重新导入',
  );
  return created;
}

export interface Rename {
  name: string;
  shortName?: string;
  /** Beijing date the new name takes effect; today when absent. */
  from?: string;
  version: number;
}

export async function renameUnit(actor: Actor, regionId: string, unitId: string, input: Rename, at: string): Promise<UnitRecord> {
  const { rev, units } = await readUnits(regionId);
  const unit = find(units, unitId);
  expectActive(unit, units);
  expectVersion(unit, input.version);
  const name = normaliseName(input.name);
  const from = input.from ?? beijingDate(Date.parse(at));
  const last = unit.names.at(-1)!;
  const problems: Problem[] = [];
  if (name === unit.name) problems.push({ path: 'name', message: '新名称与当前名称相同' });
  else {
    const clash = nameProblem(units, name, 'name', new Set([unitId]));
    if (clash) problems.push(clash);
  }
  if (last.from && from < last.from) problems.push({ path: 'from', message: `启用日期不能早于当前名称的启用日期 ${last.from}` });
  if (problems.length) fail('更名有误', problems);
  const next: UnitRecord = {
    ...unit,
    name,
    ...(input.shortName !== undefined ? { shortName: input.shortName || undefined } : {}),
    names: [...unit.names, { name, from }],
    version: unit.version + 1,
  };
  await commit(
    actor,
    { action: 'unit.rename', target: unitTarget(regionId, unitId), before: { name: unit.name, shortName: unit.shortName, version: unit.version }, after: { name, shortName: next.shortName, from, version: next.version } },
    [replaceUnit(next, unit.version), bumpRevision(regionId, rev)],
    at,
  );
  return next;
}

/** The fields of a unit an edit sets (the name has its own operation, which keeps the history). */
export interface UnitEdit {
  /** Empty or absent: no short name. */
  shortName?: string;
  assessor: boolean;
  /** Required when `assessor`; dropped when not. */
  assessorField?: string;
  /** Default category hint; empty or absent: none. */
  category?: string;
  version: number;
}

const EDITED = ['shortName', 'assessor', 'assessorField', 'category'] as const;
/** The edited fields as the audit shows them: null for "none", so a cleared field is visible. */
const editedFields = (u: UnitRecord) => Object.fromEntries(EDITED.map((k) => [k, u[k] ?? null]));

/**
 * Sets a unit's short name, assessor designation (是否考评单位, 考评领域) and default category.
 * An edit that changes nothing writes nothing and returns the unit as it is.
 */
export async function updateUnit(actor: Actor, regionId: string, unitId: string, input: UnitEdit, at: string): Promise<UnitRecord> {
  const { units } = await readUnits(regionId);
  const unit = find(units, unitId);
  expectActive(unit, units);
  expectVersion(unit, input.version);
  const assessorField = input.assessor ? input.assessorField?.trim() : undefined;
  if (input.assessor && !assessorField) fail('单位信息有误', [{ path: 'assessorField', message: '考评单位须填写考评领域' }]);
  // Undefined clears a field (the client drops undefined values when writing).
  const next: UnitRecord = {
    ...unit,
    shortName: input.shortName?.trim() || undefined,
    assessor: input.assessor || undefined,
    assessorField,
    category: input.category?.trim() || undefined,
    version: unit.version + 1,
  };
  const before = editedFields(unit);
  const after = editedFields(next);
  // A unit never designated reads as assessor: null; not designated now is the same thing.
  const same = EDITED.every((k) => (before[k] || null) === (after[k] || null));
  if (same) return unit;
  await commit(
    actor,
    { action: 'unit.update', target: unitTarget(regionId, unitId), before: { ...before, version: unit.version }, after: { ...after, version: next.version } },
    [replaceUnit(next, unit.version)],
    at,
    `「${unit.name}」已被他人修改，请刷新后重试`,
  );
  return next;
}

export interface Retire {
  on: string;
  reason: string;
  version: number;
}

const retired = (u: UnitRecord, on: string, reason: string, mergedInto?: string): UnitRecord => ({
  ...u,
  status: 'retired',
  retiredOn: on,
  retiredReason: reason,
  ...(mergedInto ? { mergedInto } : {}),
  version: u.version + 1,
});

export async function retireUnit(actor: Actor, regionId: string, unitId: string, input: Retire, at: string): Promise<UnitRecord> {
  const { rev, units } = await readUnits(regionId);
  const unit = find(units, unitId);
  expectActive(unit, units);
  expectVersion(unit, input.version);
  if (unit.type === 'bureau') throw new ConflictError('绩效办不能撤销');
  const next = retired(unit, input.on, input.reason);
  await commit(
    actor,
    { action: 'unit.retire', target: unitTarget(regionId, unitId), before: { status: unit.status, version: unit.version }, after: { status: next.status, retiredOn: input.on, reason: input.reason, version: next.version } },
    [replaceUnit(next, unit.version), bumpRevision(regionId, rev)],
    at,
  );
  return next;
}

export interface Merge {
  sources: { unitId: string; version: number }[];
  into?: { unitId: string; version: number };
  newUnit?: NewUnit;
  on: string;
  reason: string;
}

/** Units A, B → C in one transaction: the sources retire with `mergedInto`, C records `mergedFrom`. */
export async function mergeUnits(actor: Actor, regionId: string, input: Merge, at: string): Promise<{ into: UnitRecord; retired: UnitRecord[] }> {
  const { rev, units } = await readUnits(regionId);
  const sourceIds = input.sources.map((s) => s.unitId);
  const problems = checkMerge(units, {
    sources: sourceIds,
    into: input.into ? { unitId: input.into.unitId } : { name: input.newUnit!.name, type: input.newUnit!.type },
  }).map((p) => (p.path === 'into.name' ? { ...p, path: 'newUnit.name' } : p));
  if (problems.length) fail('合并有误', problems);
  const sources = input.sources.map((s) => {
    const u = find(units, s.unitId);
    expectVersion(u, s.version);
    return u;
  });
  let target: UnitRecord;
  let targetItem: TransactItem;
  if (input.into) {
    const existing = find(units, input.into.unitId);
    expectVersion(existing, input.into.version);
    target = { ...existing, mergedFrom: [...(existing.mergedFrom ?? []), ...sourceIds], version: existing.version + 1 };
    targetItem = replaceUnit(target, existing.version);
  } else {
    target = { ...buildUnit(regionId, input.newUnit!, new Set(units.map((u) => u.unitId)), at), mergedFrom: sourceIds };
    targetItem = { Put: { TableName: tableName(), Item: unitItem(target), ConditionExpression: 'attribute_not_exists(pk)' } };
  }
  const gone = sources.map((u) => retired(u, input.on, input.reason, target.unitId));
  await commit(
    actor,
    {
      action: 'unit.merge',
      target: unitTarget(regionId, target.unitId),
      before: { sources: sources.map((u) => ({ unitId: u.unitId, name: u.name, version: u.version })), into: input.into ?? null },
      after: { into: { unitId: target.unitId, name: target.name, created: !input.into }, on: input.on, reason: input.reason },
    },
    [...gone.map((u, i) => replaceUnit(u, sources[i]!.version)), targetItem, bumpRevision(regionId, rev)],
    at,
  );
  return { into: target, retired: gone };
}
