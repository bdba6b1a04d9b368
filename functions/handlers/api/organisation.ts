// The organisation of a region: its units (everyone of the region reads, the bureau changes them)
// and, per cycle, the categories the responsible units are graded in (Art 22).
import { nowIso } from '../../config/clock.ts';
import { getCategorySet, saveCategorySet, type Category, type CategorySet } from '../../data/categories.ts';
import { getCycle } from '../../data/cycles.ts';
import { createUnit, createUnits, mergeUnits, readUnits, renameUnit, retireUnit, updateUnit, type UnitRecord } from '../../data/units.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { checkAssignment, normaliseName, unassignedUnits, type Problem } from '../../domain/organisation.ts';
import { STAGE_NAMES, stageAt } from '../../domain/stages.ts';
import { parseUnitRows } from '../../domain/unit-rows.ts';
import { legacyApiHandler as apiHandler } from '../../http/chain.ts';
import type { CreateUnitBody, ImportUnitsBody, MergeUnitsBody, RenameUnitBody, RetireUnitBody, SaveCategoriesBody, UnitsQuery, UpdateUnitBody } from '../../http/organisation-schemas.ts';

const unitView = ({ regionId, ...u }: UnitRecord) => u;
const brief = (u: UnitRecord) => ({ unitId: u.unitId, name: u.name, shortName: u.shortName, type: u.type });

function matches(u: UnitRecord, q: UnitsQuery): boolean {
  return (
    (!q.type || u.type === q.type) &&
    (!q.category || u.category === q.category) &&
    (!q.status || u.status === q.status) &&
    (!q.assessor || Boolean(u.assessor) === (q.assessor === 'true'))
  );
}

async function loadCycle(regionId: string, cycleId: string) {
  const cycle = await getCycle(regionId, cycleId);
  if (!cycle) throw new NotFoundError('该考评周期不存在');
  return cycle;
}

const editable = (c: { status: string; currentStage: number }) => c.status === 'open' && c.currentStage === 1;

function categoriesView(set: CategorySet | undefined, canEdit: boolean, units: UnitRecord[]) {
  const categories = set?.categories ?? [];
  return {
    version: set?.version ?? 0,
    editable: canEdit,
    updatedAt: set?.updatedAt,
    updatedBy: set?.updatedBy,
    categories,
    // Only a cycle still in planning can take new units; a later cycle keeps the list it has.
    unassigned: canEdit ? unassignedUnits(units, categories.map((c) => ({ unitIds: c.units.map((u) => u.unitId) }))).map(brief) : [],
  };
}

export const handler = apiHandler('organisation', {
  listUnits: async ({ params, query }) => {
    const { units } = await readUnits(params.regionId!);
    return { items: units.filter((u) => matches(u, query as UnitsQuery)).map(unitView) };
  },

  getUnit: async ({ params }) => {
    const { units } = await readUnits(params.regionId!);
    const unit = units.find((u) => u.unitId === params.unitId);
    if (!unit) throw new NotFoundError('该单位不存在');
    return unitView(unit);
  },

  createUnit: async ({ caller, params, body }) => unitView(await createUnit(caller!, params.regionId!, body as CreateUnitBody, nowIso())),

  /** Units from sheet rows, all in one transaction; any bad row and nothing is written. `dryRun` only reports. */
  importUnits: async ({ caller, params, body }) => {
    const input = body as ImportUnitsBody;
    const regionId = params.regionId!;
    const read = await readUnits(regionId);
    const { headerRow, entries, errors, units } = parseUnitRows(input.rows, read.units);
    if (input.dryRun) return { dryRun: true, valid: errors.length === 0, headerRow, count: entries.length, entries, errors };
    if (errors.length) {
      const details = errors.map((e) => ({ path: `body.rows.${Math.max(0, e.row - 1)}`, message: `第 ${e.row} 行「${e.column}」：${e.message}`, row: e.row, column: e.column, reason: e.message }));
      throw new ValidationError(`表格有 ${errors.length} 处错误，未导入任何单位`, details);
    }
    const created = await createUnits(caller!, regionId, units, read, nowIso());
    return { count: created.length, items: created.map(unitView) };
  },

  renameUnit: async ({ caller, params, body }) => unitView(await renameUnit(caller!, params.regionId!, params.unitId!, body as RenameUnitBody, nowIso())),

  /** Short name, assessor designation and default category; the name keeps its own operation. */
  updateUnit: async ({ caller, params, body }) => unitView(await updateUnit(caller!, params.regionId!, params.unitId!, body as UpdateUnitBody, nowIso())),

  retireUnit: async ({ caller, params, body }) => unitView(await retireUnit(caller!, params.regionId!, params.unitId!, body as RetireUnitBody, nowIso())),

  mergeUnits: async ({ caller, params, body }) => {
    const result = await mergeUnits(caller!, params.regionId!, body as MergeUnitsBody, nowIso());
    return { into: unitView(result.into), retired: result.retired.map(unitView) };
  },

  getCategories: async ({ params }) => {
    const [cycle, set, { units }] = await Promise.all([
      loadCycle(params.regionId!, params.cycleId!),
      getCategorySet(params.regionId!, params.cycleId!),
      readUnits(params.regionId!),
    ]);
    return categoriesView(set, editable(cycle), units);
  },

  saveCategories: async ({ caller, params, body }) => {
    const input = body as SaveCategoriesBody;
    const regionId = params.regionId!;
    const cycle = await loadCycle(regionId, params.cycleId!);
    if (!editable(cycle)) {
      const where = cycle.status === 'closed' ? '已结束' : `已进入「${STAGE_NAMES[stageAt(cycle.currentStage)]}」阶段`;
      throw new ConflictError(`该考评周期${where}，考评类别只能在「方案」阶段调整`);
    }
    const [before, { rev, units }] = await Promise.all([getCategorySet(regionId, cycle.cycleId), readUnits(regionId)]);
    if ((before?.version ?? 0) !== input.version) throw new ConflictError('考评类别已被他人修改，请刷新后重试');

    const known = new Set(before?.categories.map((c) => c.categoryId));
    const problems: Problem[] = checkAssignment(units, input.categories);
    input.categories.forEach((c, i) => {
      if (c.categoryId && !known.has(c.categoryId)) problems.push({ path: `categories.${i}.categoryId`, message: `类别 ${c.categoryId} 不属于该周期` });
    });
    if (problems.length) {
      const fields = problems.map((p) => ({ path: `body.${p.path}`, message: p.message }));
      throw new ValidationError('考评类别有误', fields);
    }

    // Snapshot each unit as it is now: later renames, retirements and merges leave this cycle alone.
    const byId = new Map(units.map((u) => [u.unitId, u]));
    let nextNo = before?.nextNo ?? 1;
    const categories: Category[] = input.categories.map((c, i) => ({
      categoryId: c.categoryId || `c${nextNo++}`,
      name: normaliseName(c.name),
      order: i + 1,
      units: c.unitIds.map((id) => brief(byId.get(id)!)),
    }));
    const at = nowIso();
    const next: CategorySet = { regionId, cycleId: cycle.cycleId, categories, nextNo, version: input.version + 1, updatedAt: at, updatedBy: caller!.username };
    await saveCategorySet(caller!, next, input.version, before, rev, at);
    return categoriesView(next, true, units);
  },
});
