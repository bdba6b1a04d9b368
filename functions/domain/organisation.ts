// The organisation of a region (Art 2, 4) and a cycle's categories (Art 22 分类) as pure rules:
// which units take part, unit names, what adding, renaming, editing, retiring and merging units do
// and when they are refused, and category-assignment checks. The data layer stores what these
// decide. Problems are `{ path, message }` with paths relative to the request body.
import { t } from '../contracts/lang.ts';
import type { CreateUnitBody, MergeUnitsBody, RenameUnitBody, RetireUnitBody, SaveCategoriesBody, UnitsQuery, UpdateUnitBody } from '../contracts/organisation.ts';
import type { CategoriesView, Category, CategorySet, UnitRecord, UnitSnapshot } from '../model/unit.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { STAGE_NAMES, isAtStage, stageAt } from './stages.ts';

export const UNIT_TYPES = ['bureau', 'county', 'town', 'department', 'third_party', 'other'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
/** The bureau exists once per region, with the region; it is never added by hand. */
export const CREATABLE_UNIT_TYPES = ['county', 'town', 'department', 'third_party', 'other'] as const;
export type CreatableUnitType = (typeof CREATABLE_UNIT_TYPES)[number];
export const UNIT_STATUSES = ['active', 'retired'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export interface Problem {
  path: string;
  message: string;
}

/** What these rules need to know of a unit (a retired one: when it went, and where, if merged). */
export type UnitFacts = Pick<UnitRecord, 'unitId' | 'name' | 'type'> & Partial<Pick<UnitRecord, 'status' | 'retiredOn' | 'mergedInto'>>;

export const isActive = (u: Pick<UnitFacts, 'status'>) => u.status !== 'retired';

/** Responsible units (绩效责任单位) are graded; the bureau and third parties never are. */
export const isResponsible = (u: UnitFacts) => isActive(u) && u.type !== 'bureau' && u.type !== 'third_party';

const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A short id that no unit of the region ever had. Retired units are never deleted, so checking
 * against every stored id (and the write's not-exists condition) means ids are never reused.
 */
export function newUnitId(taken: ReadonlySet<string>, random: () => number = Math.random): string {
  // 31^6 ≈ 887 million ids: a clash is rare, a hundred in a row means the random source is broken.
  for (let attempt = 0; attempt < 100; attempt++) {
    let id = 'u-';
    for (let i = 0; i < 6; i++) id += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
    if (!taken.has(id)) return id;
  }
  throw new Error('no free unit id found');
}

/** A name as it is stored and compared: NFC, trimmed, runs of white space as one space. */
export const normaliseName = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ');

const nameTaken = (n: string) => t(`名称「${n}」已被在用单位使用`, `The name “${n}” is used by an active unit`);

/** A name must be unique among the region's active units (ignoring `except`, e.g. the unit renamed). */
export function nameProblem(units: readonly UnitFacts[], name: string, path: string, except: ReadonlySet<string> = new Set()): Problem | undefined {
  const n = normaliseName(name);
  const clash = units.find((u) => isActive(u) && !except.has(u.unitId) && normaliseName(u.name) === n);
  return clash ? { path, message: nameTaken(n) } : undefined;
}

export interface MergeInput {
  sources: string[];
  /** An existing active unit, or a new one to create. */
  into: { unitId: string } | { name: string; type: UnitType };
}

/**
 * Checks a merge (A, B → C): at least one source, all distinct, existing, active and not the bureau;
 * the target active and not a source; a new target's name free once the sources retire.
 */
export function checkMerge(units: readonly UnitFacts[], input: MergeInput): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(units.map((u) => [u.unitId, u]));
  const seen = new Set<string>();
  if (input.sources.length === 0) problems.push({ path: 'sources', message: t('至少选择一个被合并单位', 'Choose at least one unit to merge') });
  input.sources.forEach((id, i) => {
    const u = byId.get(id);
    const path = `sources.${i}.unitId`;
    if (seen.has(id)) problems.push({ path, message: t('同一单位重复选择', 'The same unit is chosen twice') });
    else if (!u) problems.push({ path, message: t(`单位 ${id} 不存在`, `Unit ${id} does not exist`) });
    else if (!isActive(u)) problems.push({ path, message: t(`「${u.name}」已撤销`, `“${u.name}” has been retired`) });
    else if (u.type === 'bureau') problems.push({ path, message: t('绩效办不能被合并', 'The bureau cannot be merged') });
    seen.add(id);
  });
  if ('unitId' in input.into) {
    const target = byId.get(input.into.unitId);
    const path = 'into.unitId';
    if (!target) problems.push({ path, message: t(`单位 ${input.into.unitId} 不存在`, `Unit ${input.into.unitId} does not exist`) });
    else if (!isActive(target)) problems.push({ path, message: t(`「${target.name}」已撤销，不能作为合并后的单位`, `“${target.name}” has been retired and cannot take in other units`) });
    else if (seen.has(target.unitId)) problems.push({ path, message: t('合并后的单位不能同时是被合并单位', 'The unit merged into cannot also be merged') });
  } else {
    // The sources retire in the same transaction, so the new unit may take over one of their names.
    const p = nameProblem(units, input.into.name, 'into.name', seen);
    if (p) problems.push(p);
  }
  return problems;
}

/**
 * Where a retired unit's work went: following `mergedInto` (A → B, and B → C if B merged on later)
 * to the first active unit. Undefined for an active unit, a unit retired without a merge, or a chain
 * that ends at such a unit.
 */
export function successorOf<U extends UnitFacts>(units: readonly U[], unitId: string): U | undefined {
  const byId = new Map(units.map((u) => [u.unitId, u]));
  const seen = new Set<string>();
  let u = byId.get(unitId);
  if (!u || isActive(u)) return undefined;
  while (u && !isActive(u) && u.mergedInto && !seen.has(u.unitId)) {
    seen.add(u.unitId);
    u = byId.get(u.mergedInto);
  }
  return u && isActive(u) ? u : undefined;
}

/** What to tell the bureau about a retired unit still in a category: what happened, and what to do. */
export function retiredInCategoryMessage(units: readonly UnitFacts[], u: UnitFacts): string {
  const when = u.retiredOn ? `于 ${u.retiredOn} ` : '';
  const on = u.retiredOn ? ` on ${u.retiredOn}` : '';
  const into = u.mergedInto ? units.find((x) => x.unitId === u.mergedInto) : undefined;
  const next = successorOf(units, u.unitId);
  if (!into) return t(`「${u.name}」已${when}撤销，请将其从本类别中移除`, `“${u.name}” was retired${on}; remove it from this category`);
  if (next && isResponsible(next)) {
    return t(`「${u.name}」已${when}并入「${into.name}」，请将其从本类别中移除，或替换为「${next.name}」`, `“${u.name}” was merged into “${into.name}”${on}; remove it from this category or put “${next.name}” in its place`);
  }
  return t(`「${u.name}」已${when}并入「${into.name}」，请将其从本类别中移除`, `“${u.name}” was merged into “${into.name}”${on}; remove it from this category`);
}

export interface CategoryDraft {
  categoryId?: string;
  name: string;
  unitIds: string[];
}

/**
 * Checks a cycle's whole category assignment: names present and distinct, every unit known,
 * active and responsible, and in one category only.
 */
export function checkAssignment(units: readonly UnitFacts[], categories: readonly CategoryDraft[]): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(units.map((u) => [u.unitId, u]));
  const names = new Map<string, number>();
  const placed = new Map<string, number>();
  categories.forEach((c, i) => {
    const name = normaliseName(c.name);
    const seenAt = names.get(name);
    if (!name) problems.push({ path: `categories.${i}.name`, message: t('类别名称不能为空', 'A category needs a name') });
    else if (seenAt !== undefined) problems.push({ path: `categories.${i}.name`, message: t(`类别名称「${name}」与第 ${seenAt + 1} 个类别重复`, `The category name “${name}” is already used by category ${seenAt + 1}`) });
    else names.set(name, i);
    c.unitIds.forEach((id, j) => {
      const path = `categories.${i}.unitIds.${j}`;
      const u = byId.get(id);
      const k = placed.get(id);
      if (!u) problems.push({ path, message: t(`单位 ${id} 不存在`, `Unit ${id} does not exist`) });
      else if (!isActive(u)) problems.push({ path, message: retiredInCategoryMessage(units, u) });
      else if (!isResponsible(u)) problems.push({ path, message: t(`「${u.name}」不是绩效责任单位`, `“${u.name}” is not a responsible unit`) });
      else if (k !== undefined) {
        const other = normaliseName(categories[k]?.name ?? '');
        const where = other ? t(`类别「${other}」`, `category “${other}”`) : t(`第 ${k + 1} 个类别`, `category ${k + 1}`);
        problems.push({ path, message: k === i ? t(`「${u.name}」重复选择`, `“${u.name}” is chosen twice`) : t(`「${u.name}」已在${where}中`, `“${u.name}” is already in ${where}`) });
      } else placed.set(id, i);
    });
  });
  return problems;
}

/** Active responsible units in no category, in the order given. */
export function unassignedUnits<U extends UnitFacts>(units: readonly U[], categories: readonly { unitIds: readonly string[] }[]): U[] {
  const placed = new Set(categories.flatMap((c) => c.unitIds));
  return units.filter((u) => isResponsible(u) && !placed.has(u.unitId));
}

/** Default categories from the units' category hints, in first-seen order (demo seed, new cycles). */
export function categoriesFromHints(units: readonly (UnitFacts & { category?: string })[]): CategoryDraft[] {
  const groups = new Map<string, string[]>();
  for (const u of units) {
    if (!isResponsible(u) || !u.category) continue;
    const list = groups.get(u.category) ?? [];
    list.push(u.unitId);
    groups.set(u.category, list);
  }
  return [...groups].map(([name, unitIds]) => ({ name, unitIds }));
}

// ── Changes to units ─────────────────────────────────────────────────────────────────────────────
// Each takes the region's units as read and the checked request, and answers the records to store
// or refuses: 400 with the fields at fault, 404 for an unknown unit, 409 for a stale version or a
// unit that is gone.

/** The refusal of `problems`, each named by its body path. */
function refuse(lead: string, problems: readonly Problem[]): never {
  throw new ValidationError(
    lead,
    problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
  );
}

/** The unit with this id, or 404. */
export function findUnit<U extends UnitFacts>(units: readonly U[], unitId: string): U {
  const u = units.find((x) => x.unitId === unitId);
  if (!u) throw new NotFoundError(t('该单位不存在', 'This unit does not exist'));
  return u;
}

function expectVersion(u: UnitRecord, version: number): void {
  if (u.version !== version) throw new ConflictError(t(`「${u.name}」已被他人修改，请刷新后重试`, `Someone else changed “${u.name}”; please refresh and try again`));
}

/** A retired unit is never changed again: 409 saying when it went, and into which unit if merged. */
function expectActive(u: UnitRecord, units: readonly UnitRecord[]): void {
  if (isActive(u)) return;
  const into = u.mergedInto ? units.find((x) => x.unitId === u.mergedInto) : undefined;
  const when = u.retiredOn ? `于 ${u.retiredOn} ` : '';
  const on = u.retiredOn ? ` on ${u.retiredOn}` : '';
  throw new ConflictError(
    into
      ? t(`「${u.name}」已${when}并入「${into.name}」，不能再修改`, `“${u.name}” was merged into “${into.name}”${on} and can no longer be changed`)
      : t(`「${u.name}」已${when}撤销，不能再修改`, `“${u.name}” was retired${on} and can no longer be changed`),
  );
}

/** The units of a region a list query asks for. */
export function unitsMatching<U extends UnitRecord>(units: readonly U[], q: UnitsQuery): U[] {
  return units.filter(
    (u) =>
      (!q.type || u.type === q.type) &&
      (!q.category || u.category === q.category) &&
      (!q.status || u.status === q.status) &&
      (!q.assessor || Boolean(u.assessor) === (q.assessor === 'true')),
  );
}

/** A new unit: an id never given out, its name normalised, active at version 1 with its first name from `today`. */
export function newUnitRecord(regionId: string, input: CreateUnitBody, taken: ReadonlySet<string>, today: string): UnitRecord {
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
    names: [{ name, from: today }],
    version: 1,
  };
}

