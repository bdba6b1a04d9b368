// The organisation of a region (Art 2, 4) and a cycle's categories (Art 22 分类) as pure rules:
// which units take part, unit names, merge planning and category-assignment checks.
// Problems are `{ path, message }` with paths relative to the request body.
export const UNIT_TYPES = ['bureau', 'county', 'town', 'department', 'third_party', 'other'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
/** The bureau exists once per region, with the region; it is never added by hand. */
export const CREATABLE_UNIT_TYPES = ['county', 'town', 'department', 'third_party', 'other'] as const;
export type UnitStatus = 'active' | 'retired';

export interface Problem {
  path: string;
  message: string;
}

/** What these rules need to know of a unit. */
export interface UnitFacts {
  unitId: string;
  name: string;
  type: UnitType;
  status?: UnitStatus;
  /** A retired unit: the Beijing date it went, and the unit it was merged into (if merged). */
  retiredOn?: string;
  mergedInto?: string;
}

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

export const normaliseName = (name: string) => name.trim().replace(/\s+/g, ' ');

/** A name must be unique among the region's active units (ignoring `except`, e.g. the unit renamed). */
export function nameProblem(units: readonly UnitFacts[], name: string, path: string, except: ReadonlySet<string> = new Set()): Problem | undefined {
  const n = normaliseName(name);
  const clash = units.find((u) => isActive(u) && !except.has(u.unitId) && normaliseName(u.name) === n);
  return clash ? { path, message: `名称「${n}」已被在用单位使用` } : undefined;
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
  if (input.sources.length === 0) problems.push({ path: 'sources', message: '至少选择一个被合并单位' });
  input.sources.forEach((id, i) => {
    const u = byId.get(id);
    const path = `sources.${i}.unitId`;
    if (seen.has(id)) problems.push({ path, message: '同一单位重复选择' });
    else if (!u) problems.push({ path, message: `单位 ${id} 不存在` });
    else if (!isActive(u)) problems.push({ path, message: `「${u.name}」已撤销` });
    else if (u.type === 'bureau') problems.push({ path, message: '绩效办不能被合并' });
    seen.add(id);
  });
  if ('unitId' in input.into) {
    const target = byId.get(input.into.unitId);
    const path = 'into.unitId';
    if (!target) problems.push({ path, message: `单位 ${input.into.unitId} 不存在` });
    else if (!isActive(target)) problems.push({ path, message: `「${target.name}」已撤销，不能作为合并后的单位` });
    else if (seen.has(target.unitId)) problems.push({ path, message: '合并后的单位不能同时是被合并单位' });
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
  const into = u.mergedInto ? units.find((x) => x.unitId === u.mergedInto) : undefined;
  const next = successorOf(units, u.unitId);
  if (!into) return `「${u.name}」已${when}撤销，请将其从本类别中移除`;
  if (next && isResponsible(next)) return `「${u.name}」已${when}并入「${into.name}」，请将其从本类别中移除，或替换为「${next.name}」`;
  return `「${u.name}」已${when}并入「${into.name}」，请将其从本类别中移除`;
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
    if (!name) problems.push({ path: `categories.${i}.name`, message: '类别名称不能为空' });
    else if (names.has(name)) problems.push({ path: `categories.${i}.name`, message: `类别名称「${name}」与第 ${names.get(name)! + 1} 个类别重复` });
    else names.set(name, i);
    c.unitIds.forEach((id, j) => {
      const path = `categories.${i}.unitIds.${j}`;
      const u = byId.get(id);
      if (!u) problems.push({ path, message: `单位 ${id} 不存在` });
      else if (!isActive(u)) problems.push({ path, message: retiredInCategoryMessage(units, u) });
      else if (!isResponsible(u)) problems.push({ path, message: `「${u.name}」不是绩效责任单位` });
      else if (placed.has(id)) {
        const k = placed.get(id)!;
        const other = normaliseName(categories[k]!.name);
        problems.push({ path, message: k === i ? `「${u.name}」重复选择` : `「${u.name}」已在${other ? `类别「${other}」` : `第 ${k + 1} 个类别`}中` });
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
