// A region's units as stored, the snapshot of a unit a cycle's categories keep, the categories of a
// cycle, and the views of them the API answers with.
import { UNIT_STATUSES, UNIT_TYPES } from '../domain/organisation.ts';
import { ids, isoDate, version, z } from '../contracts/zod.ts';

export const unitType = z.enum(UNIT_TYPES);
export const unitStatus = z.enum(UNIT_STATUSES);

/** A name a unit has had and the Beijing date it took effect ('' for a unit's name from before names were kept). */
export const unitNameEntry = z.object({
  name: z.string(),
  from: z.union([isoDate, z.literal('')]),
});

/** A unit (绩效责任单位, 考评单位, the bureau, a third party) of a region. Never deleted: a retired unit stays readable. */
export const unitRecord = z.object({
  regionId: ids.region,
  unitId: ids.unit,
  name: z.string(),
  shortName: z.string().optional(),
  type: unitType,
  /** Designated assessor unit (考评单位) for indicators in its field. */
  assessor: z.boolean().optional(),
  assessorField: z.string().optional(),
  /** Hint for a new cycle's default category; the cycle's own assignment decides. */
  category: z.string().optional(),
  status: unitStatus,
  /** Every name the unit has had, oldest first. */
  names: z.array(unitNameEntry).min(1),
  retiredOn: isoDate.optional(),
  retiredReason: z.string().optional(),
  /** A merged unit: the unit it went into. */
  mergedInto: ids.unit.optional(),
  /** The units merged into this one. */
  mergedFrom: z.array(ids.unit).optional(),
  version,
});
export type UnitRecord = z.infer<typeof unitRecord>;

/**
 * A unit item as stored: units written before the organisation module (the demo seed among them)
 * carry no status, names or version; they read as active, with their one name, at version 1.
 */
export const storedUnit = unitRecord
  .extend({ status: unitStatus.optional(), names: z.array(unitNameEntry).optional(), version: version.optional() })
  .transform((u): UnitRecord => ({ ...u, status: u.status ?? 'active', names: u.names ?? [{ name: u.name, from: '' }], version: u.version ?? 1 }));
/** What a unit item may be written as (the seed writes units without status, names or version). */
export type StoredUnit = z.input<typeof storedUnit>;

/** The revision of a region's unit list: bumped by every write that changes which names are taken. */
export const unitListRevision = z.object({
  regionId: ids.region,
  rev: z.number().int().min(1),
});

/** A unit as a cycle's category recorded it when the categories were saved. */
export const unitSnapshot = unitRecord.pick({ unitId: true, name: true, shortName: true, type: true });

export const category = z.object({
  categoryId: ids.category,
  name: z.string(),
  /** 1-based display and report order. */
  order: z.number().int().min(1),
  units: z.array(unitSnapshot),
});

/** A cycle's categories (考评类别, Art 22) with their units, stored as one item and replaced whole. */
export const categorySetRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  categories: z.array(category),
  /** Next number for a category id (`c{n}`), so a removed category's id is not given to another. */
  nextNo: z.number().int().min(1),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});

/** A unit as the API shows it. */
export const unitView = unitRecord.omit({ regionId: true });

/** A cycle's categories as the API shows them, with the responsible units no category holds yet. */
export const categoriesView = z.object({
  /** 0 while the cycle has no categories. */
  version: z.number().int().min(0),
  /** Whether the categories can still change (the cycle is in its plan stage). */
  editable: z.boolean(),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
  categories: z.array(category),
  unassigned: z.array(unitSnapshot),
});

export type UnitSnapshot = z.infer<typeof unitSnapshot>;
export type Category = z.infer<typeof category>;
export type CategorySet = z.infer<typeof categorySetRecord>;
export type UnitView = z.infer<typeof unitView>;
export type CategoriesView = z.infer<typeof categoriesView>;
