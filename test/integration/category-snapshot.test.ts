// A cycle's categories are a snapshot of the unit list: the save only passes if no unit was added,
// renamed, retired or merged after the list was read (a race the API cannot see otherwise).
import { beforeAll, describe, expect, it } from 'vitest';
import { getCategorySet, saveCategorySet } from '../../functions/data/categories.ts';
import { createCycle } from '../../functions/data/cycles.ts';
import { readUnits, storeNewUnit, storeRetirement } from '../../functions/data/units.ts';
import { ConflictError } from '../../functions/domain/errors.ts';
import { planNewUnit, planRetire } from '../../functions/domain/organisation.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';
import type { CategorySet } from '../../functions/model/unit.ts';
import { useFreshTable } from '../helpers/table.ts';

const R = '450900';
const actor = { username: 'yl_staff', role: 'bureau_staff', regionId: R, unitId: 'yl-jxb' };
const at = () => new Date().toISOString();

async function createUnit(name: string) {
  const { rev, units } = await readUnits(R);
  const unit = planNewUnit(units, R, { type: 'county', name, assessor: false }, '2031-01-01');
  await storeNewUnit(actor, unit, rev, at());
  return unit;
}

beforeAll(async () => {
  await useFreshTable();
  await createCycle(actor, R, { year: 2031, name: '2031年度绩效考评', stages: defaultStageDates(2031) }, at());
});

describe('saving a category snapshot', () => {
  it('fails when a unit was retired after the list was read, and passes on a fresh read', async () => {
    const a = await createUnit('甲县');
    const b = await createUnit('乙县');
    const read = await readUnits(R);
    const set = (version: number): CategorySet => ({
      regionId: R,
      cycleId: '2031',
      categories: [{ categoryId: 'c1', name: '县', order: 1, units: [a, b].map((u) => ({ unitId: u.unitId, name: u.name, type: u.type })) }],
      nextNo: 2,
      version,
      updatedAt: at(),
      updatedBy: actor.username,
    });

    const now = await readUnits(R);
    const retire = planRetire(now.units, b.unitId, { on: '2031-01-01', reason: '区划调整', version: b.version });
    await storeRetirement(actor, retire.before, retire.after, now.rev, at());
    await expect(saveCategorySet(actor, set(1), 0, undefined, read.rev, at())).rejects.toBeInstanceOf(ConflictError);
    expect(await getCategorySet(R, '2031')).toBeUndefined();

    const fresh = await readUnits(R);
    await saveCategorySet(actor, set(1), 0, undefined, fresh.rev, at());
    expect((await getCategorySet(R, '2031'))?.version).toBe(1);
  });
});
