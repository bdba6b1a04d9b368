import { describe, expect, it } from 'vitest';
import type { UnitView } from '../../web/src/api/organisation.ts';
import { sortUnits } from '../../web/src/views/unit/useUnitList.ts';

const unit = (unitId: string, name: string, type: UnitView['type'], category?: string): UnitView => ({
  unitId,
  name,
  type,
  ...(category ? { category } : {}),
  status: 'active',
  names: [{ name, from: '' }],
  version: 1,
});

describe('unit list order', () => {
  it('lists the bureau, then counties, then departments by category and name in pinyin order', () => {
    const sorted = sortUnits([
      unit('d2', '玉林市财政局', 'department', '市直政府部门'),
      unit('c2', '博白县', 'county', '县（市、区）'),
      unit('b', '市绩效办', 'bureau'),
      unit('d1', '中共玉林市委办公室', 'department', '市直党群部门'),
      unit('c1', '北流市', 'county', '县（市、区）'),
    ]);
    expect(sorted.map((u) => u.unitId)).toEqual(['b', 'c1', 'c2', 'd1', 'd2']);
  });
});