/** Adding a unit: its name must be free among the active units. */
export function planNewUnit(units: readonly UnitRecord[], regionId: string, input: CreateUnitBody, today: string): UnitRecord {
  const clash = nameProblem(units, input.name, 'name');
  if (clash) refuse(t('单位名称有误', 'The unit name is wrong'), [clash]);
  return newUnitRecord(regionId, input, new Set(units.map((u) => u.unitId)), today);
}

/** Adding several units at once (a sheet import): every name free, and none twice. */
export function planNewUnits(units: readonly UnitRecord[], regionId: string, inputs: readonly CreateUnitBody[], today: string): UnitRecord[] {
  const taken = new Set(units.map((u) => u.unitId));
  const names = new Set<string>();
  const problems: Problem[] = [];
  const created = inputs.map((input, i) => {
    const clash = nameProblem(units, input.name, `units.${i}.name`);
    const name = normaliseName(input.name);
    if (clash) problems.push(clash);
    else if (names.has(name)) problems.push({ path: `units.${i}.name`, message: t(`名称「${name}」重复`, `The name “${name}” appears twice`) });
    names.add(name);
    const unit = newUnitRecord(regionId, input, taken, today);
    taken.add(unit.unitId);
    return unit;
  });
  if (problems.length) refuse(t('单位名称有误', 'The unit names are wrong'), problems);
  return created;
}

