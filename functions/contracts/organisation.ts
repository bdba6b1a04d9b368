// The organisation of a region: its units (everyone of the region reads, the bureau changes them)
// and, per cycle, the categories the responsible units are graded in (Art 22). Rules that need the
// stored units (unique names, merge targets, one category per unit) live in domain/organisation.ts.
import { CREATABLE_UNIT_TYPES, UNIT_STATUSES, UNIT_TYPES } from '../domain/organisation.ts';
import type { RowError } from '../domain/plan-rows.ts';
import { UNIT_COLUMN_KEYS } from '../domain/unit-rows.ts';
import { categoriesView, unitView } from '../model/unit.ts';
import { bureau, everyone, unitReaders } from './access.ts';
import { list, route } from './define.ts';
import { t } from './lang.ts';
import { cyclePath, regionPath, unitPath } from './paths.ts';
import { ids, isoDate, text, version, z } from './zod.ts';

/** A text of at least `min` characters, with its own message when shorter. */
const named = (min: number, max: number, zh: string, en: string) => text({ max }).refine((s) => s.length >= min, { error: () => t(zh, en) });

/** A unit's full name: normalised and free of invisible characters, so look-alike names are refused. */
export const unitName = named(2, 60, '单位名称至少 2 个字', 'A unit name has at least 2 characters');
const shortName = text({ max: 20 }).optional();
const assessorField = text({ max: 40 }).optional();
const categoryHint = text({ max: 40 }).optional();
const reason = named(2, 200, '请填写原因（至少 2 个字）', 'Give the reason (at least 2 characters)');

const newUnitFields = z.object({
  type: z.enum(CREATABLE_UNIT_TYPES),
  name: unitName,
  shortName,
  assessor: z.boolean().default(false),
  assessorField,
  category: categoryHint,
});

/** An assessor unit (考评单位) is designated for a field; the field says which indicators it scores. */
const withAssessorField = <T extends { assessor: boolean; assessorField?: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.assessor && !v.assessorField) ctx.addIssue({ code: 'custom', path: ['assessorField'], message: t('考评单位须填写考评领域', 'An assessor unit needs its field') });
};

export const createUnitBody = newUnitFields.superRefine(withAssessorField);
export type CreateUnitBody = z.infer<typeof createUnitBody>;
/** A unit to create, as the create, merge and import routes take it. */
export type NewUnitInput = CreateUnitBody;

export const unitsQuery = z.object({
  type: z.enum(UNIT_TYPES).optional(),
  category: categoryHint,
  status: z.enum(UNIT_STATUSES).optional(),
  assessor: z.enum(['true', 'false']).optional(),
});
export type UnitsQuery = z.infer<typeof unitsQuery>;

export const renameUnitBody = z.object({ name: unitName, shortName, from: isoDate.optional(), version });
export type RenameUnitBody = z.infer<typeof renameUnitBody>;

/**
 * Edit a unit: the fields below replace the stored ones (absent or empty short name and category
 * clear them). The name is not edited here: renaming is its own operation and keeps the history.
 */
export const updateUnitBody = z
  .object({
    name: z.never({ error: () => t('单位名称请通过「更名」修改（保留名称沿革）', 'A unit’s name is changed by renaming it (which keeps its history)') }).optional(),
    shortName,
    assessor: z.boolean({ error: () => t('请选择是否为考评单位', 'Say whether this is an assessor unit') }),
    assessorField,
    category: categoryHint,
    version,
  })
  .superRefine(withAssessorField);
export type UpdateUnitBody = z.infer<typeof updateUnitBody>;

export const retireUnitBody = z.object({ on: isoDate, reason, version });
export type RetireUnitBody = z.infer<typeof retireUnitBody>;

const unitAtVersion = z.object({ unitId: ids.unit, version });

export const mergeUnitsBody = z
  .object({
    sources: z
      .array(unitAtVersion)
      .min(1, { error: () => t('至少选择一个被合并单位', 'Choose at least one unit to merge') })
      .max(20),
    /** Merge into an existing unit … */
    into: unitAtVersion.optional(),
    /** … or into a new one. */
    newUnit: createUnitBody.optional(),
    on: isoDate,
    reason,
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.into) === Boolean(v.newUnit)) {
      ctx.addIssue({ code: 'custom', path: ['into'], message: t('请选择合并到已有单位或新建单位（二选一）', 'Merge into an existing unit or a new one (one of the two)') });
    }
  });
export type MergeUnitsBody = z.infer<typeof mergeUnitsBody>;

