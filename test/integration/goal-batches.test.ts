// A whole-table save over more units than one transaction holds (an assessor unit's common
// indicator across a province's counties): written in chunks, and when a later chunk is refused
// because someone wrote in the meantime, the chunks already written are taken back — the user sees
// all or nothing, as the page promises.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { cycleItems } from '../../cdk/local/seed.ts';
import { storeUnitWrites, type UnitWrite } from '../../functions/data/assessor-goals.ts';
import { listAudit } from '../../functions/data/audit.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { goalItem, goalSetItem } from '../../functions/data/goals.ts';
import { keys } from '../../functions/data/keys.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import type { GoalRecord, GoalSetRecord } from '../../functions/model/goal.ts';
import { noCounts } from '../../functions/model/goal.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const C = '2026';
const actor = { username: 'yl_tjj', role: 'assessor_staff' as const, regionId: YL, unitId: 'yl-tjj' };
const at = '2026-03-10T02:00:00.000Z';
const unitIds = Array.from({ length: 60 }, (_, i) => `batch-${String(i).padStart(2, '0')}`);

const goal = (unitId: string, version: number, target: number): GoalRecord => ({
  regionId: YL, cycleId: C, unitId, indicatorId: '2.1', categoryId: 'c1', planVersion: 1, assessorUnitId: 'yl-tjj', status: 'draft',
  target, unitOfMeasure: '%', milestones: [], coUnitIds: [], version, updatedAt: at, updatedBy: 'yl_tjj',
});
const set = (unitId: string, version: number, draft: number): GoalSetRecord => ({
  regionId: YL, cycleId: C, unitId, categoryId: 'c1', status: 'draft', counts: { ...noCounts(), draft }, version, updatedAt: at, updatedBy: 'someone',
});
const get = async (key: { pk: string; sk: string }) => (await documentClient().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
const put = (Item: Record<string, unknown>) => documentClient().send(new PutCommand({ TableName: tableName(), Item }));

/** Unit 0 already has a set with another goal (its set is updated, not created); the rest have nothing. */
const writes = (): UnitWrite[] =>
  unitIds.map((u, i) => ({
    set: i === 0 ? { before: set(u, 3, 1), after: { ...set(u, 4, 2), updatedBy: 'yl_tjj' } } : { after: set(u, 1, 1) },
    goals: [{ after: goal(u, 1, 90) }],
  }));

beforeAll(async () => {
  await useFreshTable();
  // Only the cycle, at 目标制定, which each chunk's stage check reads.
  for (const item of cycleItems(YL, 2026, stageNumber('goal_setting'), 'yl_staff')) await put(item);
  await put(goalSetItem(set(unitIds[0]!, 3, 1), at));
});

describe('a whole-table save beyond one transaction', () => {
  it('takes back the chunks already written when a later one is refused: nothing is left saved', async () => {
    // Someone saved unit 55's goal first: the second chunk (units 48–59) is refused.
    await put(goalItem(goal(unitIds[55]!, 1, 70)));
    await expect(storeUnitWrites(actor, 'goal.saveCommon', 'common-goals:test', writes(), ['goal_setting'], at)).rejects.toMatchObject({ statusCode: 409 });

    expect(await get(keys.goal(YL, C, unitIds[1]!, '2.1'))).toBeUndefined();
    expect(await get(keys.goalSet(YL, C, unitIds[1]!))).toBeUndefined();
    expect(await get(keys.goal(YL, C, unitIds[0]!, '2.1'))).toBeUndefined();
    // Unit 0's set is as it was, its queue keys untouched.
    expect(await get(keys.goalSet(YL, C, unitIds[0]!))).toMatchObject({ version: 3, counts: { draft: 1 }, updatedBy: 'someone', gsi3sk: expect.any(String) });
    expect(await get(keys.goal(YL, C, unitIds[55]!, '2.1'))).toMatchObject({ target: 70, version: 1 });
    const audit = (await listAudit(YL, beijingDate(Date.parse(at)).slice(0, 7), 50)).items.map((a) => a.action);
    expect(audit.filter((a) => a === 'goal.saveCommon')).toHaveLength(1);
    expect(audit.filter((a) => a === 'goal.saveCommon.undo')).toHaveLength(1);
  });

  it('writes every chunk when nobody is in the way (unit 55, already saved by someone, left out)', async () => {
    expect(await storeUnitWrites(actor, 'goal.saveCommon', 'common-goals:test', writes().filter((_, i) => i !== 55), ['goal_setting'], at)).toBe(2);
    expect(await get(keys.goal(YL, C, unitIds[59]!, '2.1'))).toMatchObject({ target: 90, version: 1 });
    expect(await get(keys.goalSet(YL, C, unitIds[0]!))).toMatchObject({ version: 4, counts: { draft: 2 } });
  });
});