export interface Renamed {
  before: UnitRecord;
  after: UnitRecord;
  /** The Beijing date the new name takes effect. */
  from: string;
}

/** A new name, kept in the unit's history from `from` (today when not given), never before the current name's. */
export function planRename(units: readonly UnitRecord[], unitId: string, input: RenameUnitBody, today: string): Renamed {
  const unit = findUnit(units, unitId);
  expectActive(unit, units);
  expectVersion(unit, input.version);
  const name = normaliseName(input.name);
  const from = input.from ?? today;
  const lastFrom = unit.names.at(-1)?.from ?? '';
  const problems: Problem[] = [];
  if (name === normaliseName(unit.name)) problems.push({ path: 'name', message: t('新名称与当前名称相同', 'The new name is the current name') });
  else {
    const clash = nameProblem(units, name, 'name', new Set([unitId]));
    if (clash) problems.push(clash);
  }
  if (lastFrom && from < lastFrom) problems.push({ path: 'from', message: t(`启用日期不能早于当前名称的启用日期 ${lastFrom}`, `The new name cannot take effect before the current one did (${lastFrom})`) });
  if (problems.length) refuse(t('更名有误', 'The renaming is wrong'), problems);
  const after: UnitRecord = {
    ...unit,
    name,
    ...(input.shortName !== undefined ? { shortName: input.shortName || undefined } : {}),
    names: [...unit.names, { name, from }],
    version: unit.version + 1,
  };
  return { before: unit, after, from };
}

