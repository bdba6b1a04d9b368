// A cycle's categories are a snapshot of the unit list: the save only passes if no unit was added,
// renamed, retired or merged after the list was read (a race the API cannot see otherwise).
import { beforeAll, describe, expect, it } from 'vitest';
import { getCategorySet, saveCategorySet, type CategorySet } from '../../functions/data/categories.ts';
import { createCycle } from '../../functions/data/cycles.ts';
import { createUnit, readUnits, retireUnit } from '../../functions/data/units.ts';
import { ConflictError } from '../../functions/domain/errors.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';
import { useFreshTable } from '../helpers/table.ts';

const R = '450900';
const actor = { username: 'yl_staff', role: 'bureau_staff', regionId: R, unitId: 'yl-jxb' };
const at = () => new Date().toISOString();

beforeAll(async () => {
  await useFreshTable();
  await createCycle(actor, R, { year: 2031, name: '2031年度绩效考评', stages: defaultStageDates(2031) }, at());
});

describe('saving a category snapshot', () => {
  it('fails when a unit was retired after the list was read, and passes on a fresh read', async () => {
    const a = await createUnit(actor, R, { type: 'county', name: '甲县' }, at());
    const b = await createUnit(actor, R, { type: 'county', name: '乙县' }, at());
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

    await retireUnit(actor, R, b.unitId, { on: '2031-01-01', reason: '区划调整', version: b.version }, at());
    await expect(saveCategorySet(actor, set(1), 0, undefined, read.rev, at())).rejects.toBeInstanceOf(ConflictError);
    expect(await getCategorySet(R, '2031')).toBeUndefined();

    const fresh = await readUnits(R);
    await saveCategorySet(actor, set(1), 0, undefined, fresh.rev, at());
    expect((await getCategorySet(R, '2031'))?.version).toBe(1);
  });
});
