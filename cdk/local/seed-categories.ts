// Demo categories of a seeded cycle: the default grouping from the units' category hints
// (玉林市: 县（市、区）/ 市直党群部门 / 市直政府部门 / 中直区直驻市单位; 北流市: 镇（街道）/ 市直部门).
import { categorySetItem } from '../../functions/data/categories.ts';
import { categoriesFromHints } from '../../functions/domain/organisation.ts';
import { units } from './demo-data.ts';

export function demoCategoriesItem(regionId: string, cycleId: string, by: string, at: string) {
  const own = units.filter((u) => u.regionId === regionId);
  const byId = new Map(own.map((u) => [u.unitId, u]));
  const categories = categoriesFromHints(own).map((c, i) => ({
    categoryId: `c${i + 1}`,
    name: c.name,
    order: i + 1,
    units: c.unitIds.map((id) => {
      const u = byId.get(id)!;
      return { unitId: u.unitId, name: u.name, type: u.type };
    }),
  }));
  return categorySetItem({ regionId, cycleId, categories, nextNo: categories.length + 1, version: 1, updatedAt: at, updatedBy: by });
}