/** The fields an edit sets, in the order the audit shows them. */
export const EDITED_FIELDS = ['shortName', 'assessor', 'assessorField', 'category'] as const;

/**
 * A unit's short name, assessor designation (是否考评单位, 考评领域) and default category, set as
 * given (empty clears; a unit not designated has no field). An edit that changes nothing leaves
 * the unit as it is (`changed` false, `after` is `before`).
 */
export function planEdit(units: readonly UnitRecord[], unitId: string, input: UpdateUnitBody): { before: UnitRecord; after: UnitRecord; changed: boolean } {
  const unit = findUnit(units, unitId);
  expectActive(unit, units);
  expectVersion(unit, input.version);
  const assessorField = input.assessor ? input.assessorField?.trim() : undefined;
  if (input.assessor && !assessorField) refuse(t('单位信息有误', 'The unit’s details are wrong'), [{ path: 'assessorField', message: t('考评单位须填写考评领域', 'An assessor unit needs its field') }]);
  // Undefined clears a field (undefined values are not written).
  const after: UnitRecord = {
    ...unit,
    shortName: input.shortName?.trim() || undefined,
    assessor: input.assessor || undefined,
    assessorField,
    category: input.category?.trim() || undefined,
    version: unit.version + 1,
  };
  // A unit never designated reads as assessor: undefined; not designated now is the same thing.
  const same = EDITED_FIELDS.every((k) => (unit[k] || undefined) === (after[k] || undefined));
  return same ? { before: unit, after: unit, changed: false } : { before: unit, after, changed: true };
}

