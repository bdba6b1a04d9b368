// The organisation of a region: its units (everyone of the region reads, the bureau changes them)
// and, per cycle, the categories the responsible units are graded in (Art 22). The domain decides
// (domain/organisation.ts), the data layer stores what it decided.
import { nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet, saveCategorySet } from '../../data/categories.ts';
import { getCycle } from '../../data/cycles.ts';
import { getUnit } from '../../data/regions.ts';
import { readUnits, storeEdit, storeImportedUnits, storeMerge, storeNewUnit, storeRename, storeRetirement } from '../../data/units.ts';
import { beijingDate } from '../../domain/dates.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { importRefusal } from '../../domain/import-report.ts';
import {
  categoriesEditable,
  categoriesView,
  expectCategoriesEditable,
  planCategorySet,
  planEdit,
  planMerge,
  planNewUnit,
  planNewUnits,
  planRename,
  planRetire,
  unitsMatching,
} from '../../domain/organisation.ts';
import { parseUnitRows } from '../../domain/unit-rows.ts';
import { apiHandler } from '../../http/chain.ts';
import { businessEvent } from '../../observability/metrics.ts';

async function loadCycle(regionId: string, cycleId: string) {
  const cycle = await getCycle(regionId, cycleId);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  return cycle;
}

/** The instant of a change and the Beijing date it happens on. */
function moment() {
  const at = nowIso();
  return { at, today: beijingDate(Date.parse(at)) };
}

export const handler = apiHandler('organisation', {
  listUnits: async ({ params, query }) => ({ items: unitsMatching((await readUnits(params.regionId)).units, query) }),

  getUnit: async ({ params }) => {
    const unit = await getUnit(params.regionId, params.unitId);
    if (!unit) throw new NotFoundError(t('该单位不存在', 'This unit does not exist'));
    return unit;
  },

  createUnit: async ({ caller, params, body }) => {
    const { at, today } = moment();
    const { rev, units } = await readUnits(params.regionId);
    const unit = planNewUnit(units, params.regionId, body, today);
    await storeNewUnit(caller, unit, rev, at);
    return unit;
  },

  /** Units from sheet rows, all in one transaction; any bad row and nothing is written. `dryRun` only reports. */
  importUnits: async ({ caller, params, body }) => {
    const { at, today } = moment();
    const { rev, units: existing } = await readUnits(params.regionId);
    const { headerRow, entries, errors, units } = parseUnitRows(body.rows, existing);
    if (body.dryRun) return { dryRun: true, valid: errors.length === 0, headerRow, count: entries.length, entries, errors };
    if (errors.length) throw importRefusal(errors, { zh: '未导入任何单位', en: 'no unit was imported' });
    const created = planNewUnits(existing, params.regionId, units, today);
    await storeImportedUnits(caller, params.regionId, created, rev, at);
    businessEvent('ImportRows', created.length, { sheet: 'units' });
    return { count: created.length, items: created };
  },

  renameUnit: async ({ caller, params, body }) => {
    const { at, today } = moment();
    const { rev, units } = await readUnits(params.regionId);
    const { before, after, from } = planRename(units, params.unitId, body, today);
    await storeRename(caller, before, after, from, rev, at);
    return after;
  },

  /** Short name, assessor designation and default category; the name keeps its own operation. An edit that changes nothing writes nothing. */
  updateUnit: async ({ caller, params, body }) => {
    const { units } = await readUnits(params.regionId);
    const { before, after, changed } = planEdit(units, params.unitId, body);
    if (changed) await storeEdit(caller, before, after, nowIso());
    return after;
  },

  retireUnit: async ({ caller, params, body }) => {
    const { rev, units } = await readUnits(params.regionId);
    const { before, after } = planRetire(units, params.unitId, body);
    await storeRetirement(caller, before, after, rev, nowIso());
    return after;
  },

  mergeUnits: async ({ caller, params, body }) => {
    const { at, today } = moment();
    const { rev, units } = await readUnits(params.regionId);
    const plan = planMerge(units, params.regionId, body, today);
    await storeMerge(caller, plan, rev, at);
    return { into: plan.into, retired: plan.sources.map((s) => s.after) };
  },

  getCategories: async ({ params }) => {
    const [cycle, set, { units }] = await Promise.all([loadCycle(params.regionId, params.cycleId), getCategorySet(params.regionId, params.cycleId), readUnits(params.regionId)]);
    return categoriesView(set, categoriesEditable(cycle), units);
  },

  saveCategories: async ({ caller, params, body }) => {
    const cycle = await loadCycle(params.regionId, params.cycleId);
    expectCategoriesEditable(cycle);
    const [before, { rev, units }] = await Promise.all([getCategorySet(params.regionId, cycle.cycleId), readUnits(params.regionId)]);
    const at = nowIso();
    const next = planCategorySet({ regionId: params.regionId, cycleId: cycle.cycleId, before, units, input: body, at, by: caller.username });
    await saveCategorySet(caller, next, body.version, before, rev, at);
    return categoriesView(next, true, units);
  },
});
