// The demo goals as the API serves them: 玉林市 2025 approved and complete for every unit; 2026 with
// units in every state, the demo accounts' units left to draft their own.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../cdk/local/seed.ts';
import type { Caller } from '../../functions/domain/roles.ts';
import { handler } from '../../functions/handlers/api/goals.ts';
import { apiEvent, lambdaContext, routeFor } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const bureau: Caller = { username: 'yl_staff', name: '王芳', role: 'bureau_staff', regionId: YL, unitId: 'yl-jxb' };

async function call(op: string, params: Record<string, string>) {
  const res = (await handler(apiEvent(routeFor('goals', op), { caller: bureau, params: { regionId: YL, ...params } }), lambdaContext)) as { statusCode: number; body: string };
  expect(res.statusCode).toBe(200);
  return JSON.parse(res.body);
}

beforeAll(async () => {
  await useFreshTable();
  await seedDemo(new Date().toISOString());
}, 60_000);

describe('demo goals', () => {
  it('has 2025 approved for every unit, each set complete against its plan', async () => {
    const queue = await call('listGoalSets', { cycleId: '2025' });
    expect(queue.totals).toMatchObject({ missing: 0, draft: 0, submitted: 0, returned: 0 });
    expect(queue.totals.approved).toBe(queue.items.length);
    for (const row of queue.items) {
      const unit = await call('getUnitGoals', { cycleId: '2025', unitId: row.unitId });
      expect(unit.problems, row.unitName).toEqual([]);
      expect(unit.goals.every((g: { status: string }) => g.status === 'approved')).toBe(true);
    }
  });

  it('has 2026 units in every state, the demo accounts’ units still without a set', async () => {
    const queue = await call('listGoalSets', { cycleId: '2026' });
    for (const status of ['draft', 'submitted', 'returned', 'approved']) expect(queue.totals[status], status).toBeGreaterThan(0);
    expect(queue.items.filter((r: { status: string }) => r.status === 'missing').map((r: { unitId: string }) => r.unitId).sort()).toEqual(['yl-jyj', 'yl-yuzhou']);
    const returned = queue.items.find((r: { status: string }) => r.status === 'returned');
    const unit = await call('getUnitGoals', { cycleId: '2026', unitId: returned.unitId });
    expect(unit.goals.filter((g: { status: string }) => g.status === 'returned')).toEqual([expect.objectContaining({ returnReason: expect.stringContaining('上年') })]);
    const draft = queue.items.find((r: { status: string }) => r.status === 'draft');
    // Its last leaves have no goal yet: named as missing, or as awaiting the assessor unit where the leaf is common.
    const codes = (await call('getUnitGoals', { cycleId: '2026', unitId: draft.unitId })).problems.map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining([expect.stringMatching(/^(missing|awaitingAssessor)$/)]));
  });
});