const retired = (u: UnitRecord, on: string, reason: string, mergedInto?: string): UnitRecord => ({
  ...u,
  status: 'retired',
  retiredOn: on,
  retiredReason: reason,
  ...(mergedInto ? { mergedInto } : {}),
  version: u.version + 1,
});

/** Retiring a unit (撤销): any active unit but the bureau, which goes only with its region. */
export function planRetire(units: readonly UnitRecord[], unitId: string, input: RetireUnitBody): { before: UnitRecord; after: UnitRecord } {
  const unit = findUnit(units, unitId);
  expectActive(unit, units);
  expectVersion(unit, input.version);
  if (unit.type === 'bureau') throw new ConflictError(t('绩效办不能撤销', 'The bureau cannot be retired'));
  return { before: unit, after: retired(unit, input.on, input.reason) };
}

export interface MergePlan {
  /** Each source as read, and as it will be stored: retired, merged into the target. */
  sources: { before: UnitRecord; after: UnitRecord }[];
  /** The existing unit merged into, as read; absent when the target is new. */
  existing?: UnitRecord;
  /** The target as it will be stored, recording `mergedFrom`. */
  into: UnitRecord;
  on: string;
  reason: string;
}

/** Units A, B → C: the sources retire with `mergedInto`, C (existing or new) records `mergedFrom`. */
export function planMerge(units: readonly UnitRecord[], regionId: string, input: MergeUnitsBody, today: string): MergePlan {
  const lead = t('合并有误', 'The merge is wrong');
  const sourceIds = input.sources.map((s) => s.unitId);
  const target = input.into ?? input.newUnit ?? refuse(lead, [{ path: 'into', message: t('请选择合并到已有单位或新建单位（二选一）', 'Merge into an existing unit or a new one (one of the two)') }]);
  const into = 'unitId' in target ? { unitId: target.unitId } : { name: target.name, type: target.type };
  const problems = checkMerge(units, { sources: sourceIds, into }).map((p) => (p.path === 'into.name' ? { ...p, path: 'newUnit.name' } : p));
  if (problems.length) refuse(lead, problems);
  const sources = input.sources.map((s) => {
    const u = findUnit(units, s.unitId);
    expectVersion(u, s.version);
    return u;
  });
  let existing: UnitRecord | undefined;
  let merged: UnitRecord;
  if ('unitId' in target) {
    existing = findUnit(units, target.unitId);
    expectVersion(existing, target.version);
    merged = { ...existing, mergedFrom: [...(existing.mergedFrom ?? []), ...sourceIds], version: existing.version + 1 };
  } else {
    merged = { ...newUnitRecord(regionId, target, new Set(units.map((u) => u.unitId)), today), mergedFrom: sourceIds };
  }
  return { sources: sources.map((u) => ({ before: u, after: retired(u, input.on, input.reason, merged.unitId) })), existing, into: merged, on: input.on, reason: input.reason };
}