export const saveCategoriesBody = z.object({
  /** The version read (0 when the cycle had no categories yet). */
  version: z.number().int().min(0),
  categories: z
    .array(
      z.object({
        categoryId: ids.category.optional(),
        // Empty names are reported by the domain check, with the other assignment problems.
        name: text({ max: 40 }),
        unitIds: z.array(ids.unit).max(500),
      }),
    )
    .max(30),
});
export type SaveCategoriesBody = z.infer<typeof saveCategoriesBody>;

/**
 * Units from sheet rows: cell texts, row 1 first (the header is found by its 单位名称 and 单位类型
 * cells). How many units one import may hold, and every cell, is checked by domain/unit-rows.ts.
 */
export const importUnitsBody = z.object({
  rows: z
    .array(z.array(z.string().max(1000)).max(30))
    .min(1, { error: () => t('表格为空', 'The sheet is empty') })
    .max(1000, { error: () => t('表格行数过多，每次最多导入 90 个单位', 'The sheet has too many rows; import at most 90 units at a time') }),
  /** Only check and preview: nothing is written. */
  dryRun: z.boolean().default(false),
});
export type ImportUnitsBody = z.infer<typeof importUnitsBody>;

const rowError: z.ZodType<RowError> = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

/** One data row of a unit sheet: its 1-based row number, its cells by column, and the unit when the row is good. */
export const unitRowEntry = z.object({
  row: z.number().int().min(1),
  cells: z.record(z.enum(UNIT_COLUMN_KEYS), z.string()),
  unit: newUnitFields.optional(),
});
export type UnitRowEntry = z.infer<typeof unitRowEntry>;

/** A dry run's answer: each data row read and every problem; nothing written. */
export const unitImportReport = z.object({
  dryRun: z.literal(true),
  valid: z.boolean(),
  headerRow: z.number().int().min(0),
  count: z.number().int().min(0),
  entries: z.array(unitRowEntry),
  errors: z.array(rowError),
});

/** An import's answer: the units created, all in one step. */
export const unitsImported = z.object({ count: z.number().int().min(0), items: z.array(unitView) });

export const organisationRoutes = {
  listUnits: route({ method: 'GET', path: '/regions/{regionId}/units', group: 'organisation', access: unitReaders, params: regionPath, query: unitsQuery, output: list(unitView), summary: '本区域单位列表' }),
  createUnit: route({ method: 'POST', path: '/regions/{regionId}/units', group: 'organisation', access: bureau, params: regionPath, body: createUnitBody, output: unitView, summary: '新增单位' }),
  // `import` and `merge` before `{unitId}`: the local gateway takes the first match.
  importUnits: route({ method: 'POST', path: '/regions/{regionId}/units/import', group: 'organisation', access: bureau, params: regionPath, body: importUnitsBody, output: z.union([unitImportReport, unitsImported]), summary: '从表格批量导入单位' }),
  mergeUnits: route({ method: 'POST', path: '/regions/{regionId}/units/merge', group: 'organisation', access: bureau, params: regionPath, body: mergeUnitsBody, output: z.object({ into: unitView, retired: z.array(unitView) }), summary: '合并单位' }),
  getUnit: route({ method: 'GET', path: '/regions/{regionId}/units/{unitId}', group: 'organisation', access: everyone('region'), params: unitPath, output: unitView, summary: '单位详情（含名称沿革）' }),
  renameUnit: route({ method: 'POST', path: '/regions/{regionId}/units/{unitId}/rename', group: 'organisation', access: bureau, params: unitPath, body: renameUnitBody, output: unitView, summary: '单位更名' }),
  updateUnit: route({ method: 'PUT', path: '/regions/{regionId}/units/{unitId}', group: 'organisation', access: bureau, params: unitPath, body: updateUnitBody, output: unitView, summary: '修改单位信息（简称、考评单位、默认类别）' }),
  retireUnit: route({ method: 'POST', path: '/regions/{regionId}/units/{unitId}/retire', group: 'organisation', access: bureau, params: unitPath, body: retireUnitBody, output: unitView, summary: '撤销单位' }),
  getCategories: route({ method: 'GET', path: '/regions/{regionId}/cycles/{cycleId}/categories', group: 'organisation', access: everyone('region'), params: cyclePath, output: categoriesView, summary: '考评类别及其单位' }),
  saveCategories: route({ method: 'PUT', path: '/regions/{regionId}/cycles/{cycleId}/categories', group: 'organisation', access: bureau, params: cyclePath, body: saveCategoriesBody, output: categoriesView, summary: '保存考评类别划分' }),
};
