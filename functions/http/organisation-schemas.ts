// Input schemas of the organisation routes (units and a cycle's categories). Rules that need the
// stored units (unique names, merge targets, one category per unit) live in domain/organisation.ts.
import * as z from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { isIsoDate } from '../domain/dates.ts';
import { CREATABLE_UNIT_TYPES, UNIT_TYPES } from '../domain/organisation.ts';

z.config(zhCN());

const isoDate = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD' });
const unitId = z.string().trim().min(1).max(40);
const version = z.number().int().min(1);
const unitName = z.string().trim().min(2, '单位名称至少 2 个字').max(60);
const shortName = z.string().trim().max(20).optional();
const reason = z.string().trim().min(2, '请填写原因（至少 2 个字）').max(200);

const newUnitFields = z.object({
  type: z.enum(CREATABLE_UNIT_TYPES),
  name: unitName,
  shortName,
  assessor: z.boolean().default(false),
  assessorField: z.string().trim().max(40).optional(),
  category: z.string().trim().max(40).optional(),
});

/** An assessor unit (考评单位) is designated for a field; the field says which indicators it scores. */
const withAssessorField = <T extends { assessor: boolean; assessorField?: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.assessor && !v.assessorField) ctx.addIssue({ code: 'custom', path: ['assessorField'], message: '考评单位须填写考评领域' });
};

export const createUnitBody = newUnitFields.superRefine(withAssessorField);
export type CreateUnitBody = z.infer<typeof createUnitBody>;

export const unitsQuery = z.object({
  type: z.enum(UNIT_TYPES).optional(),
  category: z.string().max(40).optional(),
  status: z.enum(['active', 'retired']).optional(),
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
    name: z.never({ error: '单位名称请通过「更名」修改（保留名称沿革）' }).optional(),
    shortName,
    assessor: z.boolean({ error: '请选择是否为考评单位' }),
    assessorField: z.string().trim().max(40).optional(),
    category: z.string().trim().max(40).optional(),
    version,
  })
  .superRefine(withAssessorField);
export type UpdateUnitBody = z.infer<typeof updateUnitBody>;

export const retireUnitBody = z.object({ on: isoDate, reason, version });
export type RetireUnitBody = z.infer<typeof retireUnitBody>;

export const mergeUnitsBody = z
  .object({
    sources: z.array(z.object({ unitId, version })).min(1, '至少选择一个被合并单位').max(20),
    /** Merge into an existing unit … */
    into: z.object({ unitId, version }).optional(),
    /** … or into a new one. */
    newUnit: newUnitFields.superRefine(withAssessorField).optional(),
    on: isoDate,
    reason,
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.into) === Boolean(v.newUnit)) ctx.addIssue({ code: 'custom', path: ['into'], message: '请选择合并到已有单位或新建单位（二选一）' });
  });
export type MergeUnitsBody = z.infer<typeof mergeUnitsBody>;

export const saveCategoriesBody = z.object({
  /** The version read (0 when the cycle had no categories yet). */
  version: z.number().int().min(0),
  categories: z
    .array(
      z.object({
        categoryId: z.string().trim().max(20).optional(),
        // Empty names are reported by the domain check, with the other assignment problems.
        name: z.string().trim().max(40),
        unitIds: z.array(unitId).max(500),
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
  rows: z.array(z.array(z.string().max(1000)).max(30)).min(1, '表格为空').max(1000, '表格行数过多，每次最多导入 90 个单位'),
  /** Only check and preview: nothing is written. */
  dryRun: z.boolean().default(false),
});
export type ImportUnitsBody = z.infer<typeof importUnitsBody>;