// ── Categories of a cycle ────────────────────────────────────────────────────────────────────────

/** A cycle's categories change only while it is in its plan stage (方案). */
export const categoriesEditable = (cycle: { status: string; currentStage: number }) => isAtStage(cycle, 'plan');

/** 409 unless the cycle's categories can still change, saying where the cycle is. */
export function expectCategoriesEditable(cycle: { status: string; currentStage: number }): void {
  if (categoriesEditable(cycle)) return;
  const plan = STAGE_NAMES.plan;
  if (cycle.status === 'closed') throw new ConflictError(t(`该考评周期已结束，考评类别只能在「${plan}」阶段调整`, 'This cycle has closed; categories can only change in the plan stage'));
  const code = stageAt(cycle.currentStage);
  throw new ConflictError(t(`该考评周期已进入「${STAGE_NAMES[code]}」阶段，考评类别只能在「${plan}」阶段调整`, `This cycle is in the ${code} stage; categories can only change in the plan stage`));
}

/** A unit as a category records it. */
export const snapshotOf = (u: UnitRecord): UnitSnapshot => ({ unitId: u.unitId, name: u.name, shortName: u.shortName, type: u.type });

/** A cycle's categories as shown: only a cycle still in planning can take new units, so only it lists who is left. */
export function categoriesView(set: CategorySet | undefined, editable: boolean, units: readonly UnitRecord[]): CategoriesView {
  const categories = set?.categories ?? [];
  return {
    version: set?.version ?? 0,
    editable,
    updatedAt: set?.updatedAt,
    updatedBy: set?.updatedBy,
    categories,
    unassigned: editable ? unassignedUnits(units, categories.map((c) => ({ unitIds: c.units.map((u) => u.unitId) }))).map(snapshotOf) : [],
  };
}

export interface CategoriesSave {
  regionId: string;
  cycleId: string;
  /** The categories as read (undefined: none yet). */
  before: CategorySet | undefined;
  /** The region's units as read: each assigned unit is recorded as it is now. */
  units: readonly UnitRecord[];
  input: SaveCategoriesBody;
  at: string;
  by: string;
}

/**
 * The categories to store: the version read must still be the current one, the assignment must
 * pass `checkAssignment` and name only the cycle's own categories; each unit is recorded as it is
 * now, so later renames, retirements and merges leave this cycle alone. New categories get ids
 * never given before (`c{n}`).
 */
export function planCategorySet({ regionId, cycleId, before, units, input, at, by }: CategoriesSave): CategorySet {
  if ((before?.version ?? 0) !== input.version) throw new ConflictError(t('考评类别已被他人修改，请刷新后重试', 'Someone else changed the categories; please refresh and try again'));
  const known = new Set(before?.categories.map((c) => c.categoryId));
  const problems = checkAssignment(units, input.categories);
  input.categories.forEach((c, i) => {
    if (c.categoryId && !known.has(c.categoryId)) problems.push({ path: `categories.${i}.categoryId`, message: t(`类别 ${c.categoryId} 不属于该周期`, `Category ${c.categoryId} is not one of this cycle’s`) });
  });
  if (problems.length) refuse(t('考评类别有误', 'The categories are wrong'), problems);
  const byId = new Map(units.map((u) => [u.unitId, u]));
  let nextNo = before?.nextNo ?? 1;
  const categories: Category[] = input.categories.map((c, i) => ({
    categoryId: c.categoryId || `c${nextNo++}`,
    name: normaliseName(c.name),
    order: i + 1,
    // checkAssignment found every unit: none is dropped here.
    units: c.unitIds.flatMap((id) => {
      const u = byId.get(id);
      return u ? [snapshotOf(u)] : [];
    }),
  }));
  return { regionId, cycleId, categories, nextNo, version: input.version + 1, updatedAt: at, updatedBy: by };
}
